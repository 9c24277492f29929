/**
 * The stateless part of the evaluation of spec/consent.md §6 (steps 1–12), shared by the
 * provider before a transfer and by the recipient and auditors afterwards.
 * @module
 */
import { fail } from '../../internal/fail.js';
import type { ConsentDataItem, ConsentTransfer } from '../model.js';
import { verifyConsentRequest, type DecodedConsentRequest } from '../request.js';
import {
  checkConsentDecision,
  CONSENT_DECISION_TYP,
  type VerifiedConsentDecision,
} from '../decision.js';
import { verifyAppConsentToken, type ConsentTrustOptions } from '../trust.js';

/** Tolerance on the decision's `iat`, seconds (CON-27). */
export const DECISION_CLOCK_TOLERANCE = 60;

/** What one evaluation establishes. @internal */
export interface EvaluatedConsent {
  readonly request: DecodedConsentRequest;
  readonly decision: VerifiedConsentDecision;
  readonly transfer: ConsentTransfer;
  /** The item indices to be sent (all approved ones unless the caller named fewer). */
  readonly items: readonly number[];
  readonly dataItems: readonly ConsentDataItem[];
}

/** What to evaluate. @internal */
export interface EvaluationInput {
  readonly request: unknown;
  readonly decision: unknown;
  readonly transfer: string;
  /** The provider whose transfer this is (CON-23). */
  readonly provider: string;
  /** The provider's own customer record for the person: base64url common code (CON-21); absent for recipients. */
  readonly customer?: string;
  /** Items to send; default every approved item. */
  readonly items?: readonly number[];
  /** The time the validity window is checked at. */
  readonly at: number;
}

/**
 * Steps 1–4, 6–9 and 12 of §6: request and decision verified and bound, the same person, approved,
 * the transfer this provider's and approved with every item, within validity. @internal
 */
export async function evaluateConsent(
  input: EvaluationInput,
  options: ConsentTrustOptions,
): Promise<EvaluatedConsent> {
  // The two signatures and chains are independent: verify them concurrently, then report in the
  // order of §6 (a bad request before anything about the decision).
  const [req, dec] = await Promise.allSettled([
    verifyConsentRequest(input.request, options),
    verifyAppConsentToken(input.decision, CONSENT_DECISION_TYP, options),
  ]);
  if (req.status === 'rejected') throw req.reason;
  if (dec.status === 'rejected') throw dec.reason;
  const request = req.value;
  const decision = checkConsentDecision(input.decision as string, dec.value, request);
  if (input.customer !== undefined && input.customer !== request.payload.person)
    fail(
      'ERR_CONSENT_PERSON',
      "the request names another person than the provider's customer record",
      'CON-21',
    );
  if (decision.payload.decision !== 'approve')
    fail('ERR_CONSENT_REFUSED', 'the person refused this request', 'CON-22');
  const transfer = request.payload.transfers.find((t) => t.id === input.transfer);
  if (transfer === undefined)
    fail(
      'ERR_CONSENT_PROVIDER',
      `the request has no transfer ${JSON.stringify(input.transfer)}`,
      'CON-23',
    );
  if (transfer.provider !== input.provider)
    fail(
      'ERR_CONSENT_PROVIDER',
      `transfer ${JSON.stringify(transfer.id)} is from ${transfer.provider}, not ${input.provider}`,
      'CON-23',
    );
  const approved = decision.payload.approved?.find((a) => a.transfer === transfer.id);
  if (approved === undefined)
    fail(
      'ERR_CONSENT_SCOPE',
      `the person did not approve transfer ${JSON.stringify(transfer.id)}`,
      'CON-24',
    );
  const items = input.items === undefined ? approved.items : input.items;
  if (!Array.isArray(items) || items.length === 0)
    fail('ERR_INVALID_ARGUMENT', 'items must be a non-empty array of item indices');
  for (const i of items) {
    if (!approved.items.includes(i))
      fail(
        'ERR_CONSENT_SCOPE',
        `item ${String(i)} of transfer ${JSON.stringify(transfer.id)} was not approved`,
        'CON-24',
      );
  }
  const { iat, exp } = request.payload;
  if (input.at < iat || input.at > exp)
    fail(
      'ERR_CONSENT_EXPIRED',
      `the consent is valid ${iat}..${exp}, not at ${input.at}`,
      'CON-27',
    );
  const decided = decision.payload.iat;
  if (
    decided < iat - DECISION_CLOCK_TOLERANCE ||
    decided > exp ||
    decided > input.at + DECISION_CLOCK_TOLERANCE
  ) {
    fail(
      'ERR_CONSENT_EXPIRED',
      `the decision time ${decided} is outside the request's validity ${iat}..${exp} (or in the future)`,
      'CON-27',
    );
  }
  const sorted = [...items].sort((a, b) => a - b);
  return {
    request,
    decision,
    transfer,
    items: sorted,
    dataItems: sorted.map((i) => transfer.authorization_details[i]!),
  };
}
