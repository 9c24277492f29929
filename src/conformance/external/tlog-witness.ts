/**
 * C2SP tlog-witness add-checkpoint sequence (`c2sp-tlog-witness/`, converted from torchwood's
 * litewitness test): the 9 requests in order against one `addCheckpoint` witness with in-memory
 * state, expecting the status C2SP tlog-witness gives (`specStatus`), the 409 body, and on 200 a
 * cosignature line from the witness key that verifies. Where litewitness differs from the C2SP text
 * (unknown origin: 403 there, 404 in C2SP) the C2SP status is expected.
 * @module
 */
import { utf8Decode, utf8Encode } from '../../encoding/utf8.js';
import { sha256 } from '../../crypto/hash.js';
import { cosignatureSigner, noteVerifier } from '../../ledger/keys.js';
import { openNote } from '../../ledger/note.js';
import { addCheckpoint, MemoryWitnessStateStore } from '../../ledger/witness.js';
import type { ExternalSuite } from '../types.js';
import { Row, hexBytes } from './tlog-common.js';

const FILE = 'c2sp-tlog-witness/add-checkpoint-sequence.json';

interface Step {
  requestBody: string;
  specStatus: number;
  litewitnessStatus: number;
  litewitnessAssert?: string;
  note?: string;
}

/** The c2sp-tlog-witness external suite. */
export const tlogWitnessSuite: ExternalSuite = {
  name: 'c2sp-tlog-witness',
  requiredFiles: [FILE],
  async run(readFile) {
    const doc = JSON.parse(utf8Decode(await readFile(FILE), FILE)) as {
      setup: { logPublicKeyEd25519Hex: string; origin: string };
      steps: Step[];
    };
    const row = new Row('c2sp-tlog-witness', 'add-checkpoint');
    const logKey = noteVerifier(
      doc.setup.origin,
      'ed25519',
      hexBytes(doc.setup.logPublicKeyEd25519Hex),
    );
    // A fixed witness key of our own (the litewitness key is not published in the file; timestamps vary anyway).
    const signer = cosignatureSigner(
      'example.com/witness',
      sha256(utf8Encode('jitsuin/external/tlog-witness/witness-key')),
    );
    const config = {
      logs: new Map([[doc.setup.origin, [logKey]]]),
      signers: [signer],
      state: new MemoryWitnessStateStore(),
      now: () => 1_700_000_000,
    };
    for (const [i, step] of doc.steps.entries()) {
      const res = await addCheckpoint(config, step.requestBody);
      let actual = String(res.status);
      let expected = String(step.specStatus);
      const conflictBody = /body contains "([0-9]+)\\n"|^body == "([0-9]+)\\n"/.exec(
        step.litewitnessAssert ?? '',
      );
      if (step.specStatus === 409) {
        const want = conflictBody?.[1] ?? conflictBody?.[2];
        if (want !== undefined) expected += ` ${want}`;
        actual += ` ${res.body.trim()}${res.contentType === 'text/x.tlog.size' ? '' : ' (wrong content type)'}`;
      }
      if (res.status === 200) {
        // The cosignature must verify over the checkpoint the request carried.
        const note = step.requestBody.slice(step.requestBody.indexOf('\n\n') + 2);
        const text = note.slice(0, note.lastIndexOf('\n\n') + 1);
        try {
          const o = await openNote(`${text}\n${res.body}`, [signer.verifier]);
          if (o.verified.length !== 1 || !res.body.startsWith('\u2014 example.com/witness '))
            actual += ' (no witness cosignature)';
        } catch (e) {
          actual += ` (cosignature does not verify: ${String(e)})`;
        }
      }
      const id = `step ${i + 1}${step.note === undefined ? '' : ` (${step.note.split(':')[0]})`}`;
      row.record(id, expected, actual, res.body.trim());
    }
    return [row.report()];
  },
};
