/**
 * Parsing of a CMS ContentInfo / SignedData with exactly one SignerInfo (RFC 5652 §5), shared by
 * CAdES signatures and RFC 3161 time-stamp tokens. The outer structure may be BER; the signed
 * attributes are kept as received (SIG-06) and checked to be DER by the callers' attribute rules.
 * @module
 */
import { type ErrorCode } from '../errors.js';
import { fail } from '../internal/fail.js';
import { decodeOid } from '../x509/oid.js';
import {
  berChildren,
  octetStringValue,
  readBer,
  type BerContext,
  type BerNode,
} from './internal/ber.js';
import { CMS_OID } from './oids.js';

/** Largest CMS signature accepted (bytes): bounds the work a hostile input can force. */
export const MAX_CADES_SIZE = 1024 * 1024;

/** An AlgorithmIdentifier as found: OID and the DER of the parameters when present. */
export interface CmsAlgorithm {
  readonly oid: string;
  readonly parameters?: Uint8Array;
}

/** One attribute: its type and the encodings of its values. */
export interface CmsAttribute {
  readonly type: string;
  /** Each AttributeValue's full encoding (tag, length, contents). */
  readonly values: readonly Uint8Array[];
  /** The whole Attribute SEQUENCE as received. */
  readonly encoding: Uint8Array;
}

/** The SignerIdentifier: issuer and serial, or a subject key identifier. */
export type SignerIdentifier =
  | {
      readonly kind: 'issuerAndSerialNumber';
      readonly issuer: Uint8Array;
      readonly serialNumber: string;
    }
  | { readonly kind: 'subjectKeyIdentifier'; readonly keyIdentifier: Uint8Array };

/** A parsed SignerInfo. */
export interface CmsSignerInfo {
  readonly version: number;
  readonly sid: SignerIdentifier;
  readonly digestAlgorithm: CmsAlgorithm;
  /** The signed attributes with the SET OF tag 0x31 instead of [0] (the bytes the signature covers), or undefined. */
  readonly signedAttrsDer?: Uint8Array;
  readonly signedAttrs?: readonly CmsAttribute[];
  readonly signatureAlgorithm: CmsAlgorithm;
  readonly signature: Uint8Array;
  readonly unsignedAttrs?: readonly CmsAttribute[];
}

/** A parsed SignedData with one SignerInfo. */
export interface CmsSignedData {
  readonly version: number;
  readonly digestAlgorithms: readonly CmsAlgorithm[];
  readonly eContentType: string;
  /** The encapsulated content; undefined when detached. */
  readonly eContent?: Uint8Array;
  /** DER certificates from `certificates` (only the plain Certificate choice). */
  readonly certificates: readonly Uint8Array[];
  readonly signerInfo: CmsSignerInfo;
}

function integerValue(bytes: Uint8Array, node: BerNode, ctx: BerContext, what: string): number {
  if (node.tag !== 0x02 || node.contentEnd - node.contentStart !== 1)
    fail(ctx.code, `${ctx.what}: ${what} is not a small INTEGER`, ctx.requirement);
  return bytes[node.contentStart] as number;
}

function oidOf(bytes: Uint8Array, node: BerNode, ctx: BerContext, what: string): string {
  if (node.tag !== 0x06)
    fail(ctx.code, `${ctx.what}: ${what} is not an OBJECT IDENTIFIER`, ctx.requirement);
  try {
    return decodeOid(bytes.subarray(node.contentStart, node.contentEnd), what);
  } catch (e) {
    return fail(
      ctx.code,
      `${ctx.what}: ${what} is not a valid OBJECT IDENTIFIER`,
      ctx.requirement,
      e,
    );
  }
}

function algorithm(bytes: Uint8Array, node: BerNode, ctx: BerContext, what: string): CmsAlgorithm {
  if (node.tag !== 0x30)
    fail(ctx.code, `${ctx.what}: ${what} is not an AlgorithmIdentifier`, ctx.requirement);
  const kids = berChildren(bytes, node, ctx);
  if (kids.length < 1 || kids.length > 2)
    fail(ctx.code, `${ctx.what}: ${what} has ${kids.length} fields`, ctx.requirement);
  const oid = oidOf(bytes, kids[0] as BerNode, ctx, `${what} OID`);
  const p = kids[1];
  return p === undefined ? { oid } : { oid, parameters: bytes.slice(p.start, p.end) };
}

