/**
 * A vector generator: builds one `vectors/<name>.json` deterministically (HKDF-derived keys from
 * fixed labels, RFC 6979 signatures, fixed times). Generators live in the repository, beside the
 * tests; the package ships the files they write and the judges in `src/conformance/suites/`.
 * @module
 */
import type { VectorFile } from '../../src/conformance/types.js';

/** One suite's generator; `name` is the suite name and the file name without `.json`. */
export interface VectorGenerator {
  readonly name: string;
  generate(): VectorFile | Promise<VectorFile>;
}
