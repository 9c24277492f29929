/**
 * The four consent payloads of spec/consent.md §3 as types, and their strict parsers: exactly the
 * members listed, each of its type, plus the structural rules CON-03..CON-08.
 * @module
 */
import { type ErrorCode } from '../errors.js';
import { fail } from '../internal/fail.js';
import {
  decodeFixedBase64url,
  isIntegerSeconds,
  type JsonObject,
  type JsonValue,
} from '../encoding/index.js';
import { isRpId } from '../login/rp-id.js';

/** A plain-language text: Japanese required, English optional. */
export interface ConsentText {
  readonly ja: string;
  readonly en?: string;
}

/** A data item in the RFC 9396 `authorization_details` shape (spec/consent.md §3.2). */
export interface ConsentDataItem {
  readonly type: string;
  readonly actions: readonly string[];
  readonly datatypes: readonly string[];
  readonly identifier?: string;
  readonly time_range?: { readonly from: number; readonly to: number };
}

/** One transfer of a request: from `provider` to `recipient`, these data items. */
export interface ConsentTransfer {
  readonly id: string;
  readonly provider: string;
  readonly recipient: string;
  readonly text: ConsentText;
  readonly authorization_details: readonly ConsentDataItem[];
}

/** The consent request payload (spec/consent.md §3.1). */
export interface ConsentRequestPayload {
  readonly v: 1;
  readonly requester: string;
  /** The person's common code, base64url of 16 bytes. */
  readonly person: string;
  /** base64url of 32 random bytes. */
  readonly nonce: string;
  readonly iat: number;
  readonly exp: number;
  /** Uses per transfer, 1..100. */
  readonly uses: number;
  readonly purpose: { readonly code: string; readonly text: ConsentText };
  readonly retention: { readonly days: number; readonly text: ConsentText };
  readonly transfers: readonly ConsentTransfer[];
  readonly display: ConsentText;
}

/** An approved transfer with the indices of its approved data items. */
export interface ApprovedTransfer {
  readonly transfer: string;
  readonly items: readonly number[];
}

/** The decision payload (spec/consent.md §3.3). */
export interface ConsentDecisionPayload {
  readonly v: 1;
  /** The consent id: base64url SHA-256 of the request token. */
  readonly request: string;
  readonly decision: 'approve' | 'refuse';
  readonly approved?: readonly ApprovedTransfer[];
  readonly iat: number;
}

/** The withdrawal payload (spec/consent.md §3.4). */
export interface ConsentWithdrawalPayload {
  readonly v: 1;
  readonly consent: string;
  readonly iat: number;
}

/** The transfer record payload (spec/consent.md §3.5). */
export interface TransferRecordPayload {
  readonly v: 1;
  readonly consent: string;
  readonly transfer: string;
  readonly provider: string;
  readonly recipient: string;
  readonly person: string;
  readonly items: readonly number[];
  readonly use: number;
  readonly iat: number;
  /** base64url SHA-256 of the decision token the transfer was authorised on. */
  readonly decision: string;
}

/** Most transfers in one request (a bundle). */
export const MAX_TRANSFERS = 8;
/** Most data items in one transfer. */
export const MAX_DATA_ITEMS = 16;
/** Longest validity window of a request, seconds (366 days). */
export const MAX_CONSENT_VALIDITY = 366 * 86_400;
/** Most uses of one transfer. */
export const MAX_USES = 100;
/** Longest text, in UTF-16 code units. */
export const MAX_TEXT_LENGTH = 2000;

const TRANSFER_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
const IRI = /^[a-z][a-z0-9+.-]*:[^\s]+$/;

/** A checker bound to one message kind: its error code and requirement. @internal */
class Reader {
  constructor(
    readonly what: string,
    readonly code: ErrorCode,
    readonly requirement: string,
  ) {}

  bad(message: string, requirement = this.requirement, code = this.code): never {
    return fail(code, `${this.what}: ${message}`, requirement);
  }

