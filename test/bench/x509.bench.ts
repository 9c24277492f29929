/**
 * Certificate path validation: jitsuin `validatePath` against @peculiar/x509 `X509ChainBuilder` and
 * PKI.js `CertificateChainValidationEngine`, on the same P-256 paths (end entity, issuing CA, root)
 * with the CRLs of both CAs, all through WebCrypto. Also: the verifier bundle size.
 *
 * "Cold" must mean cold. jitsuin caches more than validated paths: parsed certificates (by bytes),
 * certificate signature checks (by both certificates' bytes), imported keys (by SPKI) and parsed
 * CRLs. Turning the path cache off (`cache: false`) is therefore not enough: a cold case cycles
 * through a pool of {@link POOL_SIZE} independently generated PKIs (fresh keys, certificates and
 * CRLs), more than every one of those bounded caches holds (signature memo 2048 entries = 1024
 * paths, key LRU 512, certificate cache 512, CRL cache 64), so in a cyclic walk every lookup misses.
 * The competitors parse from DER every time too, over the same pool.
 */
// @peculiar/x509 needs a Reflect metadata polyfill (tsyringe); it must load before that package.
import 'reflect-metadata';
import { generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import * as px509 from '@peculiar/x509';
import * as pkijs from 'pkijs';
import {
  buildCertificate,
  keyIdentifier,
  name,
  validatePath,
  clearValidationCache,
  JITSUIN_OID,
  type CertificateSigner,
  type ValidatePathOptions,
} from '../../src/x509/index.js';
import { buildCrl } from '../../src/x509/revocation/index.js';
import { benchGroup, figureTable } from './harness.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Validation time of every case: 2026-04-01T00:00:00Z. */
export const BENCH_TIME = 1_775_001_600;
/** Distinct PKIs a cold case cycles through; larger than every cache of jitsuin (see the module comment). */
export const POOL_SIZE = 1200;

/** One generated PKI: the three certificates and two CRLs, DER, plus the leaf's private key. */
export interface BenchPki {
  readonly root: Uint8Array;
  readonly ca: Uint8Array;
  readonly leaf: Uint8Array;
  readonly rootCrl: Uint8Array;
  readonly caCrl: Uint8Array;
  readonly leafKey: KeyObject;
  readonly leafSpki: Uint8Array;
}

interface KeyPair {
  readonly privateKey: KeyObject;
  readonly spki: Uint8Array;
  readonly id: Uint8Array;
  readonly signer: CertificateSigner;
}

function keyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  return {
    privateKey,
    spki,
    id: keyIdentifier(spki),
    signer: {
      algorithm: 'ES256',
      signatureFormat: 'der',
      sign: (tbs) => Promise.resolve(new Uint8Array(nodeSign('sha256', tbs, privateKey))),
    },
  };
}

const NOT_BEFORE = BENCH_TIME - 86_400 * 30;
const NOT_AFTER = BENCH_TIME + 86_400 * 365;

/**
 * Generates one PKI: root and issuing CA (the shapes of the jitsuin profile), an app authentication
 * certificate, and a CRL from each CA. `ca` reuses a root, issuing CA and their CRLs (for the
 * "new leaf under a known CA" case).
 */
