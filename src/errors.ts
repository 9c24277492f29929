/**
 * The one error type of jitsuin.
 *
 * Every failure the library reports is a {@link JitsuinError} whose `code` is a member of the
 * closed union {@link ErrorCode}. Codes are stable API: they appear in the published vectors and in
 * the conformance harness protocol, so they are never renamed, only added.
 *
 * @module
 */

/**
 * Descriptions of every error code, grouped by area. The keys form the closed {@link ErrorCode}
 * union; the values are the documentation shown in `docs/` and by `jitsuin conformance`.
 */
export const ERROR_CODES = {
  // --- generic ---------------------------------------------------------------------------------
  ERR_INVALID_ARGUMENT: 'A caller-supplied argument has the wrong type or is out of range.',
  ERR_INPUT_TOO_LARGE: 'An input exceeds a size limit set to bound work on hostile input.',
  ERR_INTERNAL: 'An invariant of the library failed; this is a bug in jitsuin.',

  // --- encoding --------------------------------------------------------------------------------
  ERR_ENCODING:
    'Bytes or text are not in the strict encoding required (base64url, hex, UTF-8, strict JSON).',

  // --- crypto ----------------------------------------------------------------------------------
  ERR_UNSUPPORTED_ALGORITHM:
    'The algorithm, curve, hash or key size is not one this profile allows.',
  ERR_INVALID_KEY: 'A public or private key is malformed or not on the expected curve.',
  ERR_INVALID_SIGNATURE_ENCODING:
    'A signature is not a strict DER ECDSA-Sig-Value or a raw r||s of the right length.',
  ERR_SIGNATURE_INVALID: 'A signature does not verify under the given key.',
  ERR_BACKEND_UNAVAILABLE: 'The requested crypto backend is not available in this runtime.',

  // --- jws -------------------------------------------------------------------------------------
  ERR_JWS_MALFORMED:
    'The token is not a JWS Compact Serialization of exactly three base64url segments.',
  ERR_JWS_HEADER_INVALID: 'The protected header is not strict JSON or lacks a required member.',
  ERR_JWS_ALG: 'The header `alg` is not ES256 (this includes `none`).',
  ERR_JWS_TYP: 'The header `typ` is missing or is not the message kind the verifier expects.',
  ERR_JWS_CRIT: 'The header carries `crit` (no extension is understood by this profile).',
  ERR_JWS_FORBIDDEN_HEADER:
    'The header carries a member this profile forbids (`jku`, `x5u`, `jwk`, `b64`, `zip`, ...).',
  ERR_JWS_X5C: 'The `x5c` chain is missing, empty, too long or not base64 DER.',
  ERR_JWS_PAYLOAD: 'The payload is not strict (canonical) JSON.',

  // --- x509 ------------------------------------------------------------------------------------
  ERR_CERT_MALFORMED: 'A certificate is not valid DER X.509 v3 (or has trailing bytes).',
  ERR_CERT_PROFILE: 'A certificate violates the jitsuin certificate profile.',
  ERR_PATH_NO_ISSUER: 'No certification path could be built from the leaf to a trust anchor.',
  ERR_PATH_SIGNATURE: 'A certificate signature in the path does not verify under its issuer key.',
  ERR_PATH_EXPIRED: 'A certificate in the path is expired at the validation time.',
  ERR_PATH_NOT_YET_VALID: 'A certificate in the path is not yet valid at the validation time.',
  ERR_PATH_BASIC_CONSTRAINTS:
    'An issuer in the path is not a CA or its path length constraint is exceeded.',
  ERR_PATH_KEY_USAGE: 'A certificate in the path lacks the key usage its role needs.',
  ERR_PATH_EKU: 'The leaf lacks the extended key usage the caller requires.',
  ERR_PATH_NAME_CONSTRAINTS: 'A name in the path violates a name constraint.',
  ERR_PATH_POLICY: 'The path does not satisfy the certificate policy requirements.',
  ERR_PATH_CRITICAL_EXTENSION: 'A certificate carries a critical extension that is not understood.',
  ERR_PATH_NAME_CHAINING: 'Issuer and subject names in the path do not chain.',
  ERR_REVOKED: 'A certificate in the path is revoked.',
  ERR_REVOCATION_UNKNOWN:
    'The revocation status of a certificate could not be determined (fail-closed).',
  ERR_CRL_INVALID: 'A CRL is malformed, badly signed, out of scope or stale.',
  ERR_OCSP_INVALID: 'An OCSP response is malformed, badly signed, unauthorised or stale.',

  // --- jpki / enrollment -----------------------------------------------------------------------
  ERR_JPKI_PROFILE: 'A JPKI certificate does not match the JPKI certificate profile.',
  ERR_ENROLLMENT: 'An enrollment request fails a CA check.',
  ERR_COMMON_CODE: 'A common-code assignment or re-binding is not allowed.',
  ERR_JPKI_TEST_CERTIFICATE:
    'A JPKI certificate of the test environment was presented where test certificates are not allowed.',
  ERR_ENROLLMENT_REQUEST:
    'An enrollment request is not strict JSON or has a missing, extra or ill-typed member.',
  ERR_ENROLLMENT_CHALLENGE:
    'The enrollment challenge is unknown, expired, already used, or was issued for another app.',
  ERR_ENROLLMENT_CSR:
    'The enrollment CSR is malformed, is not for a P-256 key, or its proof-of-possession signature does not verify.',
  ERR_ENROLLMENT_CARD_SIGNATURE:
    'The My Number Card signature over the enrollment to-be-signed bytes does not verify.',
  ERR_ENROLLMENT_ATTESTATION:
    'The key attestation evidence is missing where required or was rejected by the attestation verifier.',
  ERR_REBINDING: 'A common-code re-binding statement is malformed or does not verify.',

  // --- login / qr ------------------------------------------------------------------------------
  ERR_LOGIN: 'A login response fails a relying-party check.',
  ERR_CHALLENGE_UNKNOWN: 'The challenge is not known to the relying party.',
  ERR_CHALLENGE_EXPIRED: 'The challenge has expired.',
  ERR_CHALLENGE_REPLAYED: 'The challenge was already consumed.',
  ERR_QR: 'A QR offer, approval or collection fails a cross-device check.',
  ERR_LOGIN_PAYLOAD: 'A login or QR approval payload has a missing, extra or ill-typed member.',
  ERR_LOGIN_BINDING: 'The app certificate is bound to another relying party than the verifier.',
  ERR_LOGIN_RP_MISMATCH:
    'The signed RP id (or the challenge record) names another relying party than the verifier.',
  ERR_LOGIN_SESSION_BINDING:
    'The session binding of the response differs from the one of the challenge.',
  ERR_LOGIN_IAT: 'The signed issued-at time is outside the allowed clock tolerance.',
  ERR_QR_OFFER_UNKNOWN: 'The QR offer id is not known to the relying party.',
  ERR_QR_SECRET: 'The one-time secret presented for a QR offer is wrong.',
  ERR_QR_STATE: 'The QR session is not in a state that allows this transition (e.g. reused offer).',
  ERR_QR_EXPIRED: 'The QR offer (or its collection window) has expired.',
  ERR_QR_NUMBER:
    'The number chosen on the phone is not the one the PC shows; the offer is now denied.',
  ERR_QR_SESSION: 'The browser session collecting the login is not the one that created the offer.',

  // --- conformance -----------------------------------------------------------------------------
  ERR_VECTOR: 'A vector file or harness message is malformed.',

  // --- signature (CAdES) -----------------------------------------------------------------------
  ERR_CADES_MALFORMED:
    'A CMS signature is not a well-formed ContentInfo / SignedData / SignerInfo of the profile (spec/signature.md).',
  ERR_CADES_ATTRIBUTES:
    'The signed or unsigned attributes are not exactly the set the profile requires, or one of their values is wrong.',
  ERR_CADES_SIGNING_CERTIFICATE:
    'The signer certificate is missing, or signingCertificateV2 or the SignerIdentifier does not identify it.',
  ERR_CADES_DIGEST_MISMATCH:
    'The messageDigest attribute does not equal the digest of the content.',
  ERR_CADES_ALGORITHM_MISMATCH:
    'The SignerInfo digestAlgorithm differs from the hash of its signature algorithm.',
  ERR_CADES_SIGNING_TIME:
    'The signing time is not a valid UTCTime/GeneralizedTime for its year, lies after the verification or time-stamp time, or before the signer certificate was valid.',
  ERR_TIMESTAMP:
    'A signature time-stamp token is malformed, its TSA certificate is not a time-stamping certificate, or its imprint or time is wrong.',
  // --- shared stores ------------------------------------------------------------------------------
  ERR_STORE:
    'A shared store failed or answered something unusable (unreachable, not migrated, a corrupt record).',

  // --- HTTP route handlers ---------------------------------------------------------------------
  ERR_HTTP_METHOD: 'The HTTP method is not allowed on this route.',
  ERR_HTTP_NOT_FOUND: 'No route handles this path.',
  ERR_HTTP_CONTENT_TYPE: 'The request body is not declared as application/json.',
  ERR_HTTP_BODY:
    'The request body is not a JSON object with exactly the members the route expects.',
  ERR_HTTP_CSRF:
    'A browser route was called cross-site (Origin absent or not allowed, or Sec-Fetch-Site not same-origin).',
  ERR_RATE_LIMITED: 'The rate-limit hook refused the request.',

  // --- evidence log (spec/evidence-log.md) -----------------------------------------------------
  ERR_LOG_PROOF:
    'A Merkle inclusion or consistency proof is malformed or does not lead to the expected root.',
  ERR_LOG_COMMITMENT:
    'A leaf commitment does not open to the given entry and salt, or its salt is malformed.',
  ERR_LOG_NOTE_MALFORMED:
    'A signed note violates the C2SP signed-note syntax (text, blank line, signature lines, character set, limits).',
  ERR_LOG_NOTE_SIGNATURE:
    'A signed note has no verifying signature from a known key, or a signature from a known key fails.',
  ERR_LOG_KEY:
    'A note verifier or signer key (vkey) is malformed, of an unsupported type, or its key ID does not match.',
  ERR_LOG_CHECKPOINT: 'A checkpoint body is malformed, or its origin is not the one expected.',
  ERR_LOG_COSIGNATURE: 'A cosignature/v1 signature line is malformed.',
  ERR_LOG_POLICY: 'A tlog-policy text is malformed (syntax, names, thresholds, duplicate keys).',
  ERR_LOG_QUORUM:
    'A checkpoint is not signed by a log of the policy, or its cosignatures do not satisfy the quorum.',
  ERR_LOG_RECEIPT: 'A tlog-proof receipt is malformed.',
  ERR_LOG_ROLLBACK: 'A checkpoint is older than the trusted checkpoint of the client (rollback).',
  ERR_LOG_MISBEHAVIOUR:
    'The log signed two checkpoints that cannot both be true; `details.evidence` holds both signed notes (and the proof).',
  ERR_LOG_TILE:
    'A tile or entry bundle fetched from a log is missing, malformed, or of the wrong size.',
  ERR_LOG_STATE:
    'Log state is not what the operation needs: a compare-and-swap on client state lost a race (retry), or a log writer whose last integration failed (resume it from its store).',

  // --- consent (spec/consent.md) ---------------------------------------------------------------
  ERR_CONSENT_REQUEST:
    'A consent request payload has a missing, extra or ill-typed member, or breaks a rule of its structure (validity, ids, data items).',
  ERR_CONSENT_RP:
    'The relying-party certificate does not name the rpId the signed payload gives for its signer.',
  ERR_CONSENT_DISPLAY:
    'A consent display text lacks a required element, has them out of order, or is too long.',
  ERR_CONSENT_DECISION:
    'A consent decision payload has a missing, extra or ill-typed member, or an ill-formed approved subset.',
  ERR_CONSENT_BINDING:
    'A decision, withdrawal or transfer record refers to another consent request (or decision) than the one it comes with.',
  ERR_CONSENT_PERSON:
    "The signer's common code (or the provider's customer record) is not the person the consent request names.",
  ERR_CONSENT_REFUSED: 'The person refused the consent request.',
  ERR_CONSENT_SCOPE:
    'A transfer or data item is outside the subset the person approved, or a decision widens the request.',
  ERR_CONSENT_PROVIDER:
    'The transfer is not in the request, or the request names another provider for it.',
  ERR_CONSENT_RECIPIENT: 'The recipient is not the one the person approved for this transfer.',
  ERR_CONSENT_PURPOSE: 'The purpose is not the one the person approved.',
  ERR_CONSENT_EXPIRED:
    'The time, or the decision time, is outside the validity window of the consent request.',
  ERR_CONSENT_WITHDRAWN: 'The person withdrew this consent.',
  ERR_CONSENT_USED_UP:
    'The use limit of this transfer is exhausted (e.g. a single-use decision replayed).',
  ERR_CONSENT_WITHDRAWAL: 'A consent withdrawal payload has a missing, extra or ill-typed member.',
  ERR_TRANSFER_RECORD:
    'A transfer record payload is malformed or disagrees with the request it names.',
  ERR_CONSENT_EVIDENCE:
    'The evidence of a consent is incomplete (an event without receipt or salt, or no request).',
  ERR_CONSENT_RATE:
    'The app has shown the most consent requests of this requester it may in the current day.',
} as const;

