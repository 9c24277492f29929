/**
 * C2SP signed-note / checkpoint / cosignature / tlog-proof cases (`c2sp-tlog-notes/`), converted
 * from the Go tests of golang/mod, transparency-dev/formats and sigsum-go plus the C2SP example:
 * every case through the library's parsers and verifiers, expecting the stated verdict. Listed
 * divergences: type 0x05 (static-ct-api) keys are outside the profile, and checkpoint bodies whose
 * root hash is not 32 bytes are rejected ([LOG-02]; the file gives `rootHashLength` for exactly this).
 * @module
 */
import { isJitsuinError } from '../../errors.js';
import { utf8Decode } from '../../encoding/utf8.js';
import { hexEncode } from '../../encoding/hex.js';
import { base64DecodeStrict, base64Encode } from '../../internal/base64.js';
import { parseCheckpoint, verifyCheckpoint } from '../../ledger/checkpoint.js';
import {
  cosignatureSigner,
  cosignatureTimestamp,
  cosignedMessage,
  ed25519NoteSigner,
  parseSignerKey,
  parseVerifierKey,
  verifyNoteSignatureBytes,
  type NoteVerifier,
} from '../../ledger/keys.js';
import { openNote, parseSignatureLine, signNote, signatureLine } from '../../ledger/note.js';
import { parseReceipt } from '../../ledger/receipt.js';
import { utf8Encode } from '../../encoding/utf8.js';
import type { ExternalSuite } from '../types.js';
import { Row, hexBytes, loose64, verdict } from './tlog-common.js';

const FILE = 'c2sp-tlog-notes/notes-checkpoints-cosignatures-proofs.json';
const SUITE = 'c2sp-tlog-notes';
const NOT_SHA256 =
  "the root hash is not 32 bytes; jitsuin logs are SHA-256 and reject it (LOG-02), as the file's rootHashLength anticipates";

interface KeyEntry {
  name: string;
  vkey?: string;
  skey?: string | null;
  ed25519SeedHex?: string;
  type: string;
}
interface NoteCase {
  id: string;
  verifierKeys: string[];
  message: string | null;
  messageBase64?: string;
  expect: 'accept' | 'reject';
  expectVerified?: string[];
  expectUnverified?: string[];
  expectUnverifiedCount?: number;
  expectOrigin?: string;
  expectSize?: number;
  verifierFromSeedHex?: string;
  verifierKeyName?: string;
}

function keyFor(keys: readonly KeyEntry[], name: string): NoteVerifier | 'unsupported' {
  const k = keys.find((x) => x.name === name);
  if (k === undefined || k.vkey === undefined) throw new Error(`no vkey for ${name}`);
  if (k.type.startsWith('rfc6962')) return 'unsupported';
  return parseVerifierKey(k.vkey);
}

function noteText(c: NoteCase): string | Uint8Array {
  return c.message ?? loose64(c.messageBase64);
}

