/**
 * The judge of the `evidence-log` vector suite: how this library answers one case of `vectors/evidence-log.json`,
 * decoding the case's inputs from the file alone. The generator of the file is in the repository,
 * `test/generators/evidence-log.ts`, not in the package.
 * @module
 */
import { hexDecode, hexEncode } from '../../encoding/hex.js';
import { utf8Encode } from '../../encoding/utf8.js';
import { leafHash } from '../../ledger/hash.js';
import {
  consistencyProof,
  inclusionProof,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from '../../ledger/tree.js';
import { commitEntry, openCommitment } from '../../ledger/commitment.js';
import { parseVerifierKey } from '../../ledger/keys.js';
import { openNote } from '../../ledger/note.js';
import { verifyCheckpoint } from '../../ledger/checkpoint.js';
import { parsePolicy, verifyCheckpointWithPolicy } from '../../ledger/policy.js';
import { verifyReceipt } from '../../ledger/receipt.js';
import { checkCheckpointUpdate } from '../../ledger/monitor.js';
import {
  verifyMisbehaviourEvidence,
  type MisbehaviourEvidence,
} from '../../ledger/misbehaviour.js';
import type { CaseOutcome, VectorSuite } from '../types.js';
import { caseOutcome, VectorInputError } from './case-outcome.js';

const hx = (b: Uint8Array): string => hexEncode(b);

/** The `leafData` of the tree-building groups: the rule by which the vector file defines its leaves. */
const LEAF_DATA = 'UTF-8 "leaf <i>" for leaf i (decimal i)';

/** The leaf hashes of the first `size` leaves, as the group's `leafData` defines them. */
function leavesOf(input: Readonly<Record<string, unknown>>, size: number): Uint8Array[] {
  if (input['leafData'] !== LEAF_DATA)
    throw new VectorInputError(`input.leafData must be ${JSON.stringify(LEAF_DATA)}`);
  return Array.from({ length: size }, (_, i) => leafHash(utf8Encode(`leaf ${i}`)));
}

const str = (input: Readonly<Record<string, unknown>>, k: string): string => {
  const v = input[k];
  if (typeof v !== 'string') throw new VectorInputError(`input.${k} must be a string`);
  return v;
};
const num = (input: Readonly<Record<string, unknown>>, k: string): number => {
  const v = input[k];
  if (typeof v !== 'number') throw new VectorInputError(`input.${k} must be a number`);
  return v;
};
const hexes = (input: Readonly<Record<string, unknown>>, k: string): Uint8Array[] => {
  const v = input[k];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw new VectorInputError(`input.${k} must be an array of hex strings`);
  return (v as string[]).map((h) => hexDecode(h));
};

async function runCase(
  type: string,
  input: Readonly<Record<string, unknown>>,
): Promise<CaseOutcome> {
  switch (type) {
    case 'tree-root':
      return {
        result: 'valid',
        output: { rootHex: hx(rootFromLeafHashes(leavesOf(input, num(input, 'size')))) },
      };
    case 'inclusion-proof':
      return {
        result: 'valid',
        output: {
          proofHex: inclusionProof(
            num(input, 'index'),
            num(input, 'size'),
            leavesOf(input, num(input, 'size')),
          ).map(hx),
        },
      };
    case 'consistency-proof':
      return {
        result: 'valid',
        output: {
          proofHex: consistencyProof(
            num(input, 'size1'),
            num(input, 'size2'),
            leavesOf(input, num(input, 'size2')),
          ).map(hx),
        },
      };
    case 'inclusion-verify':
      verifyInclusion(
        num(input, 'index'),
        num(input, 'size'),
        hexDecode(str(input, 'leafHashHex')),
        hexes(input, 'proofHex'),
        hexDecode(str(input, 'rootHex')),
      );
      return { result: 'valid' };
    case 'consistency-verify':
      verifyConsistency(
        num(input, 'size1'),
        num(input, 'size2'),
        hexDecode(str(input, 'root1Hex')),
        hexDecode(str(input, 'root2Hex')),
        hexes(input, 'proofHex'),
      );
      return { result: 'valid' };
    case 'commitment': {
      const entry = hexDecode(str(input, 'entryHex'));
      const salt = hexDecode(str(input, 'saltHex'));
      if (input['commitmentHex'] !== undefined) {
        const c = hexDecode(str(input, 'commitmentHex'));
        return {
          result: 'valid',
          output: { commitmentHex: hx(c), leafHashHex: hx(openCommitment(c, entry, salt)) },
        };
      }
      const c = commitEntry(entry, salt).commitment;
      return { result: 'valid', output: { commitmentHex: hx(c), leafHashHex: hx(leafHash(c)) } };
    }
    case 'vkey-parse': {
      const v = parseVerifierKey(str(input, 'vkey'));
      return {
        result: 'valid',
        output: { name: v.name, keyId: v.keyId.toString(16).padStart(8, '0'), type: v.type },
      };
    }
    case 'note-open': {
      const o = await openNote(
        str(input, 'note'),
        (input['verifierKeys'] as string[]).map(parseVerifierKey),
      );
      return {
        result: 'valid',
        output: {
          text: o.text,
          verified: o.verified.map((v) => v.verifier.name),
          unverified: o.unverified.length,
        },
      };
    }
    case 'checkpoint-verify': {
      const witnesses = ((input['witnessKeys'] as string[] | undefined) ?? []).map(
        parseVerifierKey,
      );
      const v = await verifyCheckpoint(str(input, 'checkpoint'), {
        logKey: parseVerifierKey(str(input, 'logKey')),
        witnesses,
      });
      return {
        result: 'valid',
        output: {
          origin: v.checkpoint.origin,
          size: v.checkpoint.size,
          rootHex: hx(v.checkpoint.rootHash),
          extensions: v.checkpoint.extensions,
        },
      };
    }
    case 'policy-parse': {
      const p = parsePolicy(str(input, 'policy'));
      return {
        result: 'valid',
        output: {
          logs: p.logs.length,
          witnesses: p.witnesses.length,
          groups: p.groups.length,
          quorum: p.quorum,
        },
      };
    }
    case 'policy-verify': {
      const v = await verifyCheckpointWithPolicy(
        str(input, 'checkpoint'),
        parsePolicy(str(input, 'policy')),
      );
      return {
        result: 'valid',
        output: {
          size: v.checkpoint.size,
          rootHex: hx(v.checkpoint.rootHash),
          witnesses: v.witnesses.map((w) => w.name).sort(),
        },
      };
    }
    case 'receipt-verify': {
      const v = await verifyReceipt(
        str(input, 'receipt'),
        { entry: hexDecode(str(input, 'entryHex')), salt: hexDecode(str(input, 'saltHex')) },
        parsePolicy(str(input, 'policy')),
      );
      return {
        result: 'valid',
        output: {
          index: v.index,
          size: v.checkpoint.size,
          witnesses: v.witnesses.map((w) => w.name).sort(),
        },
      };
    }
    case 'client-update': {
      const policy = parsePolicy(str(input, 'policy'));
      const trusted = await verifyCheckpointWithPolicy(str(input, 'trusted'), policy);
      const candidate = await verifyCheckpointWithPolicy(str(input, 'candidate'), policy);
      checkCheckpointUpdate(trusted, candidate, hexes(input, 'proofHex'));
      return {
        result: 'valid',
        output: { size: Math.max(trusted.checkpoint.size, candidate.checkpoint.size) },
      };
    }
    case 'evidence-verify':
      await verifyMisbehaviourEvidence(
        input['evidence'] as MisbehaviourEvidence,
        parseVerifierKey(str(input, 'logKey')),
      );
      return { result: 'valid' };
    default:
      return { result: 'skipped', reason: `unknown test group type ${JSON.stringify(type)}` };
  }
}

/** The `evidence-log` suite: this library's answers to the cases of `vectors/evidence-log.json`. */
export const evidenceLogSuite: VectorSuite = {
  name: 'evidence-log',
  run: (type, input) => caseOutcome(() => runCase(type, input)),
};
