/**
 * The judge of the `enrollment` vector suite: how this library answers one case of `vectors/enrollment.json`,
 * decoding the case's inputs from the file alone. The generator of the file is in the repository,
 * `test/generators/enrollment.ts`, not in the package.
 * @module
 */
import { isJitsuinError, JitsuinError } from '../../errors.js';
import { base64urlDecode, base64urlEncode } from '../../encoding/base64url.js';
import { bytesEqual } from '../../encoding/bytes.js';
import { utf8Decode } from '../../encoding/utf8.js';
import { signEcdsa } from '../../crypto/ecdsa.js';
import { readChildren, readTlv } from '../../x509/der.js';
import { parseCertificate } from '../../x509/certificate.js';
import { validatePath } from '../../x509/validate.js';
import type { KeyProtection } from '../../x509/extensions.js';
import {
  MemoryEnrollmentChallengeStore,
  type EnrollmentChallenge,
} from '../../enrollment/challenge.js';
import { enrollmentToBeSigned } from '../../enrollment/tbs.js';
import { personKey } from '../../enrollment/person-key.js';
import { MemoryCommonCodeRegistry } from '../../enrollment/registry.js';
import type { RenewalLinkSource } from '../../enrollment/common-code.js';
import { processEnrollment } from '../../enrollment/process.js';
import { verifyRebindingStatement } from '../../enrollment/rebinding.js';
import type { CaseOutcome, VectorSuite } from '../types.js';

// ---------------------------------------------------------------------------------------------
// run

const b64 = base64urlEncode;

type Input = Readonly<Record<string, unknown>>;

