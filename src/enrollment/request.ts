/**
 * The enrollment request: wire format (strict JSON) and the app side that builds it
 * (spec/enrollment.md §3).
 * @module
 */
import { isJitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { base64urlDecode, base64urlEncode } from '../encoding/base64url.js';
import { canonicalize } from '../encoding/canonicalize.js';
import { parseStrict } from '../encoding/parse.js';
import { utf8Encode } from '../encoding/utf8.js';
import type { JsonObject, JsonValue } from '../encoding/json-value.js';
import { readJpkiCertificate } from '../jpki/read.js';
import { verifyJpkiSignature } from '../jpki/signature.js';
import { isBindingId, type EnrollmentChallenge } from './challenge.js';
import { buildEnrollmentCsr, MAX_CSR_SIZE, type CsrSigner } from './csr.js';
import { enrollmentToBeSigned } from './tbs.js';
import { objectArgument } from '../internal/args.js';

/** Largest encoded request accepted, in bytes. */
export const MAX_ENROLLMENT_REQUEST_SIZE = 256 * 1024;
/** Largest attestation evidence accepted, in bytes. */
export const MAX_ATTESTATION_SIZE = 128 * 1024;

/** An enrollment request, decoded. */
export interface EnrollmentRequest {
  /** Format version: 1. */
  readonly v: 1;
  /** The CA's challenge (base64url, as issued). */
  readonly challenge: string;
  readonly rpId: string;
  readonly appId: string;
  /** DER PKCS#10 CSR for the hardware P-256 key. */
  readonly csr: Uint8Array;
  /** DER JPKI signature certificate read from the card. */
  readonly jpkiCertificate: Uint8Array;
  /** The card's RSASSA-PKCS1-v1_5 SHA-256 signature over `enrollmentToBeSigned(...)`. */
  readonly cardSignature: Uint8Array;
  /** Opaque key-attestation evidence (App Attest, Android key attestation chain, ...). */
  readonly attestation?: Uint8Array;
}

/** Encodes a request as strict (canonical) JSON with base64url binary members. */
export function encodeEnrollmentRequest(request: EnrollmentRequest): string {
  objectArgument(request, 'encodeEnrollmentRequest: request');
  const o: JsonObject = {
    v: 1,
    challenge: request.challenge,
    rpId: request.rpId,
    appId: request.appId,
    csr: base64urlEncode(request.csr),
    jpkiCertificate: base64urlEncode(request.jpkiCertificate),
    cardSignature: base64urlEncode(request.cardSignature),
    ...(request.attestation === undefined
      ? {}
      : { attestation: base64urlEncode(request.attestation) }),
  };
  return canonicalize(o);
}

const MEMBERS = new Set([
  'v',
  'challenge',
  'rpId',
  'appId',
  'csr',
  'jpkiCertificate',
  'cardSignature',
  'attestation',
]);

function bad(message: string, cause?: unknown): never {
  return fail('ERR_ENROLLMENT_REQUEST', `enrollment request: ${message}`, 'ENR-02', cause);
}

function binary(o: Readonly<Record<string, JsonValue>>, name: string, max: number): Uint8Array {
  const v = o[name];
  if (typeof v !== 'string') bad(`member ${name} is missing or not a string`);
  if (v.length > Math.ceil((max * 4) / 3)) bad(`member ${name} is longer than ${max} bytes`);
  let bytes: Uint8Array;
  try {
    bytes = base64urlDecode(v, name);
  } catch (e) {
    return bad(`member ${name} is not unpadded base64url`, e);
  }
  if (bytes.length === 0) bad(`member ${name} is empty`);
  return bytes;
}

/**
 * Decodes a request ([ENR-02]): strict canonical JSON (RFC 8785), exactly the members of
 * {@link EnrollmentRequest}, `v` = 1, strings of the right shape, binary as unpadded base64url.
 *
 * @throws JitsuinError ERR_ENROLLMENT_REQUEST.
 */
export function decodeEnrollmentRequest(encoded: string | Uint8Array): EnrollmentRequest {
  const bytes =
    typeof encoded === 'string'
      ? (() => {
          try {
            return utf8Encode(encoded);
          } catch (e) {
            return bad('not UTF-8', e);
          }
        })()
      : encoded;
  if (!(bytes instanceof Uint8Array)) bad('expected a string or bytes');
  if (bytes.length > MAX_ENROLLMENT_REQUEST_SIZE)
    bad(`${bytes.length} bytes exceed ${MAX_ENROLLMENT_REQUEST_SIZE}`);
  let value: JsonValue;
  try {
    value = parseStrict(bytes, { maxBytes: MAX_ENROLLMENT_REQUEST_SIZE });
  } catch (e) {
    return bad(`not strict canonical JSON${isJitsuinError(e) ? `: ${e.message}` : ''}`, e);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad('not a JSON object');
  const o = value as Readonly<Record<string, JsonValue>>;
  for (const k of Object.keys(o)) if (!MEMBERS.has(k)) bad(`unknown member ${JSON.stringify(k)}`);
  if (o.v !== 1) bad('v is not 1');
  if (typeof o.challenge !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(o.challenge))
    bad('challenge is not base64url of 32 bytes');
  if (!isBindingId(o.rpId)) bad('rpId is missing or malformed');
  if (!isBindingId(o.appId)) bad('appId is missing or malformed');
  const out: EnrollmentRequest = {
    v: 1,
    challenge: o.challenge,
    rpId: o.rpId,
    appId: o.appId,
    csr: binary(o, 'csr', MAX_CSR_SIZE),
    jpkiCertificate: binary(o, 'jpkiCertificate', 16 * 1024),
    cardSignature: binary(o, 'cardSignature', 1024),
  };
  return o.attestation === undefined
    ? out
    : { ...out, attestation: binary(o, 'attestation', MAX_ATTESTATION_SIZE) };
}

/**
 * Checks a request given as an object exactly as {@link decodeEnrollmentRequest} checks the wire
 * form ([ENR-02]): the CA's checks must not depend on whether the caller parsed the JSON itself.
 * @internal
 */
export function checkEnrollmentRequest(request: EnrollmentRequest): EnrollmentRequest {
  if (request === null || typeof request !== 'object') bad('not an object');
  for (const k of Object.keys(request))
    if (!MEMBERS.has(k)) bad(`unknown member ${JSON.stringify(k)}`);
  if (request.v !== 1) bad('v is not 1');
  const binaries = [
    request.csr,
    request.jpkiCertificate,
    request.cardSignature,
    ...(request.attestation === undefined ? [] : [request.attestation]),
  ];
  if (!binaries.every((b) => b instanceof Uint8Array)) bad('a binary member is not a Uint8Array');
  if (
    typeof request.challenge !== 'string' ||
    typeof request.rpId !== 'string' ||
    typeof request.appId !== 'string'
  )
    bad('challenge, rpId and appId must be strings');
  return decodeEnrollmentRequest(encodeEnrollmentRequest(request));
}

/** Inputs of {@link createEnrollmentRequest}. */
export interface CreateEnrollmentRequestOptions {
  /** The challenge received from the CA. */
  readonly challenge: EnrollmentChallenge;
  /** This app's identifier; must equal the challenge's `appId`. */
  readonly appId: string;
  /** The hardware key that the certificate will certify. */
  readonly csrSigner: CsrSigner;
  /** DER of the card's JPKI signature certificate (read over NFC). */
  readonly jpkiCertificate: Uint8Array;
  /** Asks the card to sign `tbs` (RSASSA-PKCS1-v1_5 SHA-256, after the user's PIN). */
  readonly signWithCard: (tbs: Uint8Array) => Promise<Uint8Array>;
  /** Produces key-attestation evidence bound to the challenge, when the platform has it. */
  readonly attest?: (context: {
    readonly challenge: string;
    readonly csr: Uint8Array;
  }) => Promise<Uint8Array>;
}

/** What {@link createEnrollmentRequest} returns. */
export interface CreatedEnrollmentRequest {
  readonly request: EnrollmentRequest;
  /** The request as sent to the CA. */
  readonly encoded: string;
  /** The bytes the card signed. */
  readonly tbs: Uint8Array;
}

/**
 * App side: builds the CSR, has the card sign the to-be-signed bytes, checks that signature
 * locally (a wrong card or certificate fails here, not at the CA), and assembles the request.
 *
 * @throws JitsuinError ERR_ENROLLMENT_CHALLENGE (challenge for another app), ERR_JPKI_PROFILE
 *   (not a signature certificate), ERR_SIGNATURE_INVALID (the card's signature does not verify).
 */
export async function createEnrollmentRequest(
  options: CreateEnrollmentRequestOptions,
): Promise<CreatedEnrollmentRequest> {
  objectArgument(options, 'createEnrollmentRequest: options');
  objectArgument(options.challenge, 'createEnrollmentRequest: options.challenge');
  const { challenge } = options;
  if (challenge.appId !== options.appId)
    fail(
      'ERR_ENROLLMENT_CHALLENGE',
      `challenge was issued for app ${JSON.stringify(challenge.appId)}, not ${JSON.stringify(options.appId)}`,
      'ENR-14',
    );
  const jpki = readJpkiCertificate(options.jpkiCertificate);
  if (jpki.kind !== 'sign')
    fail(
      'ERR_JPKI_PROFILE',
      "enrollment needs the card's signature certificate (署名用電子証明書), not the user-authentication one",
      'ENR-06',
    );
  const csr = await buildEnrollmentCsr(options.csrSigner, challenge);
  const tbs = enrollmentToBeSigned({
    challenge: challenge.challenge,
    rpId: challenge.rpId,
    appId: challenge.appId,
    csr,
  });
  const cardSignature = await options.signWithCard(tbs);
  await verifyJpkiSignature(jpki, tbs, cardSignature, { kind: 'sign' });
  const attestation =
    options.attest === undefined
      ? undefined
      : await options.attest({ challenge: challenge.challenge, csr });
  const request: EnrollmentRequest = {
    v: 1,
    challenge: challenge.challenge,
    rpId: challenge.rpId,
    appId: challenge.appId,
    csr,
    jpkiCertificate: options.jpkiCertificate,
    cardSignature,
    ...(attestation === undefined ? {} : { attestation }),
  };
  return { request, encoded: encodeEnrollmentRequest(request), tbs };
}
