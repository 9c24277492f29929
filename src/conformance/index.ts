/**
 * jitsuin/conformance — vector types, the judging of cases and the harness.
 * @module jitsuin/conformance
 */
export type * from './types.js';
export {
  REQUIREMENT_ID_PATTERN,
  checkVectorFile,
  flattenCases,
  mergeInput,
  sharedMembers,
  type VectorCase,
} from './vectorFile.js';
export { serializeVectorFile } from './serialize.js';
export { judgeOutcome, jsonEqual, type CaseVerdict } from './judge.js';
export {
  HARNESS_PROTOCOL,
  helloMessage,
  parseLine,
  checkHelloReply,
  checkResponse,
  type Checked,
} from './protocol.js';
export {
  runVectorFiles,
  inProcessRunner,
  withTimeout,
  type CaseRunner,
  type RunnerAnswer,
  type CaseRecord,
  type ConformanceRow,
  type RunVectorFilesOptions,
  type VectorRunResult,
} from './harness.js';
export { SPEC_VERSION } from './version.js';
