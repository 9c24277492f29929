/**
 * The demo's document-signature step (spec/signature.md): the CA issues accredited signing
 * certificates to two phone keys after the JPKI proofing, the person signs a contract with one of
 * them (CAdES-B-T, time-stamped by a TEST TSA) and with the My Number Card, and the relying-party
 * side verifies both offline; then the attacks: an altered document, a signature by a phone after
 * its certificate was revoked, and the time-stamp that keeps an earlier signature valid.
 * @module
 */
import { derivePrivateKey, getEcPublicKey, signEcdsa } from '../../crypto/ecdsa.js';
import { exportSpki } from '../../crypto/keys.js';
import { bytesEqual } from '../../encoding/bytes.js';
import { utf8Encode } from '../../encoding/utf8.js';
import type { ErrorCode } from '../../errors.js';
import { readJpkiCertificate } from '../../jpki/read.js';
import { issueAccreditedSigningCertificate } from '../../enrollment/signing-certificate.js';
import { buildCertificate, type CertificateSigner } from '../../x509/builder.js';
import { parseCertificate } from '../../x509/certificate.js';
import { PKIX_OID } from '../../x509/oids.js';
import { name } from '../../x509/name.js';
import type { CrlEntryInput } from '../../x509/revocation/build-crl.js';
import { signCades, type CadesEcdsaSigner } from '../../signature/sign.js';
import { verifyCades, type VerifiedCades } from '../../signature/verify.js';
import { testCardSigner, testRsaKey } from './jpki.js';
import { buildTimestampToken } from './timestamp.js';
import type { DemoCard } from './enroll.js';
import type { SimulatedSecureElement } from './hardware.js';
import { jsonText, pem, type DemoOutput } from './output.js';
import { issueCrl, type DemoCaPki } from './pki.js';
import { DEMO_SEED, demoRandom } from './random.js';

/** What the signing step needs from the scenario. */
export interface SigningStepContext {
  readonly out: DemoOutput;
  readonly ca: DemoCaPki;
  readonly card: DemoCard;
  /** The person's common code (from enrollment). */
  readonly commonCode: Uint8Array;
  /** The root CA's current CRL. */
  readonly rootCrl: Uint8Array;
  /** Entries already on the issuing CA's CRL (kept on the next one). */
  readonly revokedSoFar: readonly CrlEntryInput[];
  /** The issuing CA's CRL number so far. */
  readonly crlNumber: number;
  /** Start of this step (seconds). */
  readonly time: number;
  /** The phones' keys for signing: today's phone and the one being replaced. */
  readonly phone: SimulatedSecureElement;
  readonly oldPhone: SimulatedSecureElement;
  readonly check: (name: string, passed: boolean, detail: string) => void;
  readonly attack: (
    spec: { name: string; description: string; code: ErrorCode; requirement: string },
    run: () => Promise<unknown>,
  ) => Promise<unknown>;
}

/** The contract the person signs. */
export const DEMO_CONTRACT = utf8Encode(
  'TEST 賃貸借契約書 (rental contract)\nTenant: 髙橋　試験太郎\nRent: 120,000 JPY per month, from 2026-05-01.\nThis TEST document was signed in the jitsuin demo.\n',
);

const iso = (t: number): string => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

function phoneSigner(device: SimulatedSecureElement): CadesEcdsaSigner {
  // The secure element signs the bytes it is given and answers in DER, as for login.
  return { kind: 'ecdsa-p256', sign: device.sign };
}