/** Reads a SET OF Attribute (`node` is the [0]/[1] implicit SET). */
export function readAttributes(bytes: Uint8Array, node: BerNode, ctx: BerContext): CmsAttribute[] {
  return berChildren(bytes, node, ctx).map((a) => {
    if (a.tag !== 0x30)
      fail(ctx.code, `${ctx.what}: an attribute is not a SEQUENCE`, ctx.requirement);
    const parts = berChildren(bytes, a, ctx);
    if (parts.length !== 2 || (parts[1] as BerNode).tag !== 0x31)
      fail(ctx.code, `${ctx.what}: an attribute is not { type, SET OF value }`, ctx.requirement);
    const type = oidOf(bytes, parts[0] as BerNode, ctx, 'attribute type');
    const values = berChildren(bytes, parts[1] as BerNode, ctx).map((v) =>
      bytes.slice(v.start, v.end),
    );
    return { type, values, encoding: bytes.slice(a.start, a.end) };
  });
}

function signerIdentifier(bytes: Uint8Array, node: BerNode, ctx: BerContext): SignerIdentifier {
  if (node.tag === 0x30) {
    const kids = berChildren(bytes, node, ctx);
    const [issuer, serial] = kids;
    if (kids.length !== 2 || issuer?.tag !== 0x30 || serial?.tag !== 0x02)
      fail(
        ctx.code,
        `${ctx.what}: issuerAndSerialNumber is not { Name, INTEGER }`,
        ctx.requirement,
      );
    let hex = '';
    for (const b of bytes.subarray(serial.contentStart, serial.contentEnd))
      hex += b.toString(16).padStart(2, '0');
    return {
      kind: 'issuerAndSerialNumber',
      issuer: bytes.slice(issuer.start, issuer.end),
      serialNumber: hex,
    };
  }
  if (node.tag === 0x80)
    return {
      kind: 'subjectKeyIdentifier',
      keyIdentifier: bytes.slice(node.contentStart, node.contentEnd),
    };
  return fail(
    ctx.code,
    `${ctx.what}: SignerIdentifier has tag 0x${node.tag.toString(16)}`,
    ctx.requirement,
  );
}

function signerInfo(bytes: Uint8Array, node: BerNode, ctx: BerContext): CmsSignerInfo {
  if (node.tag !== 0x30)
    fail(ctx.code, `${ctx.what}: SignerInfo is not a SEQUENCE`, ctx.requirement);
  const kids = berChildren(bytes, node, ctx);
  let i = 0;
  const next = (): BerNode | undefined => kids[i];
  const version = integerValue(
    bytes,
    kids[i++] ?? fail(ctx.code, `${ctx.what}: empty SignerInfo`, ctx.requirement),
    ctx,
    'SignerInfo version',
  );
  const sid = signerIdentifier(
    bytes,
    kids[i++] ?? fail(ctx.code, `${ctx.what}: SignerInfo without sid`, ctx.requirement),
    ctx,
  );
  if (
    (version === 1) !== (sid.kind === 'issuerAndSerialNumber') ||
    (version !== 1 && version !== 3)
  ) {
    // SIG-02 for signatures; a token keeps its own requirement.
    fail(
      ctx.code,
      `${ctx.what}: SignerInfo version ${version} does not match its ${sid.kind} (RFC 5652 §5.3: 1 or 3)`,
      ctx.requirement === 'SIG-01' ? 'SIG-02' : ctx.requirement,
    );
  }
  const digestAlgorithm = algorithm(
    bytes,
    kids[i++] ?? fail(ctx.code, `${ctx.what}: no digestAlgorithm`, ctx.requirement),
    ctx,
    'digestAlgorithm',
  );
  let signedAttrsDer: Uint8Array | undefined;
  let signedAttrs: CmsAttribute[] | undefined;
  const sa = next();
  if (sa?.tag === 0xa0) {
    i++;
    signedAttrsDer = bytes.slice(sa.start, sa.end);
    signedAttrsDer[0] = 0x31; // RFC 5652 §5.4: the signature covers the SET OF with its universal tag.
    signedAttrs = readAttributes(bytes, sa, ctx);
  }
  const signatureAlgorithm = algorithm(
    bytes,
    kids[i++] ?? fail(ctx.code, `${ctx.what}: no signatureAlgorithm`, ctx.requirement),
    ctx,
    'signatureAlgorithm',
  );
  const sig = kids[i++];
  if (sig === undefined || (sig.tag !== 0x04 && sig.tag !== 0x24))
    fail(ctx.code, `${ctx.what}: signature is not an OCTET STRING`, ctx.requirement);
  const signature = octetStringValue(bytes, sig, ctx);
  let unsignedAttrs: CmsAttribute[] | undefined;
  const ua = next();
  if (ua?.tag === 0xa1) {
    i++;
    unsignedAttrs = readAttributes(bytes, ua, ctx);
  }
  if (i !== kids.length)
    fail(ctx.code, `${ctx.what}: SignerInfo has unexpected fields`, ctx.requirement);
  return {
    version,
    sid,
    digestAlgorithm,
    signatureAlgorithm,
    signature,
    ...(signedAttrsDer === undefined
      ? {}
      : { signedAttrsDer, signedAttrs: signedAttrs as CmsAttribute[] }),
    ...(unsignedAttrs === undefined ? {} : { unsignedAttrs }),
  };
}

