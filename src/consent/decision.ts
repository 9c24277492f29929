/**
 * The person's two signed messages (spec/consent.md §3.3, §3.4): the decision over the exact
 * request shown, and the withdrawal any of the person's apps may sign; and their verification.
 * @module
 */
import { fail } from '../internal/fail.js';
import { isIntegerSeconds, type JsonObject } from '../encoding/index.js';
import { JWS_TYP, signJws, type JwsSigner } from '../jws/index.js';
import {
  checkNarrowing,
  parseDecisionPayload,
  parseWithdrawalPayload,
  type ApprovedTransfer,
  type ConsentDecisionPayload,
} from './model.js';
import type { DecodedConsentRequest } from './request.js';
import { checkDecoded, verifyConsentRequest } from './request.js';
import {
  checkTrust,
  consentIdOf,
  verifyAppConsentToken,
  type ConsentAppCertificate,
  type ConsentTrustOptions,
} from './trust.js';
import type { WithdrawalStore } from './stores.js';

/** The `typ` of a consent decision. */
export const CONSENT_DECISION_TYP = JWS_TYP.consentDecision;
/** The `typ` of a consent withdrawal. */
export const CONSENT_WITHDRAWAL_TYP = JWS_TYP.consentWithdrawal;

/** Options of {@link createConsentDecision}. */
export interface CreateConsentDecisionOptions {
  /** The request exactly as `decodeConsentRequest` returned it (the one shown). */
  readonly request: DecodedConsentRequest;
  readonly decision: 'approve' | 'refuse';
  /** The transfers and items the person left ticked (default: everything asked for). */
  readonly approved?: readonly ApprovedTransfer[];
  /** Signs with the app's hardware key. */
  readonly signer: JwsSigner;
  /** The app certificate chain, DER, leaf first. */
  readonly certificateChain: readonly Uint8Array[];
  /** The app's time: the decision's `iat`. */
  readonly time: number;
}

/**
 * Signs the person's decision over the consent id of the request shown ([CON-09]); the approved
 * subset may narrow the request, never widen it ([CON-08]).
 */
export async function createConsentDecision(
  options: CreateConsentDecisionOptions,
): Promise<string> {
  if (typeof options !== 'object' || options === null)
    fail('ERR_INVALID_ARGUMENT', 'createConsentDecision: options are required');
  checkDecoded(options.request, 'createConsentDecision');
  if (!isIntegerSeconds(options.time))
    fail('ERR_INVALID_ARGUMENT', 'createConsentDecision: time must be integer seconds');
  const req = options.request;
  // The hash of the very token decoded and shown ([CON-09]), recomputed rather than trusted.
  const payload: JsonObject = {
    v: 1,
    request: consentIdOf(req.token),
    decision: options.decision,
    iat: options.time,
  };
  if (options.decision === 'approve') {
    const approved =
      options.approved ??
      req.payload.transfers.map((t) => ({
        transfer: t.id,
        items: t.authorization_details.map((_, i) => i),
      }));
    payload.approved = approved.map((a) => ({ transfer: a.transfer, items: [...a.items] }));
  }
  const parsed = parseDecisionPayload(payload);
  if (parsed.approved !== undefined) checkNarrowing(req.payload, parsed.approved);
  return signJws({
    typ: CONSENT_DECISION_TYP,
    payload,
    certificateChain: options.certificateChain,
    signer: options.signer,
  });
}

/** A verified decision. */
export interface VerifiedConsentDecision {
  readonly token: string;
  readonly payload: ConsentDecisionPayload;
  readonly app: ConsentAppCertificate;
}

/**
 * Verifies a decision for `request`: app chain with the consent purpose ([CON-18]), payload
 * ([CON-07]), bound to the request ([CON-19]), signed by the request's person ([CON-20]), and
 * narrowing only ([CON-08]). Does not look at approve/refuse. @internal
 */
export async function verifyConsentDecision(
  token: unknown,
  request: DecodedConsentRequest,
  options: ConsentTrustOptions,
): Promise<VerifiedConsentDecision> {
  return checkConsentDecision(
    token as string,
    await verifyAppConsentToken(token, CONSENT_DECISION_TYP, options),
    request,
  );
}

