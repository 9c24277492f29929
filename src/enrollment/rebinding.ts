/**
 * The CA-signed re-binding statement (spec/common-code.md §4.1): a JWS of type
 * `jitsuin-rebinding+jws` recording that a common code moved from one JPKI certificate to its
 * J-LIS-linked successor.
 * @module
 */
import { isJitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { base64urlDecode, base64urlEncode } from '../encoding/base64url.js';
import { bytesEqual } from '../encoding/bytes.js';
import type { JsonObject, JsonValue } from '../encoding/json-value.js';
import { signJws } from '../jws/sign.js';
import { verifyJws } from '../jws/verify.js';
import type { ChainValidator, JwsSigner } from '../jws/types.js';
import { personKey } from './person-key.js';
import type { JpkiRenewalLink } from './registry.js';
import { arrayArgument, functionArgument, objectArgument } from '../internal/args.js';

/** The JWS `typ` of a re-binding statement. */
export const REBINDING_TYP = 'jitsuin-rebinding+jws';
/** The fixed `purpose` member of its payload. */
export const REBINDING_PURPOSE = 'jitsuin-rebinding-v1';
/** The only `basis` this version defines: a J-LIS renewal link. */
export const REBINDING_BASIS = 'j-lis-renewal-link';

/** The content of a re-binding statement. */
export interface RebindingStatement {
  readonly commonCode: Uint8Array;
  readonly link: JpkiRenewalLink;
  readonly oldPersonKey: Uint8Array;
  readonly newPersonKey: Uint8Array;
  /** When the CA re-bound, seconds since the epoch. */
  readonly iat: number;
}

/** The payload object of a re-binding statement ([CC-10]). */
export function rebindingPayload(s: RebindingStatement): JsonObject {
  objectArgument(s, 'rebindingPayload: s');
  return {
    basis: REBINDING_BASIS,
    commonCode: base64urlEncode(s.commonCode),
    iat: s.iat,
    issuer: base64urlEncode(s.link.issuer),
    newPersonKey: base64urlEncode(s.newPersonKey),
    newSerial: s.link.newSerial,
    oldPersonKey: base64urlEncode(s.oldPersonKey),
    oldSerial: s.link.oldSerial,
    purpose: REBINDING_PURPOSE,
  };
}

/** Signs a re-binding statement with the CA's ES256 key; `certificateChain` is the CA's chain, leaf first. */
export async function signRebindingStatement(
  statement: RebindingStatement,
  certificateChain: readonly Uint8Array[],
  signer: JwsSigner,
): Promise<string> {
  objectArgument(statement, 'signRebindingStatement: statement');
  arrayArgument(certificateChain, 'signRebindingStatement: certificateChain');
  functionArgument(signer, 'signRebindingStatement: signer');
  return signJws({
    typ: REBINDING_TYP,
    payload: rebindingPayload(statement),
    certificateChain,
    signer,
  });
}

function bad(message: string, cause?: unknown): never {
  return fail('ERR_REBINDING', `re-binding statement: ${message}`, 'CC-11', cause);
}

function b64(o: Readonly<Record<string, JsonValue>>, name: string, length?: number): Uint8Array {
  const v = o[name];
  if (typeof v !== 'string') bad(`${name} is missing or not a string`);
  let bytes: Uint8Array;
  try {
    bytes = base64urlDecode(v, name);
  } catch (e) {
    return bad(`${name} is not base64url`, e);
  }
  if (length !== undefined && bytes.length !== length) bad(`${name} is not ${length} bytes`);
  return bytes;
}

/** How {@link verifyRebindingStatement} validates the CA's chain: a validator, or the explicit test-only opt-out. */
export type VerifyRebindingOptions<T> =
  { readonly validateChain: ChainValidator<T> } | { readonly allowUnvalidatedChain: true };

/** A verified re-binding statement and the chain validator's result. */
export interface VerifiedRebindingStatement<T> extends RebindingStatement {
  readonly chain: T | undefined;
}

/**
 * Verifies a re-binding statement ([CC-11]): the JWS (typ, ES256, chain via `options`), then
 * exactly the payload members of {@link rebindingPayload}, and that both person keys are the ones
 * the link's issuer and serials give.
 *
 * @throws JitsuinError ERR_JWS_* / ERR_PATH_* from the JWS layer, ERR_REBINDING for the payload.
 */
export async function verifyRebindingStatement<T>(
  token: string,
  options: VerifyRebindingOptions<T>,
): Promise<VerifiedRebindingStatement<T>> {
  objectArgument(options, 'verifyRebindingStatement: options');
  const verified =
    'validateChain' in options
      ? await verifyJws<T>(token, { typ: REBINDING_TYP, validateChain: options.validateChain })
      : await verifyJws(token, {
          typ: REBINDING_TYP,
          allowUnvalidatedChain: options.allowUnvalidatedChain,
        });
  const o = verified.payload;
  const names = [
    'basis',
    'commonCode',
    'iat',
    'issuer',
    'newPersonKey',
    'newSerial',
    'oldPersonKey',
    'oldSerial',
    'purpose',
  ];
  for (const k of Object.keys(o))
    if (!names.includes(k)) bad(`unknown member ${JSON.stringify(k)}`);
  if (o.purpose !== REBINDING_PURPOSE) bad('purpose is not jitsuin-rebinding-v1');
  if (o.basis !== REBINDING_BASIS) bad('basis is not j-lis-renewal-link');
  if (typeof o.iat !== 'number' || !Number.isSafeInteger(o.iat) || o.iat < 0)
    bad('iat is not integer seconds');
  if (typeof o.oldSerial !== 'string' || typeof o.newSerial !== 'string')
    bad('serials must be strings');
  const link: JpkiRenewalLink = {
    issuer: b64(o, 'issuer'),
    oldSerial: o.oldSerial,
    newSerial: o.newSerial,
  };
  const oldKey = b64(o, 'oldPersonKey', 32);
  const newKey = b64(o, 'newPersonKey', 32);
  let expectedOld: Uint8Array;
  let expectedNew: Uint8Array;
  try {
    expectedOld = personKey(link.issuer, link.oldSerial);
    expectedNew = personKey(link.issuer, link.newSerial);
  } catch (e) {
    return bad(`issuer or serials malformed${isJitsuinError(e) ? `: ${e.message}` : ''}`, e);
  }
  if (!bytesEqual(expectedOld, oldKey) || !bytesEqual(expectedNew, newKey))
    bad('person keys do not match the issuer and serials');
  if (link.oldSerial === link.newSerial) bad('links a certificate to itself');
  return {
    commonCode: b64(o, 'commonCode', 16),
    link,
    oldPersonKey: oldKey,
    newPersonKey: newKey,
    iat: o.iat,
    chain: verified.chain as T | undefined,
  };
}
