/**
 * The transfer record (spec/consent.md §3.5, §7): the provider's signed statement of one transfer,
 * naming the request and the decision by their hashes; with those two tokens the recipient checks
 * the consent alone, offline (APPI Art. 30 confirmation).
 * @module
 */
import { fail } from '../internal/fail.js';
import { JWS_TYP } from '../jws/index.js';
import { isRpId } from '../login/rp-id.js';
import type { RelyingPartyCertificate } from '../x509/rp-certificate.js';
import { evaluateConsent } from './internal/evaluate.js';
import { parseRecordPayload, type ConsentDataItem, type TransferRecordPayload } from './model.js';
import type { DecodedConsentRequest } from './request.js';
import type { VerifiedConsentDecision } from './decision.js';
import {
  checkTrust,
  consentIdOf,
  tokenHash,
  verifyRpToken,
  type ConsentTrustOptions,
} from './trust.js';
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

/** The request and decision tokens a record was authorised on, as the recipient received them. @internal */
export interface RecordBasis {
  readonly request: string;
  readonly decision: string;
}

/**
 * Verifies a record token: provider chain and rpId ([CON-01], [CON-02]), payload; `basis` gives the
 * request and decision tokens for the record's payload (the recipient's copies, or the evidence's),
 * which must be the ones it names ([CON-31]: consent id and decision hash); then the request and
 * decision are evaluated at the record's time and every copied member must equal the request's.
 * With `recipient`, the record must be addressed to it. @internal
 */
export async function verifyRecordToken(
  token: unknown,
  recipient: string | undefined,
  basis: (p: TransferRecordPayload) => RecordBasis,
  options: ConsentTrustOptions,
): Promise<VerifiedTransferRecord> {
  const { payload, rp } = await verifyRpToken(token, TRANSFER_RECORD_TYP, 'provider', options);
  const p = parseRecordPayload(payload);
  if (recipient !== undefined && p.recipient !== recipient)
    fail(
      'ERR_CONSENT_RECIPIENT',
      `the transfer record is addressed to ${p.recipient}, not ${recipient}`,
      'CON-31',
    );
  const { request, decision } = basis(p);
  if (typeof request !== 'string' || typeof decision !== 'string')
    fail('ERR_INVALID_ARGUMENT', 'the request and decision tokens of the record are required');
  if (consentIdOf(request) !== p.consent)
    fail(
      'ERR_CONSENT_BINDING',
      'the transfer record is for another consent request than the one given',
      'CON-31',
    );
  if (tokenHash(decision) !== p.decision)
    fail(
      'ERR_CONSENT_BINDING',
      'the transfer record was authorised on another decision than the one given',
      'CON-31',
    );
  const e = await evaluateConsent(
    { request, decision, transfer: p.transfer, provider: p.provider, items: p.items, at: p.iat },
    options,
  );
  const bad = (what: string): never =>
    fail(
      'ERR_TRANSFER_RECORD',
      `the transfer record's ${what} differs from the request's`,
      'CON-31',
    );
  if (p.recipient !== e.transfer.recipient) bad('recipient');
  if (p.person !== e.request.payload.person) bad('person');
  if (p.use > e.request.payload.uses)
    fail(
      'ERR_TRANSFER_RECORD',
      `use ${p.use} exceeds the request's limit of ${e.request.payload.uses}`,
      'CON-31',
    );
  return {
    token: token as string,
    consentId: p.consent,
    transfer: p.transfer,
    provider: p.provider,
    recipient: p.recipient,
    items: e.items,
    dataItems: e.dataItems,
    use: p.use,
    iat: p.iat,
    request: e.request,
    decision: e.decision,
    signer: rp,
  };
}

/** Options of {@link verifyTransferRecord}. */
export interface VerifyTransferRecordOptions extends ConsentTrustOptions {
  /** The recipient's own rpId. */
  readonly rpId: string;
  /** The consent request token the record's consent id names (sent with the data). */
  readonly request: string;
  /** The decision token the record's decision hash names (sent with the data). */
  readonly decision: string;
  /** The recipient's view of withdrawals, if it keeps one: a record authorised after the withdrawal is refused. */
  readonly withdrawalStore?: WithdrawalStore;
}

/**
 * The recipient's check on receipt ([CON-31]): the record, and with it the request and decision it
 * names, everything the provider checked, offline, and that the record is addressed to this recipient.
 */
export async function verifyTransferRecord(
  record: string,
  options: VerifyTransferRecordOptions,
): Promise<VerifiedTransferRecord> {
  checkTrust(options, 'verifyTransferRecord');
  if (!isRpId(options.rpId))
    fail('ERR_INVALID_ARGUMENT', "verifyTransferRecord: rpId must be the recipient's rpId");
  const r = await verifyRecordToken(
    record,
    options.rpId,
    () => ({ request: options.request, decision: options.decision }),
    options,
  );
  if (options.withdrawalStore !== undefined) {
    const at = await options.withdrawalStore.withdrawnAt(r.consentId);
    if (at !== undefined && at <= r.iat)
      fail(
        'ERR_CONSENT_WITHDRAWN',
        'the consent was withdrawn before this transfer was authorised',
        'CON-11',
      );
  }
  return r;
}
