/** Types and limits of the JWS profile (spec/jws.md). @module */
import type { JsonObject, JsonValue } from '../encoding/json-value.js';
import type { Certificate } from '../x509/certificate.js';

/** The protected header of a jitsuin JWS: exactly these three members (spec/jws.md §2.2). */
export interface JwsHeader {
  readonly alg: 'ES256';
  readonly typ: string;
  /** The certificates as they travel: canonical standard base64 of DER, leaf first. */
  readonly x5c: readonly string[];
}

/** Size limits (spec/jws.md §6). Every limit is a positive integer. */
export interface JwsLimits {
  /** Characters of the whole token. */
  readonly maxTokenLength: number;
  /** Decoded octets of the protected header. */
  readonly maxHeaderBytes: number;
  /** Decoded octets of the payload. */
  readonly maxPayloadBytes: number;
  /** Elements of `x5c`. */
  readonly maxChainLength: number;
  /** Decoded octets of one `x5c` element. */
  readonly maxCertificateBytes: number;
}

/** The profile's default limits (spec/jws.md §6); producers never exceed them. */
export const DEFAULT_JWS_LIMITS: JwsLimits = Object.freeze({
  maxTokenLength: 65_536,
  maxHeaderBytes: 32_768,
  maxPayloadBytes: 32_768,
  maxChainLength: 5,
  maxCertificateBytes: 8_192,
});

/**
 * Validates a certificate chain (RFC 5280 path validation, trust anchors, revocation, profile) and
 * returns whatever the caller wants to keep from it. Receives the decoded `x5c` certificates, leaf
 * first. It must throw to reject; its error propagates unchanged out of {@link verifyJws}.
 */
export type ChainValidator<T> = (chain: readonly Uint8Array[]) => Promise<T>;

/** Options of {@link verifyJws} when the caller validates the chain (the production case). */
export interface VerifyJwsWithChainOptions<T> {
  /** The one `typ` this verification expects (spec/jws.md §3), compared exactly. */
  readonly typ: string;
  /** RFC 5280 path validation of the `x5c` chain; runs after the signature, before the payload. */
  readonly validateChain: ChainValidator<T>;
  /** Lower (or, for special deployments, raise) the default limits. */
  readonly limits?: Partial<JwsLimits>;
}

/**
 * Options of {@link verifyJws} that skip chain validation. Only for tests, vectors and debugging:
 * without chain validation anyone can sign with a self-made certificate (spec/jws.md §7).
 */
export interface VerifyJwsWithoutChainOptions {
  /** The one `typ` this verification expects (spec/jws.md §3), compared exactly. */
  readonly typ: string;
  /** Must be `true`: the explicit, visible opt-out of chain validation. */
  readonly allowUnvalidatedChain: true;
  /** Lower (or, for special deployments, raise) the default limits. */
  readonly limits?: Partial<JwsLimits>;
}

/** Options of {@link verifyJws}: a chain validator, or the explicit opt-out. */
export type VerifyJwsOptions<T> = VerifyJwsWithChainOptions<T> | VerifyJwsWithoutChainOptions;

/** What {@link verifyJws} returns for a token that passed every check. */
export interface VerifiedJws<T> {
  /** The protected header. */
  readonly header: JwsHeader;
  /** The payload, a strict JSON object. */
  readonly payload: JsonObject;
  /** The decoded `x5c` certificates (DER), leaf first. */
  readonly certificateChain: readonly Uint8Array[];
  /** The parsed leaf certificate, whose key verified the signature. */
  readonly leaf: Certificate;
  /** The chain validator's result; `undefined` when chain validation was explicitly skipped. */
  readonly chain: T | undefined;
}

/** An ECDSA P-256 signature together with the encoding its signer declares for it. */
export interface JwsSignerSignature {
  /** `der`: an ECDSA-Sig-Value (what Secure Enclave and StrongBox return); `raw`: r‖s, 32 bytes each. */
  readonly format: 'der' | 'raw';
  /** The signature bytes, in that encoding. */
  readonly signature: Uint8Array;
}

/**
 * Signs the JWS signing input with the leaf certificate's private key (ECDSA P-256, SHA-256 over
 * the input, which the signer hashes itself). Return `{ format, signature }` to declare the
 * encoding: the library then reads the bytes that one way only (strict DER, or 64-byte raw r‖s).
 * A plain `Uint8Array` is read by what it is: strict DER, or raw r‖s of 64 bytes; the rare output
 * that is valid both ways (a 64-byte DER signature with short r and s) is resolved by the
 * producer's own verification under the leaf key, which only the intended reading passes
 * (spec/jws.md §8).
 */
export type JwsSigner = (signingInput: Uint8Array) => Promise<Uint8Array | JwsSignerSignature>;

/** Options of {@link signJws}. */
export interface SignJwsOptions {
  /** The registered `typ` of the message kind (spec/jws.md §3). */
  readonly typ: string;
  /** The payload object; it travels in canonical form. */
  readonly payload: JsonObject;
  /** DER certificates, leaf first; the leaf holds the signer's public key. */
  readonly certificateChain: readonly Uint8Array[];
  /** The signing function (secure hardware, a test key, ...). */
  readonly signer: JwsSigner;
  /** Limits the finished token must respect; the defaults unless the verifiers agreed otherwise. */
  readonly limits?: Partial<JwsLimits>;
}

/** What {@link decodeJwsUnverified} returns: nothing in it has been verified. */
export interface UnverifiedJws {
  /** The parsed protected header, whatever members it has. */
  readonly header: JsonObject;
  /** The parsed payload, or `undefined` when it is not strict JSON. */
  readonly payload: JsonValue | undefined;
  /** The decoded signature bytes. */
  readonly signature: Uint8Array;
  /** The ASCII signing input (`segment1.segment2`). */
  readonly signingInput: Uint8Array;
}