export async function generatePki(
  index: number,
  ca?: { readonly pki: BenchPki; readonly caKey: KeyPair },
): Promise<{ pki: BenchPki; caKey: KeyPair }> {
  const leafKey = keyPair();
  let rootDer: Uint8Array;
  let caDer: Uint8Array;
  let rootCrl: Uint8Array;
  let caCrl: Uint8Array;
  let caKey: KeyPair;
  const rootName = name([
    ['C', 'JP'],
    ['O', 'jitsuin bench'],
    ['CN', `bench root ${index}`],
  ]);
  const caName = name([
    ['C', 'JP'],
    ['O', 'jitsuin bench'],
    ['CN', `bench app CA ${index}`],
  ]);
  if (ca === undefined) {
    const rootKey = keyPair();
    caKey = keyPair();
    rootDer = await buildCertificate({
      serialNumber: '01',
      issuer: rootName,
      subject: rootName,
      notBefore: NOT_BEFORE,
      notAfter: NOT_AFTER,
      publicKey: rootKey.spki,
      signer: rootKey.signer,
      basicConstraints: { ca: true },
      keyUsage: ['keyCertSign', 'cRLSign'],
      subjectKeyId: rootKey.id,
    });
    caDer = await buildCertificate({
      serialNumber: '02',
      issuer: rootName,
      subject: caName,
      notBefore: NOT_BEFORE,
      notAfter: NOT_AFTER,
      publicKey: caKey.spki,
      signer: rootKey.signer,
      basicConstraints: { ca: true, pathLenConstraint: 0 },
      keyUsage: ['keyCertSign', 'cRLSign'],
      subjectKeyId: caKey.id,
      authorityKeyId: rootKey.id,
    });
    rootCrl = await buildCrl({
      issuer: rootName,
      thisUpdate: BENCH_TIME - 3600,
      nextUpdate: BENCH_TIME + 7 * 86_400,
      crlNumber: 1,
      authorityKeyId: rootKey.id,
      signer: rootKey.signer,
    });
    caCrl = await buildCrl({
      issuer: caName,
      thisUpdate: BENCH_TIME - 3600,
      nextUpdate: BENCH_TIME + 7 * 86_400,
      crlNumber: 1,
      authorityKeyId: caKey.id,
      signer: caKey.signer,
      // One entry so the CRL lookup has something to search, as a real CRL does.
      entries: [{ serial: '7fff', revocationDate: BENCH_TIME - 7200, reason: 'keyCompromise' }],
    });
  } else {
    ({ root: rootDer, ca: caDer, rootCrl, caCrl } = ca.pki);
    caKey = ca.caKey;
  }
  const issuerName =
    ca === undefined
      ? caName
      : name([
          ['C', 'JP'],
          ['O', 'jitsuin bench'],
          ['CN', 'bench app CA 0'],
        ]);
  const leaf = await buildCertificate({
    serialNumber: (0x1000 + index).toString(16),
    issuer: issuerName,
    subject: name([
      ['C', 'JP'],
      ['O', 'jitsuin bench'],
      ['CN', `bench app key ${index}`],
    ]),
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    publicKey: leafKey.spki,
    signer: caKey.signer,
    keyUsage: ['digitalSignature'],
    extKeyUsage: [JITSUIN_OID.ekuLogin, JITSUIN_OID.ekuConsent],
    subjectKeyId: leafKey.id,
    authorityKeyId: caKey.id,
    certificatePolicies: [JITSUIN_OID.policyAppAuthentication],
    commonCode: new Uint8Array(16).fill(index & 0xff),
    appBinding: { rpId: 'hospital.example', appId: 'TEST1234AB.jp.example.hospital' },
    keyProtection: 'secure-enclave',
  });
  return {
    pki: {
      root: rootDer,
      ca: caDer,
      leaf,
      rootCrl,
      caCrl,
      leafKey: leafKey.privateKey,
      leafSpki: leafKey.spki,
    },
    caKey,
  };
}

let poolPromise: Promise<{ fresh: BenchPki[]; knownCa: BenchPki[] }> | undefined;

/** The shared pools (generated once per process): fully independent PKIs, and new leaves under one CA. */
export function benchPools(): Promise<{ fresh: BenchPki[]; knownCa: BenchPki[] }> {
  poolPromise ??= (async () => {
    const fresh: BenchPki[] = [];
    for (let i = 0; i < POOL_SIZE; i++) fresh.push((await generatePki(i)).pki);
    const first = await generatePki(0);
    const knownCa: BenchPki[] = [];
    for (let i = 0; i < POOL_SIZE; i++) knownCa.push((await generatePki(i, first)).pki);
    return { fresh, knownCa };
  })();
  return poolPromise;
}

/** The jitsuin options of one validation: app profile, login EKU, both CRLs, fail closed. */
export function jitsuinOptions(p: BenchPki, cache: boolean): ValidatePathOptions {
  return {
    intermediates: [p.ca],
    trustAnchors: [p.root],
    time: BENCH_TIME,
    profile: 'app-authentication',
    requiredEku: JITSUIN_OID.ekuLogin,
    revocation: { crls: [p.rootCrl, p.caCrl], mode: 'require' },
    cache,
  };
}

