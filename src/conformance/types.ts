/**
 * Types of the published vector files and of the conformance harness protocol
 * (normative text: `spec/conformance.md`; JSON Schema: `spec/schemas/vectors.schema.json`).
 *
 * @module
 */
import type { ErrorCode } from '../errors.js';

/** Expected outcome of a vector: Wycheproof's three-valued result. */
export type VectorResult = 'valid' | 'invalid' | 'acceptable';

/** A flag's documentation in a vector file's `notes`. */
export interface VectorNote {
  readonly bugType:
    | 'BASIC'
    | 'AUTH_BYPASS'
    | 'CONFIDENTIALITY'
    | 'MALLEABILITY'
    | 'MODIFIED_PARAMETER'
    | 'DOS'
    | 'EDGE_CASE'
    | 'FUNCTIONALITY'
    | 'LEGACY'
    | 'WRONG_PRIMITIVE';
  readonly description: string;
}

/** One test case. `input` is merged over the group's shared members before it reaches a harness. */
export interface VectorTest {
  readonly tcId: number;
  readonly comment: string;
  readonly flags: readonly string[];
  /** Requirement ids (e.g. `JWS-04`) this case exercises. */
  readonly requirements: readonly string[];
  readonly input: Readonly<Record<string, unknown>>;
  readonly result: VectorResult;
  /** For `invalid` cases: the error code a conforming implementation reports. */
  readonly error?: ErrorCode;
  /** For `valid` cases: what a conforming implementation returns (compared member by member). */
  readonly output?: unknown;
}

/** A group of tests sharing inputs (keys, trust anchors, time). `type` selects the operation. */
export interface VectorGroup {
  readonly type: string;
  readonly tests: readonly VectorTest[];
  readonly [shared: string]: unknown;
}

/** A published vector file, `vectors/<suite>.json`. */
export interface VectorFile {
  readonly schema: 'jitsuin-vectors-v1';
  readonly suite: string;
  /** Version of jitsuin's spec these vectors pin. */
  readonly specVersion: string;
  readonly numberOfTests: number;
  readonly notes: Readonly<Record<string, VectorNote>>;
  readonly testGroups: readonly VectorGroup[];
}

/** What an implementation answers for one case (the harness protocol's response, minus `id`). */
export interface CaseOutcome {
  readonly result: 'valid' | 'invalid' | 'skipped';
  /** For `invalid`: the error code the implementation reports. */
  readonly error?: string;
  /** For `valid`: the operation's output, compared with the vector's `output` when it has one. */
  readonly output?: unknown;
  /** For `skipped` (and optionally otherwise): a human-readable reason, shown in reports. */
  readonly reason?: string;
}

/** Version of the harness protocol specified in `spec/conformance.md`. */
export type HarnessProtocolVersion = 1;

/** First line the harness writes to an implementation: which suites it is about to run. */
export interface HarnessHello {
  readonly hello: {
    readonly protocol: HarnessProtocolVersion;
    readonly specVersion: string;
    readonly suites: readonly string[];
  };
}

/** The implementation's answer to {@link HarnessHello}: the suites it claims to conform to. */
export interface HarnessHelloReply {
  readonly hello: {
    readonly protocol: HarnessProtocolVersion;
    readonly implementation: string;
    readonly suites: readonly string[];
  };
}

/** One case sent to an implementation: `input` is the group's shared members merged under the test's input. */
export interface HarnessRequest {
  readonly id: string;
  readonly suite: string;
  readonly type: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/** An implementation's answer to one {@link HarnessRequest}. */
export interface HarnessResponse extends CaseOutcome {
  readonly id: string;
}

/**
 * A suite of published vectors as this library answers it: `run` receives the group `type` and the
 * merged input of one case, and must never throw: a rejection is `{ result: 'invalid', error: code }`.
 * (The generators that write `vectors/*.json` live in the repository, not in the package.)
 */
export interface VectorSuite {
  readonly name: string;
  run(type: string, input: Readonly<Record<string, unknown>>): Promise<CaseOutcome>;
}

/** One row of an external-suite report (a whole suite, or one section/namespace of it). */
export interface ExternalReport {
  readonly suite: string;
  /** Section, namespace or file within the suite (e.g. `4.4` of PKITS, `rfc5280` of limbo). */
  readonly section: string;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Every mismatch, with enough detail to reproduce it. */
  readonly failures: readonly {
    readonly id: string;
    readonly expected: string;
    readonly actual: string;
    readonly detail?: string;
  }[];
  /** Every skipped case with its reason (a skip is never silent). */
  readonly skips: readonly { readonly id: string; readonly reason: string }[];
  /** Passed cases with what was checked, for suites that report every case (optional). */
  readonly passes?: readonly { readonly id: string; readonly detail: string }[];
}

/**
 * An external test suite (Wycheproof, x509-limbo, NIST PKITS) run through this library.
 * Runners are isomorphic: they read files through `readFile`, given paths relative to the
 * external folder (e.g. `wycheproof/ecdsa_secp256r1_sha256_test.json`).
 */
export interface ExternalSuite {
  readonly name: string;
  /** Files that must exist for the suite to run; when one is missing the suite reports "not found". */
  readonly requiredFiles: readonly string[];
  run(readFile: (relativePath: string) => Promise<Uint8Array>): Promise<readonly ExternalReport[]>;
}