  object(
    value: JsonValue | undefined,
    where: string,
    members: readonly string[],
    optional: readonly string[] = [],
  ): JsonObject {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.bad(`${where} is not a JSON object`);
    for (const k of Object.keys(value))
      if (!members.includes(k) && !optional.includes(k))
        this.bad(`${where} has the unknown member ${JSON.stringify(k)}`);
    for (const k of members)
      if (!Object.hasOwn(value, k)) this.bad(`${where} lacks the member ${JSON.stringify(k)}`);
    return value;
  }

  string(value: JsonValue | undefined, where: string, max = 256): string {
    if (typeof value !== 'string' || value.length === 0 || value.length > max)
      this.bad(`${where} is not a string of 1..${max} characters`);
    return value;
  }

  int(value: JsonValue | undefined, where: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max)
      this.bad(`${where} is not an integer in ${min}..${max}`);
    return value;
  }

  time(value: JsonValue | undefined, where: string): number {
    if (!isIntegerSeconds(value)) this.bad(`${where} is not integer seconds since the epoch`);
    return value;
  }

  b64(value: JsonValue | undefined, where: string, length: number): string {
    if (typeof value !== 'string') this.bad(`${where} is not a string`);
    try {
      decodeFixedBase64url(value, length);
    } catch {
      this.bad(`${where} is not base64url of ${length} bytes`);
    }
    return value;
  }

  rpId(value: JsonValue | undefined, where: string): string {
    if (!isRpId(value)) this.bad(`${where} is not an rpId`);
    return value;
  }

  version(value: JsonValue | undefined): 1 {
    if (value !== 1) this.bad('v is not 1');
    return 1;
  }

  /** `max` is larger for display texts, whose 2000-character limit is the display rule's (CON-13). */
  text(value: JsonValue | undefined, where: string, max = MAX_TEXT_LENGTH): ConsentText {
    const o = this.object(value, where, ['ja'], ['en']);
    const ja = this.string(o['ja'], `${where}.ja`, max);
    return o['en'] === undefined ? { ja } : { ja, en: this.string(o['en'], `${where}.en`, max) };
  }

  array(
    value: JsonValue | undefined,
    where: string,
    min: number,
    max: number,
  ): readonly JsonValue[] {
    if (!Array.isArray(value) || value.length < min || value.length > max)
      this.bad(`${where} is not an array of ${min}..${max} elements`);
    return value;
  }

  strings(value: JsonValue | undefined, where: string): string[] {
    const a = this.array(value, where, 1, 32).map((s, i) => this.string(s, `${where}[${i}]`));
    if (new Set(a).size !== a.length) this.bad(`${where} has a value twice`);
    return a;
  }

  /** Strictly ascending item indices in 0..MAX_DATA_ITEMS−1. */
  indices(value: JsonValue | undefined, where: string): number[] {
    const a = this.array(value, where, 1, MAX_DATA_ITEMS).map((n, i) =>
      this.int(n, `${where}[${i}]`, 0, MAX_DATA_ITEMS - 1),
    );
    for (let i = 1; i < a.length; i++)
      if (a[i]! <= a[i - 1]!) this.bad(`${where} is not strictly ascending`);
    return a;
  }
}

function dataItem(r: Reader, value: JsonValue | undefined, where: string): ConsentDataItem {
  const o = r.object(value, where, ['type', 'actions', 'datatypes'], ['identifier', 'time_range']);
  const item: { -readonly [K in keyof ConsentDataItem]: ConsentDataItem[K] } = {
    type: r.string(o['type'], `${where}.type`),
    actions: r.strings(o['actions'], `${where}.actions`),
    datatypes: r.strings(o['datatypes'], `${where}.datatypes`),
  };
  if (o['identifier'] !== undefined)
    item.identifier = r.string(o['identifier'], `${where}.identifier`);
  if (o['time_range'] !== undefined) {
    const t = r.object(o['time_range'], `${where}.time_range`, ['from', 'to']);
    const from = r.time(t['from'], `${where}.time_range.from`);
    const to = r.time(t['to'], `${where}.time_range.to`);
    if (from > to) r.bad(`${where}.time_range ends before it starts`, 'CON-34');
    item.time_range = { from, to };
  }
  if (item.identifier === undefined && item.time_range === undefined)
    r.bad(`${where} has neither identifier nor time_range`, 'CON-05');
  return item;
}

