/**
 * Registry of external suites. Each runner module adds one import and one entry.
 * @internal
 */
import type { ExternalSuite } from './types.js';

/** Every external suite `jitsuin conformance --external DIR` knows. */
export const EXTERNAL_SUITES: readonly ExternalSuite[] = [
];
