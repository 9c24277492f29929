/**
 * Strict request input: JSON only, bounded bodies read without buffering past the limit, exactly
 * the expected members, and the cross-site checks of browser routes.
 * @module
 */
import { isJitsuinError, JitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { parseStrict, type JsonObject } from '../encoding/index.js';

/** Default largest request body, in bytes. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

/** True when the Content-Type is `application/json`, optionally with `charset=utf-8`. */
function isJson(contentType: string | null): boolean {
  if (contentType === null) return false;
  const [type, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => p === 'charset=utf-8' || p === '');
}

/**
 * Reads the body of `request` as canonical strict JSON ([SRV-02], [SRV-03]): refuses another
 * Content-Type, a declared or actual length over `maxBytes` (reading stops at the limit), and
 * anything the strict parser refuses.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!isJson(request.headers.get('content-type')))
    fail('ERR_HTTP_CONTENT_TYPE', 'the body must be application/json', 'SRV-02');
  const declared = request.headers.get('content-length');
  if (declared !== null && (!/^[0-9]{1,15}$/.test(declared) || Number(declared) > maxBytes))
    fail('ERR_INPUT_TOO_LARGE', `the body exceeds ${maxBytes} bytes`, 'SRV-03');
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel().catch(() => {});
      fail('ERR_INPUT_TOO_LARGE', `the body exceeds ${maxBytes} bytes`, 'SRV-03');
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  return bytes;
}

/** A string member: its longest length. */
export type MemberLimits = Readonly<Record<string, number>>;

/**
 * Parses `bytes` as a canonical strict JSON object with exactly the string members of `members`,
 * each at most its limit in length ([SRV-02]); `ERR_HTTP_BODY` otherwise.
 */
export function jsonMembers(bytes: Uint8Array, members: MemberLimits): Record<string, string> {
  let value;
  try {
    value = parseStrict(bytes, { maxBytes: bytes.length + 1, maxDepth: 2 });
  } catch (e) {
    if (isJitsuinError(e))
      throw new JitsuinError('ERR_HTTP_BODY', 'the body is not canonical strict JSON', {
        requirement: 'SRV-02',
        cause: e,
      });
    throw e;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('ERR_HTTP_BODY', 'the body is not a JSON object', 'SRV-02');
  const o = value as JsonObject;
  const out: Record<string, string> = {};
  for (const k of Object.keys(o))
    if (!Object.prototype.hasOwnProperty.call(members, k))
      fail('ERR_HTTP_BODY', 'the body has a member the route does not take', 'SRV-02');
  for (const [k, max] of Object.entries(members)) {
    const v = o[k];
    if (typeof v !== 'string' || v.length === 0 || v.length > max)
      fail('ERR_HTTP_BODY', `member ${k} must be a string of 1..${max} characters`, 'SRV-02');
    out[k] = v;
  }
  return out;
}

/**
 * The cross-site check of a browser route ([SRV-04]): the `Origin` header MUST be present and one
 * of `allowedOrigins` (default: the request URL's own origin), and `Sec-Fetch-Site`, when the
 * browser sends it, MUST be `same-origin`.
 */
export function checkSameOrigin(
  request: Request,
  allowedOrigins: readonly string[] | undefined,
): void {
  const origin = request.headers.get('origin');
  const allowed = allowedOrigins ?? [new URL(request.url).origin];
  if (origin === null || !allowed.includes(origin))
    fail('ERR_HTTP_CSRF', 'the request does not come from an allowed origin', 'SRV-04');
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin')
    fail('ERR_HTTP_CSRF', 'the browser reports a cross-site request', 'SRV-04');
}
