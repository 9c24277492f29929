/**
 * The `evidence-log` vector suite (`spec/evidence-log.md`): tree roots of sizes 0…70 and 2^k ± 1,
 * inclusion and consistency proofs (generation and verification), leaf commitments, vkeys, signed
 * notes, checkpoints, cosignatures, policies, tlog-proof receipts, client updates and misbehaviour
 * evidence, each negative case breaking exactly one rule. Deterministic: keys from HKDF-SHA-256 over
 * fixed labels, Ed25519 and RFC 6979 ECDSA signatures, fixed cosignature timestamps.
 *
 * Leaf rule of every tree here: leaf `i` has data UTF-8 `leaf <i>` (decimal); proofs and roots are
 * hex. Notes, policies and receipts are strings.
 * The judge of its cases is `src/conformance/suites/evidence-log.ts`.
 * @module
 */
import type { ErrorCode } from '../../src/errors.js';
import { hexDecode, hexEncode } from '../../src/encoding/hex.js';
import { utf8Encode } from '../../src/encoding/utf8.js';
import { hkdfSha256, sha256 } from '../../src/crypto/hash.js';
import { derivePrivateKey } from '../../src/crypto/ecdsa.js';
import { leafHash } from '../../src/ledger/hash.js';
import { consistencyProof, inclusionProof, rootFromLeafHashes } from '../../src/ledger/tree.js';
import { commitEntry } from '../../src/ledger/commitment.js';
import {
  cosignatureSigner,
  ecdsaNoteSigner,
  ed25519NoteSigner,
  type NoteSigner,
} from '../../src/ledger/keys.js';
import { signNote, signatureLine } from '../../src/ledger/note.js';
import { serializeCheckpoint } from '../../src/ledger/checkpoint.js';
import { serializeReceipt } from '../../src/ledger/receipt.js';
import { type MisbehaviourEvidence } from '../../src/ledger/misbehaviour.js';
import { base64Encode } from '../../src/internal/base64.js';
import { SPEC_VERSION } from '../../src/conformance/version.js';
import type { VectorFile, VectorGroup, VectorNote } from '../../src/conformance/types.js';
import { numberTests, unnumbered, type UnnumberedTest } from './numbering.js';
import type { VectorGenerator } from './types.js';

const SEED = sha256(utf8Encode('jitsuin/vectors/evidence-log/v1'));
const seed32 = (label: string): Uint8Array =>
  hkdfSha256(SEED, utf8Encode('jitsuin/vectors/evidence-log'), utf8Encode(label), 32);

const LOG_ORIGIN = 'log.example.jp/evidence';
const ECDSA_ORIGIN = 'log-p256.example.jp/evidence';
/** Fixed cosignature time: 2026-06-01T00:00:00Z. */
const COSIGN_TIME = 1_780_272_000;

const keys = {
  log: ed25519NoteSigner(LOG_ORIGIN, seed32('log-ed25519')),
  logP256: ecdsaNoteSigner(ECDSA_ORIGIN, derivePrivateKey(SEED, 'log-p256')),
  other: ed25519NoteSigner(LOG_ORIGIN, seed32('impostor-ed25519')),
  w1: cosignatureSigner('witness1.example.jp', seed32('witness-1')),
  w2: cosignatureSigner('witness2.example.jp', seed32('witness-2')),
  w3: cosignatureSigner('witness3.example.jp', seed32('witness-3')),
};

const leafData = (i: number): Uint8Array => utf8Encode(`leaf ${i}`);
const LEAVES: Uint8Array[] = Array.from({ length: 1025 }, (_, i) => leafHash(leafData(i)));
const hx = (b: Uint8Array): string => hexEncode(b);
const root = (n: number): string => hx(rootFromLeafHashes(LEAVES.slice(0, n)));
const flip = (h: string, bit = 0): string =>
  hx(hexDecode(h).map((b, i) => (i === Math.floor(bit / 8) ? b ^ (1 << (bit % 8)) : b)));

const NOTES: Readonly<Record<string, VectorNote>> = {
  Valid: { bugType: 'BASIC', description: 'Follows every rule of spec/evidence-log.md.' },
  Boundary: {
    bugType: 'EDGE_CASE',
    description: 'A size or count exactly at a limit or power of two.',
  },
  WrongLeaf: {
    bugType: 'AUTH_BYPASS',
    description: 'The proof is for another leaf, index or entry.',
  },
  ProofShape: {
    bugType: 'MODIFIED_PARAMETER',
    description: 'A proof hash is added, removed or altered, or the sizes are impossible.',
  },
  HashLength: { bugType: 'MODIFIED_PARAMETER', description: 'A hash is not 32 bytes.' },
  Commitment: {
    bugType: 'CONFIDENTIALITY',
    description: 'The commitment does not open, or its salt is malformed.',
  },
  NoteSyntax: {
    bugType: 'MODIFIED_PARAMETER',
    description:
      'The signed note, vkey, checkpoint, policy or receipt breaks the C2SP syntax or a limit of this profile.',
  },
  NonCanonical: {
    bugType: 'MALLEABILITY',
    description: 'Base64 or decimal that is not in its one canonical form.',
  },
  UnknownKey: {
    bugType: 'AUTH_BYPASS',
    description:
      'Signatures from keys the verifier does not know, or a failing signature from a known key.',
  },
  Tampered: { bugType: 'AUTH_BYPASS', description: 'A signed line was changed after signing.' },
  Quorum: { bugType: 'AUTH_BYPASS', description: 'The witness quorum of the policy is not met.' },
  Rollback: { bugType: 'AUTH_BYPASS', description: 'The client is offered an older tree.' },
  Equivocation: {
    bugType: 'AUTH_BYPASS',
    description:
      'The log signed two trees that cannot both be true; reported as misbehaviour evidence.',
  },
};

type T = UnnumberedTest;
const ok = (
  comment: string,
  requirements: string[],
  input: Record<string, unknown>,
  output?: unknown,
  flags: string[] = ['Valid'],
): T =>
  output === undefined
    ? { comment, flags, requirements, input, result: 'valid' }
    : { comment, flags, requirements, input, result: 'valid', output };
