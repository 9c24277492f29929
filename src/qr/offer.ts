/** Creating QR offers: random values, number matching, the new session (`spec/cross-device.md` §4). @module */
import { fail } from '../internal/fail.js';
import { base64urlDecode, base64urlEncode } from '../encoding/index.js';
import { randomBytes } from '../crypto/hash.js';
import { describe, isRpId } from '../login/rp-id.js';
import { encodeQrUri, isOfferToken, QR_RANDOM_LENGTH } from './uri.js';
import { hashQrSecret, QR_MAX_LIFETIME, type QrBrowserContext, type QrSession } from './session.js';
import type { QrSessionStore } from './store.js';
import { areChoices, isDisplayText, isTwoDigits, QR_CHOICE_COUNT } from './internal/fields.js';
import { functionArgument, objectArgument } from '../internal/args.js';

export { QR_CHOICE_COUNT };

/** Default offer lifetime in seconds. */
export const QR_DEFAULT_LIFETIME = 120;

/** Everything a new session needs, with every random value explicit (vectors, tests, custom RNGs). */
export interface QrOfferValues {
  readonly rpId: string;
  /** base64url of 16 random bytes. */
  readonly offerId: string;
  /** base64url of 16 random bytes. */
  readonly secret: string;
  /** The number the PC shows, two decimal digits. */
  readonly code: string;
  /** Three distinct two-digit strings including `code`, in display order. */
  readonly choices: readonly string[];
  /** base64url of 32 bytes derived from the PC browser session (e.g. SHA-256 of its id). */
  readonly browserBinding: string;
  readonly context: QrBrowserContext;
  /** Creation time (the RP's clock). */
  readonly time: number;
  /** Expiry; `exp − time` in 1..120. */
  readonly exp: number;
}

/** Options of {@link createQrOffer}. */
export interface CreateQrOfferOptions {
  readonly rpId: string;
  /** base64url of 32 bytes derived from the PC browser session that asks for the offer. */
  readonly browserBinding: string;
  readonly context: QrBrowserContext;
  readonly time: number;
  /** Seconds until expiry, 1..120 (default 120). */
  readonly lifetime?: number;
  /** Random source (default: the platform CSPRNG). Tests only; production leaves it out. */
  readonly random?: (length: number) => Uint8Array;
}

/** What the RP hands to the PC page: the URI to draw as a QR code and the number to display. */
export interface QrOffer {
  readonly uri: string;
  readonly offerId: string;
  /** The number the PC shows next to the QR code. */
  readonly code: string;
  readonly exp: number;
}

function assertText(value: unknown, what: string): asserts value is string {
  if (!isDisplayText(value)) {
    fail(
      'ERR_INVALID_ARGUMENT',
      `${what}: ${describe(value)} is not 1..64 printable characters`,
      'QR-23',
    );
  }
}

/** A uniform integer in [0, n) from `random`, by rejection sampling on single bytes (n ≤ 256). */
function uniform(n: number, random: (length: number) => Uint8Array): number {
  const limit = 256 - (256 % n);
  for (;;) {
    const b = random(1)[0];
    if (b === undefined) fail('ERR_INTERNAL', 'random source returned no bytes');
    if (b < limit) return b % n;
  }
}

/**
 * Draws the number and the choices ([QR-14]): a uniform two-digit number, two distinct uniform
 * decoys, and a uniform position of the number among the three.
 */
export function drawQrNumbers(random: (length: number) => Uint8Array = randomBytes): {
  code: string;
  choices: string[];
} {
  functionArgument(random, 'drawQrNumbers: random');
  const picked: number[] = [];
  while (picked.length < QR_CHOICE_COUNT) {
    const n = uniform(100, random);
    if (!picked.includes(n)) picked.push(n);
  }
  const choices = picked.map((n) => n.toString().padStart(2, '0'));
  const code = choices[0] as string;
  // Fisher–Yates with uniform indices: the number's position is uniform and independent of it.
  for (let i = choices.length - 1; i > 0; i--) {
    const j = uniform(i + 1, random);
    [choices[i], choices[j]] = [choices[j] as string, choices[i] as string];
  }
  return { code, choices };
}

