/**
 * The narrated end-to-end run: the test PKI, one person's two apps (hospital and pharmacy) with
 * certified hardware keys, login in each app, a PC login by QR code, then the attacks that must
 * fail, each with its error code and requirement id. Every step uses the public library functions
 * the way an app and a relying party would; nothing is mocked except the hardware (a software key
 * that answers in DER, high-S every other time) and the clock (fixed, so the output is reproducible).
 * @module
 */
import { isJitsuinError, type ErrorCode } from '../../errors.js';
import { base64urlDecode, base64urlEncode } from '../../encoding/base64url.js';
import { hexEncode } from '../../encoding/hex.js';
import { utf8Encode } from '../../encoding/utf8.js';
import { sha256 } from '../../crypto/hash.js';
import { formatCommonCode } from '../../x509/common-code.js';
import { parseCertificate } from '../../x509/certificate.js';
import type { RevocationOptions } from '../../x509/revocation/index.js';
import { encodeLoginChallenge, type LoginChallenge } from '../../login/challenge.js';
import { issueLoginChallenge, MemoryChallengeStore } from '../../login/challenge-store.js';
import { createLoginResponse } from '../../login/response.js';
import { verifyLoginResponse, type LoginResult } from '../../login/verify.js';
import { decodeQrUri } from '../../qr/uri.js';
import { createQrOffer } from '../../qr/offer.js';
import { collectQrLogin, scanQrOffer } from '../../qr/flow.js';
import { approveQrOffer, createQrApproval } from '../../qr/approval.js';
import { MemoryQrSessionStore } from '../../qr/store.js';
import { enrollApps, readTestCard, tamperedEnrollmentRequest, type EnrolledApp } from './enroll.js';
import { processEnrollment } from '../../enrollment/process.js';
import { SimulatedSecureElement } from './hardware.js';
import { DemoOutput, jsonText, pem } from './output.js';
import { buildCaPki, issueCrl } from './pki.js';
import { renderQrForTerminal } from './qr-terminal.js';
import { runSigningStep } from './signing.js';
import { demoRandom } from './random.js';
import type { DemoAttack, DemoCheck, DemoResult } from './types.js';
import { runConsentScenario } from './consent.js';

/** The demo's fixed "now": 2026-04-01T00:00:00Z, 09:00 in Tokyo. */
export const DEMO_TIME = 1_775_001_600;

/** The two relying parties of the demo. */
export const DEMO_RP = { hospital: 'hospital.example', pharmacy: 'pharmacy.example' } as const;

/** Options of {@link runDemoScenario}. */
export interface DemoScenarioOptions {
  /** Folder for the artefacts (created; existing files of the same names are overwritten). */
  readonly outDir: string;
  /** Where the narration goes. */
  readonly write: (text: string) => void;
  /** Draw the QR code in the terminal when `qrcode-terminal` is available (default true). */
  readonly drawQr?: boolean;
}

const iso = (t: number): string => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
const fingerprint = (der: Uint8Array): string => hexEncode(sha256(der)).slice(0, 16);

/** Segment `index` of a compact JWS, decoded: the exact header (0) or payload (1) bytes that were signed. */
function segmentBytes(token: string, index: 0 | 1): Uint8Array {
  return base64urlDecode(token.split('.')[index] ?? '');
}

const HARDWARE_NAMES: Readonly<Record<string, string>> = {
  'secure-enclave': 'Secure Enclave',
  strongbox: 'StrongBox',
  tee: 'TEE',
  software: 'software keystore',
};

function loginSummary(r: LoginResult): Record<string, unknown> {
  return {
    commonCode: formatCommonCode(r.commonCode),
    keyProtection: r.keyProtection,
    appBinding: r.appBinding,
    certificateSubject: r.certificate.subject.text,
    certificateSerial: r.certificate.serialNumber,
    path: r.path.map((c) => c.subject.text),
    challenge: r.challenge.challenge,
    iat: r.iat,
  };
}

