/**
 * Evidence of consents (spec/consent.md §8): each request, decision, withdrawal and transfer record
 * goes into the evidence log as a salted commitment of its token; the parties keep the salt and
 * the receipt, and anyone holding them verifies the whole consent offline against a log policy.
 * @module
 */
import { fail } from '../internal/fail.js';
import { base64urlEncode, decodeFixedBase64url } from '../encoding/index.js';
import { utf8Encode } from '../encoding/utf8.js';
import { sha256 } from '../crypto/hash.js';
import { formatCommonCode } from '../x509/common-code.js';
import { verifyReceipt, parseReceipt, type VerifiedReceipt } from '../ledger/receipt.js';
import type { LogPolicy } from '../ledger/policy.js';
import {
  checkCheckpointUpdate,
  updateTrustedCheckpoint,
  type CheckpointStateStore,
} from '../ledger/monitor.js';
import { verifyCheckpointWithPolicy } from '../ledger/policy.js';
import { jstDate } from './display.js';
import type { ConsentDataItem } from './model.js';
import { verifyConsentRequest, type DecodedConsentRequest } from './request.js';
import {
  verifyConsentDecision,
  verifyWithdrawal,
  type VerifiedConsentDecision,
  type VerifiedWithdrawal,
} from './decision.js';
import { verifyRecordToken, type VerifiedTransferRecord } from './record.js';
import { checkTrust, tokenHash, type ConsentTrustOptions } from './trust.js';

/** The kinds of consent event the log holds. */
export type ConsentEventKind = 'request' | 'decision' | 'withdrawal' | 'transfer-record';

/** Where consent events are logged: appends an entry as a salted commitment and answers its receipt. */
export interface ConsentEvidenceLog {
  /**
   * Appends `entry` (the ASCII bytes of a token) as a salted commitment and resolves, once the entry
   * is in a signed tree, with its index, the commitment's salt and a receipt (C2SP tlog-proof).
   */
  append(
    entry: Uint8Array,
  ): Promise<{ readonly index: number; readonly salt: Uint8Array; readonly receipt: string }>;
}

/** One logged event as its parties keep it. */
export interface ConsentEvent {
  readonly kind: ConsentEventKind;
  /** The token (JWS Compact). */
  readonly token: string;
  /** The 32-byte salt of its commitment. */
  readonly salt: Uint8Array;
  /** The receipt (tlog-proof text). */
  readonly receipt: string;
}

/** Appends one event's token to the log and returns it with its salt and receipt. */
export async function logConsentEvent(
  log: ConsentEvidenceLog,
  kind: ConsentEventKind,
  token: string,
): Promise<ConsentEvent> {
  if (typeof log !== 'object' || log === null || typeof log.append !== 'function')
    fail('ERR_INVALID_ARGUMENT', 'logConsentEvent: log must have append()');
  if (typeof token !== 'string')
    fail('ERR_INVALID_ARGUMENT', 'logConsentEvent: token must be a string');
  const r = await log.append(utf8Encode(token));
  return { kind, token, salt: r.salt.slice(), receipt: r.receipt };
}

/** How the person's app keeps its trusted checkpoint (evidence-log.md LOG-25..LOG-28). */
export interface CheckpointMonitor {
  readonly state: CheckpointStateStore;
  /** A consistency proof between two tree sizes, from the log. */
  readonly proof: (size1: number, size2: number) => Promise<readonly Uint8Array[]>;
}

/** Options of {@link verifyConsentEvidence}. */
export interface VerifyConsentEvidenceOptions extends ConsentTrustOptions {
  /** The verifier's log policy (logs, witnesses, quorum). */
  readonly policy: LogPolicy;
  /** The log's origin when the policy lists several. */
  readonly origin?: string;
  /** The person's app: update and check its trusted checkpoint with every receipt (CON-32). */
  readonly monitor?: CheckpointMonitor;
}

/** Verified evidence of one consent. */
export interface VerifiedConsentEvidence {
  readonly consentId: string;
  readonly request: DecodedConsentRequest;
  readonly decisions: readonly VerifiedConsentDecision[];
  readonly withdrawals: readonly VerifiedWithdrawal[];
  readonly records: readonly VerifiedTransferRecord[];
  /** Each event's verified receipt, in the order given. */
  readonly receipts: readonly VerifiedReceipt[];
}

/**
 * Verifies all events of one consent ([CON-32], [CON-33]): exactly one request; each token as its
 * kind requires and bound to that request; each receipt against the policy (commitment, inclusion,
 * log signature, witness quorum); and, with `monitor`, every receipt's checkpoint consistent with
 * the app's trusted checkpoint (a fork or rollback fails with the ledger's error).
 */