/**
 * Parses `bytes` as a ContentInfo holding a SignedData with exactly one SignerInfo. Failures are
 * reported with `code` and `requirement` (ERR_CADES_MALFORMED for signatures, ERR_TIMESTAMP for tokens).
 */
export function parseSignedData(
  bytes: Uint8Array,
  code: ErrorCode,
  requirement: string,
  what: string,
): CmsSignedData {
  const ctx: BerContext = { code, requirement, what };
  if (bytes.length > MAX_CADES_SIZE)
    fail(
      'ERR_INPUT_TOO_LARGE',
      `${what}: ${bytes.length} bytes exceed ${MAX_CADES_SIZE}`,
      requirement,
    );
  const top = readBer(bytes, 0, bytes.length, ctx);
  if (top.tag !== 0x30 || top.end !== bytes.length)
    fail(code, `${what}: not one ContentInfo SEQUENCE without trailing bytes`, requirement);
  const ci = berChildren(bytes, top, ctx);
  if (
    ci.length !== 2 ||
    oidOf(bytes, ci[0] as BerNode, ctx, 'contentType') !== CMS_OID.signedData ||
    (ci[1] as BerNode).tag !== 0xa0
  ) {
    fail(code, `${what}: ContentInfo is not { id-signedData, [0] SignedData }`, requirement);
  }
  const wrapped = berChildren(bytes, ci[1] as BerNode, ctx);
  const sdNode = wrapped[0];
  if (wrapped.length !== 1 || sdNode?.tag !== 0x30)
    fail(code, `${what}: [0] does not hold one SignedData SEQUENCE`, requirement);
  const sd = berChildren(bytes, sdNode, ctx);
  let i = 0;
  const version = integerValue(
    bytes,
    sd[i++] ?? fail(code, `${what}: empty SignedData`, requirement),
    ctx,
    'SignedData version',
  );
  if (version !== 1 && version !== 3)
    fail(
      code,
      `${what}: SignedData version ${version} (jitsuin reads versions 1 and 3)`,
      requirement,
    );
  const da = sd[i++];
  if (da?.tag !== 0x31) fail(code, `${what}: digestAlgorithms is not a SET`, requirement);
  const digestAlgorithms = berChildren(bytes, da, ctx).map((n) =>
    algorithm(bytes, n, ctx, 'digestAlgorithms element'),
  );
  const eci = sd[i++];
  if (eci?.tag !== 0x30) fail(code, `${what}: encapContentInfo is not a SEQUENCE`, requirement);
  const eciKids = berChildren(bytes, eci, ctx);
  if (eciKids.length < 1 || eciKids.length > 2)
    fail(code, `${what}: encapContentInfo has ${eciKids.length} fields`, requirement);
  const eContentType = oidOf(bytes, eciKids[0] as BerNode, ctx, 'eContentType');
  let eContent: Uint8Array | undefined;
  if (eciKids[1] !== undefined) {
    const wrap = eciKids[1];
    const inner = wrap.tag === 0xa0 ? berChildren(bytes, wrap, ctx) : [];
    if (inner.length !== 1)
      fail(code, `${what}: eContent is not [0] EXPLICIT OCTET STRING`, requirement);
    eContent = octetStringValue(bytes, inner[0] as BerNode, ctx);
  }
  const certificates: Uint8Array[] = [];
  if (sd[i]?.tag === 0xa0) {
    for (const c of berChildren(bytes, sd[i] as BerNode, ctx)) {
      // Attribute certificates and other formats are not signer certificates in this profile.
      if (c.tag !== 0x30)
        fail(
          code,
          `${what}: certificates holds a choice other than Certificate (tag 0x${c.tag.toString(16)})`,
          requirement,
        );
      certificates.push(bytes.slice(c.start, c.end));
    }
    i++;
  }
  if (sd[i]?.tag === 0xa1) i++; // crls: revocation data travels separately (SIG-14), the field is ignored.
  const sis = sd[i++];
  if (sis?.tag !== 0x31) fail(code, `${what}: signerInfos is not a SET`, requirement);
  if (i !== sd.length) fail(code, `${what}: SignedData has unexpected fields`, requirement);
  const infos = berChildren(bytes, sis, ctx);
  if (infos.length !== 1)
    fail(
      code,
      `${what}: ${infos.length} SignerInfos; the profile has exactly one signer`,
      requirement,
    );
  return {
    version,
    digestAlgorithms,
    eContentType,
    ...(eContent === undefined ? {} : { eContent }),
    certificates,
    signerInfo: signerInfo(bytes, infos[0] as BerNode, ctx),
  };
}
