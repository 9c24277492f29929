/**
 * The transfer record (spec/consent.md §3.5, §7): the provider's signed statement of one transfer,
 * which carries the request and the decision so the recipient checks the consent alone (APPI
 * Art. 30 confirmation).
 * @module
 */
import { fail } from '../errors.js';
import { JWS_TYP } from '../jws/index.js';
import { isRpId } from '../login/rp-id.js';
import type { RelyingPartyCertificate } from '../x509/rp-certificate.js';
import { evaluateConsent } from './evaluate.js';
import { parseRecordPayload, type ConsentDataItem } from './model.js';
import type { DecodedConsentRequest } from './request.js';
import type { VerifiedConsentDecision } from './decision.js';
import { checkTrust, verifyRpToken, type ConsentTrustOptions } from './trust.js';
import type { WithdrawalStore } from './stores.js';

/** The `typ` of a transfer record. */
export const TRANSFER_RECORD_TYP = JWS_TYP.transferRecord;

/** A verified transfer record. */
export interface VerifiedTransferRecord {
  readonly token: string;
  readonly consentId: string;
  readonly transfer: string;
  readonly provider: string;
  readonly recipient: string;
  /** The item indices sent, and the data items they are. */
  readonly items: readonly number[];
  readonly dataItems: readonly ConsentDataItem[];
  readonly use: number;
  /** When the provider authorised the transfer. */
  readonly iat: number;
  readonly request: DecodedConsentRequest;
  readonly decision: VerifiedConsentDecision;
  /** The provider's validated relying-party certificate. */
  readonly signer: RelyingPartyCertificate;
}

/**
 * Verifies a record token: provider chain and rpId ([CON-01], [CON-02]), payload, then the embedded
 * request and decision evaluated at the record's time, and every copied member equal to the
 * request's ([CON-31]). With `recipient`, the record must be addressed to it. @internal
 */
export async function verifyRecordToken(token: unknown, recipient: string | undefined, options: ConsentTrustOptions): Promise<VerifiedTransferRecord> {
  const { payload, rp } = await verifyRpToken(token, TRANSFER_RECORD_TYP, 'provider', options);
  const p = parseRecordPayload(payload);
  if (recipient !== undefined && p.recipient !== recipient) fail('ERR_CONSENT_RECIPIENT', `the transfer record is addressed to ${p.recipient}, not ${recipient}`, 'CON-31');
  const e = await evaluateConsent({ request: p.request, decision: p.decision, transfer: p.transfer, provider: p.provider, items: p.items, at: p.iat }, options);
  const bad = (what: string): never => fail('ERR_TRANSFER_RECORD', `the transfer record's ${what} differs from the request's`, 'CON-31');
  if (p.consent !== e.request.consentId) bad('consent id');
  if (p.recipient !== e.transfer.recipient) bad('recipient');
  if (p.person !== e.request.payload.person) bad('person');
  if (p.use > e.request.payload.uses) fail('ERR_TRANSFER_RECORD', `use ${p.use} exceeds the request's limit of ${e.request.payload.uses}`, 'CON-31');
  return {
    token: token as string, consentId: p.consent, transfer: p.transfer, provider: p.provider, recipient: p.recipient,
    items: e.items, dataItems: e.dataItems, use: p.use, iat: p.iat, request: e.request, decision: e.decision, signer: rp,
  };
}

/** Options of {@link verifyTransferRecord}. */
export interface VerifyTransferRecordOptions extends ConsentTrustOptions {
  /** The recipient's own rpId. */
  readonly rpId: string;
  /** The recipient's view of withdrawals, if it keeps one: a record authorised after the withdrawal is refused. */
  readonly withdrawalStore?: WithdrawalStore;
}

/**
 * The recipient's check on receipt ([CON-31]): everything the provider checked, from the record
 * alone, and that the record is addressed to this recipient.
 */
export async function verifyTransferRecord(record: string, options: VerifyTransferRecordOptions): Promise<VerifiedTransferRecord> {
  checkTrust(options, 'verifyTransferRecord');
  if (!isRpId(options.rpId)) fail('ERR_INVALID_ARGUMENT', 'verifyTransferRecord: rpId must be the recipient\'s rpId');
  const r = await verifyRecordToken(record, options.rpId, options);
  if (options.withdrawalStore !== undefined) {
    const at = await options.withdrawalStore.withdrawnAt(r.consentId);
    if (at !== undefined && at <= r.iat) fail('ERR_CONSENT_WITHDRAWN', 'the consent was withdrawn before this transfer was authorised', 'CON-11');
  }
  return r;
}
