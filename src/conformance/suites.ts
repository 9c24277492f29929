/**
 * Registry of the judges of the published vector suites (what `jitsuin conformance` runs this
 * library through). Each area adds one import and one entry here and its generator to
 * `test/generators/index.ts`.
 * @internal
 */
import type { VectorSuite } from './types.js';
import { encodingSuite } from './suites/encoding.js';
import { ecdsaSuite } from './suites/ecdsa.js';
import { jwsSuite } from './suites/jws.js';
import { revocationSuite } from './suites/revocation.js';
import { certificatesSuite } from './suites/certificates.js';
import { loginSuite } from './suites/login.js';
import { qrSuite } from './suites/qr.js';
import { jpkiSuite } from './suites/jpki.js';
import { enrollmentSuite } from './suites/enrollment.js';
import { signatureSuite } from './suites/signature.js';
import { evidenceLogSuite } from './suites/evidence-log.js';
import { consentSuite } from './suites/consent.js';

/** Every suite this library publishes and answers, in the order `vectors/` lists them. */
export const SUITES: readonly VectorSuite[] = [
  encodingSuite,
  ecdsaSuite,
  jwsSuite,
  revocationSuite,
  certificatesSuite,
  loginSuite,
  qrSuite,
  jpkiSuite,
  enrollmentSuite,
  signatureSuite,
  evidenceLogSuite,
  consentSuite,
];