const no = (
  comment: string,
  flags: string[],
  requirements: string[],
  input: Record<string, unknown>,
  error: ErrorCode,
): T => ({ comment, flags, requirements, input, result: 'invalid', error });

const group = (type: string, shared: Record<string, unknown>, tests: T[]): VectorGroup => ({
  type,
  ...shared,
  tests: tests.map(unnumbered),
});

const SIZES = [
  ...Array.from({ length: 71 }, (_, i) => i),
  127,
  129,
  255,
  257,
  511,
  513,
  1023,
  1025,
];

function treeCases(): T[] {
  return SIZES.map((n) =>
    ok(
      `root of ${n} leaves`,
      ['LOG-01'],
      { size: n },
      { rootHex: root(n) },
      n > 70 || (n & (n - 1)) === 0 ? ['Valid', 'Boundary'] : ['Valid'],
    ),
  );
}

const INCLUSION_PAIRS: [number, number][] = [
  [0, 1],
  [0, 2],
  [1, 2],
  [2, 3],
  [0, 7],
  [6, 7],
  [3, 8],
  [7, 8],
  [12, 17],
  [16, 17],
  [0, 64],
  [63, 64],
  [42, 65],
  [64, 65],
  [69, 70],
  [0, 127],
  [100, 129],
  [128, 129],
  [255, 257],
  [256, 257],
  [511, 1023],
  [1024, 1025],
];
const CONSISTENCY_PAIRS: [number, number][] = [
  [1, 1],
  [1, 2],
  [1, 8],
  [2, 5],
  [3, 7],
  [4, 8],
  [5, 8],
  [6, 8],
  [7, 8],
  [3, 70],
  [16, 17],
  [17, 64],
  [63, 65],
  [64, 127],
  [127, 129],
  [128, 257],
  [256, 1025],
  [1023, 1025],
];

function inclusionGenCases(): T[] {
  return INCLUSION_PAIRS.map(([i, n]) =>
    ok(
      `inclusion proof of leaf ${i} in ${n}`,
      ['LOG-01'],
      { index: i, size: n },
      { proofHex: inclusionProof(i, n, LEAVES).map(hx) },
    ),
  );
}

function consistencyGenCases(): T[] {
  return CONSISTENCY_PAIRS.map(([m, n]) =>
    ok(
      `consistency proof ${m} -> ${n}`,
      ['LOG-01'],
      { size1: m, size2: n },
      { proofHex: consistencyProof(m, n, LEAVES).map(hx) },
    ),
  );
}

function inclusionVerifyCases(): T[] {
  const out: T[] = [];
  for (const [i, n] of INCLUSION_PAIRS) {
    out.push(
      ok(`leaf ${i} of ${n}`, ['LOG-04'], {
        index: i,
        size: n,
        leafHashHex: hx(LEAVES[i]!),
        proofHex: inclusionProof(i, n, LEAVES).map(hx),
        rootHex: root(n),
      }),
    );
  }
  const base = {
    index: 12,
    size: 17,
    leafHashHex: hx(LEAVES[12]!),
    proofHex: inclusionProof(12, 17, LEAVES).map(hx),
    rootHex: root(17),
  };
  const P = ['ProofShape'];
  out.push(
    no(
      'wrong leaf',
      ['WrongLeaf'],
      ['LOG-04'],
      { ...base, leafHashHex: hx(LEAVES[13]!) },
      'ERR_LOG_PROOF',
    ),
  );
  out.push(
    no(
      'proof of leaf 12 presented for index 13',
      ['WrongLeaf'],
      ['LOG-04'],
      { ...base, index: 13 },
      'ERR_LOG_PROOF',
    ),
  );
  out.push(
    no(
      'index equal to the size',
      ['WrongLeaf'],
      ['LOG-03'],
      { ...base, index: 17 },
      'ERR_LOG_PROOF',
    ),
  );
  out.push(
    no('index above the size', ['WrongLeaf'], ['LOG-03'], { ...base, index: 40 }, 'ERR_LOG_PROOF'),
  );
  out.push(
    no(
      'extra proof hash at the end',
      P,
      ['LOG-04'],
      { ...base, proofHex: [...base.proofHex, root(3)] },
      'ERR_LOG_PROOF',
    ),
  );
  out.push(
    no(
      'extra proof hash at the start',
      P,
      ['LOG-04'],
      { ...base, proofHex: [root(3), ...base.proofHex] },
      'ERR_LOG_PROOF',
    ),
  );
  out.push(
    no(
      'missing last proof hash',
      P,
      ['LOG-04'],
      { ...base, proofHex: base.proofHex.slice(0, -1) },
      'ERR_LOG_PROOF',
    ),
  );
  out.push(no('empty proof', P, ['LOG-04'], { ...base, proofHex: [] }, 'ERR_LOG_PROOF'));
  out.push(
    no(
      'one bit of a proof hash flipped',
      P,
      ['LOG-04'],
      { ...base, proofHex: base.proofHex.map((h, k) => (k === 1 ? flip(h, 77) : h)) },
      'ERR_LOG_PROOF',
    ),
  );
  out.push(no('wrong root', P, ['LOG-04'], { ...base, rootHex: root(16) }, 'ERR_LOG_PROOF'));
  out.push(
    no(
      'proof for a tree of 16 presented as 17',
      P,
      ['LOG-04'],
      { ...base, proofHex: inclusionProof(12, 16, LEAVES).map(hx) },
      'ERR_LOG_PROOF',
    ),
  );
  out.push(
    no(
      '31-byte proof hash',
      ['HashLength'],
      ['LOG-02'],
      { ...base, proofHex: base.proofHex.map((h, k) => (k === 0 ? h.slice(0, 62) : h)) },
      'ERR_LOG_PROOF',
    ),
  );
  out.push(
    no(
      '33-byte root',
      ['HashLength'],
      ['LOG-02'],
      { ...base, rootHex: `${base.rootHex}00` },
      'ERR_LOG_PROOF',
    ),
  );
  out.push(
    no(
      'leaf hash of the empty string (0 bytes) for a one-leaf tree',
      ['HashLength'],
      ['LOG-02'],
      { index: 0, size: 1, leafHashHex: '', proofHex: [], rootHex: root(1) },
      'ERR_LOG_PROOF',
    ),
  );
  return out;
}