/** A TEST time-stamping authority under the demo root (critical EKU id-kp-timeStamping). */
async function demoTsa(
  ca: DemoCaPki,
  time: number,
): Promise<{
  key: { privateKey: Uint8Array; spki: Uint8Array; signer: CertificateSigner };
  certificate: Uint8Array;
}> {
  const privateKey = derivePrivateKey(DEMO_SEED, 'demo/tsa');
  const spki = exportSpki(getEcPublicKey(privateKey));
  const signer: CertificateSigner = {
    algorithm: 'ES256',
    signatureFormat: 'raw',
    sign: (m) => Promise.resolve(signEcdsa(privateKey, m)),
  };
  const certificate = await buildCertificate({
    serialNumber: '7501',
    issuer: ca.root.name,
    subject: name([
      ['C', 'JP'],
      ['O', 'jitsuin TEST accredited CA (not a real CA)'],
      ['CN', 'jitsuin TEST Time-Stamping Authority'],
    ]),
    notBefore: time - 86_400,
    notAfter: time + 5 * 365 * 86_400,
    publicKey: spki,
    signer: ca.root.signer,
    keyUsage: ['digitalSignature'],
    extKeyUsage: ['1.3.6.1.5.5.7.3.8'],
    criticality: { [PKIX_OID.extKeyUsage]: true },
    subjectKeyId: 'auto',
    authorityKeyId: ca.root.keyId,
  });
  return { key: { privateKey, spki, signer }, certificate };
}

function summary(r: VerifiedCades): Record<string, unknown> {
  return {
    level: r.level,
    signerKind: r.signerKind,
    name: r.identity.name,
    commonCode: r.identity.commonCodeText ?? null,
    signingTime: iso(r.signingTime),
    timestampTime: r.timestampTime === undefined ? null : iso(r.timestampTime),
    validatedAt: iso(r.validatedAt),
    signer: parseCertificate(r.signerCertificate).subject.text,
    revocation: r.revocation,
  };
}

