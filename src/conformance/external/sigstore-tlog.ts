/**
 * Sigstore Rekor entries (`sigstore-tlog/`, extracted from sigstore-conformance bundles): for each of
 * the 17 cases, the inclusion proof of SHA-256(0x00 ‖ body) and the signed checkpoint (ECDSA P-256
 * for Rekor v1, Ed25519 with unknown witness cosignatures for Rekor v2) must give the stated tlog
 * verdict, each part on its own: the inclusion proof fails exactly when the case says so, and the
 * checkpoint (log signature, origin, size and root equal to the proof's) likewise.
 * @module
 */
import { utf8Decode } from '../../encoding/utf8.js';
import { bytesEqual } from '../../encoding/bytes.js';
import { fail } from '../../internal/fail.js';
import { leafHash } from '../../ledger/hash.js';
import { verifyInclusion } from '../../ledger/tree.js';
import { verifyCheckpoint } from '../../ledger/checkpoint.js';
import { noteVerifier } from '../../ledger/keys.js';
import type { ExternalSuite } from '../types.js';
import { Row, loose64, verdict } from './tlog-common.js';

const FILE = 'sigstore-tlog/tlog-cases.json';

/** Published checkpoint origins of the two logs (configuration of a verifier, like its keys). */
const ORIGINS: Readonly<Record<string, string>> = {
  'rekor.sigstore.dev': 'rekor.sigstore.dev - 2605736670972794746',
  'log2025-alpha1.rekor.sigstage.dev': 'log2025-alpha1.rekor.sigstage.dev',
};

interface Case {
  id: string;
  logKey: { keyName: string; type: 'ecdsa-p256' | 'ed25519'; spkiBase64: string };
  canonicalizedBodyBase64: string;
  inclusionProof: {
    logIndex: string;
    treeSize: string;
    rootHash: string;
    hashes: string[];
    checkpoint?: { envelope: string };
  };
  tlogVerdict: 'pass' | 'fail';
  tlogFailReasons: string[];
}

/** The sigstore-tlog external suite. */
export const sigstoreTlogSuite: ExternalSuite = {
  name: 'sigstore-tlog',
  requiredFiles: [FILE],
  async run(readFile) {
    const doc = JSON.parse(utf8Decode(await readFile(FILE), FILE)) as { cases: Case[] };
    const inclusion = new Row('sigstore-tlog', 'inclusion');
    const checkpoint = new Row('sigstore-tlog', 'checkpoint');
    const overall = new Row('sigstore-tlog', 'tlog-verdict');
    for (const c of doc.cases) {
      const spki = loose64(c.logKey.spkiBase64);
      // Ed25519 SPKI: the raw key is the last 32 bytes of the fixed 44-byte encoding.
      const key =
        c.logKey.type === 'ed25519'
          ? noteVerifier(c.logKey.keyName, 'ed25519', spki.subarray(spki.length - 32))
          : noteVerifier(c.logKey.keyName, 'ecdsa-p256', spki);
      const p = c.inclusionProof;
      const size = Number(p.treeSize);
      const root = loose64(p.rootHash);
      const inc = await verdict(() =>
        verifyInclusion(
          Number(p.logIndex),
          size,
          leafHash(loose64(c.canonicalizedBodyBase64)),
          p.hashes.map(loose64),
          root,
        ),
      );
      const cp = await verdict(async () => {
        if (p.checkpoint === undefined) fail('ERR_LOG_CHECKPOINT', 'no checkpoint', 'LOG-23');
        const v = await verifyCheckpoint(p.checkpoint!.envelope, {
          logKey: key,
          origin: ORIGINS[c.logKey.keyName]!,
        });
        if (v.checkpoint.size !== size || !bytesEqual(v.checkpoint.rootHash, root))
          fail('ERR_LOG_CHECKPOINT', "checkpoint size or root differs from the proof's", 'LOG-23');
      });
      const wantInc = c.tlogFailReasons.some((r) => r.startsWith('inclusion'))
        ? 'reject'
        : 'accept';
      const wantCp = c.tlogFailReasons.some((r) => r.includes('checkpoint')) ? 'reject' : 'accept';
      inclusion.record(c.id, wantInc, inc.verdict, inc.detail);
      checkpoint.record(c.id, wantCp, cp.verdict, cp.detail);
      overall.record(
        c.id,
        c.tlogVerdict,
        inc.verdict === 'accept' && cp.verdict === 'accept' ? 'pass' : 'fail',
      );
    }
    return [inclusion.report(), checkpoint.report(), overall.report()];
  },
};