function consistencyVerifyCases(): T[] {
  const out: T[] = [];
  for (const [m, n] of CONSISTENCY_PAIRS) {
    out.push(
      ok(
        `${m} -> ${n}`,
        ['LOG-06'],
        {
          size1: m,
          size2: n,
          root1Hex: root(m),
          root2Hex: root(n),
          proofHex: consistencyProof(m, n, LEAVES).map(hx),
        },
        undefined,
        m === n ? ['Valid', 'Boundary'] : ['Valid'],
      ),
    );
  }
  const base = {
    size1: 6,
    size2: 13,
    root1Hex: root(6),
    root2Hex: root(13),
    proofHex: consistencyProof(6, 13, LEAVES).map(hx),
  };
  const P = ['ProofShape'];
  out.push(
    ok(
      '0 -> 0 with equal roots and no proof',
      ['LOG-05'],
      { size1: 0, size2: 0, root1Hex: root(0), root2Hex: root(0), proofHex: [] },
      undefined,
      ['Valid', 'Boundary'],
    ),
  );
  out.push(no('size1 above size2', P, ['LOG-05'], { ...base, size1: 14 }, 'ERR_LOG_PROOF'));
  out.push(
    no(
      'equal sizes with a non-empty proof',
      P,
      ['LOG-05'],
      { size1: 6, size2: 6, root1Hex: root(6), root2Hex: root(6), proofHex: [root(1)] },
      'ERR_LOG_PROOF',
    ),
  );
  out.push(
    no(
      'equal sizes, different roots',
      P,
      ['LOG-05'],
      { size1: 6, size2: 6, root1Hex: root(6), root2Hex: flip(root(6)), proofHex: [] },
      'ERR_LOG_PROOF',
    ),
  );
  out.push(
    no(
      'from the empty tree',
      P,
      ['LOG-05'],
      { size1: 0, size2: 13, root1Hex: root(0), root2Hex: root(13), proofHex: [] },
      'ERR_LOG_PROOF',
    ),
  );
  out.push(
    no('different sizes, empty proof', P, ['LOG-06'], { ...base, proofHex: [] }, 'ERR_LOG_PROOF'),
  );
  out.push(
    no(
      'extra proof hash',
      P,
      ['LOG-06'],
      { ...base, proofHex: [...base.proofHex, root(2)] },
      'ERR_LOG_PROOF',
    ),
  );
  out.push(
    no(
      'missing proof hash',
      P,
      ['LOG-06'],
      { ...base, proofHex: base.proofHex.slice(0, -1) },
      'ERR_LOG_PROOF',
    ),
  );
  out.push(
    no(
      'one bit of a proof hash flipped',
      P,
      ['LOG-06'],
      { ...base, proofHex: base.proofHex.map((h, k) => (k === 0 ? flip(h, 5) : h)) },
      'ERR_LOG_PROOF',
    ),
  );
  out.push(no('wrong first root', P, ['LOG-06'], { ...base, root1Hex: root(5) }, 'ERR_LOG_PROOF'));
  out.push(
    no('wrong second root', P, ['LOG-06'], { ...base, root2Hex: root(14) }, 'ERR_LOG_PROOF'),
  );
  out.push(
    no(
      'roots swapped',
      P,
      ['LOG-06'],
      { ...base, root1Hex: base.root2Hex, root2Hex: base.root1Hex },
      'ERR_LOG_PROOF',
    ),
  );
  out.push(
    no(
      '12-byte roots of equal sizes',
      ['HashLength'],
      ['LOG-02'],
      {
        size1: 1,
        size2: 1,
        root1Hex: '646f6e277420636172652032',
        root2Hex: '646f6e277420636172652032',
        proofHex: [],
      },
      'ERR_LOG_PROOF',
    ),
  );
  return out;
}

const SALT = seed32('salt-1');
function commitmentCases(): T[] {
  const entry = utf8Encode('{"event":"opaque entry bytes"}');
  const c = commitEntry(entry, SALT);
  const base = { entryHex: hx(entry), saltHex: hx(SALT) };
  return [
    ok('commitment and leaf hash of an entry', ['LOG-07', 'LOG-08'], base, {
      commitmentHex: hx(c.commitment),
      leafHashHex: hx(leafHash(c.commitment)),
    }),
    ok(
      'empty entry',
      ['LOG-07'],
      { entryHex: '', saltHex: hx(SALT) },
      {
        commitmentHex: hx(commitEntry(new Uint8Array(0), SALT).commitment),
        leafHashHex: hx(leafHash(commitEntry(new Uint8Array(0), SALT).commitment)),
      },
      ['Valid', 'Boundary'],
    ),
    ok(
      'opens with the stored commitment',
      ['LOG-09'],
      { ...base, commitmentHex: hx(c.commitment) },
      { commitmentHex: hx(c.commitment), leafHashHex: hx(leafHash(c.commitment)) },
    ),
    no(
      'other entry, same salt',
      ['Commitment'],
      ['LOG-09'],
      {
        ...base,
        entryHex: hx(utf8Encode('{"event":"opaque entry byteS"}')),
        commitmentHex: hx(c.commitment),
      },
      'ERR_LOG_COMMITMENT',
    ),
    no(
      'other salt',
      ['Commitment'],
      ['LOG-09'],
      { ...base, saltHex: hx(seed32('salt-2')), commitmentHex: hx(c.commitment) },
      'ERR_LOG_COMMITMENT',
    ),
    no(
      '31-byte salt',
      ['Commitment'],
      ['LOG-08'],
      { ...base, saltHex: hx(SALT.subarray(0, 31)) },
      'ERR_LOG_COMMITMENT',
    ),
    no(
      '33-byte salt',
      ['Commitment'],
      ['LOG-09'],
      { ...base, saltHex: `${hx(SALT)}00`, commitmentHex: hx(c.commitment) },
      'ERR_LOG_COMMITMENT',
    ),
  ];
}

