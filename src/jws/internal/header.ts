/** Checks of the protected header and its `x5c` chain (spec/jws.md §2, steps 8–13 of §9). @module */
import { isJitsuinError } from '../../errors.js';
import { fail } from '../../internal/fail.js';
import type { JsonObject } from '../../encoding/json-value.js';
import { importSpki } from '../../crypto/keys.js';
import type { EcPublicKey } from '../../crypto/keys.js';
import { parseCertificate, type Certificate } from '../../x509/certificate.js';
import { base64DecodeStrict } from '../../internal/base64.js';
import { parseCanonicalObject } from './canonical-json.js';
import type { JwsHeader, JwsLimits } from '../types.js';

/** The only members a header may have (spec/jws.md §2.2). */
const ALLOWED_MEMBERS: ReadonlySet<string> = new Set(['alg', 'typ', 'x5c']);

const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const OID_P256 = '1.2.840.10045.3.1.7';

/** A header that passed every check, with its decoded chain and the leaf's key. @internal */
export interface CheckedHeader {
  readonly header: JwsHeader;
  readonly certificateChain: readonly Uint8Array[];
  readonly leaf: Certificate;
  readonly leafKey: EcPublicKey;
}

/** Parses and checks the header bytes against the profile and the expected `typ`. @internal */
export function checkHeader(
  headerBytes: Uint8Array,
  expectedTyp: string,
  limits: JwsLimits,
): CheckedHeader {
  const h = parseCanonicalObject(headerBytes, 'JWS header', 'ERR_JWS_HEADER_INVALID', {
    strict: 'JWS-05',
    object: 'JWS-05',
    canonical: 'JWS-06',
  });
  checkAlg(h);
  if (Object.hasOwn(h, 'crit'))
    fail(
      'ERR_JWS_CRIT',
      'JWS header: crit is present (this profile understands no extension)',
      'JWS-08',
    );
  for (const name of Object.keys(h)) {
    if (!ALLOWED_MEMBERS.has(name))
      fail(
        'ERR_JWS_FORBIDDEN_HEADER',
        `JWS header: member ${JSON.stringify(name)} is not allowed (only alg, typ, x5c)`,
        'JWS-09',
      );
  }
  const typ = h['typ'];
  if (typeof typ !== 'string')
    fail('ERR_JWS_TYP', 'JWS header: typ is missing or not a string', 'JWS-10');
  if (typ !== expectedTyp)
    fail(
      'ERR_JWS_TYP',
      `JWS header: typ ${JSON.stringify(typ)} is not the expected ${JSON.stringify(expectedTyp)}`,
      'JWS-10',
    );
  const { x5c, certificateChain, leaf, leafKey } = checkX5c(h, limits);
  return { header: { alg: 'ES256', typ, x5c }, certificateChain, leaf, leafKey };
}

function checkAlg(h: JsonObject): void {
  const alg = h['alg'];
  if (alg === undefined) fail('ERR_JWS_ALG', 'JWS header: alg is missing', 'JWS-07');
  if (alg !== 'ES256')
    fail('ERR_JWS_ALG', `JWS header: alg ${JSON.stringify(alg)} is not "ES256"`, 'JWS-07');
}

function checkX5c(
  h: JsonObject,
  limits: JwsLimits,
): { x5c: string[]; certificateChain: Uint8Array[]; leaf: Certificate; leafKey: EcPublicKey } {
  const x5c = h['x5c'];
  if (x5c === undefined) fail('ERR_JWS_X5C', 'JWS header: x5c is missing', 'JWS-11');
  if (!Array.isArray(x5c) || x5c.length === 0)
    fail('ERR_JWS_X5C', 'JWS header: x5c must be a non-empty array', 'JWS-11');
  if (!x5c.every((e): e is string => typeof e === 'string'))
    fail('ERR_JWS_X5C', 'JWS header: every x5c element must be a string', 'JWS-11');
  if (x5c.length > limits.maxChainLength) {
    fail(
      'ERR_INPUT_TOO_LARGE',
      `JWS header: x5c has ${x5c.length} certificates, more than maxChainLength ${limits.maxChainLength}`,
      'JWS-26',
    );
  }
  const certificateChain: Uint8Array[] = [];
  const parsed: Certificate[] = [];
  x5c.forEach((text, i) => {
    if (text.length === 0) fail('ERR_JWS_X5C', `JWS header: x5c[${i}] is empty`, 'JWS-12');
    const der = base64DecodeStrict(text, `JWS header: x5c[${i}]`, 'ERR_JWS_X5C', 'JWS-12');
    if (der.length > limits.maxCertificateBytes) {
      fail(
        'ERR_INPUT_TOO_LARGE',
        `JWS header: x5c[${i}] is ${der.length} bytes, more than maxCertificateBytes ${limits.maxCertificateBytes}`,
        'JWS-27',
      );
    }
    try {
      parsed.push(parseCertificate(der));
    } catch (e) {
      const detail = isJitsuinError(e) ? e.message : 'cannot be parsed';
      fail(
        'ERR_JWS_X5C',
        `JWS header: x5c[${i}] is not one DER X.509 certificate: ${detail}`,
        'JWS-13',
        e,
      );
    }
    certificateChain.push(der);
  });
  const leaf = parsed[0] as Certificate;
  return { x5c, certificateChain, leaf, leafKey: leafP256Key(leaf) };
}

function leafP256Key(leaf: Certificate): EcPublicKey {
  if (leaf.publicKeyAlgorithm !== OID_EC_PUBLIC_KEY || leaf.namedCurve !== OID_P256) {
    fail(
      'ERR_JWS_X5C',
      `JWS header: the leaf key (${leaf.publicKeyAlgorithm}${leaf.namedCurve === undefined ? '' : ` ${leaf.namedCurve}`}) is not an EC P-256 key`,
      'JWS-14',
    );
  }
  let key;
  try {
    key = importSpki(leaf.subjectPublicKeyInfo);
  } catch (e) {
    const detail = isJitsuinError(e) ? e.message : 'cannot be imported';
    return fail(
      'ERR_JWS_X5C',
      `JWS header: the leaf key is not a valid P-256 key: ${detail}`,
      'JWS-14',
      e,
    );
  }
  if (key.kind !== 'ec' || key.curve !== 'P-256')
    fail('ERR_JWS_X5C', 'JWS header: the leaf key is not an EC P-256 key', 'JWS-14');
  return key;
}
