/**
 * Registry of external suites. Each runner module adds one import and one entry.
 * @internal
 */
import type { ExternalSuite } from './types.js';
import { wycheproofSuite } from './external/wycheproof.js';

/** Every external suite `jitsuin conformance --external DIR` knows. */
export const EXTERNAL_SUITES: readonly ExternalSuite[] = [
  wycheproofSuite,
];