function vkeyCases(): T[] {
  const v = (s: NoteSigner): Record<string, unknown> => ({
    name: s.verifier.name,
    keyId: s.verifier.keyId.toString(16).padStart(8, '0'),
    type: s.verifier.type,
  });
  const ed = keys.log.verifier.vkey;
  const ec = keys.logP256.verifier.vkey;
  const [name, id, key] = [
    ed.slice(0, ed.indexOf('+')),
    ed.split('+')[1]!,
    ed.slice(ed.indexOf('+', ed.indexOf('+') + 1) + 1),
  ];
  const ecKey = ec.slice(ec.indexOf('+', ec.indexOf('+') + 1) + 1);
  const S = ['NoteSyntax'];
  return [
    ok('Ed25519 log key', ['LOG-15'], { vkey: ed }, v(keys.log)),
    ok(
      'ECDSA P-256 log key: key ID = SHA-256(SPKI)[:4]',
      ['LOG-16'],
      { vkey: ec },
      v(keys.logP256),
    ),
    ok('cosignature/v1 witness key', ['LOG-15'], { vkey: keys.w1.verifier.vkey }, v(keys.w1)),
    no(
      'key ID of another key',
      ['UnknownKey'],
      ['LOG-15'],
      { vkey: `${name}+${keys.other.verifier.vkey.split('+')[1]}+${key}` },
      'ERR_LOG_KEY',
    ),
    no(
      'upper-case hex key ID',
      S,
      ['LOG-15'],
      { vkey: `${name}+${id.toUpperCase()}+${key}` },
      'ERR_LOG_KEY',
    ),
    no(
      'ECDSA key with the Ed25519-style key ID SHA-256(name, 0x0A, 0x02, key)',
      ['UnknownKey'],
      ['LOG-16'],
      {
        vkey: `${ECDSA_ORIGIN}+${hx(sha256(new Uint8Array([...utf8Encode(ECDSA_ORIGIN), 0x0a, ...hexDecode('02'), ...keys.logP256.verifier.publicKey])).subarray(0, 4))}+${ecKey}`,
      },
      'ERR_LOG_KEY',
    ),
    no(
      'type 0x05 (RFC 6962 STH) is outside the profile',
      S,
      ['LOG-15'],
      {
        vkey: `${name}+${id}+${base64Encode(new Uint8Array([5, ...keys.log.verifier.publicKey]))}`,
      },
      'ERR_LOG_KEY',
    ),
    no(
      'Ed25519 key of 31 bytes',
      S,
      ['LOG-15'],
      {
        vkey: `${name}+${id}+${base64Encode(new Uint8Array([1, ...keys.log.verifier.publicKey.subarray(0, 31)]))}`,
      },
      'ERR_LOG_KEY',
    ),
    no(
      'base64 with non-zero padding bits',
      ['NonCanonical'],
      ['LOG-15'],
      {
        vkey: `${name}+${id}+${key.slice(0, -2)}${String.fromCharCode(key.charCodeAt(key.length - 2) + 1)}=`,
      },
      'ERR_LOG_KEY',
    ),
    no('two parts only', S, ['LOG-15'], { vkey: `${name}+${id}` }, 'ERR_LOG_KEY'),
    no('name with a space', S, ['LOG-15'], { vkey: `log example+${id}+${key}` }, 'ERR_LOG_KEY'),
  ];
}

const TEXT = `${LOG_ORIGIN}\n5\n${base64Encode(rootFromLeafHashes(LEAVES.slice(0, 5)))}\n`;

