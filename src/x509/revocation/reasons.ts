/**
 * CRL reason codes (RFC 5280 §5.3.1) and ReasonFlags masks (§4.2.1.13).
 * @module
 */

/** A revocation reason as RFC 5280 names it. */
export type RevocationReason =
  | 'unspecified'
  | 'keyCompromise'
  | 'cACompromise'
  | 'affiliationChanged'
  | 'superseded'
  | 'cessationOfOperation'
  | 'certificateHold'
  | 'removeFromCRL'
  | 'privilegeWithdrawn'
  | 'aACompromise';

/** CRLReason ENUMERATED values; 7 is unused by RFC 5280. @internal */
export const REASON_CODES: Readonly<Record<number, RevocationReason>> = {
  0: 'unspecified',
  1: 'keyCompromise',
  2: 'cACompromise',
  3: 'affiliationChanged',
  4: 'superseded',
  5: 'cessationOfOperation',
  6: 'certificateHold',
  8: 'removeFromCRL',
  9: 'privilegeWithdrawn',
  10: 'aACompromise',
};

/** The ENUMERATED value of a reason. @internal */
export function reasonCode(reason: RevocationReason): number {
  for (const [code, name] of Object.entries(REASON_CODES)) if (name === reason) return Number(code);
  return 0;
}

/** ReasonFlags bit positions of the reasons a CRL can be partitioned by. @internal */
const FLAG_BITS: readonly RevocationReason[] = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'privilegeWithdrawn',
  'aACompromise',
];

/** Mask of every reason (bits 1..8 of ReasonFlags; bit 0 is `unused`). @internal */
export const ALL_REASONS = 0x1fe;

/** ReasonFlags bits (BIT STRING contents after the unused-bits octet) as a mask; bits past 8 are ignored. @internal */
export function reasonBitsToMask(bits: Uint8Array): number {
  let mask = 0;
  for (let i = 1; i < Math.min(bits.length * 8, 9); i++)
    if (((bits[i >> 3] ?? 0) >> (7 - (i & 7))) & 1) mask |= 1 << i;
  return mask;
}

/** Reason flag names (as `DistributionPoint.reasons` carries them) as a mask. @internal */
export function reasonNamesToMask(names: readonly string[]): number {
  let mask = 0;
  for (const name of names) {
    const i = FLAG_BITS.indexOf(name as RevocationReason);
    if (i > 0) mask |= 1 << i;
  }
  return mask;
}

/** A mask as the names of its reasons, for messages. @internal */
export function maskToText(mask: number): string {
  return FLAG_BITS.filter((_, i) => i > 0 && (mask & (1 << i)) !== 0).join(', ') || '(none)';
}