function transfer(r: Reader, value: JsonValue | undefined, where: string): ConsentTransfer {
  const o = r.object(value, where, [
    'id',
    'provider',
    'recipient',
    'text',
    'authorization_details',
  ]);
  const id = o['id'];
  if (typeof id !== 'string' || !TRANSFER_ID.test(id)) r.bad(`${where}.id is not a transfer id`);
  const provider = r.rpId(o['provider'], `${where}.provider`);
  const recipient = r.rpId(o['recipient'], `${where}.recipient`);
  if (provider === recipient) r.bad(`${where}: provider and recipient are the same`, 'CON-06');
  const items = r
    .array(o['authorization_details'], `${where}.authorization_details`, 1, MAX_DATA_ITEMS)
    .map((d, i) => dataItem(r, d, `${where}.authorization_details[${i}]`));
  return {
    id,
    provider,
    recipient,
    text: r.text(o['text'], `${where}.text`),
    authorization_details: items,
  };
}

/** Parses a consent request payload ([CON-03]..[CON-06]); fails with `ERR_CONSENT_REQUEST`. @internal */
export function parseRequestPayload(value: JsonValue): ConsentRequestPayload {
  const r: Reader = new Reader('consent request', 'ERR_CONSENT_REQUEST', 'CON-03');
  const o = r.object(value, 'payload', [
    'v',
    'requester',
    'person',
    'nonce',
    'iat',
    'exp',
    'uses',
    'purpose',
    'retention',
    'transfers',
    'display',
  ]);
  const iat = r.time(o['iat'], 'iat');
  const exp = r.time(o['exp'], 'exp');
  if (iat > exp || exp - iat > MAX_CONSENT_VALIDITY)
    r.bad(`validity ${iat}..${exp} is empty or longer than 366 days`, 'CON-03');
  const purpose = r.object(o['purpose'], 'purpose', ['code', 'text']);
  const code = r.string(purpose['code'], 'purpose.code', 512);
  if (!IRI.test(code)) r.bad('purpose.code is not an absolute IRI');
  const retention = r.object(o['retention'], 'retention', ['days', 'text']);
  const transfers = r
    .array(o['transfers'], 'transfers', 1, MAX_TRANSFERS)
    .map((t, i) => transfer(r, t, `transfers[${i}]`));
  if (new Set(transfers.map((t) => t.id)).size !== transfers.length)
    r.bad('two transfers have the same id', 'CON-04');
  return {
    v: r.version(o['v']),
    requester: r.rpId(o['requester'], 'requester'),
    person: r.b64(o['person'], 'person', 16),
    nonce: r.b64(o['nonce'], 'nonce', 32),
    iat,
    exp,
    uses: r.int(o['uses'], 'uses', 1, MAX_USES),
    purpose: { code, text: r.text(purpose['text'], 'purpose.text') },
    retention: {
      days: r.int(retention['days'], 'retention.days', 1, 3650),
      text: r.text(retention['text'], 'retention.text'),
    },
    transfers,
    display: r.text(o['display'], 'display', 4 * MAX_TEXT_LENGTH),
  };
}

