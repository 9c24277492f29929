/**
 * jitsuin/jws — the JWS Compact profile of [spec/jws.md](../../spec/jws.md): ES256 only, explicit `typ` per message
 * kind, the signer's chain in `x5c`, canonical header and payload, signature checked before the
 * payload is parsed.
 * @module jitsuin/jws
 */
export { signJws } from './sign.js';
export { verifyJws } from './verify.js';
export { decodeJwsUnverified } from './decode.js';
export { JWS_TYP, isJwsTyp, type JwsTyp } from './typ.js';
export {
  DEFAULT_JWS_LIMITS,
  type ChainValidator,
  type JwsHeader,
  type JwsLimits,
  type JwsSigner,
  type JwsSignerSignature,
  type SignJwsOptions,
  type UnverifiedJws,
  type VerifiedJws,
  type VerifyJwsOptions,
  type VerifyJwsWithChainOptions,
  type VerifyJwsWithoutChainOptions,
} from './types.js';
