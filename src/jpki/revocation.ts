/**
 * JPKI revocation reasons and what each means for the common code (spec/jpki.md §6).
 * @module
 */
import { isJitsuinError } from '../errors.js';
import type { RsaPublicKey } from '../crypto/keys.js';
import { verifyRsaPkcs1v15 } from '../crypto/rsa.js';
import type { Certificate } from '../x509/certificate.js';
import { namesMatch } from '../x509/name.js';
import { PKIX_OID } from '../x509/oids.js';
import { parseCrl, type Crl } from '../x509/revocation/crl.js';
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
export type JpkiRevocationEffect = 'rebind-via-link' | 'suspended' | 'retire' | 'review-and-enrol-again' | 'enrol-again';

/** The effect of each CRL reason on the common code ([JPKI-19]). */
export const JPKI_REVOCATION_EFFECTS: Readonly<Record<RevocationReason, JpkiRevocationEffect>> = Object.freeze({
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

/** A revocation entry found for a JPKI certificate in a CRL signed by its issuer. */
export interface JpkiRevocationDetails {
  readonly reason: RevocationReason;
  /** revocationDate, seconds since the epoch. */
  readonly revocationDate: number;
  readonly effect: JpkiRevocationEffect;
}

/**
 * Looks `certificate` up in the CRLs that `issuer` signed (name match and RSA signature checked;
 * others are ignored) and returns the entry of the newest such CRL, or `undefined`. Used after
 * `checkRevocation` has established that the certificate is revoked, to report why. @internal
 */
export async function findJpkiRevocation(certificate: Certificate, issuer: Certificate, crls: readonly Uint8Array[]): Promise<JpkiRevocationDetails | undefined> {
  let best: { crl: Crl; details: JpkiRevocationDetails } | undefined;
  for (const der of crls) {
    let crl: Crl;
    try {
      crl = parseCrl(der);
    } catch (e) {
      if (isJitsuinError(e)) continue;
      throw e;
    }
    if (!namesMatch(crl.issuer, certificate.issuer) || crl.signatureAlgorithm.oid !== PKIX_OID.sha256WithRsa) continue;
    const entry = crl.entries.get(certificate.serialNumber)?.find((e) => e.certificateIssuer === undefined || namesMatch(e.certificateIssuer, certificate.issuer));
    if (entry === undefined) continue;
    try {
      await verifyRsaPkcs1v15(issuer.publicKey as RsaPublicKey, crl.tbs, crl.signature, 'SHA-256');
    } catch (e) {
      if (isJitsuinError(e)) continue;
      throw e;
    }
    if (best === undefined || crl.thisUpdate > best.crl.thisUpdate) {
      best = { crl, details: { reason: entry.reason, revocationDate: entry.revocationDate, effect: JPKI_REVOCATION_EFFECTS[entry.reason] } };
    }
  }
  return best?.details;
}
