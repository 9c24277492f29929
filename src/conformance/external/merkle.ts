/**
 * transparency-dev/merkle probes (`transparency-dev-merkle/`): every inclusion and consistency
 * probe through `verifyInclusion` / `verifyConsistency`, expecting upstream's `wantErr`, plus the
 * reference tree (roots of the 8 RFC 6962 test leaves and the proofgen proofs, regenerated and
 * verified). One listed divergence: equal sizes with 12-byte "roots" (see spec/evidence-log.md,
 * "External suites": every hash is 32 bytes, [LOG-02]).
 * @module
 */
import { utf8Decode } from '../../encoding/utf8.js';
import { hexEncode } from '../../encoding/hex.js';
import { leafHash } from '../../ledger/hash.js';
import {
  consistencyProof,
  inclusionProof,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from '../../ledger/tree.js';
import type { ExternalSuite } from '../types.js';
import { Row, hexBytes, loose64, verdict } from './tlog-common.js';

const DIR = 'transparency-dev-merkle';

/** Cases where jitsuin's verdict differs from upstream's on purpose. */
export const MERKLE_EXCEPTIONS: Readonly<Record<string, { verdict: string; reason: string }>> = {
  'consistency/additional/sizes-are-equal-one-and-proof-is-empty.json': {
    verdict: 'reject',
    reason:
      'the two "roots" are 12-byte strings; upstream skips hash-length checks when size1 == size2, jitsuin requires every hash to be 32 bytes (LOG-02), which the PROVENANCE calls the correct SHA-256 verdict',
  },
};

interface InclusionProbe {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  wantErr: boolean;
}
interface ConsistencyProbe {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  wantErr: boolean;
}

/** The transparency-dev/merkle external suite. */
export const merkleSuite: ExternalSuite = {
  name: 'transparency-dev-merkle',
  requiredFiles: [`${DIR}/SHA256SUMS.testdata`, `${DIR}/reference-tree.json`],
  async run(readFile) {
    const sums = utf8Decode(await readFile(`${DIR}/SHA256SUMS.testdata`), 'SHA256SUMS.testdata');
    const files = sums
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => l.trim().split(/\s+/)[1]!)
      .sort();
    const rows = {
      inclusion: new Row('transparency-dev-merkle', 'inclusion'),
      consistency: new Row('transparency-dev-merkle', 'consistency'),
      reference: new Row('transparency-dev-merkle', 'reference-tree'),
    };
    for (const f of files) {
      const text = utf8Decode(await readFile(`${DIR}/${f}`), f);
      const expected = (JSON.parse(text) as { wantErr: boolean }).wantErr ? 'reject' : 'accept';
      if (f.startsWith('inclusion/')) {
        const p = JSON.parse(text) as InclusionProbe;
        const v = await verdict(() =>
          verifyInclusion(
            p.leafIdx,
            p.treeSize,
            loose64(p.leafHash),
            (p.proof ?? []).map(loose64),
            loose64(p.root),
          ),
        );
        rows.inclusion.record(f, expected, v.verdict, v.detail, MERKLE_EXCEPTIONS[f]);
      } else {
        const p = JSON.parse(text) as ConsistencyProbe;
        const v = await verdict(() =>
          verifyConsistency(
            p.size1,
            p.size2,
            loose64(p.root1),
            loose64(p.root2),
            (p.proof ?? []).map(loose64),
          ),
        );
        rows.consistency.record(f, expected, v.verdict, v.detail, MERKLE_EXCEPTIONS[f]);
      }
    }
    // The reference tree: recompute every root, and regenerate and verify the proofgen proofs.
    const ref = JSON.parse(
      utf8Decode(await readFile(`${DIR}/reference-tree.json`), 'reference-tree.json'),
    ) as {
      leafInputsHex: string[];
      rootHashesHex: string[];
      inclusionProofs: { leafIndex: number; treeSize: number; proofHex: string[] }[];
      consistencyProofs: { size1: number; size2: number; proofHex: string[] }[];
    };
    const leaves = ref.leafInputsHex.map((h) => leafHash(hexBytes(h)));
    ref.rootHashesHex.forEach((want, n) => {
      const got = hexEncode(rootFromLeafHashes(leaves.slice(0, n)));
      rows.reference.record(`root of ${n} leaves`, want, got);
    });
    for (const p of ref.inclusionProofs ?? []) {
      const id = `inclusion leaf ${p.leafIndex} size ${p.treeSize}`;
      const got = inclusionProof(p.leafIndex, p.treeSize, leaves).map(hexEncode);
      const v = await verdict(() =>
        verifyInclusion(
          p.leafIndex,
          p.treeSize,
          leaves[p.leafIndex]!,
          got.map(hexBytes),
          hexBytes(ref.rootHashesHex[p.treeSize]!),
        ),
      );
      rows.reference.record(
        id,
        JSON.stringify(p.proofHex) + ' accept',
        JSON.stringify(got) + ' ' + v.verdict,
        v.detail,
      );
    }
    for (const p of ref.consistencyProofs ?? []) {
      const id = `consistency ${p.size1} -> ${p.size2}`;
      const got = consistencyProof(p.size1, p.size2, leaves).map(hexEncode);
      const v = await verdict(() =>
        verifyConsistency(
          p.size1,
          p.size2,
          hexBytes(ref.rootHashesHex[p.size1]!),
          hexBytes(ref.rootHashesHex[p.size2]!),
          got.map(hexBytes),
        ),
      );
      rows.reference.record(
        id,
        JSON.stringify(p.proofHex) + ' accept',
        JSON.stringify(got) + ' ' + v.verdict,
        v.detail,
      );
    }
    return [rows.inclusion.report(), rows.consistency.report(), rows.reference.report()];
  },
};
