// A harness-protocol implementation that claims the encoding suite and answers "valid" to every
// case without looking at it: the conformance runner must report failures and exit non-zero.
import { createInterface } from 'node:readline';

const lines = createInterface({ input: process.stdin });
let hello = true;
for await (const line of lines) {
  if (hello) {
    hello = false;
    process.stdout.write(
      `${JSON.stringify({ hello: { protocol: 1, implementation: 'liar 0', suites: ['encoding'] } })}\n`,
    );
    continue;
  }
  const { id } = JSON.parse(line);
  process.stdout.write(`${JSON.stringify({ id, result: 'valid', output: {} })}\n`);
}
