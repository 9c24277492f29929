/**
 * What every consent verifier is given (its own trust anchors, revocation data, time) and the two
 * chain validations of spec/consent.md: relying-party keys ([CON-01], [CON-02]) and app keys with
 * the consent key purpose ([CON-18]).
 * @module
 */
import { fail } from '../internal/fail.js';
import { base64urlEncode, isIntegerSeconds, type JsonObject } from '../encoding/index.js';
import { sha256 } from '../crypto/hash.js';
import { resolveBackend } from '../crypto/backend.js';
import { subtle } from '../crypto/internal/webcrypto.js';
import { utf8Encode } from '../encoding/utf8.js';
import { verifyJws } from '../jws/index.js';
import { JITSUIN_OID } from '../x509/oids.js';
import { validateCarriedChain } from '../x509/carried-chain.js';
import type { Certificate } from '../x509/certificate.js';
import {
  validateRelyingPartyCertificate,
  type RelyingPartyCertificate,
} from '../x509/rp-certificate.js';
import type { TrustInputs } from '../x509/trust-inputs.js';

/** The verifier's own trust inputs: anchors, revocation (fails closed when absent) and time. */
export type ConsentTrustOptions = TrustInputs;

/** A validated app certificate of the person (consent key purpose). */
export interface ConsentAppCertificate {
  readonly certificate: Certificate;
  /** The person's 16-byte common code. */
  readonly commonCode: Uint8Array;
  /** The common code as base64url (as consent payloads carry it). */
  readonly person: string;
}

/** Argument checks shared by every consent verifier. @internal */
export function checkTrust(options: ConsentTrustOptions, where: string): void {
  if (typeof options !== 'object' || options === null)
    fail('ERR_INVALID_ARGUMENT', `${where}: options are required`);
  if (
    !Array.isArray(options.trustAnchors) ||
    options.trustAnchors.length === 0 ||
    !options.trustAnchors.every((a) => a instanceof Uint8Array)
  ) {
    fail(
      'ERR_INVALID_ARGUMENT',
      `${where}: trustAnchors must be a non-empty array of DER certificates`,
    );
  }
  if (!isIntegerSeconds(options.time))
    fail('ERR_INVALID_ARGUMENT', `${where}: time must be integer seconds since the epoch`);
}

function pathOptions(options: ConsentTrustOptions): ConsentTrustOptions {
  return {
    trustAnchors: options.trustAnchors,
    time: options.time,
    ...(options.intermediates === undefined ? {} : { intermediates: options.intermediates }),
    ...(options.revocation === undefined ? {} : { revocation: options.revocation }),
  };
}

/** The consent id of a request token: base64url SHA-256 of its ASCII bytes (spec/consent.md §3). */
export function consentIdOf(requestToken: string): string {
  if (typeof requestToken !== 'string')
    fail('ERR_INVALID_ARGUMENT', 'consentIdOf: the request token must be a string');
  return tokenHash(requestToken);
}

/** base64url SHA-256 of a token's ASCII bytes: how consent messages refer to each other. @internal */
export function tokenHash(token: string): string {
  return base64urlEncode(sha256(utf8Encode(token)));
}

/**
 * {@link tokenHash} through the platform's native SHA-256 when the WebCrypto backend is in use (a
 * request token is kilobytes; the pure-JS hash costs about a third of a signature check there),
 * the same bytes otherwise. @internal
 */
export async function tokenHashAsync(token: string): Promise<string> {
  const bytes = utf8Encode(token);
  if (resolveBackend() !== 'webcrypto') return base64urlEncode(sha256(bytes));
  return base64urlEncode(
    new Uint8Array(await subtle().digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)),
  );
}

/**
 * Verifies a token signed by a relying-party key: JWS profile with `typ`, path validation with the
 * relying-party profile ([CON-01]), and the signer rpId the payload member `member` names ([CON-02]).
 * @internal
 */
export async function verifyRpToken(
  token: unknown,
  typ: string,
  member: string,
  options: ConsentTrustOptions,
): Promise<{ payload: JsonObject; rp: RelyingPartyCertificate }> {
  if (typeof token !== 'string') fail('ERR_JWS_MALFORMED', 'token: expected a string', 'JWS-01');
  const trust = pathOptions(options);
  const v = await verifyJws(token, {
    typ,
    validateChain: (chain) => validateRelyingPartyCertificate(chain, trust),
  });
  const rp = v.chain!;
  const claimed = v.payload[member];
  if (claimed !== rp.rpId)
    fail(
      'ERR_CONSENT_RP',
      `the payload names ${JSON.stringify(claimed)} as ${member}, but the signing certificate is for ${JSON.stringify(rp.rpId)}`,
      'CON-02',
    );
  return { payload: v.payload, rp };
}

/**
 * Verifies a token signed by an app key of the person: JWS profile with `typ`, path validation
 * with the app-authentication profile, the consent key purpose and revocation ([CON-18]). Any app
 * of the person may sign: the app binding is not checked.
 * @internal
 */
export async function verifyAppConsentToken(
  token: unknown,
  typ: string,
  options: ConsentTrustOptions,
): Promise<{ payload: JsonObject; app: ConsentAppCertificate }> {
  if (typeof token !== 'string') fail('ERR_JWS_MALFORMED', 'token: expected a string', 'JWS-01');
  const trust = pathOptions(options);
  const v = await verifyJws(token, {
    typ,
    validateChain: async (chain) => {
      const r = await validateCarriedChain(chain, trust, {
        profile: 'app-authentication',
        requiredEku: JITSUIN_OID.ekuConsent,
      });
      if (r.commonCode === undefined)
        fail('ERR_CERT_PROFILE', 'the app certificate has no common code', 'CERT-23');
      return {
        certificate: r.leaf,
        commonCode: r.commonCode.slice(),
        person: base64urlEncode(r.commonCode),
      };
    },
  });
  return { payload: v.payload, app: v.chain! };
}