export async function verifyConsentEvidence(
  events: readonly ConsentEvent[],
  options: VerifyConsentEvidenceOptions,
): Promise<VerifiedConsentEvidence> {
  checkTrust(options, 'verifyConsentEvidence');
  if (!Array.isArray(events))
    fail('ERR_INVALID_ARGUMENT', 'verifyConsentEvidence: events must be an array');
  if (typeof options.policy !== 'object' || options.policy === null)
    fail('ERR_INVALID_ARGUMENT', 'verifyConsentEvidence: policy is required');
  const requests = events.filter((e) => e.kind === 'request');
  if (requests.length !== 1)
    fail(
      'ERR_CONSENT_EVIDENCE',
      `the evidence holds ${requests.length} requests, not one`,
      'CON-33',
    );
  const request = await verifyConsentRequest(requests[0]!.token, options);
  const decisions: VerifiedConsentDecision[] = [];
  const withdrawals: VerifiedWithdrawal[] = [];
  const records: VerifiedTransferRecord[] = [];
  const receipts: VerifiedReceipt[] = [];
  for (const e of events) {
    if (typeof e !== 'object' || e === null || typeof e.token !== 'string')
      fail('ERR_INVALID_ARGUMENT', 'verifyConsentEvidence: every event needs a token');
    if (typeof e.receipt !== 'string' || !(e.salt instanceof Uint8Array))
      fail('ERR_CONSENT_EVIDENCE', `a ${String(e.kind)} event has no receipt or salt`, 'CON-33');
    switch (e.kind) {
      case 'request':
        break;
      case 'decision':
        decisions.push(await verifyConsentDecision(e.token, request, options));
        break;
      case 'withdrawal':
        withdrawals.push(await verifyWithdrawal(e.token, request, options));
        break;
      case 'transfer-record': {
        const r = await verifyRecordToken(
          e.token,
          undefined,
          (p) => {
            if (p.consent !== request.consentId)
              fail('ERR_CONSENT_BINDING', 'a transfer record of another consent', 'CON-33');
            const decision = events.find(
              (d) => d.kind === 'decision' && tokenHash(d.token) === p.decision,
            );
            if (decision === undefined)
              fail(
                'ERR_CONSENT_EVIDENCE',
                'the evidence lacks the decision a transfer record names',
                'CON-33',
              );
            return { request: request.token, decision: decision.token };
          },
          options,
        );
        records.push(r);
        break;
      }
      default:
        fail('ERR_CONSENT_EVIDENCE', `unknown event kind ${JSON.stringify(e.kind)}`, 'CON-33');
    }
    receipts.push(
      await verifyReceipt(
        e.receipt,
        { entry: utf8Encode(e.token), salt: e.salt },
        options.policy,
        options.origin,
      ),
    );
  }
  if (options.monitor !== undefined)
    await monitorCheckpoints(
      events.map((e) => parseReceipt(e.receipt).checkpoint),
      options,
      options.monitor,
    );
  return { consentId: request.consentId, request, decisions, withdrawals, records, receipts };
}

/**
 * The app's consistency check (CON-32): checkpoints at or above the trusted size go through
 * `updateTrustedCheckpoint`; older ones must be consistent with the trusted one.
 */
async function monitorCheckpoints(
  notes: readonly string[],
  options: VerifyConsentEvidenceOptions,
  monitor: CheckpointMonitor,
): Promise<void> {
  const verified = await Promise.all(
    notes.map((n) => verifyCheckpointWithPolicy(n, options.policy, options.origin)),
  );
  verified.sort((a, b) => a.checkpoint.size - b.checkpoint.size);
  const origin = verified[0]?.checkpoint.origin;
  if (origin === undefined) return;
  const latest = verified[verified.length - 1]!;
  const current = await monitor.state.get(origin);
  let trusted =
    current === undefined
      ? undefined
      : await verifyCheckpointWithPolicy(current, options.policy, origin);
  if (trusted === undefined || latest.checkpoint.size >= trusted.checkpoint.size) {
    trusted = await updateTrustedCheckpoint({
      policy: options.policy,
      origin,
      state: monitor.state,
      checkpoint: latest.note.note,
      proof: monitor.proof,
    });
  }
  for (const seen of verified) {
    if (seen.checkpoint.size >= trusted.checkpoint.size) {
      // Same size: the roots must agree (else the log signed two trees of one size).
      checkCheckpointUpdate(trusted, seen, []);
      continue;
    }
    const proof =
      seen.checkpoint.size === 0
        ? []
        : await monitor.proof(seen.checkpoint.size, trusted.checkpoint.size);
    checkCheckpointUpdate(seen, trusted, proof);
  }
}

/** One record of APPI Art. 29 (provider) and Art. 30 (recipient), derived from a transfer record. */
export interface AppiTransferRecord {
  /** Date of the transfer in Japan Standard Time, `YYYY-MM-DD`. */
  readonly date: string;
  readonly provider: string;
  readonly recipient: string;
  /** The data subject: the common code in its text form. */
  readonly person: string;
  readonly items: readonly {
    readonly type: string;
    readonly datatypes: readonly string[];
    readonly identifier?: string;
    readonly time_range?: { readonly from: number; readonly to: number };
  }[];
  /** The fact of consent: its id, when the person decided, for which purpose. */
  readonly consent: { readonly id: string; readonly decidedAt: number; readonly purpose: string };
  /** base64url SHA-256 of the transfer record token. */
  readonly transferRecord: string;
}

function itemSummary(d: ConsentDataItem): AppiTransferRecord['items'][number] {
  return {
    type: d.type,
    datatypes: [...d.datatypes],
    ...(d.identifier === undefined ? {} : { identifier: d.identifier }),
    ...(d.time_range === undefined ? {} : { time_range: { ...d.time_range } }),
  };
}

/** The APPI Art. 29 / Art. 30 records of verified evidence (spec/consent.md §8.1), one per transfer record. */
export function appiRecords(evidence: VerifiedConsentEvidence): AppiTransferRecord[] {
  if (typeof evidence !== 'object' || evidence === null || !Array.isArray(evidence.records))
    fail('ERR_INVALID_ARGUMENT', 'appiRecords: expected verified evidence');
  return evidence.records.map((r) => ({
    date: jstDate(r.iat),
    provider: r.provider,
    recipient: r.recipient,
    person: formatCommonCode(decodeFixedBase64url(r.request.payload.person, 16)),
    items: r.dataItems.map(itemSummary),
    consent: {
      id: r.consentId,
      decidedAt: r.decision.payload.iat,
      purpose: r.request.payload.purpose.code,
    },
    transferRecord: base64urlEncode(sha256(utf8Encode(r.token))),
  }));
}
