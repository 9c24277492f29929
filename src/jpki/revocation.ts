/**
 * JPKI revocation reasons and what each means for the common code (spec/jpki.md §6).
 * @module
 */
import { revokedDetailsOf } from '../x509/revocation/check.js';
import type { RevocationReason } from '../x509/revocation/reasons.js';

/**
 * What a revocation means for the person's common code:
 * - `rebind-via-link`: a renewal or a change of name or address; J-LIS links the new certificate
 *   to this one, and the code carries over through a re-binding (spec/common-code.md §4).
 * - `suspended`: certificate hold; enrolment is refused while it lasts, the code is unchanged.
 * - `retire`: the certificate's use ended (e.g. the card was returned); no enrolment on it.
 * - `review-and-enrol-again`: key compromise; the CA reviews app certificates enrolled with it and
 *   the person enrols again with new evidence.
 * - `enrol-again`: any other reason; the person enrols again with new evidence.
 */
export type JpkiRevocationEffect =
  'rebind-via-link' | 'suspended' | 'retire' | 'review-and-enrol-again' | 'enrol-again';

/** The effect of each CRL reason on the common code ([JPKI-19]). */
export const JPKI_REVOCATION_EFFECTS: Readonly<Record<RevocationReason, JpkiRevocationEffect>> =
  Object.freeze({
    superseded: 'rebind-via-link',
    affiliationChanged: 'rebind-via-link',
    certificateHold: 'suspended',
    cessationOfOperation: 'retire',
    keyCompromise: 'review-and-enrol-again',
    unspecified: 'enrol-again',
    cACompromise: 'enrol-again',
    privilegeWithdrawn: 'enrol-again',
    aACompromise: 'enrol-again',
    removeFromCRL: 'enrol-again',
  });

/**
 * Why a JPKI certificate is revoked: the entry of the CRL that revoked it in `checkRevocation`
 * (the same CRL, so reason and date never come from another one) and its effect on the common code.
 */
export interface JpkiRevocationDetails {
  readonly reason: RevocationReason;
  /** revocationDate, seconds since the epoch. */
  readonly revocationDate: number;
  readonly effect: JpkiRevocationEffect;
}

/**
 * The {@link JpkiRevocationDetails} of an `ERR_REVOKED` thrown by `checkRevocation` (directly or as
 * the `cause` of a re-thrown error), read from the error's `details`; `undefined` for any other
 * error. No CRL is parsed again. @internal
 */
export function jpkiRevocationOf(error: unknown): JpkiRevocationDetails | undefined {
  const d = revokedDetailsOf(error);
  return d === undefined
    ? undefined
    : {
        reason: d.reason,
        revocationDate: d.revocationDate,
        effect: JPKI_REVOCATION_EFFECTS[d.reason],
      };
}