function noteCases(): T[] {
  const logV = keys.log.verifier.vkey;
  const signed = signNote(TEXT, [keys.log]);
  const line = (s: NoteSigner, text = TEXT): string =>
    signatureLine(s.verifier, s.sign(utf8Encode(text), COSIGN_TIME));
  const S = ['NoteSyntax'];
  const withLines = (lines: string[]): string => `${TEXT}\n${lines.join('\n')}\n`;
  const good = line(keys.log);
  const sigB64 = good.slice(good.lastIndexOf(' ') + 1);
  const lastChar = sigB64.charCodeAt(sigB64.length - 2);
  return [
    ok(
      'one signature by the known key',
      ['LOG-14'],
      { note: signed, verifierKeys: [logV] },
      { text: TEXT, verified: [LOG_ORIGIN], unverified: 0 },
    ),
    ok(
      'known and unknown (other key, same name) signatures: the unknown one is ignored',
      ['LOG-12'],
      { note: withLines([line(keys.other), good]), verifierKeys: [logV] },
      { text: TEXT, verified: [LOG_ORIGIN], unverified: 1 },
    ),
    ok(
      '16 signature lines (the limit)',
      ['LOG-11'],
      {
        note: withLines([
          good,
          ...Array.from({ length: 15 }, (_, k) =>
            line(cosignatureSigner(`w${k}.example`, seed32(`extra-${k}`))),
          ),
        ]),
        verifierKeys: [logV],
      },
      { text: TEXT, verified: [LOG_ORIGIN], unverified: 15 },
      ['Valid', 'Boundary'],
    ),
    ok(
      'identical signature lines count once',
      ['LOG-12'],
      { note: withLines([good, good]), verifierKeys: [logV] },
      { text: TEXT, verified: [LOG_ORIGIN], unverified: 0 },
    ),
    ok(
      'ECDSA P-256 signature',
      ['LOG-16'],
      { note: signNote(TEXT, [keys.logP256]), verifierKeys: [keys.logP256.verifier.vkey] },
      { text: TEXT, verified: [ECDSA_ORIGIN], unverified: 0 },
    ),
    ok(
      'log signature and a cosignature/v1 from a known witness',
      ['LOG-19'],
      { note: withLines([good, line(keys.w1)]), verifierKeys: [logV, keys.w1.verifier.vkey] },
      { text: TEXT, verified: [LOG_ORIGIN, keys.w1.verifier.name], unverified: 0 },
    ),
    no(
      'no signature from a known key',
      ['UnknownKey'],
      ['LOG-14'],
      { note: withLines([line(keys.other)]), verifierKeys: [logV] },
      'ERR_LOG_NOTE_SIGNATURE',
    ),
    no(
      '17 signature lines',
      S,
      ['LOG-11'],
      {
        note: withLines([
          good,
          ...Array.from({ length: 16 }, (_, k) =>
            line(cosignatureSigner(`w${k}.example`, seed32(`extra-${k}`))),
          ),
        ]),
        verifierKeys: [logV],
      },
      'ERR_LOG_NOTE_MALFORMED',
    ),
    no(
      "a known key's signature fails (beside a valid one of another known key)",
      ['UnknownKey'],
      ['LOG-13'],
      {
        note: withLines([good, line(keys.w1, `${TEXT}x\n`)]),
        verifierKeys: [logV, keys.w1.verifier.vkey],
      },
      'ERR_LOG_NOTE_SIGNATURE',
    ),
    no(
      'tampered text: size line changed after signing',
      ['Tampered'],
      ['LOG-13'],
      { note: signed.replace('\n5\n', '\n6\n'), verifierKeys: [logV] },
      'ERR_LOG_NOTE_SIGNATURE',
    ),
    no(
      'signature in non-canonical base64 (non-zero padding bits)',
      ['NonCanonical'],
      ['LOG-10'],
      {
        note: withLines([good.slice(0, -2) + String.fromCharCode(lastChar + 1) + '=']),
        verifierKeys: [logV],
      },
      'ERR_LOG_NOTE_MALFORMED',
    ),
    no(
      'no blank line before the signatures',
      S,
      ['LOG-10'],
      { note: `${TEXT}${good}\n`, verifierKeys: [logV] },
      'ERR_LOG_NOTE_MALFORMED',
    ),
    no(
      'last signature line without newline',
      S,
      ['LOG-10'],
      { note: signed.slice(0, -1), verifierKeys: [logV] },
      'ERR_LOG_NOTE_MALFORMED',
    ),
    no(
      'tab in the text',
      S,
      ['LOG-10'],
      {
        note: signNote(
          `${LOG_ORIGIN}\t\n5\n${base64Encode(rootFromLeafHashes(LEAVES.slice(0, 5)))}\n`.replace(
            '\t',
            '',
          ),
          [keys.log],
        ).replace(`${LOG_ORIGIN}\n`, `${LOG_ORIGIN}\t\n`),
        verifierKeys: [logV],
      },
      'ERR_LOG_NOTE_MALFORMED',
    ),
    no(
      'a line after the signatures that is not a signature line',
      S,
      ['LOG-10'],
      { note: `${signed}trailing\n`, verifierKeys: [logV] },
      'ERR_LOG_NOTE_MALFORMED',
    ),
    no(
      'signature of 4 bytes (key ID only)',
      S,
      ['LOG-10'],
      {
        note: withLines([
          `\u2014 ${LOG_ORIGIN} ${base64Encode(hexDecode(keys.log.verifier.keyId.toString(16).padStart(8, '0')))}`,
        ]),
        verifierKeys: [logV],
      },
      'ERR_LOG_NOTE_MALFORMED',
    ),
    no(
      'cosignature of a known witness with 68 bytes (no timestamp)',
      S,
      ['LOG-19'],
      {
        note: withLines([good, signatureLine(keys.w1.verifier, keys.log.sign(utf8Encode(TEXT)))]),
        verifierKeys: [logV, keys.w1.verifier.vkey],
      },
      'ERR_LOG_COSIGNATURE',
    ),
  ];
}

function checkpointText(origin: string, size: number, ext: string[] = []): string {
  return serializeCheckpoint({
    origin,
    size,
    rootHash: rootFromLeafHashes(LEAVES.slice(0, size)),
    extensions: ext,
  });
}

function checkpointCases(): T[] {
  const logV = keys.log.verifier.vkey;
  const S = ['NoteSyntax'];
  const cp = (text: string, signer: NoteSigner = keys.log): string => signNote(text, [signer]);
  const out = (size: number, ext: string[] = [], origin = LOG_ORIGIN): unknown => ({
    origin,
    size,
    rootHex: root(size),
    extensions: ext,
  });
  const bad = (text: string): string => signNote(text, [keys.log]);
  const r5 = base64Encode(rootFromLeafHashes(LEAVES.slice(0, 5)));
  return [
    ok(
      'checkpoint of 5 leaves',
      ['LOG-17', 'LOG-18'],
      { checkpoint: cp(checkpointText(LOG_ORIGIN, 5)), logKey: logV },
      out(5),
    ),
    ok(
      'empty tree',
      ['LOG-17'],
      { checkpoint: cp(checkpointText(LOG_ORIGIN, 0)), logKey: logV },
      out(0),
      ['Valid', 'Boundary'],
    ),
    ok(
      'with two extension lines',
      ['LOG-17'],
      {
        checkpoint: cp(checkpointText(LOG_ORIGIN, 70, ['Timestamp: 1780272000', 'x'])),
        logKey: logV,
      },
      out(70, ['Timestamp: 1780272000', 'x']),
    ),
    ok(
      'ECDSA P-256 log',
      ['LOG-16', 'LOG-18'],
      {
        checkpoint: cp(checkpointText(ECDSA_ORIGIN, 64), keys.logP256),
        logKey: keys.logP256.verifier.vkey,
      },
      out(64, [], ECDSA_ORIGIN),
    ),
    no(
      'origin is not the log key name',
      ['WrongLeaf'],
      ['LOG-18'],
      {
        checkpoint: cp(checkpointText(ECDSA_ORIGIN, 5)),
        logKey: logV.replace(LOG_ORIGIN, LOG_ORIGIN),
      },
      'ERR_LOG_CHECKPOINT',
    ),
    no(
      'signed by a witness key only, not the log key',
      ['UnknownKey'],
      ['LOG-18'],
      {
        checkpoint: signNote(checkpointText(LOG_ORIGIN, 5), [keys.w1], COSIGN_TIME),
        logKey: logV,
        witnessKeys: [keys.w1.verifier.vkey],
      },
      'ERR_LOG_NOTE_SIGNATURE',
    ),
    no(
      'size with a leading zero',
      ['NonCanonical'],
      ['LOG-17'],
      { checkpoint: bad(`${LOG_ORIGIN}\n05\n${r5}\n`), logKey: logV },
      'ERR_LOG_CHECKPOINT',
    ),
    no(
      'size above 2^53 - 1',
      S,
      ['LOG-17'],
      { checkpoint: bad(`${LOG_ORIGIN}\n9007199254740992\n${r5}\n`), logKey: logV },
      'ERR_LOG_CHECKPOINT',
    ),
    no(
      'root hash of 31 bytes',
      ['HashLength'],
      ['LOG-02'],
      {
        checkpoint: bad(
          `${LOG_ORIGIN}\n5\n${base64Encode(rootFromLeafHashes(LEAVES.slice(0, 5)).subarray(0, 31))}\n`,
        ),
        logKey: logV,
      },
      'ERR_LOG_CHECKPOINT',
    ),
    no(
      'root hash base64 without padding',
      ['NonCanonical'],
      ['LOG-17'],
      { checkpoint: bad(`${LOG_ORIGIN}\n5\n${r5.replace('=', '')}\n`), logKey: logV },
      'ERR_LOG_CHECKPOINT',
    ),
    no(
      'only two lines',
      S,
      ['LOG-17'],
      { checkpoint: bad(`${LOG_ORIGIN}\n5\n`), logKey: logV },
      'ERR_LOG_CHECKPOINT',
    ),
    no(
      'empty origin line',
      S,
      ['LOG-17'],
      { checkpoint: bad(`\n5\n${r5}\n`), logKey: logV },
      'ERR_LOG_CHECKPOINT',
    ),
  ];
}

