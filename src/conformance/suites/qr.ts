/**
 * The judge of the `qr` vector suite: how this library answers one case of `vectors/qr.json`,
 * decoding the case's inputs from the file alone. The generator of the file is in the repository,
 * `test/generators/qr.ts`, not in the package.
 * @module
 */
import { isJitsuinError } from '../../errors.js';
import { base64urlDecode } from '../../encoding/base64url.js';
import { hexEncode } from '../../encoding/hex.js';
import type { JsonValue } from '../../encoding/json-value.js';
import { sha256 } from '../../crypto/hash.js';
import { approveQrOffer } from '../../qr/approval.js';
import { collectQrLogin, denyQrOffer, pollQrSession, scanQrOffer } from '../../qr/flow.js';
import { registerQrOffer, type QrOfferValues } from '../../qr/offer.js';
import { MemoryQrSessionStore } from '../../qr/store.js';
import { decodeQrUri, type QrOfferUri } from '../../qr/uri.js';
import { decodeQrSessionContext } from '../../qr/context.js';
import type { CaseOutcome, VectorSuite } from '../types.js';
import { LOGIN_NOW } from './login.js';

/** The session store's clock: the vectors' reference time. */
const T = LOGIN_NOW;

function errorOutcome(e: unknown): CaseOutcome {
  if (isJitsuinError(e)) return { result: 'invalid', error: e.code };
  return {
    result: 'invalid',
    error: 'ERR_INTERNAL',
    reason: e instanceof Error ? e.message : String(e),
  };
}

function decodeList(value: unknown, what: string): Uint8Array[] {
  if (!Array.isArray(value)) throw new TypeError(`${what} must be an array`);
  return value.map((v) => base64urlDecode(v as string, what));
}

/** The members a step may carry (a `create` step's are the offer values); the library validates each value it receives. */
interface StepFields extends QrOfferValues {
  readonly token: string;
}

async function runStep(
  store: MemoryQrSessionStore,
  step: Readonly<Record<string, unknown>>,
  verifier: Parameters<typeof approveQrOffer>[2],
): Promise<JsonValue> {
  const s = step as unknown as StepFields;
  switch (step['op']) {
    case 'create': {
      const r = await registerQrOffer(store, {
        rpId: s.rpId,
        offerId: s.offerId,
        secret: s.secret,
        code: s.code,
        choices: s.choices,
        browserBinding: s.browserBinding,
        context: s.context,
        time: s.time,
        exp: s.exp,
      });
      return { uri: r.uri, code: r.code };
    }
    case 'scan': {
      const c = await scanQrOffer(store, { offerId: s.offerId, secret: s.secret, time: s.time });
      return { ...c, choices: [...c.choices] };
    }
    case 'approve': {
      const r = await approveQrOffer(store, s.token, { ...verifier, time: s.time });
      return {
        offerId: r.offerId,
        commonCodeHex: hexEncode(r.identity.commonCode),
        keyProtection: r.identity.keyProtection,
      };
    }
    case 'deny':
      await denyQrOffer(store, { offerId: s.offerId, secret: s.secret, time: s.time });
      return {};
    case 'collect': {
      const id = await collectQrLogin(store, {
        offerId: s.offerId,
        browserBinding: s.browserBinding,
        time: s.time,
      });
      return {
        commonCodeHex: hexEncode(id.commonCode),
        keyProtection: id.keyProtection,
        certificateSha256Hex: hexEncode(sha256(id.certificate)),
      };
    }
    case 'poll':
      return {
        state: await pollQrSession(store, {
          offerId: s.offerId,
          browserBinding: s.browserBinding,
          time: s.time,
        }),
      };
    default:
      throw new TypeError(`unknown op ${JSON.stringify(step['op'])}`);
  }
}

export async function runFlow(input: Readonly<Record<string, unknown>>): Promise<CaseOutcome> {
  let verifier: Parameters<typeof approveQrOffer>[2];
  try {
    verifier = {
      rpId: input['rpId'] as string,
      trustAnchors: decodeList(input['trustAnchors'], 'trustAnchors'),
      intermediates: decodeList(input['intermediates'] ?? [], 'intermediates'),
      revocation: {
        crls: decodeList(input['crls'] ?? [], 'crls'),
        mode: (input['revocationMode'] ?? 'require') as 'require',
      },
      clockTolerance: input['clockTolerance'] as number,
      time: 0,
    };
  } catch (e) {
    return {
      result: 'invalid',
      error: 'ERR_VECTOR',
      reason: e instanceof Error ? e.message : String(e),
    };
  }
  const steps = input['steps'];
  if (!Array.isArray(steps) || steps.length === 0)
    return { result: 'invalid', error: 'ERR_VECTOR', reason: 'steps must be a non-empty array' };
  const store = new MemoryQrSessionStore({ now: () => T });
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as Record<string, unknown>;
    let outcome: CaseOutcome;
    try {
      outcome = { result: 'valid', output: await runStep(store, step, verifier) };
    } catch (e) {
      if (e instanceof TypeError)
        return { result: 'invalid', error: 'ERR_VECTOR', reason: `step ${i}: ${e.message}` };
      outcome = errorOutcome(e);
    }
    if (i === steps.length - 1) return outcome;
    const expected = step['expect'];
    const got = outcome.result === 'valid' ? undefined : outcome.error;
    if (got !== expected)
      return {
        result: 'invalid',
        error: 'ERR_VECTOR',
        reason: `step ${i}: expected ${String(expected ?? 'success')}, got ${String(got ?? 'success')}`,
      };
  }
  return { result: 'invalid', error: 'ERR_VECTOR', reason: 'no steps' };
}

export async function runDecodeUri(input: Readonly<Record<string, unknown>>): Promise<CaseOutcome> {
  try {
    const options = {
      ...(typeof input['rpId'] === 'string' ? { rpId: input['rpId'] } : {}),
      ...(typeof input['time'] === 'number' ? { time: input['time'] } : {}),
    };
    const o = decodeQrUri(input['uri'], options);
    return {
      result: 'valid',
      output: { rpId: o.rpId, offerId: o.offerId, secret: o.secret, exp: o.exp },
    };
  } catch (e) {
    return errorOutcome(e);
  }
}

export async function runDecodeContext(
  input: Readonly<Record<string, unknown>>,
): Promise<CaseOutcome> {
  try {
    const off = input['offer'] as QrOfferUri | undefined;
    const c = decodeQrSessionContext(input['context'], off);
    return { result: 'valid', output: { ...c, choices: [...c.choices] } };
  } catch (e) {
    return errorOutcome(e);
  }
}

/**
 * The `qr` suite. Operations: `decodeQrUri` (input `uri`, optional `rpId` and `time` of the app;
 * output the parsed offer), `decodeQrSessionContext` (input `context` text, optional scanned
 * `offer`) and `qrFlow` (input `steps` run against one fresh session store:
 * `create`, `scan`, `approve`, `deny`, `collect`, `poll`; a non-final step names its expected
 * error in `expect` or must succeed; the result is the last step's).
 */
export const qrSuite: VectorSuite = {
  name: 'qr',
  run(type, input) {
    if (type === 'decodeQrUri') return runDecodeUri(input);
    if (type === 'qrFlow') return runFlow(input);
    if (type === 'decodeQrSessionContext') return runDecodeContext(input);
    return Promise.resolve({
      result: 'skipped',
      reason: `unknown operation type ${JSON.stringify(type)}`,
    });
  },
};
