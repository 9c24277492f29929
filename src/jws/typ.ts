/** The `typ` registry of spec/jws.md §3: one explicit type per signed message kind. @module */
import { fail } from '../internal/fail.js';

/**
 * The registered `typ` values (spec/jws.md §3). Each signed message kind has its own value, so a
 * signature made for one kind never verifies as another.
 */
export const JWS_TYP = {
  /** Login response signed by the app key. */
  login: 'jitsuin-login+jws',
  /** Cross-device (QR) login approval. */
  qrApproval: 'jitsuin-qr-approval+jws',
  /** Consent messages. */
  consent: 'jitsuin-consent+jws',
  /** Consent request signed by the requester's relying-party key (spec/consent.md §3.1). */
  consentRequest: 'jitsuin-consent-request+jws',
  /** Consent decision signed by the person's app key (spec/consent.md §3.3). */
  consentDecision: 'jitsuin-consent-decision+jws',
  /** Consent withdrawal signed by any app key of the person (spec/consent.md §3.4). */
  consentWithdrawal: 'jitsuin-consent-withdrawal+jws',
  /** Transfer record signed by the provider's relying-party key (spec/consent.md §3.5). */
  transferRecord: 'jitsuin-transfer-record+jws',
} as const;

/** A registered `typ` value. */
export type JwsTyp = (typeof JWS_TYP)[keyof typeof JWS_TYP];

/** The grammar every `typ` value follows: `jitsuin-` kind `+jws`, kind lower-case words joined by `-`. */
const TYP_GRAMMAR = /^jitsuin-[a-z0-9]+(?:-[a-z0-9]+)*\+jws$/;

/** True when `value` follows the `typ` grammar of spec/jws.md §3. */
export function isJwsTyp(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 128 && TYP_GRAMMAR.test(value);
}

/**
 * Fails with ERR_INVALID_ARGUMENT unless `value` is a `typ` of the grammar: [JWS-16] for a
 * verifier's configuration, [JWS-37] for a producer. @internal
 */
export function assertTypGrammar(
  value: unknown,
  where: string,
  requirement: 'JWS-16' | 'JWS-37',
): asserts value is string {
  if (!isJwsTyp(value)) {
    fail(
      'ERR_INVALID_ARGUMENT',
      `${where}: typ ${JSON.stringify(value)} is not of the form "jitsuin-<kind>+jws"`,
      requirement,
    );
  }
}
