/**
 * The consent request (spec/consent.md §3.1, §3.2): made and signed by the requester, decoded and
 * verified by the person's app, which shows its display text and nothing else (§4).
 * @module
 */
import { fail } from '../internal/fail.js';
import {
  base64urlEncode,
  decodeFixedBase64url,
  type JsonObject,
  type JsonValue,
} from '../encoding/index.js';
import { randomBytes } from '../crypto/hash.js';
import { JWS_TYP, signJws, type JwsSigner } from '../jws/index.js';
import { parseCertificate } from '../x509/certificate.js';
import type { RelyingPartyCertificate } from '../x509/rp-certificate.js';
import { checkDisplayTexts, type ConsentLanguage } from './display.js';
import {
  parseRequestPayload,
  type ConsentRequestPayload,
  type ConsentText,
  type ConsentTransfer,
} from './model.js';
import {
  checkTrust,
  consentIdOf,
  tokenHashAsync,
  verifyRpToken,
  type ConsentTrustOptions,
} from './trust.js';
import type { ConsentRateLimiter } from './stores.js';

/** The `typ` of a consent request. */
export const CONSENT_REQUEST_TYP = JWS_TYP.consentRequest;

/** Options of {@link createConsentRequest}. */
export interface CreateConsentRequestOptions {
  /** The requester's rpId; must be the rpId of its relying-party certificate. */
  readonly requester: string;
  /** The person's 16-byte common code (from their login). */
  readonly person: Uint8Array;
  readonly transfers: readonly ConsentTransfer[];
  readonly purpose: { readonly code: string; readonly text: ConsentText };
  readonly retention: { readonly days: number; readonly text: ConsentText };
  /** Uses per transfer (default 1: a single transfer). */
  readonly uses?: number;
  /** Start of validity (the requester's time). */
  readonly iat: number;
  /** End of validity. */
  readonly exp: number;
  /** The exact texts the app shows; must satisfy the display rule (CON-12, CON-13). */
  readonly display: ConsentText;
  /** 32 random bytes; default from the platform CSPRNG (fixed only in vectors). */
  readonly nonce?: Uint8Array;
  /** Signs with the requester's relying-party key. */
  readonly signer: JwsSigner;
  /** The relying-party certificate chain, DER, leaf first. */
  readonly certificateChain: readonly Uint8Array[];
}

/** A signed consent request and its consent id. */
export interface SignedConsentRequest {
  readonly token: string;
  /** base64url SHA-256 of the token: what decisions, withdrawals and records refer to. */
  readonly consentId: string;
}

/**
 * Builds and signs a consent request. The payload goes through the verifiers' own parser and the
 * display rule against the leaf certificate's organisation name before it is signed, so a request
 * the apps would refuse is never produced.
 */
export async function createConsentRequest(
  options: CreateConsentRequestOptions,
): Promise<SignedConsentRequest> {
  if (typeof options !== 'object' || options === null)
    fail('ERR_INVALID_ARGUMENT', 'createConsentRequest: options are required');
  if (!(options.person instanceof Uint8Array) || options.person.length !== 16)
    fail('ERR_INVALID_ARGUMENT', 'createConsentRequest: person must be the 16-byte common code');
  const nonce = options.nonce ?? randomBytes(32);
  if (!(nonce instanceof Uint8Array) || nonce.length !== 32)
    fail('ERR_INVALID_ARGUMENT', 'createConsentRequest: nonce must be 32 bytes');
  const leaf = options.certificateChain?.[0];
  if (!(leaf instanceof Uint8Array))
    fail(
      'ERR_INVALID_ARGUMENT',
      'createConsentRequest: certificateChain must hold the relying-party certificate first',
    );
  let raw: JsonValue;
  try {
    // A deep copy of the caller's objects; a BigInt or a cycle is a bad argument (a dropped function
    // or undefined member is then named by the parser).
    raw = JSON.parse(
      JSON.stringify({
        v: 1,
        requester: options.requester,
        person: base64urlEncode(options.person),
        nonce: base64urlEncode(nonce),
        iat: options.iat,
        exp: options.exp,
        uses: options.uses ?? 1,
        purpose: options.purpose,
        retention: options.retention,
        transfers: options.transfers,
        display: options.display,
      }),
    ) as JsonValue;
  } catch (e) {
    return fail(
      'ERR_INVALID_ARGUMENT',
      'createConsentRequest: the request members must be JSON values',
      undefined,
      e,
    );
  }
  const payload = parseRequestPayload(raw);
  const cert = parseCertificate(leaf);
  const san = cert.subjectAltName;
  if (san?.length !== 1 || san[0]?.type !== 'dNSName' || san[0].value !== payload.requester)
    fail('ERR_CONSENT_RP', 'the requester is not the rpId of the signing certificate', 'CON-02');
  checkDisplayTexts(payload, organisationOf(cert.subject.rdns));
  const token = await signJws({
    typ: CONSENT_REQUEST_TYP,
    payload: raw as JsonObject,
    certificateChain: options.certificateChain,
    signer: options.signer,
  });
  return { token, consentId: consentIdOf(token) };
}

