/**
 * Revocation at national scale (spec/revocation.md §4a): the cost of validating a device never
 * seen before (path cache miss) under one issuing CA whose CRL lists N entries, N = 10 … 10^6.
 *
 * For each N: the CRL's size; the time to load it once (`loadCrl`: strict parse and index) and the
 * heap it keeps per entry; the first validation (which also verifies the CRL's signature once);
 * the mean over 40 further new leaves when the CRL is passed as a loaded handle, and when it is
 * passed as bytes (the per-call path: a SHA-256 of the CRL for its parse-cache key, plus the
 * path-cache key and the copy of the inputs). The 10^6 row is also shown partitioned as REV-41
 * prescribes: ten partition CRLs of 10^5 entries, the leaf naming its partition. Heap figures need
 * `--expose-gc` (the bench script passes it); without it they read "n/a".
 */
import {
  buildCertificate,
  clearValidationCache,
  validatePath,
  type ValidatePathOptions,
} from '../../src/x509/index.js';
import { buildTbsCertList, type BuildCrlOptions } from '../../src/x509/revocation/build-crl.js';
import { loadCrl, type LoadedCrl } from '../../src/x509/revocation/crl.js';
import { signatureAlgorithmIdentifier } from '../../src/x509/builder.js';
import { encodeTlv } from '../../src/x509/der.js';
import { concatBytes } from '../../src/encoding/bytes.js';
import { revocationPki, T } from '../generators/revocation.js';
import { keyIdentifier } from '../../src/x509/builder.js';
import { figureTable } from './harness.js';

const DAY = 86_400;
const LEAVES = 100;
/** Interleaved rounds of the per-leaf measurement; a row's figure is the median of its rounds' medians. */
const ROUNDS = 5;
const SIZES = [10, 1_000, 100_000, 1_000_000];

type Pki = Awaited<ReturnType<typeof revocationPki>>;

/**
 * A signed CRL of `count` entries. Built from the TBS directly, because `buildCrl` refuses a CRL
 * over the 32 MiB that relying parties load per call (REV-42) and the 10^6 row measures one anyway.
 */
async function bigCrl(
  p: Pki,
  count: number,
  offset: number,
  over: Partial<BuildCrlOptions> = {},
): Promise<Uint8Array> {
  const entries = Array.from({ length: count }, (_, i) => ({
    serial: (0x4000_0000 + offset + i).toString(16),
    revocationDate: T - 2 * DAY,
    reason: 'keyCompromise' as const,
  }));
  const tbs = buildTbsCertList({
    issuer: p.names.ca,
    thisUpdate: T - DAY,
    nextUpdate: T + 6 * DAY,
    crlNumber: 7,
    authorityKeyId: keyIdentifier(p.keys.ca.spki),
    signer: p.keys.ca.signer,
    entries,
    ...over,
  });
  const signature = await p.keys.ca.signer.sign(tbs);
  return encodeTlv(
    0x30,
    concatBytes(
      tbs,
      signatureAlgorithmIdentifier(p.keys.ca.signer.algorithm),
      encodeTlv(0x03, concatBytes(Uint8Array.of(0), signature)),
    ),
  );
}

async function leaves(p: Pki, base: number, dp?: string): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (let i = 0; i < LEAVES; i++) {
    out.push(
      await buildCertificate({
        serialNumber: (base + i).toString(16),
        issuer: p.names.ca,
        subject: p.names.leaf,
        publicKey: p.keys.leaf.spki,
        signer: p.keys.ca.signer,
        authorityKeyId: keyIdentifier(p.keys.ca.spki),
        subjectKeyId: 'auto',
        keyUsage: ['digitalSignature'],
        notBefore: T - DAY,
        notAfter: T + 300 * DAY,
        ...(dp === undefined ? {} : { crlDistributionPoints: [{ uris: [dp] }] }),
      }),
    );
  }
  return out;
}

