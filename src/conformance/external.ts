/**
 * Registry of external suites. Each runner module adds one import and one entry.
 * @internal
 */
import type { ExternalSuite } from './types.js';
import { wycheproofSuite } from './external/wycheproof.js';
import { limboSuite } from './external/limbo.js';
import { pkitsSuite } from './external/pkits.js';
import { cadesSuite } from './external/cades.js';
import { merkleSuite } from './external/merkle.js';
import { tlogNotesSuite } from './external/tlog-notes.js';
import { tlogWitnessSuite } from './external/tlog-witness.js';
import { sigstoreTlogSuite } from './external/sigstore-tlog.js';

/** Every external suite `jitsuin conformance --external DIR` knows. */
export const EXTERNAL_SUITES: readonly ExternalSuite[] = [
  wycheproofSuite,
  limboSuite,
  pkitsSuite,
  cadesSuite,
  merkleSuite,
  tlogNotesSuite,
  tlogWitnessSuite,
  sigstoreTlogSuite,
];