/** The c2sp-tlog-notes external suite. */
export const tlogNotesSuite: ExternalSuite = {
  name: SUITE,
  requiredFiles: [FILE],
  async run(readFile) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const doc = JSON.parse(utf8Decode(await readFile(FILE), FILE)) as any;
    const keys = doc.keys as KeyEntry[];
    const rows: Row[] = [];
    const row = (section: string): Row => {
      const r = new Row(SUITE, section);
      rows.push(r);
      return r;
    };

    // --- signed notes (incl. the real sum.golang.org, Rekor and Pixel checkpoints) -----------
    const notes = row('notes');
    for (const c of doc.notes as NoteCase[]) {
      let verifiers: NoteVerifier[];
      if (c.verifierFromSeedHex !== undefined)
        verifiers = [
          ed25519NoteSigner(c.verifierKeyName!, hexBytes(c.verifierFromSeedHex)).verifier,
        ];
      else {
        const ks = c.verifierKeys.map((n) => keyFor(keys, n));
        if (ks.includes('unsupported')) {
          notes.skipped++;
          notes.skips.push({
            id: c.id,
            reason:
              'signature type 0x05 (RFC 6962 STH, static-ct-api) is outside this profile: jitsuin logs sign with 0x01 or 0x02',
          });
          continue;
        }
        verifiers = ks as NoteVerifier[];
      }
      const v = await verdict(async () => {
        const o = await openNote(noteText(c), verifiers);
        const problems: string[] = [];
        const names = o.verified.map((x) => x.verifier.name).sort();
        if (
          c.expectVerified !== undefined &&
          JSON.stringify(names) !== JSON.stringify([...c.expectVerified].sort())
        )
          problems.push(`verified ${JSON.stringify(names)}`);
        if (
          c.expectUnverified !== undefined &&
          JSON.stringify(o.unverified.map((x) => x.name).sort()) !==
            JSON.stringify([...c.expectUnverified].sort())
        )
          problems.push('unverified names differ');
        if (
          c.expectUnverifiedCount !== undefined &&
          o.unverified.length !== c.expectUnverifiedCount
        )
          problems.push(`${o.unverified.length} unverified`);
        if (c.expectOrigin !== undefined || c.expectSize !== undefined) {
          const cp = parseCheckpoint(o.text);
          if (c.expectOrigin !== undefined && cp.origin !== c.expectOrigin)
            problems.push(`origin ${cp.origin}`);
          if (c.expectSize !== undefined && cp.size !== c.expectSize)
            problems.push(`size ${cp.size}`);
        }
        return problems;
      });
      const problems = (v.value as string[] | undefined) ?? [];
      notes.record(
        c.id,
        c.expect,
        problems.length > 0 ? `accept (${problems.join('; ')})` : v.verdict,
        v.detail,
      );
    }

    // --- checkpoint notes: log key must verify, origin must match ------------------------------
    const derived = row('checkpoint-notes');
    for (const c of doc.derivedCheckpointNotes as (NoteCase & {
      expectedOrigin: string;
      logKey: string;
      expectVerifiedCount?: number;
    })[]) {
      const all = c.verifierKeys.map((n) => keyFor(keys, n) as NoteVerifier);
      const logKey = all.find((k) => k.name === c.logKey)!;
      const v = await verdict(() =>
        verifyCheckpoint(noteText(c), {
          logKey,
          origin: c.expectedOrigin,
          witnesses: all.filter((k) => k !== logKey),
        }),
      );
      // The note-level verdict (signatures and origin line) is checked on its own, so the hash-length exception hides nothing else.
      const noteLevel = await verdict(async () => {
        const o = await openNote(noteText(c), all);
        if (!o.verified.some((x) => x.verifier === logKey)) throw new Error('log key did not sign');
        if (o.text.split('\n', 1)[0] !== c.expectedOrigin) throw new Error('origin differs');
        if (c.expectVerifiedCount !== undefined && o.verified.length !== c.expectVerifiedCount)
          throw new Error(`verified ${o.verified.length}`);
      });
      const rootLen = /^[^\n]*\n[^\n]*\n([^\n]*)\n/.exec(
        typeof c.message === 'string' ? c.message : '',
      )?.[1];
      const shortRoot = rootLen !== undefined && loose64(rootLen).length !== 32;
      if (c.expect === 'accept' && shortRoot) {
        derived.record(`${c.id} (note level)`, 'accept', noteLevel.verdict, noteLevel.detail);
        derived.record(c.id, c.expect, v.verdict, v.detail, {
          verdict: 'reject',
          reason: NOT_SHA256,
        });
      } else derived.record(c.id, c.expect, v.verdict, v.detail);
    }

    // --- byte-exact signing ---------------------------------------------------------------------
    const signing = row('signing');
    for (const c of doc.signing as {
      id: string;
      skey?: string;
      ed25519SeedHex?: string;
      keyName?: string;
      text: string;
      expectedNote?: string;
      expectedSignatureLine?: string;
    }[]) {
      if (c.skey !== undefined) {
        const v = await verdict(() => signNote(c.text, [parseSignerKey(c.skey!)]));
        signing.record(
          c.id,
          c.expectedNote!,
          v.verdict === 'accept' ? (v.value as string) : `reject ${v.detail}`,
        );
      } else {
        const signer = ed25519NoteSigner(c.keyName!, hexBytes(c.ed25519SeedHex!));
        signing.record(
          c.id,
          c.expectedSignatureLine!,
          signatureLine(signer.verifier, signer.sign(utf8Encode(c.text))),
        );
      }
    }

    // --- vkeys ----------------------------------------------------------------------------------
    const vkeys = row('vkeys');
    for (const c of doc.vkeyParsing as { vkey?: string; rule?: string; expect: string }[]) {
      if (c.vkey !== undefined) {
        const v = await verdict(() => parseVerifierKey(c.vkey!));
        vkeys.record(c.vkey, c.expect, v.verdict, v.detail);
        continue;
      }
      // The generated rule: every proper substring and every one-byte increment of the valid key rejects.
      const good = (doc.vkeyParsing as { vkey?: string; expect: string }[]).find(
        (x) => x.vkey?.startsWith('PeterNeumann+') === true && x.expect === 'accept',
      )!.vkey!;
      let passed = 0;
      const bad: string[] = [];
      for (let i = 0; i < good.length; i++) {
        for (let j = i + 1; j <= good.length; j++) {
          if (i === 0 && j === good.length) continue;
          const sub = good.slice(i, j);
          if ((await verdict(() => parseVerifierKey(sub))).verdict === 'accept') bad.push(sub);
          else passed++;
        }
        const bumped =
          good.slice(0, i) + String.fromCharCode(good.charCodeAt(i) + 1) + good.slice(i + 1);
        if ((await verdict(() => parseVerifierKey(bumped))).verdict === 'accept') bad.push(bumped);
        else passed++;
      }
      vkeys.passed += passed;
      for (const b of bad) vkeys.record(`mangled ${b}`, 'reject', 'accept');
    }

    // --- checkpoint bodies ----------------------------------------------------------------------
    const bodies = row('checkpoint-bodies');
    for (const c of doc.checkpointBodies as {
      id: string;
      body: string;
      expect: string;
      origin?: string;
      size?: number;
      rootHashLength?: number;
      extensionLines?: string;
    }[]) {
      const v = await verdict(() => parseCheckpoint(c.body));
      if (c.expect === 'accept' && c.rootHashLength !== 32) {
        bodies.record(c.id, c.expect, v.verdict, v.detail, {
          verdict: 'reject',
          reason: NOT_SHA256,
        });
        // The same body with a 32-byte root must parse to the stated fields, so only the length differs.
        const lines = c.body.split('\n');
        lines[2] = base64Encode(new Uint8Array(32).fill(7));
        const w = await verdict(() => parseCheckpoint(lines.join('\n')));
        const got =
          w.verdict === 'accept' ? (w.value as ReturnType<typeof parseCheckpoint>) : undefined;
        const fields =
          got === undefined
            ? 'reject'
            : `${got.origin}|${got.size}|${got.extensions.map((e) => `${e}\n`).join('')}`;
        const emptyExtension = (c.extensionLines ?? '')
          .split('\n')
          .slice(0, -1)
          .some((l) => l === '');
        bodies.record(
          `${c.id} (32-byte root)`,
          `${c.origin}|${c.size}|${c.extensionLines ?? ''}`,
          fields,
          w.detail,
          emptyExtension
            ? {
                verdict: 'reject',
                reason:
                  'empty extension lines: jitsuin requires every extension line to be non-empty (LOG-17); a blank line inside a checkpoint would also be where a signed-note parser looks for the signatures',
              }
            : undefined,
        );
      } else bodies.record(c.id, c.expect, v.verdict, v.detail);
    }

    // --- cosignature/v1 -------------------------------------------------------------------------
    const cosig = row('cosignatures');
    for (const c of doc.cosignatures) {
      if (c.lines !== undefined) {
        const signer = cosignatureSigner(c.witnessKeyName, hexBytes(c.witnessSeedHex));
        const body = utf8Encode(c.checkpointBody);
        const judge = async (line: string): Promise<string> => {
          let sig;
          try {
            sig = parseSignatureLine(line);
          } catch {
            return 'malformed';
          }
          if (sig.name !== signer.verifier.name || sig.keyId !== signer.verifier.keyId)
            return 'ignore';
          try {
            return `valid ${await verifyNoteSignatureBytes(signer.verifier, body, sig.signature)}`;
          } catch (e) {
            return isJitsuinError(e, 'ERR_LOG_COSIGNATURE') ? 'malformed' : 'invalid';
          }
        };
        for (const l of c.lines as { line: string; expect: string; timestamp?: number }[]) {
          cosig.record(
            `${c.id} ${l.line.slice(0, 40)}…`,
            l.expect === 'valid' ? `valid ${l.timestamp}` : l.expect,
            await judge(l.line),
          );
        }
        const valid = (c.lines as { line: string; expect: string }[]).find(
          (l) => l.expect === 'valid',
        )!;
        const sig = parseSignatureLine(valid.line);
        const t = cosignatureTimestamp(sig.signature);
        const bumped = new Uint8Array(4 + sig.signature.length);
        bumped.set(base64DecodeStrict(valid.line.split(' ')[2]!, 'sig', 'ERR_VECTOR', 'LOG-19'));
        new DataView(bumped.buffer).setBigUint64(4, BigInt(t + 1));
        cosig.record(
          `${c.id} timestamp+1`,
          'invalid',
          await judge(`\u2014 ${sig.name} ${base64Encode(bumped)}`),
        );
      } else if (c.expectedSignedMessage !== undefined) {
        cosig.record(
          c.id,
          c.expectedSignedMessage,
          utf8Decode(cosignedMessage(utf8Encode(c.checkpointBody), BigInt(c.timestamp))),
        );
      } else {
        for (const [i, k] of (
          c.cases as { sigBase64: string; expectTimestamp?: number; expect?: string }[]
        ).entries()) {
          const v = await verdict(() =>
            cosignatureTimestamp(
              base64DecodeStrict(
                k.sigBase64,
                'cosignature',
                'ERR_LOG_COSIGNATURE',
                'LOG-19',
              ).subarray(4),
            ),
          );
          cosig.record(
            `${c.id} #${i}`,
            k.expectTimestamp !== undefined ? `accept ${k.expectTimestamp}` : 'reject',
            v.verdict === 'accept' ? `accept ${String(v.value)}` : 'reject',
            v.detail,
          );
        }
      }
    }

    // --- tlog-proof -----------------------------------------------------------------------------
    const proofs = row('tlog-proof');
    for (const c of doc.tlogProofParsing as {
      id: string;
      text: string;
      expect: string;
      index?: number;
      hashes?: string[];
      checkpoint?: string;
      extraBase64?: string;
    }[]) {
      const v = await verdict(() => parseReceipt(c.text));
      let actual: string = v.verdict;
      if (v.verdict === 'accept') {
        const r = v.value as ReturnType<typeof parseReceipt>;
        const same =
          r.index === c.index &&
          JSON.stringify(r.proof.map(base64Encode)) === JSON.stringify(c.hashes) &&
          r.checkpoint === c.checkpoint &&
          (r.extra === undefined
            ? c.extraBase64 === undefined
            : base64Encode(r.extra) === c.extraBase64);
        if (!same)
          actual = `accept (fields differ: ${r.index} ${r.proof.map((h) => hexEncode(h)).join(',')})`;
      }
      proofs.record(c.id, c.expect, actual, v.detail);
    }
    return rows.map((r) => r.report());
  },
};