/** Runs the signing sections; returns the openssl commands it printed. */
export async function runSigningStep(c: SigningStepContext): Promise<string[]> {
  const { out, ca, card } = c;
  const t = c.time;
  const chainTail = [ca.issuing.certificate];
  const jpki = readJpkiCertificate(card.certificate);
  const issuer = {
    certificate: ca.issuing.certificate,
    chain: [ca.root.certificate],
    signer: ca.issuing.signer,
  };

  out.section('15. The CA issues accredited signing certificates (電子署名法) to two phone keys');
  out.say(
    'After the JPKI proofing of section 3, the CA certifies a signing key in each of two phones: subject C=JP and the name exactly as the',
  );
  out.say(
    'card gives it, the common code, keyUsage digitalSignature + nonRepudiation, the accredited-signing policy, at most five years.',
  );
  out.say(
    'No address, birth date or sex: a verifier needs who signed (the name) and a way to tell namesakes apart (the common code).',
  );
  const signing = await issueAccreditedSigningCertificate({
    jpki,
    commonCode: c.commonCode,
    publicKey: c.phone.publicKey,
    issuer,
    time: t,
    random: demoRandom('ca/signing/phone'),
  });
  const oldSigning = await issueAccreditedSigningCertificate({
    jpki,
    commonCode: c.commonCode,
    publicKey: c.oldPhone.publicKey,
    issuer,
    time: t,
    random: demoRandom('ca/signing/old-phone'),
  });
  const sc = parseCertificate(signing.certificate);
  const oc = parseCertificate(oldSigning.certificate);
  out.say(
    `Signing certificate of "${c.phone.label}": serial ${sc.serialNumber}, subject "${sc.subject.text}", valid until ${iso(sc.notAfter)}.`,
  );
  out.file('signature/signing-certificate.pem', pem('CERTIFICATE', signing.certificate));
  out.file(
    'signature/old-phone-signing-certificate.pem',
    pem('CERTIFICATE', oldSigning.certificate),
  );
  const tsa = await demoTsa(ca, t);
  out.file('signature/tsa.pem', pem('CERTIFICATE', tsa.certificate));
  out.file('signature/trust/root-ca.pem', pem('CERTIFICATE', ca.root.certificate));
  out.file('signature/trust/jpki-roots.pem', card.roots.map((r) => pem('CERTIFICATE', r)).join(''));
  const issuingCrl = await issueCrl(ca.issuing, c.crlNumber + 1, t, c.revokedSoFar);
  const revocation = { crls: [c.rootCrl, issuingCrl] };
  const stampAt =
    (genTime: number) =>
    async (imprint: { messageImprint: Uint8Array }): Promise<Uint8Array> =>
      buildTimestampToken({ messageImprint: imprint.messageImprint, genTime, tsa });

  out.section('16. The person signs a rental contract with the accredited certificate (CAdES-B-T)');
  out.file('signature/contract.txt', DEMO_CONTRACT);
  const signedAt = t + 100;
  const signature = await signCades(
    { content: DEMO_CONTRACT },
    {
      signer: phoneSigner(c.phone),
      certificateChain: [signing.certificate, ...chainTail],
      signingTime: signedAt,
      timestamp: stampAt(signedAt + 2),
    },
  );
  out.say(
    `The phone's secure element (simulated by a software key) signs the DER signed attributes; the TEST TSA time-stamps the signature value (${iso(signedAt + 2)}).`,
  );
  out.file('signature/contract.accredited.p7s', signature);
  const verified = await verifyCades(signature, {
    content: DEMO_CONTRACT,
    trustAnchors: [ca.root.certificate],
    revocation,
    time: signedAt + 60,
  });
  out.file('signature/contract.accredited.result.json', jsonText(summary(verified)));
  c.check(
    'signature-accredited',
    verified.level === 'B-T' &&
      verified.identity.name === jpki.personal?.name &&
      verified.identity.commonCode !== undefined &&
      bytesEqual(verified.identity.commonCode, c.commonCode),
    `verified offline: ${verified.level}, signed by ${verified.identity.name}, common code ${verified.identity.commonCodeText ?? '?'}, path validated as of the time-stamp ${iso(verified.validatedAt)}`,
  );

  out.section('17. The person signs the same contract with the My Number Card');
  const cardKey = testRsaKey('jpki/person0/sign');
  const cardSignature = await signCades(
    { content: DEMO_CONTRACT },
    {
      signer: testCardSigner(cardKey),
      certificateChain: [card.certificate],
      signingTime: signedAt + 30,
    },
  );
  out.say(
    'The card (simulated by a software key) signs a DigestInfo over the signed attributes: RSASSA-PKCS1-v1_5, SHA-256, RSA-2048.',
  );
  out.file('signature/contract.card.p7s', cardSignature);
  const cardVerified = await verifyCades(cardSignature, {
    content: DEMO_CONTRACT,
    trustAnchors: card.roots,
    revocation: { crls: [card.crl] },
    time: signedAt + 60,
  });
  out.file('signature/contract.card.result.json', jsonText(summary(cardVerified)));
  c.check(
    'signature-card',
    cardVerified.signerKind === 'jpki' && cardVerified.identity.name === jpki.personal?.name,
    `verified against the TEST J-LIS roots and CRL: ${cardVerified.level}, JPKI signature certificate of ${cardVerified.identity.name}`,
  );

  const verifyAt = signedAt + 60;
  const commands = [
    `openssl cms -verify -cades -binary -inform DER -in signature/contract.accredited.p7s -content signature/contract.txt -CAfile signature/trust/root-ca.pem -attime ${verifyAt} -out /dev/null`,
    `openssl cms -verify -cades -binary -inform DER -in signature/contract.card.p7s -content signature/contract.txt -CAfile signature/trust/jpki-roots.pem -attime ${verifyAt} -out /dev/null`,
  ];
  out.say(
    'Anyone can check both with OpenSSL (run in the output folder; they print "Verification successful"):',
  );
  for (const cmd of commands) out.say(`  ${cmd}`);

  out.section('18. Attack: one altered byte of the contract');
  const altered = DEMO_CONTRACT.slice();
  altered[altered.length - 2] = (altered[altered.length - 2] as number) ^ 0x01;
  out.file('signature/contract-altered.txt', altered);
  await c.attack(
    {
      name: 'signature-altered-document',
      description: 'verify the signature over a contract with one byte changed',
      code: 'ERR_CADES_DIGEST_MISMATCH',
      requirement: 'SIG-07',
    },
    () =>
      verifyCades(signature, {
        content: altered,
        trustAnchors: [ca.root.certificate],
        revocation,
        time: verifyAt,
      }),
  );

  out.section('19. The old phone is replaced; its signing certificate is revoked');
  const early = await signCades(
    { content: DEMO_CONTRACT },
    {
      signer: phoneSigner(c.oldPhone),
      certificateChain: [oldSigning.certificate, ...chainTail],
      signingTime: signedAt + 40,
      timestamp: stampAt(signedAt + 42),
    },
  );
  const earlyPlain = await signCades(
    { content: DEMO_CONTRACT },
    {
      signer: phoneSigner(c.oldPhone),
      certificateChain: [oldSigning.certificate, ...chainTail],
      signingTime: signedAt + 40,
    },
  );
  out.say(
    `Before that, at ${iso(signedAt + 40)}, the person had signed the contract on the old phone too, time-stamped at ${iso(signedAt + 42)}.`,
  );
  out.file('signature/contract.old-phone.p7s', early);
  const revokedAt = t + 1000;
  const revokedCrl = await issueCrl(ca.issuing, c.crlNumber + 2, revokedAt, [
    ...c.revokedSoFar,
    { serial: oc.serialNumber, revocationDate: revokedAt, reason: 'cessationOfOperation' },
  ]);
  out.say(
    `At ${iso(revokedAt)} the CA revokes the old phone's signing certificate (serial ${oc.serialNumber}, reason cessationOfOperation) and publishes CRL number ${c.crlNumber + 2}.`,
  );
  out.file(
    'signature/trust/crls-after-revocation.pem',
    pem('X509 CRL', c.rootCrl) + pem('X509 CRL', revokedCrl),
  );
  const later = revokedAt + 600;
  const afterRevocation = { crls: [c.rootCrl, revokedCrl] };

  out.section('20. Attack: a signature made with the old phone after the revocation');
  const late = await signCades(
    { content: DEMO_CONTRACT },
    {
      signer: phoneSigner(c.oldPhone),
      certificateChain: [oldSigning.certificate, ...chainTail],
      signingTime: revokedAt + 300,
    },
  );
  out.file('signature/contract.old-phone-after-revocation.p7s', late);
  await c.attack(
    {
      name: 'signature-by-revoked-phone',
      description: 'a signature by the old phone after its signing certificate was revoked',
      code: 'ERR_REVOKED',
      requirement: 'REV-10',
    },
    () =>
      verifyCades(late, {
        content: DEMO_CONTRACT,
        trustAnchors: [ca.root.certificate],
        revocation: afterRevocation,
        time: later,
      }),
  );

  out.section(
    '21. The earlier signature with its time-stamp still holds; without the time-stamp it would not',
  );
  const held = await verifyCades(early, {
    content: DEMO_CONTRACT,
    trustAnchors: [ca.root.certificate],
    revocation: afterRevocation,
    time: later,
  });
  out.file('signature/contract.old-phone.result.json', jsonText(summary(held)));
  c.check(
    'signature-timestamp-outlasts-revocation',
    held.level === 'B-T' && held.revocation[0]?.status === 'revoked-after-timestamp',
    `valid as of the time-stamp ${iso(held.timestampTime ?? 0)}: the TSA proves the signature existed before the revocation (${iso(revokedAt)}), and the reason, cessationOfOperation, is no compromise, so the revocation does not reach back (SIG-20)`,
  );
  out.say(
    'A compromise would: with reason keyCompromise the key may have been in other hands earlier, and the time-stamp cannot tell whose signature it is.',
  );
  await c.attack(
    {
      name: 'signature-without-timestamp-after-revocation',
      description: 'the same early signature without its time-stamp, verified after the revocation',
      code: 'ERR_REVOKED',
      requirement: 'REV-10',
    },
    () =>
      verifyCades(earlyPlain, {
        content: DEMO_CONTRACT,
        trustAnchors: [ca.root.certificate],
        revocation: afterRevocation,
        time: later,
      }),
  );
  out.say(
    'Without a time-stamp the claimed signingTime proves nothing, so the path is validated now, and now the certificate is revoked.',
  );
  return commands;
}
