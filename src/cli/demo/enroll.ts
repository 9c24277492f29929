/**
 * The demo's My Number Card and enrollment: the synthetic TEST JPKI (three same-name TEST root
 * generations, a signature certificate with a Japanese name and address), then the CA enrolling
 * each app with `processEnrollment` — the card signs the enrollment bytes, the CA checks the JPKI
 * certificate, chain, CRL and card signature, assigns (or finds) the person's common code and
 * certifies the app's hardware key.
 *
 * Key attestation is simulated: the app's "evidence" is a TEST string naming its key protection
 * and the CA's verifier accepts it. Verifying Apple App Attest or Android key attestation is the
 * CA's integration, outside this library.
 * @module
 */
import { utf8Decode, utf8Encode } from '../../encoding/utf8.js';
import { hexEncode } from '../../encoding/hex.js';
import {
  buildTestJpkiCrl,
  issueTestJpkiCertificate,
  signWithTestCard,
  testJpkiSignRoot,
  testRsaKey,
  TEST_JPKI_PERSON_0,
} from './jpki.js';
import { readJpkiCertificate } from '../../jpki/read.js';
import {
  createEnrollmentChallenge,
  MemoryEnrollmentChallengeStore,
} from '../../enrollment/challenge.js';
import { buildEnrollmentCsr } from '../../enrollment/csr.js';
import {
  createEnrollmentRequest,
  decodeEnrollmentRequest,
  encodeEnrollmentRequest,
} from '../../enrollment/request.js';
import {
  processEnrollment,
  type AttestationVerifier,
  type ProcessEnrollmentOptions,
} from '../../enrollment/process.js';
import { MemoryCommonCodeRegistry } from '../../enrollment/registry.js';
import { parseCertificate } from '../../x509/certificate.js';
import { KEY_PROTECTION_VALUES, type KeyProtection } from '../../x509/extensions.js';
import type { SimulatedSecureElement } from './hardware.js';
import { jsonText, pem, type DemoOutput } from './output.js';
import { loadCrl } from '../../x509/revocation/crl.js';
import { DEMO_CRL_PARTITIONS, type DemoCaPki } from './pki.js';

/** An app to enroll: where it is bound and the hardware key it holds. */
export interface DemoAppSpec {
  readonly label: string;
  readonly rpId: string;
  readonly appId: string;
  readonly keyProtection: KeyProtection;
  readonly device: SimulatedSecureElement;
}

/** An enrolled app: its certificate and the `x5c` chain it sends (leaf, issuing CA). */
export interface EnrolledApp extends DemoAppSpec {
  readonly certificate: Uint8Array;
  readonly chain: readonly Uint8Array[];
}

/** The person's TEST My Number Card. */
export interface DemoCard {
  /** DER of the card's signature certificate (署名用電子証明書). */
  readonly certificate: Uint8Array;
  /** The card signing `tbs` after the PIN (RSASSA-PKCS1-v1_5, SHA-256). */
  readonly sign: (tbs: Uint8Array) => Promise<Uint8Array>;
  /** The TEST J-LIS signature roots, generations 1..3 (same name, different keys). */
  readonly roots: readonly Uint8Array[];
  /** The current TEST J-LIS CRL. */
  readonly crl: Uint8Array;
}

/** The TEST card's serial and key label: those of TEST person 0 in the JPKI vectors. */
const CARD_SERIAL = '5e1000';
const CARD_KEY_LABEL = 'jpki/person0/sign';

