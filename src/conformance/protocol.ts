/**
 * Messages of the harness protocol (`spec/conformance.md`, "Harness protocol"): building the
 * harness's lines and checking the implementation's lines. Transport-free, so the same checks
 * apply to a child process and to this library run in-process.
 * @module
 */
import type {
  CaseOutcome,
  HarnessHello,
  HarnessHelloReply,
  HarnessProtocolVersion,
} from './types.js';

/** The protocol version this harness speaks. */
export const HARNESS_PROTOCOL: HarnessProtocolVersion = 1;

/** Builds the harness's first line. */
export function helloMessage(specVersion: string, suites: readonly string[]): HarnessHello {
  return { hello: { protocol: HARNESS_PROTOCOL, specVersion, suites: [...suites] } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The result of checking a line: the value, or how the line breaks the protocol. */
export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = (problem: string): { readonly ok: false; readonly problem: string } => ({
  ok: false,
  problem,
});

/** Parses one line as JSON; a violation when it is not a JSON object. */
export function parseLine(line: string): Checked<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return bad(`not JSON: ${JSON.stringify(line.slice(0, 200))}`);
  }
  return isRecord(value)
    ? ok(value)
    : bad(`not a JSON object: ${JSON.stringify(line.slice(0, 200))}`);
}

/**
 * Checks the implementation's answer to the hello: same protocol version, an implementation
 * name, and a list of claimed suites. Suites the harness did not offer are dropped.
 */
export function checkHelloReply(
  value: Record<string, unknown>,
  offered: readonly string[],
): Checked<HarnessHelloReply['hello']> {
  const hello = value['hello'];
  if (!isRecord(hello)) return bad('the first line must be {"hello": {...}}');
  if (hello['protocol'] !== HARNESS_PROTOCOL)
    return bad(
      `protocol ${JSON.stringify(hello['protocol'])} is not supported (harness speaks ${HARNESS_PROTOCOL})`,
    );
  const implementation = hello['implementation'];
  if (typeof implementation !== 'string' || implementation.length === 0)
    return bad('hello.implementation must be a non-empty string');
  const suites = hello['suites'];
  if (!Array.isArray(suites) || !suites.every((s): s is string => typeof s === 'string'))
    return bad('hello.suites must be an array of strings');
  return ok({
    protocol: HARNESS_PROTOCOL,
    implementation,
    suites: suites.filter((s) => offered.includes(s)),
  });
}

/**
 * Checks one response against the request id it answers and returns the outcome. Unknown members
 * are ignored (forward compatibility); the members the protocol defines must have their types.
 */
export function checkResponse(
  value: Record<string, unknown>,
  expectedId: string,
): Checked<CaseOutcome> {
  if (value['id'] !== expectedId)
    return bad(
      `response id ${JSON.stringify(value['id'])} does not answer request ${JSON.stringify(expectedId)}`,
    );
  const result = value['result'];
  if (result !== 'valid' && result !== 'invalid' && result !== 'skipped')
    return bad(`result ${JSON.stringify(result)} is not "valid", "invalid" or "skipped"`);
  const error = value['error'];
  if (result === 'invalid' && typeof error !== 'string')
    return bad('an "invalid" response must carry an error code');
  if (error !== undefined && typeof error !== 'string') return bad('error must be a string');
  const reason = value['reason'];
  if (reason !== undefined && typeof reason !== 'string') return bad('reason must be a string');
  const outcome: {
    result: CaseOutcome['result'];
    error?: string;
    output?: unknown;
    reason?: string;
  } = { result };
  if (result === 'invalid' && typeof error === 'string') outcome.error = error;
  if (result === 'valid' && Object.prototype.hasOwnProperty.call(value, 'output'))
    outcome.output = value['output'];
  if (typeof reason === 'string') outcome.reason = reason;
  return ok(outcome);
}
