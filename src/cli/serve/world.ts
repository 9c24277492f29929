/**
 * The TEST world `jitsuin serve` runs on (and the service tests reuse): the demo's accredited CA,
 * the synthetic TEST JPKI (three same-name signature roots, a CRL), TEST My Number Cards issued on
 * demand, and simulated phones that enroll through the real enrollment pipeline. Nothing here is a
 * real certificate or a real person.
 * @module
 */
import { randomBytes } from '../../crypto/hash.js';
import { utf8Encode } from '../../encoding/utf8.js';
import { hexEncode } from '../../encoding/hex.js';
import {
  buildTestJpkiCrl,
  issueTestJpkiCertificate,
  signWithTestCard,
  testJpkiSignRoot,
  testRsaKey,
  TEST_JPKI_PERSON_0,
} from '../demo/jpki.js';
import {
  createEnrollmentChallenge,
  type EnrollmentChallengeStore,
} from '../../enrollment/challenge.js';
import { createEnrollmentRequest } from '../../enrollment/request.js';
import {
  processEnrollment,
  type EnrollmentResult,
  type ProcessEnrollmentOptions,
} from '../../enrollment/process.js';
import { MemoryCommonCodeRegistry, type CommonCodeRegistry } from '../../enrollment/registry.js';
import type { RevocationOptions } from '../../x509/revocation/index.js';
import type { KeyProtection } from '../../x509/extensions.js';
import { ATTESTATION_PREFIX, enrollmentCa, type DemoCard } from '../demo/enroll.js';
import { SimulatedSecureElement } from '../demo/hardware.js';
import { buildCaPki, issueCrl, type DemoCaPki } from '../demo/pki.js';

/** The TEST PKI of a serve run, with CRLs current at its start. */
export interface TestWorld {
  readonly ca: DemoCaPki;
  /** What an RP passes to its verifiers: the CA root and both CRLs, fail-closed. */
  readonly trustAnchors: readonly Uint8Array[];
  readonly revocation: RevocationOptions;
  /** The TEST J-LIS signature roots (generations 1..3) and their current CRL. */
  readonly jpkiRoots: readonly Uint8Array[];
  readonly jpkiCrl: Uint8Array;
  /** When the CRLs were issued. */
  readonly time: number;
}

/** Builds the TEST world with CRLs issued at `time` (valid seven days for the CA, a day either side for JPKI). */
export async function buildTestWorld(time: number): Promise<TestWorld> {
  const ca = await buildCaPki();
  const crls = [await issueCrl(ca.root, 1, time - 60), await issueCrl(ca.issuing, 1, time - 60)];
  const jpkiRoots = [
    await testJpkiSignRoot(1),
    await testJpkiSignRoot(2),
    await testJpkiSignRoot(3),
  ].map((r) => r.certificate);
  const jpkiCrl = await buildTestJpkiCrl({
    root: 3,
    entries: [],
    thisUpdate: time - 86_400,
    nextUpdate: time + 86_400,
  });
  return {
    ca,
    trustAnchors: [ca.root.certificate],
    revocation: { crls, mode: 'require' },
    jpkiRoots,
    jpkiCrl,
    time,
  };
}

/** How often `jitsuin serve` reissues its TEST CRLs: well inside the JPKI CRL's day of validity. */
export const TEST_CRL_REFRESH = 6 * 3600;

/**
 * The CRLs of `world` reissued at `time` by the same TEST CAs (CRL number `crlNumber` for the app
 * CAs), so that a long-running `jitsuin serve` never verifies against CRLs past their nextUpdate
 * (which would fail closed: REV-05).
 */
export async function reissueTestCrls(
  world: TestWorld,
  time: number,
  crlNumber: number,
): Promise<Pick<TestWorld, 'revocation' | 'jpkiCrl' | 'time'>> {
  const crls = [
    await issueCrl(world.ca.root, crlNumber, time - 60),
    await issueCrl(world.ca.issuing, crlNumber, time - 60),
  ];
  const jpkiCrl = await buildTestJpkiCrl({
    root: 3,
    entries: [],
    thisUpdate: time - 86_400,
    nextUpdate: time + 86_400,
  });
  return { revocation: { crls, mode: 'require' }, jpkiCrl, time };
}

/** A TEST My Number Card with signature certificate serial `serial` (lower-case hex): one TEST person per serial. */
export async function testCard(world: TestWorld, serial: string): Promise<DemoCard> {
  const key = testRsaKey('jpki/person0/sign');
  const personal = TEST_JPKI_PERSON_0;
  const certificate = await issueTestJpkiCertificate({
    kind: 'sign',
    generation: 3,
    serialNumber: serial,
    subjectKey: key,
    personal,
  });
  return {
    certificate,
    sign: (tbs) => signWithTestCard(key, tbs),
    roots: world.jpkiRoots,
    crl: world.jpkiCrl,
  };
}

/** A fresh random card serial (16 hex digits, positive). */
export function randomCardSerial(): string {
  const b = randomBytes(8);
  b[0] = ((b[0] ?? 0) & 0x3f) | 0x10;
  return hexEncode(b);
}

/** The CA's enrollment options on the given stores (the TEST attestation is accepted). */
export function enrollmentOptions(
  world: TestWorld,
  stores: { challengeStore: EnrollmentChallengeStore; registry?: CommonCodeRegistry },
  time: number,
): ProcessEnrollmentOptions {
  const card: DemoCard = {
    certificate: new Uint8Array(0),
    sign: () => Promise.reject(new Error('unused')),
    roots: world.jpkiRoots,
    crl: world.jpkiCrl,
  };
  const base = enrollmentCa({ ca: world.ca, card, time, random: randomBytes }).options;
  return {
    ...base,
    challengeStore: stores.challengeStore,
    registry: stores.registry ?? new MemoryCommonCodeRegistry(),
  };
}

/** An app on a simulated phone: its hardware key and, once enrolled, its certificate chain. */
export interface SimulatedApp {
  readonly rpId: string;
  readonly appId: string;
  readonly device: SimulatedSecureElement;
  readonly keyProtection: KeyProtection;
}

/** Makes the enrollment request of `app` with `card` for a challenge the CA stored. */
export async function enrollmentRequestFor(
  app: SimulatedApp,
  card: DemoCard,
  store: EnrollmentChallengeStore,
  time: number,
): Promise<string> {
  const challenge = createEnrollmentChallenge({ rpId: app.rpId, appId: app.appId, time });
  await store.put(challenge);
  const created = await createEnrollmentRequest({
    challenge,
    appId: app.appId,
    jpkiCertificate: card.certificate,
    signWithCard: card.sign,
    csrSigner: { publicKey: app.device.publicKey, sign: app.device.sign },
    attest: () => Promise.resolve(utf8Encode(`${ATTESTATION_PREFIX}${app.keyProtection}`)),
  });
  return created.encoded;
}

/** Enrolls `app` through the real pipeline; returns the result (its chain is what the app sends as `x5c`). */
export async function enrollSimulatedApp(
  app: SimulatedApp,
  card: DemoCard,
  options: ProcessEnrollmentOptions,
): Promise<EnrollmentResult> {
  const request = await enrollmentRequestFor(app, card, options.challengeStore, options.time);
  return processEnrollment(request, options);
}

/** A simulated phone app for `rpId` with a key derived from `label`. */
export function simulatedApp(rpId: string, label: string): SimulatedApp {
  return {
    rpId,
    appId: `TEST1234AB.jp.example.${rpId.split('.')[0] ?? 'app'}`,
    device: new SimulatedSecureElement(label),
    keyProtection: 'secure-enclave',
  };
}