/** The payload checks of {@link verifyConsentDecision} on a token whose signature and chain verified. @internal */
export function checkConsentDecision(
  token: string,
  verified: { readonly payload: JsonObject; readonly app: ConsentAppCertificate },
  request: DecodedConsentRequest,
): VerifiedConsentDecision {
  const { payload, app } = verified;
  const p = parseDecisionPayload(payload);
  if (p.request !== request.consentId)
    fail('ERR_CONSENT_BINDING', 'the decision was made for another consent request', 'CON-19');
  if (app.person !== request.payload.person)
    fail(
      'ERR_CONSENT_PERSON',
      'the decision is signed by an app of another person than the request names',
      'CON-20',
    );
  if (p.approved !== undefined) checkNarrowing(request.payload, p.approved);
  return { token, payload: p, app };
}

/** Options of {@link createWithdrawal}. */
export interface CreateWithdrawalOptions {
  /** The consent id to withdraw. */
  readonly consentId: string;
  readonly signer: JwsSigner;
  /** Any app certificate chain of the person (DER, leaf first). */
  readonly certificateChain: readonly Uint8Array[];
  readonly time: number;
}

/** Signs a withdrawal of `consentId` with any app key of the person (spec/consent.md §3.4). */
export async function createWithdrawal(options: CreateWithdrawalOptions): Promise<string> {
  if (typeof options !== 'object' || options === null)
    fail('ERR_INVALID_ARGUMENT', 'createWithdrawal: options are required');
  if (!isIntegerSeconds(options.time))
    fail('ERR_INVALID_ARGUMENT', 'createWithdrawal: time must be integer seconds');
  const payload: JsonObject = { v: 1, consent: options.consentId, iat: options.time };
  parseWithdrawalPayload(payload);
  return signJws({
    typ: CONSENT_WITHDRAWAL_TYP,
    payload,
    certificateChain: options.certificateChain,
    signer: options.signer,
  });
}

/** A verified withdrawal. */
export interface VerifiedWithdrawal {
  readonly token: string;
  readonly consentId: string;
  readonly iat: number;
  readonly app: ConsentAppCertificate;
}

/**
 * Verifies a withdrawal of the consent of `request` (the request token or its decoded form): app
 * chain with the consent purpose, payload, the consent id ([CON-19]) and the same person ([CON-10]).
 */
export async function verifyWithdrawal(
  token: string,
  request: string | DecodedConsentRequest,
  options: ConsentTrustOptions,
): Promise<VerifiedWithdrawal> {
  checkTrust(options, 'verifyWithdrawal');
  if (typeof request !== 'string') checkDecoded(request, 'verifyWithdrawal');
  const req = typeof request === 'string' ? await verifyConsentRequest(request, options) : request;
  const { payload, app } = await verifyAppConsentToken(token, CONSENT_WITHDRAWAL_TYP, options);
  const p = parseWithdrawalPayload(payload);
  if (p.consent !== req.consentId)
    fail('ERR_CONSENT_BINDING', 'the withdrawal is for another consent', 'CON-19');
  if (app.person !== req.payload.person)
    fail('ERR_CONSENT_PERSON', 'the withdrawal is signed by an app of another person', 'CON-10');
  return { token, consentId: p.consent, iat: p.iat, app };
}

/** Options of {@link recordWithdrawal}. */
export interface RecordWithdrawalOptions extends ConsentTrustOptions {
  readonly withdrawalStore: WithdrawalStore;
}

/**
 * The provider's side of a withdrawal ([CON-11]): verifies it and records it in the store; every
 * later `authorizeTransfer` of the consent is refused. Resolves once the store holds it.
 */
export async function recordWithdrawal(
  token: string,
  request: string | DecodedConsentRequest,
  options: RecordWithdrawalOptions,
): Promise<VerifiedWithdrawal> {
  checkTrust(options, 'recordWithdrawal');
  const store = options.withdrawalStore;
  if (typeof store !== 'object' || store === null || typeof store.withdraw !== 'function')
    fail('ERR_INVALID_ARGUMENT', 'recordWithdrawal: withdrawalStore is required');
  const w = await verifyWithdrawal(token, request, options);
  await store.withdraw(w.consentId, Math.min(w.iat, options.time));
  return w;
}
