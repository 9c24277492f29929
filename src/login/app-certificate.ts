/**
 * The one place where login and QR approval verification call certificate path validation
 * (`spec/login.md` §4.2 steps 3–4): the `x5c` chain must validate to the RP's own trust anchors
 * under the app-authentication profile, with the login extended key usage and revocation, and the
 * leaf must be bound to this RP.
 * @module
 */
import { fail } from '../internal/fail.js';
import { JITSUIN_OID } from '../x509/oids.js';
import { validateCarriedChain } from '../x509/carried-chain.js';
import type { Certificate } from '../x509/certificate.js';
import type { AppBinding, KeyProtection } from '../x509/extensions.js';
import type { TrustInputs } from '../x509/trust-inputs.js';
import { arrayArgument, objectArgument } from '../internal/args.js';

/** What an RP passes to validate an app certificate chain: its trust inputs and its rpId. */
export interface AppCertificateOptions extends TrustInputs {
  /** The verifier's RP identifier; the leaf's app binding must name it. */
  readonly rpId: string;
}

/** The validated app certificate and the profile fields a login yields. */
export interface AppCertificate {
  /** The parsed leaf (app) certificate. */
  readonly certificate: Certificate;
  /** The validated path, leaf first. */
  readonly path: readonly Certificate[];
  /** The person's 16-byte common code. */
  readonly commonCode: Uint8Array;
  /** Its text form with check character, for logs and user interfaces (`formatCommonCode`). */
  readonly commonCodeText: string;
  /** The RP and app the key is bound to. */
  readonly appBinding: AppBinding;
  /** How the key is protected. */
  readonly keyProtection: KeyProtection;
}

/**
 * Validates `chain` (DER, leaf first, as `x5c` carries it) for a login at `options.rpId`:
 * RFC 5280 path validation with the `app-authentication` profile, the login EKU ([LOGIN-14],
 * [LOGIN-15]), revocation ([LOGIN-16]), then the app binding ([LOGIN-18]).
 */
export async function validateAppCertificate(
  chain: readonly Uint8Array[],
  options: AppCertificateOptions,
): Promise<AppCertificate> {
  arrayArgument(chain, 'validateAppCertificate: chain');
  objectArgument(options, 'validateAppCertificate: options');
  const result = await validateCarriedChain(chain, options, {
    profile: 'app-authentication',
    requiredEku: JITSUIN_OID.ekuLogin,
  });
  const certificate = result.leaf;
  const { appBinding, commonCode, commonCodeText, keyProtection } = result;
  if (appBinding === undefined)
    fail('ERR_LOGIN_BINDING', 'the app certificate has no app-binding extension', 'LOGIN-18');
  if (appBinding.rpId !== options.rpId)
    fail(
      'ERR_LOGIN_BINDING',
      `the app certificate is bound to RP ${JSON.stringify(appBinding.rpId)}, not ${JSON.stringify(options.rpId)}`,
      'LOGIN-18',
    );
  if (commonCode === undefined || commonCodeText === undefined || keyProtection === undefined)
    fail(
      'ERR_CERT_PROFILE',
      'the app certificate lacks the common code or key protection the profile requires',
      'LOGIN-14',
    );
  return { certificate, path: result.path, commonCode, commonCodeText, appBinding, keyProtection };
}
