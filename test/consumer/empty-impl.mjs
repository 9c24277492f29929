// A harness-protocol implementation that claims no suite: nothing is tested, so the conformance
// runner must not report a pass ([CONF-36]).
import { createInterface } from 'node:readline';

for await (const line of createInterface({ input: process.stdin })) {
  if (line.includes('"hello"'))
    process.stdout.write(
      `${JSON.stringify({ hello: { protocol: 1, implementation: 'claims nothing 0', suites: [] } })}\n`,
    );
}