const ab = (u: Uint8Array): ArrayBuffer => u.slice().buffer as ArrayBuffer;
/** A fresh copy with an ArrayBuffer backing, as PKI.js's types want. */
const buf = (u: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(u);

async function peculiarChain(p: BenchPki): Promise<number> {
  const leaf = new px509.X509Certificate(ab(p.leaf));
  const builder = new px509.X509ChainBuilder({
    certificates: [new px509.X509Certificate(ab(p.ca)), new px509.X509Certificate(ab(p.root))],
  });
  const chain = await builder.build(leaf);
  if (chain.length !== 3) throw new Error(`@peculiar/x509 built a chain of ${chain.length}`);
  return chain.length;
}

async function pkijsChain(p: BenchPki): Promise<boolean> {
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: [pkijs.Certificate.fromBER(buf(p.root))],
    certs: [pkijs.Certificate.fromBER(buf(p.ca)), pkijs.Certificate.fromBER(buf(p.leaf))],
    crls: [
      pkijs.CertificateRevocationList.fromBER(buf(p.rootCrl)),
      pkijs.CertificateRevocationList.fromBER(buf(p.caCrl)),
    ],
    checkDate: new Date(BENCH_TIME * 1000),
  });
  const r = await engine.verify();
  if (!r.result) throw new Error(`PKI.js rejected the path: ${r.resultMessage}`);
  return r.result;
}

let pools: { fresh: BenchPki[]; knownCa: BenchPki[] } | undefined;

function cycle(list: readonly BenchPki[]): () => BenchPki {
  let i = 0;
  return () => list[i++ % list.length] as BenchPki;
}

export const pathValidation = benchGroup({
  title: 'Certificate path validation, cold (P-256, end entity + issuing CA + root, 2 CRLs)',
  description:
    `One validation from DER of a path never seen before (${POOL_SIZE} independent PKIs in rotation, larger than every jitsuin cache). ` +
    'jitsuin: chain building, RFC 5280 checks (validity, basic constraints, key usage, EKU, policies, name constraints, critical extensions), the app-authentication profile, both CRLs (signature, scope, freshness) fail closed. ' +
    'PKI.js: its chain engine with the same CRLs. @peculiar/x509: X509ChainBuilder, which links issuers by name/key id and checks their signatures, nothing else (no validity, constraints, usage or revocation). ' +
    'The "new leaf under a known CA" row is the realistic first login of a new device: the CA certificate, its signature and the CRLs were seen before.',
  reference: 'PKI.js CertificateChainValidationEngine',
  async setup() {
    pools = await benchPools();
    px509.cryptoProvider.set(globalThis.crypto);
    // Every implementation must accept the fixtures before anything is timed.
    const p = pools.fresh[0] as BenchPki;
    await validatePath(p.leaf, jitsuinOptions(p, false));
    await peculiarChain(p);
    await pkijsChain(p);
  },
  cases: () => {
    const f = pools!;
    const jFresh = cycle(f.fresh);
    const jKnown = cycle(f.knownCa);
    const peculiarNext = cycle(f.fresh);
    const pkijsNext = cycle(f.fresh);
    return {
      'PKI.js CertificateChainValidationEngine': () => pkijsChain(pkijsNext()),
      '@peculiar/x509 X509ChainBuilder': () => peculiarChain(peculiarNext()),
      'jitsuin validatePath, cold': () => {
        const p = jFresh();
        return validatePath(p.leaf, jitsuinOptions(p, false));
      },
      'jitsuin validatePath, new leaf under a known CA': () => {
        const p = jKnown();
        return validatePath(p.leaf, jitsuinOptions(p, false));
      },
    };
  },
});

let warmPki: BenchPki | undefined;

export const pathValidationWarm = benchGroup({
  title: 'Certificate path validation, warm vs cold (jitsuin)',
  description:
    'Warm: validatePath of a path already validated (the same DER inputs, path cache on): the cache key is built from the exact bytes of every input (SHA-256 over them above 12 KiB), then a lookup. ' +
    'Cold: as in the table above (a never-seen PKI each time). The same options otherwise.',
  reference: 'jitsuin validatePath, cold',
  async setup() {
    pools = await benchPools();
    warmPki = pools.fresh[0];
    clearValidationCache();
    await validatePath(warmPki!.leaf, jitsuinOptions(warmPki!, true));
  },
  cases: () => {
    const p = warmPki!;
    const options = jitsuinOptions(p, true);
    const next = cycle(pools!.fresh);
    return {
      'jitsuin validatePath, cold': () => {
        const q = next();
        return validatePath(q.leaf, jitsuinOptions(q, false));
      },
      'jitsuin validatePath, warm (cached path)': () => validatePath(p.leaf, options),
    };
  },
});

