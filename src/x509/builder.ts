/**
 * Certificate builder for every profile of `spec/certificates.md`: what a CA implementation and the
 * vector generator use. Output is deterministic DER; signing goes through a {@link CertificateSigner}.
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { fail } from '../internal/fail.js';
import { concatBytes } from '../encoding/bytes.js';
import { hexDecode } from '../encoding/hex.js';
import { ecdsaRawToDer, encodeTlv, readChildren, readTlv } from './der.js';
import {
  encodeAppBinding,
  encodeCommonCode,
  encodeGeneralName,
  encodeInteger,
  encodeKeyProtection,
  encodeKeyUsage,
  encodeReasonFlags,
  octetString,
  sequence,
  type GeneralNameInput,
} from './encode.js';
import type { AppBinding, KeyProtection, KeyUsage, ReasonFlag } from './extensions.js';
import { encodeOid } from './oid.js';
import { JITSUIN_OID, PKIX_OID } from './oids.js';
import { encodeTime } from './time.js';
import { bytesArgument, objectArgument } from '../internal/args.js';

/** Signature algorithms the builder can label a certificate with (JOSE names). */
export type SignerAlgorithm = 'ES256' | 'ES384' | 'ES512' | 'RS256' | 'RS384' | 'RS512';

/**
 * Something that signs a to-be-signed structure: a software key, an HSM, a phone's secure element.
 * ECDSA signers may return DER or raw r‖s; the builder normalises to DER as X.509 requires.
 */
export interface CertificateSigner {
  readonly algorithm: SignerAlgorithm;
  /** Set when the signer knows its ECDSA output format; otherwise it is detected (strict DER or raw r‖s). */
  readonly signatureFormat?: 'der' | 'raw';
  /** Signs the DER `tbs` bytes (the signer hashes them) and resolves to the signature. */
  sign(tbs: Uint8Array): Promise<Uint8Array>;
}

/** An extension given as raw DER, for extensions the builder has no option for (and for negative vectors). */
export interface RawExtension {
  readonly oid: string;
  readonly critical: boolean;
  /** The DER of the extension's value (the contents of extnValue). */
  readonly value: Uint8Array;
}

/** A CRL distribution point as the builder accepts it. */
export interface DistributionPointInput {
  readonly uris?: readonly string[];
  /** Name DER of a directoryName fullName (e.g. for PKITS-style scopes). */
  readonly directoryName?: Uint8Array;
  readonly reasons?: readonly ReasonFlag[];
  /** Name DER of the CRL issuer when it is not the certificate issuer. */
  readonly crlIssuer?: Uint8Array;
}

/** Inputs of {@link buildCertificate}. Absent extension options mean the extension is absent. */
export interface BuildCertificateOptions {
  /** Serial number: lower-case hex or bytes, positive, at most 20 octets. */
  readonly serialNumber: string | Uint8Array;
  /** Issuer Name DER (use the issuer certificate's `subject.der`, or `name()`). */
  readonly issuer: Uint8Array;
  /** Subject Name DER. */
  readonly subject: Uint8Array;
  /** Seconds since the epoch. */
  readonly notBefore: number;
  /** Seconds since the epoch. */
  readonly notAfter: number;
  /** SubjectPublicKeyInfo DER of the certified key. */
  readonly publicKey: Uint8Array;
  readonly signer: CertificateSigner;
  /** basicConstraints, always critical when present. */
  readonly basicConstraints?: { readonly ca: boolean; readonly pathLenConstraint?: number };
  /** keyUsage, always critical when present. */
  readonly keyUsage?: readonly KeyUsage[];
  readonly extKeyUsage?: readonly string[];
  /** subjectKeyIdentifier: bytes, or `'auto'` for RFC 7093 method 1 (SHA-256 of the key, 160 bits). */
  readonly subjectKeyId?: Uint8Array | 'auto';
  /** authorityKeyIdentifier keyIdentifier (the issuer's subjectKeyId). */
  readonly authorityKeyId?: Uint8Array;
  readonly subjectAltName?: readonly GeneralNameInput[];
  readonly nameConstraints?: {
    readonly permitted?: readonly GeneralNameInput[];
    readonly excluded?: readonly GeneralNameInput[];
  };
  /** certificatePolicies OIDs (no qualifiers). */
  readonly certificatePolicies?: readonly string[];
  readonly policyMappings?: readonly {
    readonly issuerDomainPolicy: string;
    readonly subjectDomainPolicy: string;
  }[];
  readonly policyConstraints?: {
    readonly requireExplicitPolicy?: number;
    readonly inhibitPolicyMapping?: number;
  };
  readonly inhibitAnyPolicy?: number;
  readonly crlDistributionPoints?: readonly DistributionPointInput[];
  /** authorityInfoAccess URIs. */
  readonly authorityInfoAccess?: {
    readonly ocsp?: readonly string[];
    readonly caIssuers?: readonly string[];
  };
  /** id-pkix-ocsp-nocheck (for OCSP responder certificates). */
  readonly ocspNoCheck?: boolean;
  /** The 16-byte common code (jitsuin extension `.1.1`, non-critical). */
  readonly commonCode?: Uint8Array;
  readonly appBinding?: AppBinding;
  readonly keyProtection?: KeyProtection;
  /** Extra extensions appended after the ones above, in order. */
  readonly extensions?: readonly RawExtension[];
  /** Overrides of the default critical flag by OID (for negative vectors; normal use needs none). */
  readonly criticality?: Readonly<Record<string, boolean>>;
}