const gc = (globalThis as { gc?: () => void }).gc;
function heap(): number | undefined {
  if (gc === undefined) return undefined;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * Median milliseconds of validating each leaf once (every one a path-cache miss): the median, not
 * the mean, so that a scheduling hiccup of the shared machine does not decide a row.
 */
async function perLeaf(
  certs: readonly Uint8Array[],
  options: Omit<ValidatePathOptions, 'time'>,
): Promise<number> {
  const times: number[] = [];
  for (const leaf of certs) {
    const start = performance.now();
    await validatePath(leaf, { ...options, time: T });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/** Total milliseconds of validating the leaves in turn (the first pays for the CRL's signature). */
async function total(
  certs: readonly Uint8Array[],
  options: Omit<ValidatePathOptions, 'time'>,
): Promise<number> {
  const start = performance.now();
  for (const leaf of certs) await validatePath(leaf, { ...options, time: T });
  return performance.now() - start;
}

/** Heap kept per entry; below 1 MiB of growth the figure is GC noise, and says so instead of printing it. */
function heapPerEntry(before: number | undefined, after: number | undefined, n: number): string {
  if (before === undefined || after === undefined) return 'n/a (no --expose-gc)';
  const grown = after - before;
  return grown < 1 << 20 ? 'below noise (< 1 MiB in all)' : `${Math.round(grown / n)} B`;
}

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mib = (n: number): string =>
  n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;

export const revocationScale = figureTable({
  title: 'Revocation at scale: new devices under a CRL of N entries',
  description:
    "validatePath of leaves never seen before (path cache miss) under one issuing CA whose CRL lists N entries, revocation mode require, the root's CRL beside it. " +
    '"load" is loadCrl once (strict parse and index); "heap/entry" the heap it keeps divided by N; "first" the first validation (verifies the CRL signature once); ' +
    `"each new leaf, loaded" the median over ${ROUNDS} rounds (every row loaded first, the rows measured in turn each round) of the median over ${LEAVES} further distinct leaves; "bytes" the CRL passed as bytes instead of the handle, measured once. ` +
    'Bytes over 32 MiB are refused per call (REV-01): that row fails closed. The partitioned row splits 10^6 entries over ten partition CRLs of 10^5 (REV-41).',
  compute: async () => {
    const p = await revocationPki();
    const rootCrl = loadCrl(
      await (
        await import('../../src/x509/revocation/build-crl.js')
      ).buildCrl({
        issuer: p.names.root,
        thisUpdate: T - DAY,
        nextUpdate: T + 6 * DAY,
        crlNumber: 3,
        authorityKeyId: keyIdentifier(p.keys.root.spki),
        signer: p.keys.root.signer,
      }),
    );
    const base = { intermediates: [p.ca], trustAnchors: [p.root] };
    let serial = 0x100000;
    const facts: Record<string, number> = {};
    // Warm-up (JIT, key imports) so that the first row is not charged for it.
    const warm = loadCrl(await bigCrl(p, 10, 0));
    for (let r = 0; r < 3; r++)
      await perLeaf(await leaves(p, serial++ * 0x100), {
        ...base,
        revocation: { crls: [rootCrl, warm] },
      });
    // Load every CRL first, then measure the per-leaf cost of all rows in interleaved rounds: a
    // row measured alone right after its own load and generation (tens of MB of garbage) would be
    // charged for the collector settling and for whatever else the machine did at that moment.
    interface Row {
      readonly label: string;
      readonly cells: readonly string[];
      readonly options: Omit<ValidatePathOptions, 'time'>;
      readonly dp?: string;
      readonly n?: number;
      readonly tail: string;
    }
    const table: Row[] = [];
    const keep: unknown[] = [];
    for (const n of SIZES) {
      const der = await bigCrl(p, n, 0);
      const before = heap();
      const t0 = performance.now();
      const handle: LoadedCrl = loadCrl(der, { maxBytes: 256 * 1024 * 1024 });
      const load = performance.now() - t0;
      const after = heap();
      keep.push(handle);
      clearValidationCache();
      const options = { ...base, revocation: { crls: [rootCrl, handle] } };
      const first = await total(await leaves(p, serial++ * 0x100), options);
      let viaBytes = 'refused (over 32 MiB, REV-01)';
      if (der.length <= 32 * 1024 * 1024)
        viaBytes = `${ms(await perLeaf(await leaves(p, serial++ * 0x100), { ...base, revocation: { crls: [rootCrl, der] } }))} ms`;
      table.push({
        label: n.toLocaleString('en-US'),
        cells: [
          mib(der.length),
          `${ms(load)} ms`,
          heapPerEntry(before, after, n),
          `${ms(first)} ms`,
        ],
        options,
        n,
        tail: viaBytes,
      });
    }
    // 10^6 entries as ten partitions of 10^5 (REV-41): the leaf names partition 3.
    const uri = (k: number) => `http://crl.example/app-${k}.crl`;
    const ders: Uint8Array[] = [];
    for (let k = 0; k < 10; k++)
      ders.push(
        await bigCrl(p, 100_000, k * 100_000, {
          issuingDistributionPoint: { uris: [uri(k)], onlyContainsUserCerts: true },
        }),
      );
    const t0 = performance.now();
    const partitions = ders.map((d) => loadCrl(d));
    const load = performance.now() - t0;
    clearValidationCache();
    const partitioned = { ...base, revocation: { crls: [rootCrl, ...partitions] } };
    const first = await total(await leaves(p, serial++ * 0x100, uri(3)), partitioned);
    table.push({
      label: '1,000,000 in 10 partitions',
      cells: [
        `10 × ${mib(partitions[0]?.byteLength ?? 0)}`,
        `${ms(load)} ms (all ten)`,
        'as above',
        `${ms(first)} ms`,
      ],
      options: partitioned,
      dp: uri(3),
      tail: 'n/a (partitions are loaded)',
    });
    gc?.();
    const rounds: number[][] = table.map(() => []);
    for (let r = 0; r < ROUNDS; r++)
      for (const [i, row] of table.entries())
        rounds[i]!.push(await perLeaf(await leaves(p, serial++ * 0x100, row.dp), row.options));
    const perRow = rounds.map((xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!);
    const tenEntries = perRow[0]!;
    const rows = table.map((row, i) => {
      const loaded = perRow[i]!;
      if (row.n !== undefined) facts[`perLeafLoadedMs:${row.n}`] = loaded;
      return [
        row.label,
        ...row.cells,
        `${ms(loaded)} ms (${(loaded / tenEntries).toFixed(2)}× the 10-entry row)`,
        row.tail,
      ];
    });
    void keep;
    return {
      columns: [
        'CRL entries',
        'CRL size',
        'load (once)',
        'heap/entry',
        `first ${LEAVES} new leaves (total)`,
        'each new leaf, loaded',
        'each new leaf, bytes',
      ],
      rows,
      facts,
    };
  },
});