/** Builds the TEST JPKI pieces the demo needs and narrates what the card holds. */
export async function readTestCard(out: DemoOutput, time: number): Promise<DemoCard> {
  out.say('Generating the TEST JPKI (deterministic RSA-2048 keys: this takes a few seconds)...');
  const roots = [await testJpkiSignRoot(1), await testJpkiSignRoot(2), await testJpkiSignRoot(3)];
  const cardKey = testRsaKey(CARD_KEY_LABEL);
  const personal = TEST_JPKI_PERSON_0;
  const certificate = await issueTestJpkiCertificate({
    kind: 'sign',
    generation: 3,
    serialNumber: CARD_SERIAL,
    subjectKey: cardKey,
    personal,
  });
  const crl = await buildTestJpkiCrl({
    root: 3,
    entries: [],
    thisUpdate: time - 86_400,
    nextUpdate: time + 86_400,
  });
  const jpki = readJpkiCertificate(certificate);
  out.say(
    `Three TEST signature roots share one name, as J-LIS's three generations do: "${parseCertificate(roots[0]!.certificate).subject.text}".`,
  );
  out.file('jpki/sign-roots.pem', roots.map((r) => pem('CERTIFICATE', r.certificate)).join(''));
  const p = jpki.personal;
  if (p !== undefined) {
    out.say(
      `The card's signature certificate (serial ${jpki.serialNumber}, RSA-2048, issued by generation 3) carries the person's basic four facts:`,
    );
    out.say(
      `  name ${p.name} (substitute characters at ${p.nameSubstituted.flatMap((s, i) => (s ? [i] : [])).join(', ') || 'none'}), sex ${p.sex},`,
    );
    out.say(
      `  born ${p.dateOfBirth.year}-${String(p.dateOfBirth.month).padStart(2, '0')}-${String(p.dateOfBirth.day).padStart(2, '0')} (era ${p.dateOfBirth.era}), address ${p.address}`,
    );
  }
  out.file('jpki/card-signature-certificate.pem', pem('CERTIFICATE', certificate));
  out.file('jpki/jpki.crl.pem', pem('X509 CRL', crl));
  return {
    certificate,
    sign: (tbs) => signWithTestCard(cardKey, tbs),
    roots: roots.map((r) => r.certificate),
    crl,
  };
}

/** Evidence of the simulated key attestation. */
export const ATTESTATION_PREFIX = 'TEST simulated key attestation: ';

/** The CA's stand-in attestation verifier: accepts only the demo's TEST evidence. */
const simulatedAttestationVerifier: AttestationVerifier = async ({ evidence }) => {
  const text = utf8Decode(evidence);
  const claimed = text.startsWith(ATTESTATION_PREFIX) ? text.slice(ATTESTATION_PREFIX.length) : '';
  const protection = KEY_PROTECTION_VALUES.find((v) => v === claimed);
  if (protection === undefined) throw new Error("not the demo's simulated attestation evidence");
  return protection;
};

/** Inputs of {@link enrollApps}. */
export interface EnrollAppsOptions {
  readonly out: DemoOutput;
  readonly ca: DemoCaPki;
  readonly card: DemoCard;
  /** When the CA processes the requests (seconds since the epoch). */
  readonly time: number;
  /** The CA's random source (challenges, common code, serial numbers). */
  readonly random: (length: number) => Uint8Array;
  readonly apps: readonly DemoAppSpec[];
}

/** The CA side of enrollment, shared by the apps and the attack. */
export interface DemoEnrollmentCa {
  readonly options: ProcessEnrollmentOptions;
  readonly challenges: MemoryEnrollmentChallengeStore;
}

/** Sets up the CA's enrollment service: challenge store, common-code registry, issuer, JPKI trust. */
export function enrollmentCa(
  o: Pick<EnrollAppsOptions, 'ca' | 'card' | 'time' | 'random'>,
): DemoEnrollmentCa {
  const challenges = new MemoryEnrollmentChallengeStore();
  return {
    challenges,
    options: {
      challengeStore: challenges,
      jpkiTrustAnchors: o.card.roots,
      // Loaded once, as a CA keeps the J-LIS CRLs between refreshes (REV-40).
      crls: [loadCrl(o.card.crl)],
      crlPartitions: DEMO_CRL_PARTITIONS,
      time: o.time,
      registry: new MemoryCommonCodeRegistry({ random: o.random }),
      issuer: {
        certificate: o.ca.issuing.certificate,
        chain: [o.ca.root.certificate],
        signer: o.ca.issuing.signer,
      },
      attestationVerifier: simulatedAttestationVerifier,
      requireAttestation: true,
      certificateLifetime: 2 * 365 * 86_400,
      random: o.random,
    },
  };
}

