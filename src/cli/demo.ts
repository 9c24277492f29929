/**
 * `jitsuin demo` (`npm run demo`): one narrated run of the whole protocol on a synthetic TEST PKI
 * (see `./demo/scenario.ts`), writing every artefact to a folder and ending with the openssl
 * commands to inspect them. Exit code 0 only when every expected success succeeded and every
 * attack was rejected with the expected error code and requirement id.
 * @module
 */
import { relative, resolve } from 'node:path';
import { UsageError } from './args.js';
import { DEMO_TIME, runDemoScenario } from './demo/scenario.js';
import type { DemoResult } from './demo/types.js';

export { runDemoScenario, DEMO_TIME, DEMO_RP, type DemoScenarioOptions } from './demo/scenario.js';
export type { DemoResult, DemoCheck, DemoAttack } from './demo/types.js';

/** Usage text of `jitsuin demo`. */
export const DEMO_USAGE = `usage: jitsuin demo [--out DIR] [--no-qr]

Runs the end-to-end demo on a synthetic TEST PKI: a CA certifies two apps of one person (hospital,
pharmacy; same common code, different hardware keys), each app logs in, a PC logs in by QR code
with number matching, and the attacks fail with their error codes. Then consent: hospital A asks
for a blood test kept at hospital B, the phone shows the signed text, the person approves, B
authorizes and records the transfer, A verifies it, the phone verifies the evidence-log receipts;
a one-tap bundle; and the consent attacks.

  --out DIR   folder for the artefacts (default ./demo-out)
  --no-qr     do not draw the QR code in the terminal (print its URI only)

Exit code 0 when every step and every attack went as expected, 1 otherwise, 2 on a usage error.
`;

interface DemoArgs {
  readonly outDir: string;
  readonly drawQr: boolean;
}

function parseDemoArgs(args: readonly string[]): DemoArgs {
  let outDir = 'demo-out';
  let drawQr = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--out') {
      const v = args[++i];
      if (v === undefined || v === '') throw new UsageError('--out needs a folder');
      outDir = v;
    } else if (a?.startsWith('--out=') === true) {
      outDir = a.slice('--out='.length);
      if (outDir === '') throw new UsageError('--out needs a folder');
    } else if (a === '--no-qr') {
      drawQr = false;
    } else {
      throw new UsageError(`unknown option ${JSON.stringify(a)}`);
    }
  }
  return { outDir, drawQr };
}

/** The closing text: how to inspect the artefacts with openssl. */
function inspectionHelp(result: DemoResult, shown: string): string {
  const f = (p: string): string => `${shown}/${p}`;
  return [
    '',
    '━━ Inspect the artefacts ' + '━'.repeat(55),
    `  Every file is under ${shown}/: certificates and CRLs in strict PEM (pemDecode / pemDecodeAll read them back), messages`,
    '  (*.jws, login challenge.json, enrollment request.json) as the exact bytes the API takes (no final newline), reports as',
    '  pretty-printed JSON; summary.json has the outcome.',
    "  The common-code, app-binding and key-protection extensions sit under jitsuin's UUID arc; ext_parse shows their ASN.1:",
    `    openssl x509 -in ${f('apps/hospital-app.pem')} -noout -text -certopt ext_parse`,
    `    openssl crl -in ${f('ca/crls.pem')} -text -noout`,
    '  The TEST My Number Card certificate (name, birth date, sex, address are subjectAltName otherNames) and its chain to one of three same-name roots:',
    `    openssl x509 -in ${f('jpki/card-signature-certificate.pem')} -noout -text -nameopt utf8`,
    `    openssl verify -attime ${result.time - 600} -crl_check -CRLfile ${f('jpki/jpki.crl.pem')} -CAfile ${f('jpki/sign-roots.pem')} ${f('jpki/card-signature-certificate.pem')}`,
    '  Path validation by openssl at the demo time (the CRLs expire a week after it):',
    `    openssl verify -attime ${result.time} -crl_check_all -CRLfile ${f('ca/crls.pem')} -CAfile ${f('ca/root-ca.pem')} -untrusted ${f('ca/app-ca-1.pem')} ${f('apps/hospital-app.pem')}`,
    '  The stolen pharmacy phone, with the CRL published after it was reported (openssl says "certificate revoked"):',
    `    openssl verify -attime ${result.time + 3600} -crl_check_all -CRLfile ${f('ca/crls-after-revocation.pem')} -CAfile ${f('ca/root-ca.pem')} -untrusted ${f('ca/app-ca-1.pem')} ${f('apps/pharmacy-app.pem')}`,
    '  Each JWS (header.payload.signature, base64url) has its decoded header and payload beside it, byte for byte as signed:',
    `    cat ${f('login/hospital/response.payload.json')}; echo`,
    '',
  ].join('\n');
}

/**
 * Runs the demo with command-line `args` and returns the exit code. `write` receives the
 * narration (default: standard output).
 */
export async function runDemo(
  args: readonly string[],
  write: (text: string) => void = (t) => void process.stdout.write(t),
): Promise<number> {
  const parsed = parseDemoArgs(args);
  const outDir = resolve(parsed.outDir);
  const result = await runDemoScenario({ outDir, write, drawQr: parsed.drawQr });
  const rel = relative(process.cwd(), outDir);
  const shown = rel === '' ? '.' : rel.startsWith('..') ? outDir : rel;
  write(inspectionHelp(result, shown));
  const failedChecks = result.checks.filter((c) => !c.passed);
  const failedAttacks = result.attacks.filter((a) => !a.passed);
  write(`\n━━ Result ${'━'.repeat(70)}\n`);
  write(
    `  ${result.checks.length - failedChecks.length}/${result.checks.length} steps succeeded; ${result.attacks.length - failedAttacks.length}/${result.attacks.length} attacks rejected with the expected code.\n`,
  );
  for (const a of result.attacks)
    write(
      `    ${a.passed ? '✔' : '✘'} ${a.name.padEnd(34)} ${a.actualCode ?? 'ACCEPTED'} [${a.actualRequirement ?? '-'}]\n`,
    );
  write(
    result.ok ? `  OK (demo time ${DEMO_TIME}).\n` : '  FAILED: see the lines marked !! above.\n',
  );
  return result.ok ? 0 : 1;
}
