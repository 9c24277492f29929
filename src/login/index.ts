/**
 * jitsuin/login — challenge–response login with a certified hardware key (normative text:
 * [spec/login.md](../../spec/login.md)): challenges, the single-use challenge store, the signed login response and
 * its verification by the relying party.
 * @module jitsuin/login
 */
export { isRpId } from './rp-id.js';
export {
  createLoginChallenge,
  encodeLoginChallenge,
  decodeLoginChallenge,
  loginChallengeToJson,
  MAX_CHALLENGE_LIFETIME,
  DEFAULT_CHALLENGE_LIFETIME,
  CHALLENGE_LENGTH,
  type LoginChallenge,
  type CreateLoginChallengeOptions,
} from './challenge.js';
export {
  MemoryChallengeStore,
  issueLoginChallenge,
  type ChallengeStore,
  type ChallengeConsumeResult,
  type MemoryChallengeStoreOptions,
} from './challenge-store.js';
export { createLoginResponse, LOGIN_TYP, type CreateLoginResponseOptions } from './response.js';
export {
  verifyLoginResponse,
  type VerifyLoginResponseOptions,
  type LoginResult,
} from './verify.js';
export {
  validateAppCertificate,
  type AppCertificateOptions,
  type AppCertificate,
} from './app-certificate.js';
export { MAX_CLOCK_TOLERANCE, DEFAULT_CLOCK_TOLERANCE } from './app-token.js';
