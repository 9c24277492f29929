/**
 * jitsuin/conformance — vector types, generators and the harness.
 * @module
 */
export type * from "./types.js";