// --- Bundle size -------------------------------------------------------------------------------

async function bundleSize(contents: string): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

/** Sizes of a code-split build: what loads with the entry (it and its static imports) and what loads on demand. */
export interface SplitSizes {
  readonly initial: { minified: number; gzipped: number; files: number };
  readonly lazy: { minified: number; gzipped: number; files: number };
}

/**
 * Builds `contents` with code splitting, as application bundlers (Vite, Rollup, webpack) do for
 * dynamic imports, and splits the output into the chunks the entry loads statically and those
 * only a dynamic import loads. Each file is gzipped on its own (they are fetched as files).
 */
export async function splitBundleSizes(contents: string): Promise<SplitSizes> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'verifier-entry.ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
    splitting: true,
    outdir: join(root, 'out-bench-split'),
    metafile: true,
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((k) => outputs[k]?.entryPoint === 'verifier-entry.ts');
  if (entry === undefined) throw new Error('esbuild produced no output for the entry');
  const initial = new Set<string>();
  const walk = (name: string): void => {
    if (initial.has(name)) return;
    initial.add(name);
    for (const i of outputs[name]?.imports ?? []) if (i.kind === 'import-statement') walk(i.path);
  };
  walk(entry);
  const sizes = {
    initial: { minified: 0, gzipped: 0, files: 0 },
    lazy: { minified: 0, gzipped: 0, files: 0 },
  };
  for (const file of result.outputFiles) {
    const name = relative(process.cwd(), file.path);
    const part = initial.has(name) ? sizes.initial : sizes.lazy;
    part.minified += file.contents.length;
    part.gzipped += gzipSync(file.contents, { level: 9 }).length;
    part.files++;
  }
  if (sizes.initial.files !== initial.size)
    throw new Error('split build: output files and metafile disagree');
  return sizes;
}

const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;

/** The verifier of the bundle goal: what an RP imports to verify tokens and paths. */
export const VERIFIER_ENTRY = `export { validatePath } from ${JSON.stringify(join(root, 'src/x509/index.ts'))}; export { verifyJws } from ${JSON.stringify(join(root, 'src/jws/index.ts'))};`;

export const verifierBundle = figureTable({
  title: 'Verifier bundle size (path validation + JWS verify)',
  description:
    'What a relying party ships to verify: esbuild, ESM, minified, browser platform, every dependency inlined, tree-shaken to the named imports, then gzip level 9. ' +
    'jitsuin: validatePath + verifyJws (with revocation and ASN.1). Built with code splitting (as application bundlers treat dynamic imports), the default (WebCrypto) backend loads the entry chunks; the noble backend\'s chunk (@noble/curves, loaded by the first verification through it) is a separate row, each file gzipped on its own. Built as one file (dynamic imports inlined) it is the "one file" row. ' +
    'PKI.js: the chain engine with Certificate and CertificateRevocationList (no JWS). PKI.js (everything) and @peculiar/x509 (everything) for scale.',
  async compute() {
    const split = await splitBundleSizes(VERIFIER_ENTRY);
    const rows: string[][] = [
      [
        `jitsuin validatePath + verifyJws, loaded with the entry (${split.initial.files} files)`,
        kib(split.initial.minified),
        kib(split.initial.gzipped),
      ],
      [
        `jitsuin noble backend chunk, loaded on first use (${split.lazy.files} file${split.lazy.files === 1 ? '' : 's'})`,
        kib(split.lazy.minified),
        kib(split.lazy.gzipped),
      ],
    ];
    const entries: [string, string][] = [
      ['jitsuin validatePath + verifyJws, one file (noble inlined)', VERIFIER_ENTRY],
      [
        'PKI.js CertificateChainValidationEngine + Certificate + CRL',
        "export { CertificateChainValidationEngine, Certificate, CertificateRevocationList } from 'pkijs';",
      ],
      ['PKI.js (everything)', "export * from 'pkijs';"],
      ['@peculiar/x509 (everything)', "export * from '@peculiar/x509';"],
    ];
    for (const [label, contents] of entries) {
      const { minified, gzipped } = await bundleSize(contents);
      rows.push([label, kib(minified), kib(gzipped)]);
    }
    return {
      columns: ['bundle', 'minified', 'minified + gzip'],
      rows,
      facts: { verifierInitialGzip: split.initial.gzipped, verifierLazyGzip: split.lazy.gzipped },
    };
  },
});