const POLICY = [
  `log ${keys.log.verifier.vkey} https://log.example.jp/`,
  `witness w1 ${keys.w1.verifier.vkey}`,
  `witness w2 ${keys.w2.verifier.vkey}`,
  `witness w3 ${keys.w3.verifier.vkey}`,
  '# any two of three independent witnesses',
  'group g 2 w1 w2 w3',
  'quorum g',
  '',
].join('\n');

function cosigned(size: number, witnesses: NoteSigner[]): string {
  return signNote(checkpointText(LOG_ORIGIN, size), [keys.log, ...witnesses], COSIGN_TIME);
}

function policyCases(): T[] {
  const S = ['NoteSyntax'];
  const lines = POLICY.split('\n');
  const mk = (ls: string[]): string => `${ls.join('\n')}\n`;
  const core = lines.slice(0, -1);
  return [
    ok(
      'one log, three witnesses, 2-of-3 quorum',
      ['LOG-20'],
      { policy: POLICY },
      { logs: 1, witnesses: 3, groups: 1, quorum: 'g' },
    ),
    ok(
      'quorum none, no witnesses',
      ['LOG-20'],
      { policy: mk([core[0]!, 'quorum none']) },
      { logs: 1, witnesses: 0, groups: 0, quorum: 'none' },
      ['Valid', 'Boundary'],
    ),
    no(
      'duplicate key (the same witness key under two names)',
      S,
      ['LOG-20'],
      {
        policy: mk([
          core[0]!,
          core[1]!,
          `witness w9 ${keys.w1.verifier.vkey.replace('witness1', 'witness9')}`,
          'quorum w1',
        ]),
      },
      'ERR_LOG_POLICY',
    ),
    no(
      'group member defined later',
      S,
      ['LOG-20'],
      { policy: mk([core[0]!, core[1]!, 'group g any w1 w2', core[2]!, 'quorum g']) },
      'ERR_LOG_POLICY',
    ),
    no(
      'threshold above the number of members',
      S,
      ['LOG-20'],
      { policy: mk([...core.slice(0, 4), 'group g 4 w1 w2 w3', 'quorum g']) },
      'ERR_LOG_POLICY',
    ),
    no(
      'a member listed twice',
      S,
      ['LOG-20'],
      { policy: mk([...core.slice(0, 4), 'group g 2 w1 w1 w3', 'quorum g']) },
      'ERR_LOG_POLICY',
    ),
    no('two quorum lines', S, ['LOG-20'], { policy: mk([...core, 'quorum w1']) }, 'ERR_LOG_POLICY'),
    no('no quorum line', S, ['LOG-20'], { policy: mk(core.slice(0, -1)) }, 'ERR_LOG_POLICY'),
    no(
      'witness key of type Ed25519 (0x01) instead of cosignature/v1',
      S,
      ['LOG-20'],
      {
        policy: mk([
          core[0]!,
          `witness w1 ${ed25519NoteSigner('witness1.example.jp', seed32('witness-1')).verifier.vkey}`,
          'quorum w1',
        ]),
      },
      'ERR_LOG_POLICY',
    ),
    no(
      'a name defined twice',
      S,
      ['LOG-20'],
      { policy: mk([core[0]!, core[1]!, `witness w1 ${keys.w2.verifier.vkey}`, 'quorum w1']) },
      'ERR_LOG_POLICY',
    ),
    no(
      'none as a group member',
      S,
      ['LOG-20'],
      { policy: mk([core[0]!, core[1]!, 'group g any w1 none', 'quorum g']) },
      'ERR_LOG_POLICY',
    ),
    no(
      'last line without newline',
      S,
      ['LOG-20'],
      { policy: POLICY.slice(0, -1) },
      'ERR_LOG_POLICY',
    ),
    no(
      'unknown keyword',
      S,
      ['LOG-20'],
      { policy: mk([...core.slice(0, -1), 'threshold 2', 'quorum g']) },
      'ERR_LOG_POLICY',
    ),
  ];
}