/** Validates explicit offer values and builds the `pending` session for them. */
export function newQrSession(v: QrOfferValues): QrSession {
  objectArgument(v, 'newQrSession: v');
  if (!isRpId(v.rpId))
    fail(
      'ERR_INVALID_ARGUMENT',
      `rpId ${describe(v.rpId)} is not a lowercase DNS host name`,
      'LOGIN-01',
    );
  if (!isOfferToken(v.offerId))
    fail('ERR_INVALID_ARGUMENT', 'offerId is not base64url of 16 bytes', 'QR-11');
  if (!isOfferToken(v.secret))
    fail('ERR_INVALID_ARGUMENT', 'secret is not base64url of 16 bytes', 'QR-11');
  if (!isTwoDigits(v.code)) fail('ERR_INVALID_ARGUMENT', 'code is not two decimal digits', 'QR-14');
  const choices = v.choices;
  if (!areChoices(choices) || !choices.includes(v.code)) {
    fail(
      'ERR_INVALID_ARGUMENT',
      'choices are not three distinct two-digit strings including the code',
      'QR-14',
    );
  }
  let binding: Uint8Array | undefined;
  try {
    binding = base64urlDecode(v.browserBinding);
  } catch {
    binding = undefined;
  }
  if (binding?.length !== 32)
    fail('ERR_INVALID_ARGUMENT', 'browserBinding is not base64url of 32 bytes', 'QR-12');
  assertText(v.context?.browser, 'context.browser');
  assertText(v.context?.place, 'context.place');
  if (!Number.isSafeInteger(v.time) || v.time < 0)
    fail('ERR_INVALID_ARGUMENT', `time ${describe(v.time)} is not a non-negative integer`);
  if (!Number.isSafeInteger(v.exp) || v.exp <= v.time || v.exp - v.time > QR_MAX_LIFETIME) {
    fail(
      'ERR_INVALID_ARGUMENT',
      `exp ${describe(v.exp)} is not within 1..${QR_MAX_LIFETIME} s after ${v.time}`,
      'QR-10',
    );
  }
  return {
    offerId: v.offerId,
    secretHash: hashQrSecret(base64urlDecode(v.secret)),
    rpId: v.rpId,
    browserBinding: v.browserBinding,
    code: v.code,
    choices: [...choices],
    context: { browser: v.context.browser, place: v.context.place },
    createdAt: v.time,
    exp: v.exp,
    state: 'pending',
    version: 0,
  };
}

/** Stores a `pending` session for explicit values and returns what the PC displays. */
export async function registerQrOffer(
  store: QrSessionStore,
  values: QrOfferValues,
): Promise<QrOffer> {
  objectArgument(store, 'registerQrOffer: store');
  objectArgument(values, 'registerQrOffer: values');
  const session = newQrSession(values);
  await store.create(session);
  return {
    uri: encodeQrUri({
      rpId: values.rpId,
      offerId: values.offerId,
      secret: values.secret,
      exp: values.exp,
    }),
    offerId: values.offerId,
    code: values.code,
    exp: values.exp,
  };
}

/**
 * Creates a QR offer for the PC browser session named by `browserBinding` ([QR-10]–[QR-15]):
 * fresh offer id, secret, number and decoys; the session is stored `pending`. Returns the URI to
 * draw as a QR code and the number the PC shows beside it.
 */
export async function createQrOffer(
  store: QrSessionStore,
  options: CreateQrOfferOptions,
): Promise<QrOffer> {
  objectArgument(store, 'createQrOffer: store');
  objectArgument(options, 'createQrOffer: options');
  const random = options.random ?? randomBytes;
  const lifetime = options.lifetime ?? QR_DEFAULT_LIFETIME;
  const { code, choices } = drawQrNumbers(random);
  return registerQrOffer(store, {
    rpId: options.rpId,
    offerId: base64urlEncode(random(QR_RANDOM_LENGTH)),
    secret: base64urlEncode(random(QR_RANDOM_LENGTH)),
    code,
    choices,
    browserBinding: options.browserBinding,
    context: options.context,
    time: options.time,
    exp: options.time + lifetime,
  });
}