/** Parses a decision payload ([CON-07]); fails with `ERR_CONSENT_DECISION`. @internal */
export function parseDecisionPayload(value: JsonValue): ConsentDecisionPayload {
  const r: Reader = new Reader('consent decision', 'ERR_CONSENT_DECISION', 'CON-07');
  const o = r.object(value, 'payload', ['v', 'request', 'decision', 'iat'], ['approved']);
  const v = r.version(o['v']);
  const request = r.b64(o['request'], 'request', 32);
  const iat = r.time(o['iat'], 'iat');
  const decision = o['decision'];
  if (decision === 'refuse') {
    if (o['approved'] !== undefined) r.bad('a refusal carries approved');
    return { v, request, decision, iat };
  }
  if (decision !== 'approve') r.bad('decision is neither "approve" nor "refuse"');
  if (o['approved'] === undefined) r.bad('an approval lacks approved');
  const approved = r.array(o['approved'], 'approved', 1, MAX_TRANSFERS).map((a, i) => {
    const e = r.object(a, `approved[${i}]`, ['transfer', 'items']);
    const id = e['transfer'];
    if (typeof id !== 'string' || !TRANSFER_ID.test(id))
      r.bad(`approved[${i}].transfer is not a transfer id`);
    return { transfer: id, items: r.indices(e['items'], `approved[${i}].items`) };
  });
  if (new Set(approved.map((a) => a.transfer)).size !== approved.length)
    r.bad('a transfer is approved twice');
  return { v, request, decision, approved, iat };
}

/** Parses a withdrawal payload; fails with `ERR_CONSENT_WITHDRAWAL`. @internal */
export function parseWithdrawalPayload(value: JsonValue): ConsentWithdrawalPayload {
  const r: Reader = new Reader('consent withdrawal', 'ERR_CONSENT_WITHDRAWAL', 'CON-10');
  const o = r.object(value, 'payload', ['v', 'consent', 'iat']);
  return {
    v: r.version(o['v']),
    consent: r.b64(o['consent'], 'consent', 32),
    iat: r.time(o['iat'], 'iat'),
  };
}

/** Parses a transfer record payload; fails with `ERR_TRANSFER_RECORD`. @internal */
export function parseRecordPayload(value: JsonValue): TransferRecordPayload {
  const r: Reader = new Reader('transfer record', 'ERR_TRANSFER_RECORD', 'CON-31');
  const o = r.object(value, 'payload', [
    'v',
    'consent',
    'transfer',
    'provider',
    'recipient',
    'person',
    'items',
    'use',
    'iat',
    'decision',
  ]);
  const id = o['transfer'];
  if (typeof id !== 'string' || !TRANSFER_ID.test(id)) r.bad('transfer is not a transfer id');
  return {
    v: r.version(o['v']),
    consent: r.b64(o['consent'], 'consent', 32),
    transfer: id,
    provider: r.rpId(o['provider'], 'provider'),
    recipient: r.rpId(o['recipient'], 'recipient'),
    person: r.b64(o['person'], 'person', 16),
    items: r.indices(o['items'], 'items'),
    use: r.int(o['use'], 'use', 1, MAX_USES),
    iat: r.time(o['iat'], 'iat'),
    decision: r.b64(o['decision'], 'decision', 32),
  };
}

/**
 * CON-08: every approved transfer is one of the request and every item index is below its number
 * of data items. @internal
 */
export function checkNarrowing(
  request: ConsentRequestPayload,
  approved: readonly ApprovedTransfer[],
): void {
  for (const a of approved) {
    const t = request.transfers.find((x) => x.id === a.transfer);
    if (t === undefined)
      fail(
        'ERR_CONSENT_SCOPE',
        `the decision approves transfer ${JSON.stringify(a.transfer)}, which the request does not ask for`,
        'CON-08',
      );
    const over = a.items.find((i) => i >= t.authorization_details.length);
    if (over !== undefined)
      fail(
        'ERR_CONSENT_SCOPE',
        `the decision approves item ${over} of transfer ${JSON.stringify(a.transfer)}, which has ${t.authorization_details.length}`,
        'CON-08',
      );
  }
}
