/**
 * Registry of the vector generators, in the order `vectors/` lists the suites (the same order as
 * the judges in `src/conformance/suites.ts`). Each area adds one import and one entry.
 * @module
 */
import type { VectorGenerator } from './types.js';
import { encodingGenerator } from './encoding.js';
import { ecdsaGenerator } from './ecdsa.js';
import { jwsGenerator } from './jws.js';
import { revocationGenerator } from './revocation.js';
import { certificatesGenerator } from './certificates.js';
import { loginGenerator } from './login.js';
import { qrGenerator } from './qr.js';
import { jpkiGenerator } from './jpki.js';
import { enrollmentGenerator } from './enrollment.js';
import { signatureGenerator } from './signature.js';
import { evidenceLogGenerator } from './evidence-log.js';
import { consentGenerator } from './consent.js';

/** Every generator of a published vector file. */
export const GENERATORS: readonly VectorGenerator[] = [
  encodingGenerator,
  ecdsaGenerator,
  jwsGenerator,
  revocationGenerator,
  certificatesGenerator,
  loginGenerator,
  qrGenerator,
  jpkiGenerator,
  enrollmentGenerator,
  signatureGenerator,
  evidenceLogGenerator,
  consentGenerator,
];
