/**
 * How the demo's apps get their certificates. The protocol's way is enrollment with the My Number
 * Card (issue 5: the JPKI signature proves the person, the CA assigns or finds the common code and
 * certifies the app's hardware key). Until that is wired into the demo, the CA issues the app
 * certificates directly with the x509 builder — and the narration says so.
 * @module
 */
import { hexEncode } from '../../encoding/hex.js';
import { formatCommonCode } from '../../x509/common-code.js';
import type { KeyProtection } from '../../x509/extensions.js';
import type { SimulatedSecureElement } from './hardware.js';
import type { DemoOutput } from './output.js';
import { issueAppCertificate, type DemoCaPki } from './pki.js';

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

/** Inputs of {@link enrollApps}. */
export interface EnrollAppsOptions {
  readonly out: DemoOutput;
  readonly ca: DemoCaPki;
  /** When the CA issues (seconds since the epoch). */
  readonly time: number;
  /** The CA's random source (common-code assignment). */
  readonly random: (length: number) => Uint8Array;
  readonly apps: readonly DemoAppSpec[];
}

/** Two years, the app certificates' lifetime in the demo. */
const APP_LIFETIME = 2 * 365 * 86_400;

/** Certifies every app's key with the same common code; reports how it did it. */
export async function enrollApps(options: EnrollAppsOptions): Promise<{ mode: 'jpki-enrollment' | 'direct-issuance'; apps: EnrolledApp[] }> {
  const { out, ca } = options;
  out.say('Enrollment with the My Number Card (issue 5) is not yet wired into this demo:');
  out.say('the CA issues the app certificates directly with the x509 builder, skipping the JPKI proof of the person.');
  const commonCode = options.random(16);
  out.say(`The CA assigns the person a random 128-bit common code at the first enrollment: ${formatCommonCode(commonCode)}`);
  out.say(`(hex ${hexEncode(commonCode)}; never derived from the Individual Number).`);
  const apps: EnrolledApp[] = [];
  let serial = 0x1001;
  for (const app of options.apps) {
    const certificate = await issueAppCertificate(ca, {
      serial: (serial++).toString(16), publicKey: app.device.publicKey, commonCode, rpId: app.rpId, appId: app.appId,
      keyProtection: app.keyProtection, notBefore: options.time, notAfter: options.time + APP_LIFETIME,
    });
    apps.push({ ...app, certificate, chain: [certificate, ca.issuing.certificate] });
  }
  return { mode: 'direct-issuance', apps };
}