function str(input: Input, key: string): string {
  const v = input[key];
  if (typeof v !== 'string') throw new JitsuinError('ERR_VECTOR', `input.${key} must be a string`);
  return v;
}
function bytes(input: Input, key: string): Uint8Array {
  return base64urlDecode(str(input, key));
}
function list(input: Input, key: string): unknown[] {
  const v = input[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new JitsuinError('ERR_VECTOR', `input.${key} must be an array`);
  return v;
}
function obj(v: unknown, what: string): Input {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new JitsuinError('ERR_VECTOR', `${what} must be an object`);
  return v as Input;
}

/** A registry pre-filled with `bindings` whose new codes come, in order, from `newCodes`. */
function registryFrom(bindings: unknown[], newCodes: unknown[]): MemoryCommonCodeRegistry {
  const queue = newCodes.map((c) => base64urlDecode(c as string));
  return new MemoryCommonCodeRegistry({
    initial: bindings.map((b) => {
      const o = obj(b, 'registry entry');
      return [bytes(o, 'personKey'), bytes(o, 'commonCode')] as const;
    }),
    random: () => {
      const next = queue.shift();
      if (next === undefined) throw new JitsuinError('ERR_VECTOR', 'vector ran out of new codes');
      return next;
    },
  });
}

function linksFrom(input: Input): RenewalLinkSource {
  const links = list(input, 'renewalLinks').map((l) => {
    const o = obj(l, 'renewal link');
    return {
      issuer: bytes(o, 'issuer'),
      oldSerial: str(o, 'oldSerial'),
      newSerial: str(o, 'newSerial'),
    };
  });
  const any = input['linkLookup'] === 'any';
  return {
    // `any`: a faulty source that answers with its first link whatever is asked (negative vectors).
    previous: async (issuer, serial) =>
      any ? links[0] : links.find((l) => l.newSerial === serial && bytesEqual(l.issuer, issuer)),
    next: async (issuer, serial) =>
      any ? links[0] : links.find((l) => l.oldSerial === serial && bytesEqual(l.issuer, issuer)),
  };
}

async function runProcess(input: Input): Promise<unknown> {
  const time = input['time'];
  if (typeof time !== 'number') throw new JitsuinError('ERR_VECTOR', 'input.time must be a number');
  const store = new MemoryEnrollmentChallengeStore();
  for (const c of list(input, 'challenges')) {
    const o = obj(c, 'challenge');
    const record: EnrollmentChallenge = {
      challenge: str(o, 'challenge'),
      rpId: str(o, 'rpId'),
      appId: str(o, 'appId'),
      iat: o['iat'] as number,
      exp: o['exp'] as number,
    };
    await store.put(record);
    if (o['consumed'] === true) await store.consume(record.challenge);
  }
  const registry = registryFrom(list(input, 'registry'), list(input, 'newCodes'));
  const issuer = obj(input['issuer'], 'input.issuer');
  const issuerKey = bytes(issuer, 'privateKey');
  const issuerCert = bytes(issuer, 'certificate');
  const chain = list(issuer, 'chain').map((c) => base64urlDecode(c as string));
  const attestations = list(input, 'attestations').map((a) => obj(a, 'attestation'));
  const result = await processEnrollment(str(input, 'request'), {
    challengeStore: store,
    jpkiTrustAnchors: list(input, 'jpkiTrustAnchors').map((c) => base64urlDecode(c as string)),
    crls: list(input, 'crls').map((c) => base64urlDecode(c as string)),
    time,
    registry,
    issuer: {
      certificate: issuerCert,
      chain,
      signer: {
        algorithm: 'ES256',
        signatureFormat: 'raw',
        sign: async (m) => signEcdsa(issuerKey, m),
      },
    },
    renewalLinks: linksFrom(input),
    rebindingSigner: (() => {
      const r = obj(input['rebindingSigner'], 'input.rebindingSigner');
      const key = bytes(r, 'privateKey');
      return {
        certificateChain: list(r, 'certificateChain').map((c) => base64urlDecode(c as string)),
        sign: async (m: Uint8Array) => signEcdsa(key, m),
      };
    })(),
    attestationVerifier: async (ctx) => {
      const hit = attestations.find((a) => bytesEqual(bytes(a, 'evidence'), ctx.evidence));
      if (hit === undefined) throw new Error('evidence not recognised');
      return str(hit, 'keyProtection') as KeyProtection;
    },
    requireAttestation: input['requireAttestation'] === true,
    allowTestJpki: input['allowTestJpki'] === true,
    random: () => bytes(input, 'serialRandom'),
  });
  // The issued certificate must pass the app-authentication profile and certify the CSR's key.
  const path = await validatePath(result.certificate, {
    trustAnchors: chain.slice(-1),
    intermediates: [issuerCert],
    time,
    profile: 'app-authentication',
    revocation: { mode: 'off' },
    cache: false,
  });
  const req = obj(JSON.parse(str(input, 'request')), 'request');
  const csrKey = parseCertificate(result.certificate).subjectPublicKeyInfo;
  if (!bytesEqual(readCsrSpki(bytes(req, 'csr')), csrKey))
    throw new JitsuinError('ERR_INTERNAL', 'issued certificate does not certify the CSR key');
  for (const s of result.rebindingStatements) {
    await verifyRebindingStatement(s, {
      validateChain: (c) =>
        validatePath(c[0] as Uint8Array, {
          trustAnchors: chain.slice(-1),
          intermediates: c.slice(1),
          time,
          revocation: { mode: 'off' },
        }),
    });
  }
  return {
    commonCode: b64(result.commonCode),
    commonCodeStatus: result.commonCodeStatus,
    keyProtection: result.keyProtection,
    rpId: path.appBinding?.rpId,
    appId: path.appBinding?.appId,
    notAfter: path.leaf.notAfter,
    rebindingStatements: result.rebindingStatements.length,
  };
}

function readCsrSpki(csr: Uint8Array): Uint8Array {
  const top = readTlv(csr, 0);
  const info = readChildren(csr, top)[0];
  if (info === undefined) throw new JitsuinError('ERR_VECTOR', 'CSR');
  const spki = readChildren(csr, info)[2];
  if (spki === undefined) throw new JitsuinError('ERR_VECTOR', 'CSR');
  return csr.slice(spki.start, spki.end);
}

async function runCase(type: string, input: Input): Promise<unknown> {
  switch (type) {
    case 'enrollment-process':
      return runProcess(input);
    case 'enrollment-tbs': {
      const tbs = enrollmentToBeSigned({
        challenge: str(input, 'challenge'),
        rpId: str(input, 'rpId'),
        appId: str(input, 'appId'),
        csr: bytes(input, 'csr'),
      });
      return { tbs: b64(tbs), tbsText: utf8Decode(tbs) };
    }
    case 'person-key':
      return { personKey: b64(personKey(bytes(input, 'issuer'), str(input, 'serial'))) };
    case 'common-code-rebind': {
      const filled = registryFrom(list(input, 'registry'), []);
      const l = obj(input['link'], 'input.link');
      const r = await filled.rebind(bytes(input, 'oldKey'), bytes(input, 'newKey'), {
        issuer: bytes(l, 'issuer'),
        oldSerial: str(l, 'oldSerial'),
        newSerial: str(l, 'newSerial'),
      });
      return { commonCode: b64(r.code), created: r.created };
    }
    case 'rebinding-statement': {
      const time = input['time'] as number;
      const anchors = list(input, 'trustAnchors').map((c) => base64urlDecode(c as string));
      const s = await verifyRebindingStatement(str(input, 'token'), {
        validateChain: (c) =>
          validatePath(c[0] as Uint8Array, {
            trustAnchors: anchors,
            intermediates: c.slice(1),
            time,
            revocation: { mode: 'off' },
          }),
      });
      return {
        commonCode: b64(s.commonCode),
        oldSerial: s.link.oldSerial,
        newSerial: s.link.newSerial,
        iat: s.iat,
      };
    }
    default:
      throw new TypeError(`unknown type ${type}`);
  }
}

const TYPES = [
  'enrollment-process',
  'enrollment-tbs',
  'person-key',
  'common-code-rebind',
  'rebinding-statement',
];

async function run(type: string, input: Input): Promise<CaseOutcome> {
  if (!TYPES.includes(type))
    return { result: 'skipped', reason: `unknown test group type ${type}` };
  try {
    const output = await runCase(type, input);
    return { result: 'valid', output };
  } catch (e) {
    if (isJitsuinError(e)) return { result: 'invalid', error: e.code };
    return { result: 'invalid', error: 'ERR_INTERNAL' };
  }
}

/** The `enrollment` vector suite. */
export const enrollmentSuite: VectorSuite = { name: 'enrollment', run };