const SIGNATURE_ALGORITHMS: Readonly<
  Record<SignerAlgorithm, { oid: string; nullParams: boolean; ecdsaSize?: number }>
> = {
  ES256: { oid: PKIX_OID.ecdsaWithSha256, nullParams: false, ecdsaSize: 32 },
  ES384: { oid: PKIX_OID.ecdsaWithSha384, nullParams: false, ecdsaSize: 48 },
  ES512: { oid: PKIX_OID.ecdsaWithSha512, nullParams: false, ecdsaSize: 66 },
  RS256: { oid: PKIX_OID.sha256WithRsa, nullParams: true },
  RS384: { oid: PKIX_OID.sha384WithRsa, nullParams: true },
  RS512: { oid: PKIX_OID.sha512WithRsa, nullParams: true },
};

/** DER AlgorithmIdentifier for a signer algorithm. @internal */
export function signatureAlgorithmIdentifier(alg: SignerAlgorithm): Uint8Array {
  const a = SIGNATURE_ALGORITHMS[alg];
  if (a === undefined)
    fail('ERR_UNSUPPORTED_ALGORITHM', `unsupported signer algorithm ${String(alg)}`);
  return a.nullParams
    ? sequence(encodeOid(a.oid), Uint8Array.of(0x05, 0x00))
    : sequence(encodeOid(a.oid));
}

/** True when `sig` is exactly one strict DER SEQUENCE of two INTEGERs. */
function looksLikeDerEcdsa(sig: Uint8Array): boolean {
  try {
    const top = readTlv(sig, 0);
    if (top.tag !== 0x30 || top.end !== sig.length) return false;
    const kids = readChildren(sig, top);
    return kids.length === 2 && kids.every((k) => k.tag === 0x02 && k.end > k.contentStart);
  } catch {
    return false;
  }
}

/** Signs `tbs` with `signer` and returns the signature as X.509 carries it (DER for ECDSA). @internal */
export async function signForX509(signer: CertificateSigner, tbs: Uint8Array): Promise<Uint8Array> {
  const a = SIGNATURE_ALGORITHMS[signer.algorithm];
  if (a === undefined)
    fail('ERR_UNSUPPORTED_ALGORITHM', `unsupported signer algorithm ${String(signer.algorithm)}`);
  const sig = await signer.sign(tbs);
  if (!(sig instanceof Uint8Array) || sig.length === 0)
    fail('ERR_INVALID_ARGUMENT', 'signer returned no signature');
  if (a.ecdsaSize === undefined) return sig;
  const format = signer.signatureFormat ?? (looksLikeDerEcdsa(sig) ? 'der' : 'raw');
  if (format === 'der') return sig;
  if (sig.length !== 2 * a.ecdsaSize)
    fail(
      'ERR_INVALID_SIGNATURE_ENCODING',
      `raw ${signer.algorithm} signature must be ${2 * a.ecdsaSize} bytes`,
    );
  return ecdsaRawToDer(sig);
}

/** RFC 7093 method 1 key identifier: the leftmost 160 bits of SHA-256 of the subjectPublicKey bits. */
export function keyIdentifier(spki: Uint8Array): Uint8Array {
  bytesArgument(spki, 'keyIdentifier: spki');
  const top = readTlv(spki, 0, 'subjectPublicKeyInfo');
  const parts = readChildren(spki, top, 'subjectPublicKeyInfo');
  const bits = parts[1];
  if (top.tag !== 0x30 || bits === undefined || bits.tag !== 0x03)
    fail('ERR_INVALID_KEY', 'not a SubjectPublicKeyInfo');
  return sha256(spki.subarray(bits.contentStart + 1, bits.end)).slice(0, 20);
}