/** The closed union of error codes. See {@link ERROR_CODES} for their meaning. */
// Extract<…, string> (not a bare keyof) so that TypeScript keeps the alias name: editors and the API
// reference show `ErrorCode` instead of expanding all the codes inline.
export type ErrorCode = Extract<keyof typeof ERROR_CODES, string>;

/** Options of the {@link JitsuinError} constructor. */
export interface JitsuinErrorOptions {
  /** The spec requirement id the failed check enforces, e.g. `JWS-04`. */
  readonly requirement?: string;
  /** The lower-level failure, if any. */
  readonly cause?: unknown;
  /**
   * Structured facts about the failure that a caller may act on (e.g. for `ERR_REVOKED`: the
   * reason, revocation date and source). Each code that sets details documents their members.
   */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The error thrown by every jitsuin function. Test `err.code`, never the message. */
export class JitsuinError extends Error {
  /** Stable machine-readable code. */
  readonly code: ErrorCode;
  /** The spec requirement id the failed check enforces, when there is one. */
  readonly requirement: string | undefined;
  /** Structured facts about the failure, for the codes that document them; else `undefined`. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: JitsuinErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'JitsuinError';
    this.code = code;
    this.requirement = options.requirement;
    this.details = options.details;
  }
}

/** True when `value` is a {@link JitsuinError}, optionally with the given code. */
export function isJitsuinError(value: unknown, code?: ErrorCode): value is JitsuinError {
  return value instanceof JitsuinError && (code === undefined || value.code === code);
}