function policyVerifyCases(): T[] {
  return [
    ok(
      'cosigned by w1 and w3: quorum of 2',
      ['LOG-21'],
      { policy: POLICY, checkpoint: cosigned(9, [keys.w1, keys.w3]) },
      { size: 9, rootHex: root(9), witnesses: ['w1', 'w3'] },
    ),
    ok(
      'cosigned by all three',
      ['LOG-21'],
      { policy: POLICY, checkpoint: cosigned(9, [keys.w3, keys.w2, keys.w1]) },
      { size: 9, rootHex: root(9), witnesses: ['w1', 'w2', 'w3'] },
    ),
    no(
      'cosigned by one witness only',
      ['Quorum'],
      ['LOG-21'],
      { policy: POLICY, checkpoint: cosigned(9, [keys.w2]) },
      'ERR_LOG_QUORUM',
    ),
    no(
      'cosigned twice by the same witness (identical lines)',
      ['Quorum'],
      ['LOG-21'],
      {
        policy: POLICY,
        checkpoint: (() => {
          const n = cosigned(9, [keys.w2]);
          const l = n.trimEnd().split('\n').pop()!;
          return `${n}${l}\n`;
        })(),
      },
      'ERR_LOG_QUORUM',
    ),
    no(
      'cosignatures from unknown witnesses only',
      ['Quorum'],
      ['LOG-21'],
      {
        policy: POLICY,
        checkpoint: cosigned(9, [
          cosignatureSigner('witness1.example.jp', seed32('evil-1')),
          cosignatureSigner('witness2.example.jp', seed32('evil-2')),
        ]),
      },
      'ERR_LOG_QUORUM',
    ),
    no(
      'cosigned by w1 and w2 but not signed by the log',
      ['UnknownKey'],
      ['LOG-21', 'LOG-18'],
      {
        policy: POLICY,
        checkpoint: signNote(
          checkpointText(LOG_ORIGIN, 9),
          [keys.other, keys.w1, keys.w2],
          COSIGN_TIME,
        ),
      },
      'ERR_LOG_NOTE_SIGNATURE',
    ),
  ];
}

const ENTRY = utf8Encode('opaque evidence entry #3');
const ENTRY_SALT = seed32('entry-3-salt');

function receiptTree(): Uint8Array[] {
  // A tree of 9 leaves whose leaf 3 is the commitment of ENTRY.
  const leaves = LEAVES.slice(0, 9);
  leaves[3] = leafHash(commitEntry(ENTRY, ENTRY_SALT).commitment);
  return leaves;
}

function receiptCases(): T[] {
  const leaves = receiptTree();
  const cpText = serializeCheckpoint({
    origin: LOG_ORIGIN,
    size: 9,
    rootHash: rootFromLeafHashes(leaves),
    extensions: [],
  });
  const note = signNote(cpText, [keys.log, keys.w1, keys.w2], COSIGN_TIME);
  const proof = inclusionProof(3, 9, leaves);
  const receipt = serializeReceipt({ index: 3, proof, checkpoint: note });
  const base = { policy: POLICY, receipt, entryHex: hx(ENTRY), saltHex: hx(ENTRY_SALT) };
  const S = ['NoteSyntax'];
  return [
    ok('receipt of entry 3', ['LOG-23', 'LOG-22'], base, {
      index: 3,
      size: 9,
      witnesses: ['w1', 'w2'],
    }),
    ok(
      'with extra data (not authenticated, ignored)',
      ['LOG-23'],
      {
        ...base,
        receipt: serializeReceipt({
          index: 3,
          proof,
          checkpoint: note,
          extra: utf8Encode('anything'),
        }),
      },
      { index: 3, size: 9, witnesses: ['w1', 'w2'] },
    ),
    no(
      'another entry',
      ['WrongLeaf'],
      ['LOG-23', 'LOG-04'],
      { ...base, entryHex: hx(utf8Encode('opaque evidence entry #4')) },
      'ERR_LOG_PROOF',
    ),
    no(
      'another salt',
      ['WrongLeaf'],
      ['LOG-23', 'LOG-04'],
      { ...base, saltHex: hx(seed32('entry-4-salt')) },
      'ERR_LOG_PROOF',
    ),
    no(
      'index 4 instead of 3',
      ['WrongLeaf'],
      ['LOG-23', 'LOG-04'],
      { ...base, receipt: serializeReceipt({ index: 4, proof, checkpoint: note }) },
      'ERR_LOG_PROOF',
    ),
    no(
      'index equal to the tree size',
      ['WrongLeaf'],
      ['LOG-03'],
      { ...base, receipt: serializeReceipt({ index: 9, proof, checkpoint: note }) },
      'ERR_LOG_PROOF',
    ),
    no(
      'checkpoint cosigned by one witness only',
      ['Quorum'],
      ['LOG-23', 'LOG-21'],
      {
        ...base,
        receipt: serializeReceipt({
          index: 3,
          proof,
          checkpoint: signNote(cpText, [keys.log, keys.w1], COSIGN_TIME),
        }),
      },
      'ERR_LOG_QUORUM',
    ),
    no(
      'header of another version',
      S,
      ['LOG-22'],
      { ...base, receipt: receipt.replace('tlog-proof@v1', 'tlog-proof@v2') },
      'ERR_LOG_RECEIPT',
    ),
    no(
      'index with a leading zero',
      ['NonCanonical'],
      ['LOG-22'],
      { ...base, receipt: receipt.replace('index 3\n', 'index 03\n') },
      'ERR_LOG_RECEIPT',
    ),
    no(
      'proof hash of 31 bytes',
      S,
      ['LOG-22'],
      {
        ...base,
        receipt: receipt.replace(base64Encode(proof[0]!), base64Encode(proof[0]!.subarray(0, 31))),
      },
      'ERR_LOG_RECEIPT',
    ),
    no(
      'no empty line before the checkpoint',
      S,
      ['LOG-22'],
      { ...base, receipt: receipt.replace('\n\n', '\n') },
      'ERR_LOG_RECEIPT',
    ),
  ];
}