/** Enrolls every app with the card; returns the certified apps and the CA service for later use. */
export async function enrollApps(
  options: EnrollAppsOptions,
): Promise<{ apps: EnrolledApp[]; ca: DemoEnrollmentCa }> {
  const { out, card, time } = options;
  const service = enrollmentCa(options);
  out.say(
    "Key attestation is simulated (TEST evidence naming the key protection); verifying App Attest / Android key attestation is the CA's integration.",
  );
  const apps: EnrolledApp[] = [];
  for (const app of options.apps) {
    out.say();
    out.say(
      `${app.label} app (${app.appId}) enrolls its ${app.keyProtection} key for ${app.rpId}:`,
    );
    const challenge = createEnrollmentChallenge({
      rpId: app.rpId,
      appId: app.appId,
      time,
      random: options.random,
    });
    await service.challenges.put(challenge);
    out.file(`enrollment/${app.label}/challenge.json`, jsonText(challenge));
    const created = await createEnrollmentRequest({
      challenge,
      appId: app.appId,
      jpkiCertificate: card.certificate,
      signWithCard: card.sign,
      csrSigner: { publicKey: app.device.publicKey, sign: app.device.sign },
      attest: () => Promise.resolve(utf8Encode(`${ATTESTATION_PREFIX}${app.keyProtection}`)),
    });
    out.say(
      "The app makes a CSR with its hardware key; the person taps the card and enters the PIN; the card signs these bytes (RSA PKCS#1 v1.5, SHA-256; simulated: the TEST card's key is a software RSA key, no NFC or PIN):",
    );
    out.say(`  ${utf8Decode(created.tbs)}`);
    out.file(`enrollment/${app.label}/card-signed.json`, created.tbs);
    out.file(`enrollment/${app.label}/request.json`, created.encoded);
    const result = await processEnrollment(created.encoded, service.options);
    out.say(
      `The CA checked the challenge, the CSR, the JPKI certificate (profile, chain to one of the three roots, CRL) and the card signature:`,
    );
    out.say(
      `common code ${result.commonCodeText} (${result.commonCodeStatus === 'new' ? 'new: first enrollment of this person' : `${result.commonCodeStatus}: the same person as before`}), key protection ${result.keyProtection}.`,
    );
    out.file(
      `enrollment/${app.label}/result.json`,
      jsonText({
        commonCode: result.commonCodeText,
        commonCodeHex: hexEncode(result.commonCode),
        commonCodeStatus: result.commonCodeStatus,
        keyProtection: result.keyProtection,
        certificateSerial: parseCertificate(result.certificate).serialNumber,
        jpkiSerial: result.jpki.serialNumber,
      }),
    );
    apps.push({
      ...app,
      certificate: result.certificate,
      chain: [result.certificate, options.ca.issuing.certificate],
    });
  }
  return { apps, ca: service };
}

/**
 * The attack on enrollment: malware on the phone swaps the CSR in a genuine request for one of its
 * own key. The card signed the hash of the original CSR, so the CA's rebuilt bytes do not verify.
 * Returns the tampered request (encoded) for the CA to process.
 */
export async function tamperedEnrollmentRequest(
  service: DemoEnrollmentCa,
  card: DemoCard,
  app: DemoAppSpec,
  malwareKey: SimulatedSecureElement,
  time: number,
  random: (length: number) => Uint8Array,
): Promise<string> {
  const challenge = createEnrollmentChallenge({ rpId: app.rpId, appId: app.appId, time, random });
  await service.challenges.put(challenge);
  const genuine = await createEnrollmentRequest({
    challenge,
    appId: app.appId,
    jpkiCertificate: card.certificate,
    signWithCard: card.sign,
    csrSigner: { publicKey: app.device.publicKey, sign: app.device.sign },
    attest: () => Promise.resolve(utf8Encode(`${ATTESTATION_PREFIX}${app.keyProtection}`)),
  });
  const request = decodeEnrollmentRequest(genuine.encoded);
  const csr = await buildEnrollmentCsr(
    { publicKey: malwareKey.publicKey, sign: malwareKey.sign },
    challenge,
  );
  return encodeEnrollmentRequest({ ...request, csr });
}