function serialBytes(serial: string | Uint8Array): Uint8Array {
  const bytes = typeof serial === 'string' ? hexDecode(serial, 'serialNumber') : serial;
  if (bytes.length === 0 || bytes.every((b) => b === 0))
    fail('ERR_INVALID_ARGUMENT', 'serialNumber must be positive');
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  if (bytes.length - i > 20) fail('ERR_INVALID_ARGUMENT', 'serialNumber longer than 20 octets');
  return bytes;
}

function generalNames(names: readonly GeneralNameInput[]): Uint8Array {
  return sequence(...names.map(encodeGeneralName));
}

function subtrees(tag: number, names: readonly GeneralNameInput[]): Uint8Array {
  return encodeTlv(tag, concatBytes(...names.map((n) => sequence(encodeGeneralName(n)))));
}

function distributionPoint(dp: DistributionPointInput): Uint8Array {
  const parts: Uint8Array[] = [];
  const full = [
    ...(dp.uris ?? []).map((u) =>
      encodeGeneralName({ type: 'uniformResourceIdentifier', value: u }),
    ),
    ...(dp.directoryName === undefined
      ? []
      : [encodeGeneralName({ type: 'directoryName', value: dp.directoryName })]),
  ];
  if (full.length > 0) parts.push(encodeTlv(0xa0, encodeTlv(0xa0, concatBytes(...full))));
  if (dp.reasons !== undefined) {
    const bits = encodeReasonFlags(dp.reasons);
    parts.push(concatBytes(Uint8Array.of(0x81), bits.subarray(1)));
  }
  if (dp.crlIssuer !== undefined)
    parts.push(encodeTlv(0xa2, encodeGeneralName({ type: 'directoryName', value: dp.crlIssuer })));
  return sequence(...parts);
}

/** Lists the extensions of `o` as [oid, default-critical, value DER] in the builder's fixed order. */
function extensionList(o: BuildCertificateOptions): [string, boolean, Uint8Array][] {
  const out: [string, boolean, Uint8Array][] = [];
  if (o.basicConstraints !== undefined) {
    const bc = o.basicConstraints;
    const inner: Uint8Array[] = [];
    if (bc.ca) inner.push(Uint8Array.of(0x01, 0x01, 0xff));
    if (bc.pathLenConstraint !== undefined) inner.push(encodeInteger(bc.pathLenConstraint));
    out.push([PKIX_OID.basicConstraints, true, sequence(...inner)]);
  }
  if (o.keyUsage !== undefined) out.push([PKIX_OID.keyUsage, true, encodeKeyUsage(o.keyUsage)]);
  if (o.extKeyUsage !== undefined)
    out.push([PKIX_OID.extKeyUsage, false, sequence(...o.extKeyUsage.map(encodeOid))]);
  if (o.subjectKeyId !== undefined) {
    const id = o.subjectKeyId === 'auto' ? keyIdentifier(o.publicKey) : o.subjectKeyId;
    out.push([PKIX_OID.subjectKeyIdentifier, false, octetString(id)]);
  }
  if (o.authorityKeyId !== undefined)
    out.push([PKIX_OID.authorityKeyIdentifier, false, sequence(encodeTlv(0x80, o.authorityKeyId))]);
  if (o.subjectAltName !== undefined)
    out.push([PKIX_OID.subjectAltName, false, generalNames(o.subjectAltName)]);
  if (o.nameConstraints !== undefined) {
    const nc = o.nameConstraints;
    const parts: Uint8Array[] = [];
    if (nc.permitted !== undefined) parts.push(subtrees(0xa0, nc.permitted));
    if (nc.excluded !== undefined) parts.push(subtrees(0xa1, nc.excluded));
    out.push([PKIX_OID.nameConstraints, true, sequence(...parts)]);
  }
  if (o.certificatePolicies !== undefined)
    out.push([
      PKIX_OID.certificatePolicies,
      false,
      sequence(...o.certificatePolicies.map((p) => sequence(encodeOid(p)))),
    ]);
  if (o.policyMappings !== undefined) {
    out.push([
      PKIX_OID.policyMappings,
      true,
      sequence(
        ...o.policyMappings.map((m) =>
          sequence(encodeOid(m.issuerDomainPolicy), encodeOid(m.subjectDomainPolicy)),
        ),
      ),
    ]);
  }
  if (o.policyConstraints !== undefined) {
    const pc = o.policyConstraints;
    const parts: Uint8Array[] = [];
    if (pc.requireExplicitPolicy !== undefined)
      parts.push(
        concatBytes(Uint8Array.of(0x80), encodeInteger(pc.requireExplicitPolicy).subarray(1)),
      );
    if (pc.inhibitPolicyMapping !== undefined)
      parts.push(
        concatBytes(Uint8Array.of(0x81), encodeInteger(pc.inhibitPolicyMapping).subarray(1)),
      );
    out.push([PKIX_OID.policyConstraints, true, sequence(...parts)]);
  }
  if (o.inhibitAnyPolicy !== undefined)
    out.push([PKIX_OID.inhibitAnyPolicy, true, encodeInteger(o.inhibitAnyPolicy)]);
  if (o.crlDistributionPoints !== undefined)
    out.push([
      PKIX_OID.crlDistributionPoints,
      false,
      sequence(...o.crlDistributionPoints.map(distributionPoint)),
    ]);
  if (o.authorityInfoAccess !== undefined) {
    const ad = (method: string, uri: string): Uint8Array =>
      sequence(
        encodeOid(method),
        encodeGeneralName({ type: 'uniformResourceIdentifier', value: uri }),
      );
    out.push([
      PKIX_OID.authorityInfoAccess,
      false,
      sequence(
        ...(o.authorityInfoAccess.ocsp ?? []).map((u) => ad('1.3.6.1.5.5.7.48.1', u)),
        ...(o.authorityInfoAccess.caIssuers ?? []).map((u) => ad('1.3.6.1.5.5.7.48.2', u)),
      ),
    ]);
  }
  if (o.ocspNoCheck === true) out.push([PKIX_OID.ocspNoCheck, false, Uint8Array.of(0x05, 0x00)]);
  if (o.commonCode !== undefined)
    out.push([JITSUIN_OID.commonCode, false, encodeCommonCode(o.commonCode)]);
  if (o.appBinding !== undefined)
    out.push([JITSUIN_OID.appBinding, false, encodeAppBinding(o.appBinding)]);
  if (o.keyProtection !== undefined)
    out.push([JITSUIN_OID.keyProtection, false, encodeKeyProtection(o.keyProtection)]);
  for (const e of o.extensions ?? []) out.push([e.oid, e.critical, e.value]);
  return out;
}