function updateCases(): T[] {
  const cp = (size: number, rootHash = rootFromLeafHashes(LEAVES.slice(0, size))): string =>
    signNote(
      serializeCheckpoint({ origin: LOG_ORIGIN, size, rootHash, extensions: [] }),
      [keys.log, keys.w1, keys.w2],
      COSIGN_TIME,
    );
  // A forked tree: leaves 0..4 as the honest tree, then a different leaf 5.
  const forked = [
    ...LEAVES.slice(0, 5),
    leafHash(utf8Encode('forged leaf')),
    ...LEAVES.slice(6, 12),
  ];
  const forkedCp = cp(12, rootFromLeafHashes(forked));
  const hex = (p: Uint8Array[]): string[] => p.map(hx);
  return [
    ok(
      '8 -> 12 with a valid consistency proof',
      ['LOG-26'],
      {
        policy: POLICY,
        trusted: cp(8),
        candidate: cp(12),
        proofHex: hex(consistencyProof(8, 12, LEAVES)),
      },
      { size: 12 },
    ),
    ok(
      'same checkpoint again',
      ['LOG-26'],
      { policy: POLICY, trusted: cp(8), candidate: cp(8), proofHex: [] },
      { size: 8 },
      ['Valid', 'Boundary'],
    ),
    ok(
      'from the empty tree: no proof needed',
      ['LOG-26'],
      { policy: POLICY, trusted: cp(0), candidate: cp(12), proofHex: [] },
      { size: 12 },
      ['Valid', 'Boundary'],
    ),
    no(
      'rollback to 7',
      ['Rollback'],
      ['LOG-25'],
      { policy: POLICY, trusted: cp(8), candidate: cp(7), proofHex: [] },
      'ERR_LOG_ROLLBACK',
    ),
    no(
      '8 -> 12 with a proof for 7 -> 12',
      ['ProofShape'],
      ['LOG-26', 'LOG-06'],
      {
        policy: POLICY,
        trusted: cp(8),
        candidate: cp(12),
        proofHex: hex(consistencyProof(7, 12, LEAVES)),
      },
      'ERR_LOG_PROOF',
    ),
    no(
      'equivocation: two roots for size 8',
      ['Equivocation'],
      ['LOG-27'],
      {
        policy: POLICY,
        trusted: cp(8),
        candidate: cp(
          8,
          rootFromLeafHashes([...LEAVES.slice(0, 7), leafHash(utf8Encode('forged'))]),
        ),
        proofHex: [],
      },
      'ERR_LOG_MISBEHAVIOUR',
    ),
    no(
      "inconsistency: the log's tree of 12 does not extend its tree of 7",
      ['Equivocation'],
      ['LOG-28'],
      {
        policy: POLICY,
        trusted: cp(7),
        candidate: forkedCp,
        proofHex: hex(consistencyProof(7, 12, forked)),
      },
      'ERR_LOG_MISBEHAVIOUR',
    ),
  ];
}

function evidenceCases(): T[] {
  const cp = (size: number, rootHash = rootFromLeafHashes(LEAVES.slice(0, size))): string =>
    signNote(
      serializeCheckpoint({ origin: LOG_ORIGIN, size, rootHash, extensions: [] }),
      [keys.log],
      COSIGN_TIME,
    );
  const other = rootFromLeafHashes([...LEAVES.slice(0, 7), leafHash(utf8Encode('forged'))]);
  const forked = [
    ...LEAVES.slice(0, 5),
    leafHash(utf8Encode('forged leaf')),
    ...LEAVES.slice(6, 12),
  ];
  const incons: MisbehaviourEvidence = {
    kind: 'inconsistency',
    first: cp(7),
    second: cp(12, rootFromLeafHashes(forked)),
    proof: consistencyProof(7, 12, forked).map(base64Encode),
    impliedFirstRoot: base64Encode(rootFromLeafHashes(forked.slice(0, 7))),
  };
  const logKey = keys.log.verifier.vkey;
  return [
    ok('equivocation pair', ['LOG-29'], {
      logKey,
      evidence: { kind: 'equivocation', first: cp(8), second: cp(8, other) },
    }),
    ok('inconsistency with its proof', ['LOG-29'], { logKey, evidence: incons }),
    no(
      'same size, same root: no equivocation',
      ['Equivocation'],
      ['LOG-29'],
      { logKey, evidence: { kind: 'equivocation', first: cp(8), second: cp(8) } },
      'ERR_LOG_PROOF',
    ),
    no(
      'the second note is not signed by the log',
      ['UnknownKey'],
      ['LOG-29', 'LOG-14'],
      {
        logKey,
        evidence: {
          kind: 'equivocation',
          first: cp(8),
          second: signNote(
            serializeCheckpoint({ origin: LOG_ORIGIN, size: 8, rootHash: other, extensions: [] }),
            [keys.other],
          ),
        },
      },
      'ERR_LOG_NOTE_SIGNATURE',
    ),
    no(
      'inconsistency whose implied root is the first root',
      ['Equivocation'],
      ['LOG-29'],
      {
        logKey,
        evidence: {
          ...incons,
          impliedFirstRoot: base64Encode(rootFromLeafHashes(LEAVES.slice(0, 7))),
        },
      },
      'ERR_LOG_PROOF',
    ),
    no(
      'inconsistency whose proof does not verify',
      ['Equivocation'],
      ['LOG-29', 'LOG-06'],
      { logKey, evidence: { ...incons, proof: incons.proof!.slice(1) } },
      'ERR_LOG_PROOF',
    ),
  ];
}

function generate(): VectorFile {
  const testGroups = numberTests([
    group('tree-root', { leafData: 'UTF-8 "leaf <i>" for leaf i (decimal i)' }, treeCases()),
    group(
      'inclusion-proof',
      { leafData: 'UTF-8 "leaf <i>" for leaf i (decimal i)' },
      inclusionGenCases(),
    ),
    group(
      'consistency-proof',
      { leafData: 'UTF-8 "leaf <i>" for leaf i (decimal i)' },
      consistencyGenCases(),
    ),
    group('inclusion-verify', {}, inclusionVerifyCases()),
    group('consistency-verify', {}, consistencyVerifyCases()),
    group('commitment', {}, commitmentCases()),
    group('vkey-parse', {}, vkeyCases()),
    group('note-open', {}, noteCases()),
    group('checkpoint-verify', {}, checkpointCases()),
    group('policy-parse', {}, policyCases()),
    group('policy-verify', {}, policyVerifyCases()),
    group('receipt-verify', {}, receiptCases()),
    group('client-update', {}, updateCases()),
    group('evidence-verify', {}, evidenceCases()),
  ]);
  const numberOfTests = testGroups.reduce((n, g) => n + g.tests.length, 0);
  return {
    schema: 'jitsuin-vectors-v1',
    suite: 'evidence-log',
    specVersion: SPEC_VERSION,
    numberOfTests,
    notes: NOTES,
    testGroups,
  };
}

/** The generator of `vectors/evidence-log.json`. */
export const evidenceLogGenerator: VectorGenerator = { name: 'evidence-log', generate };