function organisationOf(
  rdns: readonly (readonly { readonly type: string; readonly value: string }[])[],
): string {
  return rdns.flat().find((a) => a.type === '2.5.4.10')?.value ?? '';
}

/** A verified consent request, as the app shows it and every verifier uses it. */
export interface DecodedConsentRequest {
  /** The token exactly as received: the decision signs its hash. */
  readonly token: string;
  readonly consentId: string;
  readonly payload: ConsentRequestPayload;
  /** The requester's validated relying-party certificate (rpId, organisation name). */
  readonly requester: RelyingPartyCertificate;
  /** The person's common code (16 bytes). */
  readonly person: Uint8Array;
}

/** Fails with ERR_INVALID_ARGUMENT unless `r` has the shape of a {@link DecodedConsentRequest}. @internal */
export function checkDecoded(r: unknown, where: string): asserts r is DecodedConsentRequest {
  const d = r as Partial<DecodedConsentRequest> | null;
  const ok =
    typeof d === 'object' &&
    d !== null &&
    typeof d.token === 'string' &&
    typeof d.consentId === 'string' &&
    typeof d.payload === 'object' &&
    d.payload !== null &&
    typeof d.payload.person === 'string' &&
    Array.isArray(d.payload.transfers);
  if (!ok)
    fail(
      'ERR_INVALID_ARGUMENT',
      `${where}: the request must be what decodeConsentRequest returned`,
    );
}

/** What the app shows: the decoded request and the one text to put on the screen. */
export interface ConsentScreen extends DecodedConsentRequest {
  /** The display text in the chosen language, to be shown verbatim and alone (CON-14). */
  readonly text: string;
  readonly lang: ConsentLanguage;
}

/**
 * Verifies a request token without the app's screen rules: profile, relying-party chain and rpId
 * ([CON-01], [CON-02]), payload ([CON-03]..[CON-06]), display texts ([CON-12], [CON-13]). @internal
 */
export async function verifyConsentRequest(
  token: unknown,
  options: ConsentTrustOptions,
): Promise<DecodedConsentRequest> {
  const { payload, rp } = await verifyRpToken(token, CONSENT_REQUEST_TYP, 'requester', options);
  const p = parseRequestPayload(payload);
  checkDisplayTexts(p, rp.organisation);
  const t = token as string;
  const person = decodeFixedBase64url(p.person, 16);
  return { token: t, consentId: await tokenHashAsync(t), payload: p, requester: rp, person };
}

/** Options of {@link decodeConsentRequest}. */
export interface DecodeConsentRequestOptions extends ConsentTrustOptions {
  /** The language the person reads (default `ja`); `en` only when the request carries English. */
  readonly lang?: ConsentLanguage;
  /** The app's limit on requests per requester and day (CON-16); none when absent. */
  readonly rateLimiter?: ConsentRateLimiter;
}

/**
 * The app's side (spec/consent.md §4): verifies the request as every party does, checks it is
 * within its validity at `time` ([CON-27]) and within the rate limit ([CON-16]), and returns the
 * one display text to show ([CON-14]).
 */
export async function decodeConsentRequest(
  token: string,
  options: DecodeConsentRequestOptions,
): Promise<ConsentScreen> {
  checkTrust(options, 'decodeConsentRequest');
  const lang = options.lang ?? 'ja';
  if (lang !== 'ja' && lang !== 'en')
    fail('ERR_INVALID_ARGUMENT', 'decodeConsentRequest: lang is "ja" or "en"');
  const d = await verifyConsentRequest(token, options);
  if (options.time < d.payload.iat - 60 || options.time > d.payload.exp)
    fail(
      'ERR_CONSENT_EXPIRED',
      `the request is valid ${d.payload.iat}..${d.payload.exp}, not at ${options.time}`,
      'CON-27',
    );
  const text = lang === 'ja' ? d.payload.display.ja : d.payload.display.en;
  if (text === undefined)
    fail('ERR_CONSENT_DISPLAY', 'the request has no English display text', 'CON-13');
  if (
    options.rateLimiter !== undefined &&
    !(await options.rateLimiter.allow(d.payload.requester, d.consentId, options.time))
  ) {
    fail(
      'ERR_CONSENT_RATE',
      `too many consent requests from ${d.payload.requester} today`,
      'CON-16',
    );
  }
  return { ...d, text, lang };
}
