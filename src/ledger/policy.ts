/**
 * C2SP tlog-policy: which logs and witnesses a verifier trusts and the witness quorum a checkpoint
 * needs; parsing (strict) and evaluation against a checkpoint's verified cosignatures.
 * @module
 */
import { fail } from '../internal/fail.js';
import { bytesEqual } from '../encoding/bytes.js';
import { verifyCheckpoint, type Checkpoint } from './checkpoint.js';
import { parseVerifierKey, type NoteVerifier } from './keys.js';
import type { OpenedNote } from './note.js';

/** Most logs, witnesses and groups a policy may define (C2SP recommends supporting at least 32). */
export const MAX_POLICY_ITEMS = 256;

/** A witness of a policy. */
export interface PolicyWitness {
  readonly name: string;
  readonly key: NoteVerifier;
  readonly url?: string;
}

/** A k-of-n group of witnesses and groups. */
export interface PolicyGroup {
  readonly name: string;
  readonly threshold: number;
  readonly members: readonly string[];
}

/** A parsed tlog-policy. */
export interface LogPolicy {
  readonly logs: readonly { readonly key: NoteVerifier; readonly url?: string }[];
  readonly witnesses: readonly PolicyWitness[];
  readonly groups: readonly PolicyGroup[];
  /** Name of the witness or group that must witness a checkpoint, or `none`. */
  readonly quorum: string;
}

const bad = (line: number, why: string): never =>
  fail('ERR_LOG_POLICY', `policy line ${line}: ${why}`, 'LOG-20');

/**
 * Parses a tlog-policy text ([LOG-20]): only tab, newline and 0x20–0x7E / non-ASCII characters;
 * every line ends in a newline; `log <vkey> [url]`, `witness <name> <vkey> [url]`,
 * `group <name> all|any|<k> <member>...` with 1 ≤ k ≤ n and members defined on earlier lines,
 * each at most once; exactly one `quorum <name>`; no name defined twice, `none` reserved; no public
 * key listed twice; log keys of type Ed25519 or ECDSA, witness keys of type cosignature/v1.
 */
export function parsePolicy(text: string): LogPolicy {
  if (typeof text !== 'string') fail('ERR_INVALID_ARGUMENT', 'parsePolicy: text must be a string');
  if (text.length > 1 << 20) fail('ERR_INPUT_TOO_LARGE', 'policy longer than 1 MiB');
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text))
    fail(
      'ERR_LOG_POLICY',
      'policy contains a control character other than tab and newline',
      'LOG-20',
    );
  if (text.length > 0 && !text.endsWith('\n'))
    fail('ERR_LOG_POLICY', 'policy does not end in a newline', 'LOG-20');
  const logs: { key: NoteVerifier; url?: string }[] = [];
  const witnesses: PolicyWitness[] = [];
  const groups: PolicyGroup[] = [];
  const names = new Set<string>();
  let quorum: string | undefined;
  const keys: Uint8Array[] = [];
  const addKey = (n: number, k: NoteVerifier): void => {
    if (keys.some((x) => bytesEqual(x, k.publicKey))) bad(n, 'public key listed twice');
    keys.push(k.publicKey);
  };
  const vkey = (n: number, s: string): NoteVerifier => {
    try {
      return parseVerifierKey(s);
    } catch (e) {
      return bad(n, `bad vkey (${(e as Error).message})`);
    }
  };
  const lines = text.split('\n').slice(0, -1);
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.replace(/^[ \t]+|[ \t]+$/g, '');
    if (line.length === 0 || line.startsWith('#')) return;
    const f = line.split(/[ \t]+/);
    switch (f[0]) {
      case 'log': {
        if (f.length < 2 || f.length > 3) bad(n, 'log line is `log <vkey> [<url>]`');
        const key = vkey(n, f[1]!);
        if (key.type === 'cosignature/v1') bad(n, 'a log key must be an Ed25519 or ECDSA note key');
        addKey(n, key);
        logs.push(f[2] === undefined ? { key } : { key, url: f[2] });
        if (logs.length > MAX_POLICY_ITEMS) bad(n, 'too many logs');
        return;
      }
      case 'witness': {
        if (f.length < 3 || f.length > 4) bad(n, 'witness line is `witness <name> <vkey> [<url>]`');
        const name = f[1]!;
        if (name === 'none' || names.has(name))
          bad(n, `name ${JSON.stringify(name)} is reserved or already defined`);
        const key = vkey(n, f[2]!);
        if (key.type !== 'cosignature/v1')
          bad(n, 'a witness key must be a cosignature/v1 (type 0x04) key');
        addKey(n, key);
        names.add(name);
        witnesses.push(f[3] === undefined ? { name, key } : { name, key, url: f[3] });
        if (witnesses.length > MAX_POLICY_ITEMS) bad(n, 'too many witnesses');
        return;
      }
      case 'group': {
        if (f.length < 4) bad(n, 'group line is `group <name> all|any|<k> <member>...`');
        const name = f[1]!;
        if (name === 'none' || names.has(name))
          bad(n, `name ${JSON.stringify(name)} is reserved or already defined`);
        const members = f.slice(3);
        const seen = new Set<string>();
        for (const m of members) {
          if (m === 'none' || !names.has(m))
            bad(n, `group member ${JSON.stringify(m)} is not defined on an earlier line`);
          if (seen.has(m)) bad(n, `group member ${JSON.stringify(m)} listed twice`);
          seen.add(m);
        }
        const t = f[2]!;
        const threshold =
          t === 'all'
            ? members.length
            : t === 'any'
              ? 1
              : /^[1-9][0-9]{0,8}$/.test(t)
                ? Number(t)
                : bad(n, 'threshold is not all, any or a decimal');
        if (threshold < 1 || threshold > members.length)
          bad(n, `threshold ${threshold} is not in 1..${members.length}`);
        names.add(name);
        groups.push({ name, threshold, members });
        if (groups.length > MAX_POLICY_ITEMS) bad(n, 'too many groups');
        return;
      }
      case 'quorum': {
        if (f.length !== 2) bad(n, 'quorum line is `quorum <name>`');
        if (quorum !== undefined) bad(n, 'second quorum line');
        if (f[1] !== 'none' && !names.has(f[1]!))
          bad(n, `quorum ${JSON.stringify(f[1])} is not defined on an earlier line`);
        quorum = f[1]!;
        return;
      }
      default:
        bad(n, `unknown keyword ${JSON.stringify(f[0])}`);
    }
  });
  if (quorum === undefined) fail('ERR_LOG_POLICY', 'policy has no quorum line', 'LOG-20');
  return { logs, witnesses, groups, quorum };
}