/** Runs the demo, writing artefacts under `options.outDir`; never throws for a failed step. */
export async function runDemoScenario(options: DemoScenarioOptions): Promise<DemoResult> {
  const out = new DemoOutput(options.outDir, options.write);
  const checks: DemoCheck[] = [];
  const attacks: DemoAttack[] = [];
  let commonCode: string | undefined;
  let qrDrawn = false;

  const check = (name: string, passed: boolean, detail: string): void => {
    checks.push({ name, passed, detail });
    if (passed) out.ok(detail);
    else out.problem(`${name} FAILED: ${detail}`);
  };

  /** Runs an attack; it passes only when it throws a JitsuinError with exactly the expected code and requirement. */
  const attack = async (
    spec: { name: string; description: string; code: ErrorCode; requirement: string },
    run: () => Promise<unknown>,
  ): Promise<DemoAttack> => {
    let result: DemoAttack;
    try {
      await run();
      result = {
        name: spec.name,
        description: spec.description,
        expectedCode: spec.code,
        expectedRequirement: spec.requirement,
        actualCode: undefined,
        actualRequirement: undefined,
        message: 'accepted: no error was thrown',
        passed: false,
      };
    } catch (e) {
      const code = isJitsuinError(e) ? e.code : undefined;
      const requirement = isJitsuinError(e) ? e.requirement : undefined;
      const message = e instanceof Error ? e.message : String(e);
      result = {
        name: spec.name,
        description: spec.description,
        expectedCode: spec.code,
        expectedRequirement: spec.requirement,
        actualCode: code,
        actualRequirement: requirement,
        message,
        passed: code === spec.code && requirement === spec.requirement,
      };
    }
    attacks.push(result);
    if (result.passed)
      out.stopped(
        `rejected: ${result.actualCode} [${result.actualRequirement}] — ${result.message}`,
      );
    else
      out.problem(
        `attack ${spec.name} NOT rejected as expected (wanted ${spec.code} [${spec.requirement}], got ${result.actualCode ?? 'no error'} [${result.actualRequirement ?? '-'}]): ${result.message}`,
      );
    out.file(`attacks/${spec.name}.json`, jsonText(result));
    return result;
  };

  const finish = (): DemoResult => {
    const result: DemoResult = {
      ok:
        checks.every((c) => c.passed) &&
        attacks.every((a) => a.passed) &&
        checks.length > 0 &&
        attacks.length > 0,
      time: DEMO_TIME,
      outDir: options.outDir,
      commonCode,
      qrDrawn,
      checks,
      attacks,
      artefacts: [...out.artefacts, 'summary.json'],
    };
    out.file('summary.json', jsonText(result));
    return result;
  };

  try {
    out.say(
      `jitsuin end-to-end demo — synthetic TEST PKI only; nothing here is a real certificate or a real person.`,
    );
    out.say(
      "Simulated, and said so where it happens: the phones' secure hardware and the My Number Card are software keys, key attestation is TEST evidence; every check the library makes is real.",
    );
    out.say(
      `Fixed demo time ${DEMO_TIME} (${iso(DEMO_TIME)}, 09:00 in Tokyo) and a fixed seed: every artefact is the same on every run.`,
    );
    out.say(`Artefacts go to ${options.outDir}`);

    // 1. The accredited CA ------------------------------------------------------------------------
    out.section('1. The accredited CA (TEST)');
    const ca = await buildCaPki();
    const crlTime = DEMO_TIME - 3600;
    const enrollTime = DEMO_TIME - 600;
    const rootCrl = await issueCrl(ca.root, 1, crlTime);
    // App certificates are partitioned by week of issuance: this is the partition CRL of this week (REV-41).
    const issuingCrl = await issueCrl(ca.issuing, 1, crlTime, [], enrollTime);
    out.say(
      `Root CA "${parseCertificate(ca.root.certificate).subject.text}" and issuing CA "${parseCertificate(ca.issuing.certificate).subject.text}", P-256.`,
    );
    out.file('ca/root-ca.pem', pem('CERTIFICATE', ca.root.certificate));
    out.file('ca/app-ca-1.pem', pem('CERTIFICATE', ca.issuing.certificate));
    out.file('ca/crls.pem', pem('X509 CRL', rootCrl) + pem('X509 CRL', issuingCrl));
    out.say(
      `CRLs of both CAs, thisUpdate ${iso(crlTime)}, nextUpdate seven days later; relying parties pass them in (no network in the library).`,
    );

    // 2. The card, 3. enrollment -------------------------------------------------------------------
    out.section("2. The person's My Number Card (TEST JPKI)");
    const card = await readTestCard(out, enrollTime);

    out.section('3. Enrollment: the CA certifies a hospital app and a pharmacy app of this person');
    const hospitalKey = new SimulatedSecureElement('hospital-iphone');
    const pharmacyKey = new SimulatedSecureElement('pharmacy-android');
    const enrolled = await enrollApps({
      out,
      ca,
      card,
      time: enrollTime,
      random: demoRandom('ca'),
      apps: [
        {
          label: 'hospital',
          rpId: DEMO_RP.hospital,
          appId: 'TEST1234AB.jp.example.hospital',
          keyProtection: 'secure-enclave',
          device: hospitalKey,
        },
        {
          label: 'pharmacy',
          rpId: DEMO_RP.pharmacy,
          appId: 'jp.example.pharmacy:sha256-TEST',
          keyProtection: 'strongbox',
          device: pharmacyKey,
        },
      ],
    });
    const [hospital, pharmacy] = enrolled.apps as [EnrolledApp, EnrolledApp];
    out.say();
    for (const app of enrolled.apps) {
      const c = parseCertificate(app.certificate);
      out.say(
        `${app.label}: certificate serial ${c.serialNumber}, bound to ${c.appBinding?.rpId ?? '?'} / ${c.appBinding?.appId ?? '?'}, key ${c.keyProtection ?? '?'}, key fingerprint ${fingerprint(app.device.publicKey)}`,
      );
      out.file(`apps/${app.label}-app.pem`, pem('CERTIFICATE', app.certificate));
    }
    const hc = parseCertificate(hospital.certificate);
    const pc = parseCertificate(pharmacy.certificate);
    const sameCode =
      hc.commonCode !== undefined &&
      pc.commonCode !== undefined &&
      hexEncode(hc.commonCode) === hexEncode(pc.commonCode);
    const differentKeys = hexEncode(hc.subjectPublicKeyInfo) !== hexEncode(pc.subjectPublicKeyInfo);
    commonCode = hc.commonCode === undefined ? undefined : formatCommonCode(hc.commonCode);
    check(
      'same-common-code',
      sameCode && differentKeys,
      `both certificates carry common code ${commonCode ?? '?'} (random, never derived from the Individual Number) and certify different hardware keys`,
    );

    out.section('4. Attack: malware swaps its own key into an enrollment request');
    out.say(
      'The person enrolls the hospital app again; malware on the phone replaces the CSR in the signed request with one for a key it controls.',
    );
    const malwareKey = new SimulatedSecureElement('malware');
    const tampered = await tamperedEnrollmentRequest(
      enrolled.ca,
      card,
      hospital,
      malwareKey,
      enrollTime + 60,
      demoRandom('ca/attack'),
    );
    out.file('enrollment/tampered-request.json', tampered);
    await attack(
      {
        name: 'enrollment-key-substitution',
        description: 'enroll a key the card never approved (CSR swapped after the card signed)',
        code: 'ERR_ENROLLMENT_CARD_SIGNATURE',
        requirement: 'ENR-09',
      },
      () => processEnrollment(tampered, { ...enrolled.ca.options, time: enrollTime + 61 }),
    );

    const revocation: RevocationOptions = { crls: [rootCrl, issuingCrl], mode: 'require' };
    const trustAnchors = [ca.root.certificate];
    const storeClock = { now: () => DEMO_TIME };

    // 3. Login in each app ----------------------------------------------------------------------
    const rpState = {
      [DEMO_RP.hospital]: new MemoryChallengeStore(storeClock),
      [DEMO_RP.pharmacy]: new MemoryChallengeStore(storeClock),
    };
    const login = async (
      app: EnrolledApp,
      folder: string,
      at: number,
      random: (n: number) => Uint8Array,
      crls: RevocationOptions,
    ): Promise<{ challenge: LoginChallenge; response: string; result: LoginResult }> => {
      const rpId = app.rpId;
      const challenge = await issueLoginChallenge(rpState[rpId as keyof typeof rpState], {
        rpId,
        time: at,
        random,
      });
      out.say(`RP ${rpId} issues a challenge (32 random bytes, expires ${iso(challenge.exp)}):`);
      out.file(`login/${folder}/challenge.json`, encodeLoginChallenge(challenge));
      const response = await createLoginResponse(encodeLoginChallenge(challenge), {
        signer: app.device.sign,
        certificateChain: app.chain,
        time: at + 2,
      });
      const sig = app.device.last;
      out.say(
        `The ${app.label} app signs the response with its key in the ${HARDWARE_NAMES[app.keyProtection] ?? app.keyProtection} (simulated by a software key): DER signature of ${sig?.derLength ?? '?'} bytes, ${sig?.highS === true ? 'high-S' : 'low-S'}; jitsuin converts it to JWS r‖s (high-S kept, verifiers accept both).`,
      );
      out.file(`login/${folder}/response.jws`, response);
      out.file(`login/${folder}/response.header.json`, segmentBytes(response, 0));
      out.file(`login/${folder}/response.payload.json`, segmentBytes(response, 1));
      const result = await verifyLoginResponse(response, {
        rpId,
        trustAnchors,
        revocation: crls,
        time: at + 3,
        challengeStore: rpState[rpId as keyof typeof rpState],
      });
      out.file(`login/${folder}/result.json`, jsonText(loginSummary(result)));
      return { challenge, response, result };
    };

    out.section('5. Login in the hospital app');
    const hospitalLogin = await login(
      hospital,
      'hospital',
      DEMO_TIME,
      demoRandom('challenge/hospital'),
      revocation,
    );
    check(
      'login-hospital',
      formatCommonCode(hospitalLogin.result.commonCode) === commonCode,
      `hospital.example verified the response offline against its own trust anchor and CRLs: common code ${formatCommonCode(hospitalLogin.result.commonCode)}, key ${hospitalLogin.result.keyProtection}`,
    );

    out.section('6. Login in the pharmacy app');
    const pharmacyLogin = await login(
      pharmacy,
      'pharmacy',
      DEMO_TIME + 60,
      demoRandom('challenge/pharmacy'),
      revocation,
    );
    check(
      'login-pharmacy',
      formatCommonCode(pharmacyLogin.result.commonCode) === commonCode,
      `pharmacy.example verified its response on its own: common code ${formatCommonCode(pharmacyLogin.result.commonCode)} — the same person as at the hospital, with no shared ID provider`,
    );

    // 5. PC login by QR ---------------------------------------------------------------------------
    out.section('7. Logging in on a PC at the hospital by QR code');
    const qrStore = new MemoryQrSessionStore(storeClock);
    const qrTime = DEMO_TIME + 120;
    const pcBinding = base64urlEncode(sha256(utf8Encode('TEST PC browser session cookie 7f3a')));
    const offer = await createQrOffer(qrStore, {
      rpId: DEMO_RP.hospital,
      browserBinding: pcBinding,
      context: { browser: 'Firefox 140 on Windows 11', place: 'Tokyo, JP' },
      time: qrTime,
      random: demoRandom('qr/offer'),
    });
    out.say(
      `The PC browser asks hospital.example for an offer; the page shows this QR code and the number ${offer.code}:`,
    );
    const drawn = options.drawQr === false ? undefined : await renderQrForTerminal(offer.uri);
    if (drawn !== undefined) {
      qrDrawn = true;
      out.block(drawn);
    } else {
      out.say(
        options.drawQr === false
          ? '(QR drawing turned off; the URI it carries:)'
          : '(qrcode-terminal is not installed, so no QR is drawn; the URI it carries:)',
      );
    }
    out.say(offer.uri);
    out.file(
      'qr/offer.json',
      jsonText({
        uri: offer.uri,
        offerId: offer.offerId,
        numberShownOnPc: offer.code,
        exp: offer.exp,
      }),
    );

    const scanned = decodeQrUri(offer.uri, { rpId: DEMO_RP.hospital, time: qrTime + 15 });
    const context = await scanQrOffer(qrStore, {
      offerId: scanned.offerId,
      secret: scanned.secret,
      time: qrTime + 15,
    });
    out.say(
      `The hospital app scans it; the RP answers the session context the phone shows: "${context.browser}", "${context.place}", created ${iso(context.iat)}.`,
    );
    out.say(
      `Number matching: the phone offers ${context.choices.join(' / ')}; the person picks the one on the PC screen, ${offer.code}.`,
    );
    out.file('qr/session-context.json', jsonText(context));
    const approval = await createQrApproval({
      offer: scanned,
      context,
      code: offer.code,
      signer: hospital.device.sign,
      certificateChain: hospital.chain,
      time: qrTime + 20,
    });
    out.file('qr/approval.jws', approval);
    out.file('qr/approval.header.json', segmentBytes(approval, 0));
    out.file('qr/approval.payload.json', segmentBytes(approval, 1));
    const approved = await approveQrOffer(qrStore, approval, {
      rpId: DEMO_RP.hospital,
      trustAnchors,
      revocation,
      time: qrTime + 21,
    });
    check(
      'qr-approved',
      formatCommonCode(approved.identity.commonCode) === commonCode,
      `the RP verified the signed approval (offer, secret, number, RP) and marked the session approved`,
    );

    out.section('8. Attack: another PC session tries to collect that login');
    const attackerBinding = base64urlEncode(sha256(utf8Encode('TEST attacker browser session')));
    out.say(
      'An attacker who saw the QR code polls with its own browser session before the real PC collects.',
    );
    await attack(
      {
        name: 'collect-by-other-session',
        description: 'collect an approved QR login from another browser session',
        code: 'ERR_QR_SESSION',
        requirement: 'QR-50',
      },
      () =>
        collectQrLogin(qrStore, {
          offerId: offer.offerId,
          browserBinding: attackerBinding,
          time: qrTime + 22,
        }),
    );

    out.section('9. The PC collects the login');
    const collected = await collectQrLogin(qrStore, {
      offerId: offer.offerId,
      browserBinding: pcBinding,
      time: qrTime + 23,
    });
    out.file(
      'qr/collected.json',
      jsonText({
        commonCode: formatCommonCode(collected.commonCode),
        keyProtection: collected.keyProtection,
        certificateSerial: parseCertificate(collected.certificate).serialNumber,
      }),
    );
    check(
      'qr-collected',
      formatCommonCode(collected.commonCode) === commonCode,
      `the PC session that created the offer is now logged in as common code ${formatCommonCode(collected.commonCode)}`,
    );

    // 8. Attacks ------------------------------------------------------------------------------------
    out.section('10. Attack: the PC collects the same login again');
    await attack(
      {
        name: 'collect-twice',
        description: 'collect an already collected QR login',
        code: 'ERR_QR_STATE',
        requirement: 'QR-51',
      },
      () =>
        collectQrLogin(qrStore, {
          offerId: offer.offerId,
          browserBinding: pcBinding,
          time: qrTime + 24,
        }),
    );

    out.section('11. Attack: replay the hospital login response');
    out.say('Someone who captured the response in section 5 sends it again.');
    await attack(
      {
        name: 'replayed-login-response',
        description: 'send a login response a second time',
        code: 'ERR_CHALLENGE_REPLAYED',
        requirement: 'LOGIN-22',
      },
      () =>
        verifyLoginResponse(hospitalLogin.response, {
          rpId: DEMO_RP.hospital,
          trustAnchors,
          revocation,
          time: DEMO_TIME + 10,
          challengeStore: rpState[DEMO_RP.hospital],
        }),
    );

    out.section('12. Attack: a response made for another RP');
    out.say(
      'A malicious pharmacy.example forwards the response it received to hospital.example, hoping to log in there.',
    );
    await attack(
      {
        name: 'response-for-another-rp',
        description: "present the pharmacy's login response to the hospital",
        code: 'ERR_LOGIN_BINDING',
        requirement: 'LOGIN-18',
      },
      () =>
        verifyLoginResponse(pharmacyLogin.response, {
          rpId: DEMO_RP.hospital,
          trustAnchors,
          revocation,
          time: DEMO_TIME + 70,
          challengeStore: rpState[DEMO_RP.hospital],
        }),
    );

    out.section('13. Attack: a relayed QR code (QRLJacking) and the wrong number');
    const relayTime = DEMO_TIME + 300;
    const relayed = await createQrOffer(qrStore, {
      rpId: DEMO_RP.hospital,
      browserBinding: attackerBinding,
      context: { browser: 'Chrome 141 on Linux', place: 'Amsterdam, NL' },
      time: relayTime,
      random: demoRandom('qr/relayed-offer'),
    });
    out.file(
      'qr/relayed-offer.json',
      jsonText({ uri: relayed.uri, numberShownOnAttackersPc: relayed.code }),
    );
    const victimScan = decodeQrUri(relayed.uri, { rpId: DEMO_RP.hospital, time: relayTime + 10 });
    const victimContext = await scanQrOffer(qrStore, {
      offerId: victimScan.offerId,
      secret: victimScan.secret,
      time: relayTime + 10,
    });
    const guess = victimContext.choices.find((c) => c !== relayed.code) ?? '00';
    out.say(
      `The attacker's PC got an offer and relays the QR code to the victim ("scan to claim your coupon"). The phone shows "${victimContext.browser}, ${victimContext.place}"`,
    );
    out.say(
      `and the choices ${victimContext.choices.join(' / ')}; the number is only on the attacker's screen, so the victim picks ${guess}.`,
    );
    const wrongApproval = await createQrApproval({
      offer: victimScan,
      context: victimContext,
      code: guess,
      signer: hospital.device.sign,
      certificateChain: hospital.chain,
      time: relayTime + 15,
    });
    out.file('qr/relayed-approval.jws', wrongApproval);
    await attack(
      {
        name: 'relayed-qr-wrong-number',
        description:
          'approve a relayed QR offer with a number other than the one on the offering PC',
        code: 'ERR_QR_NUMBER',
        requirement: 'QR-36',
      },
      () =>
        approveQrOffer(qrStore, wrongApproval, {
          rpId: DEMO_RP.hospital,
          trustAnchors,
          revocation,
          time: relayTime + 16,
        }),
    );
    out.say("One guess only: the offer is now denied, so the attacker's PC gets nothing.");
    await attack(
      {
        name: 'relayed-qr-collect-after-denial',
        description: "the attacker's PC collects the denied offer",
        code: 'ERR_QR_STATE',
        requirement: 'QR-51',
      },
      () =>
        collectQrLogin(qrStore, {
          offerId: relayed.offerId,
          browserBinding: attackerBinding,
          time: relayTime + 17,
        }),
    );

    out.section('14. Attack: a stolen phone after its certificate is revoked');
    const revokeTime = DEMO_TIME + 3000;
    const crl2 = await issueCrl(
      ca.issuing,
      2,
      revokeTime,
      [{ serial: pc.serialNumber, revocationDate: revokeTime - 60, reason: 'keyCompromise' }],
      enrollTime,
    );
    out.say(
      `The person reports the pharmacy phone stolen; the CA revokes serial ${pc.serialNumber} and publishes CRL number 2.`,
    );
    out.file('ca/crls-after-revocation.pem', pem('X509 CRL', rootCrl) + pem('X509 CRL', crl2));
    const thiefTime = DEMO_TIME + 3600;
    const thiefChallenge = await issueLoginChallenge(rpState[DEMO_RP.pharmacy], {
      rpId: DEMO_RP.pharmacy,
      time: thiefTime,
      random: demoRandom('challenge/thief'),
    });
    const thiefResponse = await createLoginResponse(thiefChallenge, {
      signer: pharmacy.device.sign,
      certificateChain: pharmacy.chain,
      time: thiefTime + 1,
    });
    out.file('login/stolen-phone/response.jws', thiefResponse);
    await attack(
      {
        name: 'revoked-certificate',
        description: 'log in with the key of a revoked app certificate',
        code: 'ERR_REVOKED',
        requirement: 'REV-10',
      },
      () =>
        verifyLoginResponse(thiefResponse, {
          rpId: DEMO_RP.pharmacy,
          trustAnchors,
          revocation: { crls: [rootCrl, crl2], mode: 'require' },
          time: thiefTime + 2,
          challengeStore: rpState[DEMO_RP.pharmacy],
        }),
    );
    out.say(
      "The hospital app's certificate is not on that CRL, so the person still logs in there.",
    );
    const afterRevocation = await login(
      hospital,
      'hospital-after-revocation',
      thiefTime + 10,
      demoRandom('challenge/hospital-2'),
      { crls: [rootCrl, crl2], mode: 'require' },
    );
    check(
      'login-hospital-after-revocation',
      formatCommonCode(afterRevocation.result.commonCode) === commonCode,
      `hospital.example still accepts the hospital app (common code ${formatCommonCode(afterRevocation.result.commonCode)})`,
    );

    // 15.–21. Document signatures (spec/signature.md), in their own module.
    await runSigningStep({
      out,
      ca,
      card,
      commonCode: hc.commonCode as Uint8Array,
      rootCrl,
      crlNumber: 2,
      time: DEMO_TIME + 4000,
      revokedSoFar: [
        { serial: pc.serialNumber, revocationDate: revokeTime - 60, reason: 'keyCompromise' },
      ],
      phone: new SimulatedSecureElement('signing-iphone'),
      oldPhone: new SimulatedSecureElement('signing-old-android'),
      check,
      attack,
    });

    // 22.–34. Consent (spec/consent.md), in its own module; numbered after the document-signature
    // sections 15.–21. that main's demo runs before it.
    await runConsentScenario(
      { out, ca, crls: [rootCrl, crl2], app: hospital, time: DEMO_TIME + 4000, check, attack },
      22,
    );
  } catch (e) {
    const code = isJitsuinError(e)
      ? `${e.code}${e.requirement === undefined ? '' : ` [${e.requirement}]`}: `
      : '';
    check(
      'unexpected-error',
      false,
      `the demo stopped on an unexpected error: ${code}${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    );
  }
  return finish();
}