/** Builds the DER tbsCertificate for `options` (exposed for CA implementations that sign elsewhere). */
export function buildTbsCertificate(options: BuildCertificateOptions): Uint8Array {
  objectArgument(options, 'buildTbsCertificate: options');
  const o = options;
  if (
    !Number.isSafeInteger(o.notBefore) ||
    !Number.isSafeInteger(o.notAfter) ||
    o.notAfter < o.notBefore
  ) {
    fail(
      'ERR_INVALID_ARGUMENT',
      'notBefore/notAfter must be integer seconds with notBefore <= notAfter',
    );
  }
  for (const [k, v] of [
    ['issuer', o.issuer],
    ['subject', o.subject],
    ['publicKey', o.publicKey],
  ] as const) {
    if (!(v instanceof Uint8Array) || v[0] !== 0x30)
      fail('ERR_INVALID_ARGUMENT', `${k} must be DER bytes of a SEQUENCE`);
  }
  const exts = extensionList(o).map(([oid, critical, value]) => {
    const c = o.criticality?.[oid] ?? critical;
    return sequence(
      encodeOid(oid),
      ...(c ? [Uint8Array.of(0x01, 0x01, 0xff)] : []),
      octetString(value),
    );
  });
  return sequence(
    encodeTlv(0xa0, encodeInteger(2)),
    encodeInteger(serialBytes(o.serialNumber)),
    signatureAlgorithmIdentifier(o.signer.algorithm),
    o.issuer,
    sequence(encodeTime(o.notBefore), encodeTime(o.notAfter)),
    o.subject,
    o.publicKey,
    ...(exts.length > 0 ? [encodeTlv(0xa3, sequence(...exts))] : []),
  );
}

/**
 * Builds and signs an X.509 v3 certificate. Returns its DER. Extensions appear in a fixed order
 * (basicConstraints, keyUsage, extKeyUsage, SKI, AKI, SAN, nameConstraints, policies, CRL DP, AIA,
 * ocsp-nocheck, common code, app binding, key protection, then `extensions`), with the criticality
 * `spec/certificates.md` prescribes unless `criticality` overrides it.
 */
export async function buildCertificate(options: BuildCertificateOptions): Promise<Uint8Array> {
  objectArgument(options, 'buildCertificate: options');
  const tbs = buildTbsCertificate(options);
  const signature = await signForX509(options.signer, tbs);
  return sequence(
    tbs,
    signatureAlgorithmIdentifier(options.signer.algorithm),
    encodeTlv(0x03, concatBytes(Uint8Array.of(0), signature)),
  );
}