/** Whether the witnesses named in `cosigned` satisfy the policy's quorum ([LOG-21]). */
export function quorumSatisfied(policy: LogPolicy, cosigned: ReadonlySet<string>): boolean {
  if (
    typeof policy !== 'object' ||
    policy === null ||
    !Array.isArray(policy.groups) ||
    typeof policy.quorum !== 'string' ||
    !(cosigned instanceof Set)
  ) {
    fail(
      'ERR_INVALID_ARGUMENT',
      'quorumSatisfied: a parsed policy and a Set of witness names required',
    );
  }
  const memo = new Map<string, boolean>();
  const holds = (name: string): boolean => {
    if (name === 'none') return true;
    const cached = memo.get(name);
    if (cached !== undefined) return cached;
    const group = policy.groups.find((g) => g.name === name);
    const v =
      group === undefined
        ? cosigned.has(name)
        : group.members.filter(holds).length >= group.threshold;
    memo.set(name, v);
    return v;
  };
  return holds(policy.quorum);
}

/** A checkpoint accepted under a policy. */
export interface PolicyCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: OpenedNote;
  /** The log key that signed it. */
  readonly log: NoteVerifier;
  /** Witnesses of the policy whose cosignature verified, with its timestamp. */
  readonly witnesses: readonly { readonly name: string; readonly timestamp: number }[];
}

/**
 * Verifies a signed checkpoint under a policy ([LOG-21]): signed by a log of the policy whose key
 * name is the checkpoint's origin, and cosigned by witnesses that satisfy the quorum. `origin`
 * selects the log when given. Throws `ERR_LOG_QUORUM` when no log signed it or the quorum fails.
 */
export async function verifyCheckpointWithPolicy(
  note: string | Uint8Array,
  policy: LogPolicy,
  origin?: string,
): Promise<PolicyCheckpoint> {
  if (typeof policy !== 'object' || policy === null || !Array.isArray(policy.logs))
    fail('ERR_INVALID_ARGUMENT', 'verifyCheckpointWithPolicy: policy must be a parsed policy');
  const candidates = policy.logs.filter((l) => origin === undefined || l.key.name === origin);
  if (candidates.length === 0)
    fail('ERR_LOG_QUORUM', `no log of the policy has origin ${JSON.stringify(origin)}`, 'LOG-21');
  const witnessKeys = policy.witnesses.map((w) => w.key);
  let lastError: unknown;
  for (const log of candidates) {
    let verified;
    try {
      verified = await verifyCheckpoint(note, { logKey: log.key, witnesses: witnessKeys });
    } catch (e) {
      lastError = e;
      continue;
    }
    const witnesses = verified.note.verified
      .filter((v) => v.verifier.type === 'cosignature/v1')
      .map((v) => ({
        name: policy.witnesses.find((w) => w.key === v.verifier)!.name,
        timestamp: v.timestamp,
      }));
    if (!quorumSatisfied(policy, new Set(witnesses.map((w) => w.name)))) {
      fail(
        'ERR_LOG_QUORUM',
        `cosignatures of ${witnesses.length} witness(es) do not satisfy quorum ${JSON.stringify(policy.quorum)}`,
        'LOG-21',
      );
    }
    return { checkpoint: verified.checkpoint, note: verified.note, log: log.key, witnesses };
  }
  throw lastError;
}
