/**
 * The provider's evaluation before every transfer (spec/consent.md §6): all checks offline, the
 * use count through an atomic store, withdrawals checked before and after it, then the signed
 * transfer record, logged before the data leaves.
 * @module
 */
import { fail } from '../internal/fail.js';
import { base64urlEncode, type JsonObject } from '../encoding/index.js';
import { signJws, type JwsSigner } from '../jws/index.js';
import { isRpId } from '../login/rp-id.js';
import { evaluateConsent } from './internal/evaluate.js';
import type { ConsentDataItem } from './model.js';
import { logConsentEvent, type ConsentEvent, type ConsentEvidenceLog } from './evidence.js';
import { TRANSFER_RECORD_TYP } from './record.js';
import type { ConsentUseStore, WithdrawalStore } from './stores.js';
import { checkTrust, tokenHashAsync, type ConsentTrustOptions } from './trust.js';

/** Options of {@link authorizeTransfer}. */
export interface AuthorizeTransferOptions extends ConsentTrustOptions {
  /** The provider's own rpId. */
  readonly rpId: string;
  /** The consent request token. */
  readonly request: string;
  /** The decision token. */
  readonly decision: string;
  /** The transfer id to run. */
  readonly transfer: string;
  /** Indices of the data items to send (default: every approved item). */
  readonly items?: readonly number[];
  /** Where the provider is about to send the data. */
  readonly recipient: string;
  /** The purpose code the provider was told the data is for. */
  readonly purpose: string;
  /** The common code (16 bytes) of the provider's own customer record for the person. */
  readonly customer: Uint8Array;
  readonly useStore: ConsentUseStore;
  readonly withdrawalStore: WithdrawalStore;
  /** Signs the transfer record with the provider's relying-party key. */
  readonly signer: JwsSigner;
  /** The provider's relying-party certificate chain, DER, leaf first. */
  readonly certificateChain: readonly Uint8Array[];
  /** The evidence log; the record is appended before this call returns ([CON-30]). */
  readonly log?: ConsentEvidenceLog;
}

/** An authorised transfer: the signed record, and what to send. */
export interface AuthorizedTransfer {
  /** The transfer record token (send it with the data, the request and the decision). */
  readonly record: string;
  readonly consentId: string;
  readonly transfer: string;
  /** Which use of the transfer this is, 1..uses. */
  readonly use: number;
  readonly items: readonly number[];
  readonly dataItems: readonly ConsentDataItem[];
  /** The logged record with its salt and receipt, when a log was given. */
  readonly evidence?: ConsentEvent;
}

/**
 * Evaluates one transfer in the order of spec/consent.md §6 ([CON-17]) and, when every check
 * passes, signs the transfer record. A refusal is a `JitsuinError` with the code of the first
 * failed check; a refused call does not consume a use unless it failed after the increment.
 */
export async function authorizeTransfer(
  options: AuthorizeTransferOptions,
): Promise<AuthorizedTransfer> {
  checkTrust(options, 'authorizeTransfer');
  const { useStore, withdrawalStore } = options;
  if (!isRpId(options.rpId) || !isRpId(options.recipient))
    fail('ERR_INVALID_ARGUMENT', 'authorizeTransfer: rpId and recipient must be rpIds');
  if (!(options.customer instanceof Uint8Array) || options.customer.length !== 16)
    fail(
      'ERR_INVALID_ARGUMENT',
      'authorizeTransfer: customer must be the 16-byte common code of the customer record',
    );
  if (typeof options.purpose !== 'string' || typeof options.transfer !== 'string')
    fail('ERR_INVALID_ARGUMENT', 'authorizeTransfer: transfer and purpose are required strings');
  if (typeof useStore?.consume !== 'function' || typeof withdrawalStore?.withdrawnAt !== 'function')
    fail('ERR_INVALID_ARGUMENT', 'authorizeTransfer: useStore and withdrawalStore are required');
  const e = await evaluateConsent(
    {
      request: options.request,
      decision: options.decision,
      transfer: options.transfer,
      provider: options.rpId,
      customer: base64urlEncode(options.customer),
      ...(options.items === undefined ? {} : { items: options.items }),
      at: options.time,
    },
    options,
  );
  if (options.recipient !== e.transfer.recipient)
    fail(
      'ERR_CONSENT_RECIPIENT',
      `the person approved sending to ${e.transfer.recipient}, not ${options.recipient}`,
      'CON-25',
    );
  if (options.purpose !== e.request.payload.purpose.code)
    fail(
      'ERR_CONSENT_PURPOSE',
      `the person approved the purpose ${e.request.payload.purpose.code}, not ${options.purpose}`,
      'CON-26',
    );
  const id = e.request.consentId;
  if ((await withdrawalStore.withdrawnAt(id)) !== undefined)
    fail('ERR_CONSENT_WITHDRAWN', 'the person withdrew this consent', 'CON-11');
  const granted = await useStore.consume(`${id}/${e.transfer.id}`, e.request.payload.uses);
  if (granted.status !== 'granted')
    fail(
      'ERR_CONSENT_USED_UP',
      `transfer ${JSON.stringify(e.transfer.id)} was already run ${e.request.payload.uses} time(s), its limit`,
      'CON-28',
    );
  // A withdrawal recorded while this call ran wins over the use just counted.
  if ((await withdrawalStore.withdrawnAt(id)) !== undefined)
    fail(
      'ERR_CONSENT_WITHDRAWN',
      'the person withdrew this consent during the evaluation',
      'CON-29',
    );
  const payload: JsonObject = {
    v: 1,
    consent: id,
    transfer: e.transfer.id,
    provider: options.rpId,
    recipient: e.transfer.recipient,
    person: e.request.payload.person,
    items: [...e.items],
    use: granted.use,
    iat: options.time,
    decision: await tokenHashAsync(e.decision.token),
  };
  const record = await signJws({
    typ: TRANSFER_RECORD_TYP,
    payload,
    certificateChain: options.certificateChain,
    signer: options.signer,
  });
  const result = {
    record,
    consentId: id,
    transfer: e.transfer.id,
    use: granted.use,
    items: e.items,
    dataItems: e.dataItems,
  };
  if (options.log === undefined) return result;
  return { ...result, evidence: await logConsentEvent(options.log, 'transfer-record', record) };
}
