/** The CA's enrollment routes: challenge, then the enrollment request itself. @module */
import { fail } from '../internal/fail.js';
import { base64urlEncode, canonicalize } from '../encoding/index.js';
import { createEnrollmentChallenge } from '../enrollment/challenge.js';
import { processEnrollment, type ProcessEnrollmentOptions } from '../enrollment/process.js';
import { MAX_ENROLLMENT_REQUEST_SIZE } from '../enrollment/request.js';
import { jsonMembers } from './input.js';
import { jsonResponse, routeHandler, type FetchHandler, type HandlerOptions } from './router.js';

/** Options of {@link createCaHandler}: the enrollment pipeline's options, without the time (the handler's clock). */
export interface CaHandlerOptions extends HandlerOptions {
  readonly enrollment: Omit<ProcessEnrollmentOptions, 'time'>;
  /** Challenge lifetime in seconds (default 300). */
  readonly challengeLifetime?: number;
  /** The current J-LIS CRLs, asked for on every enrollment; takes precedence over `enrollment.crls`. */
  readonly crlSource?: () => readonly Uint8Array[] | Promise<readonly Uint8Array[]>;
  /** Refuse challenges for bindings the CA does not serve (default: every well-formed rpId / appId). */
  readonly allowBinding?: (rpId: string, appId: string) => boolean | Promise<boolean>;
}

/**
 * The CA's Fetch handler ([SRV-01]): `POST {basePath}/enrollment/challenge` with `{appId, rpId}`
 * answers a stored challenge; `POST {basePath}/enrollment` with the enrollment request as its body
 * (up to the request size limit) runs `processEnrollment` and answers the certificate chain
 * (base64url DER), the common code and the re-binding statements. Both are app routes.
 */
export function createCaHandler(options: CaHandlerOptions): FetchHandler {
  if (
    typeof options !== 'object' ||
    options === null ||
    typeof options.enrollment !== 'object' ||
    options.enrollment === null
  )
    fail('ERR_INVALID_ARGUMENT', 'createCaHandler: options.enrollment is required');
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  return routeHandler(
    {
      'enrollment/challenge': {
        browser: false,
        run: async (body) => {
          const { appId, rpId } = jsonMembers(body, { appId: 255, rpId: 255 });
          if (options.allowBinding !== undefined && !(await options.allowBinding(rpId!, appId!)))
            fail('ERR_ENROLLMENT', 'this CA does not enroll apps for this binding', 'SRV-01');
          const ch = createEnrollmentChallenge({
            rpId: rpId!,
            appId: appId!,
            time: now(),
            ...(options.challengeLifetime === undefined
              ? {}
              : { lifetime: options.challengeLifetime }),
          });
          await options.enrollment.challengeStore.put(ch);
          return jsonResponse(
            canonicalize({
              appId: ch.appId,
              challenge: ch.challenge,
              exp: ch.exp,
              iat: ch.iat,
              rpId: ch.rpId,
            }),
          );
        },
      },
      enrollment: {
        browser: false,
        maxBodyBytes: MAX_ENROLLMENT_REQUEST_SIZE,
        run: async (body) => {
          const crls =
            options.crlSource === undefined ? options.enrollment.crls : await options.crlSource();
          const r = await processEnrollment(body, { ...options.enrollment, crls, time: now() });
          return jsonResponse({
            certificate: base64urlEncode(r.certificate),
            chain: r.chain.map(base64urlEncode),
            commonCode: r.commonCodeText,
            commonCodeStatus: r.commonCodeStatus,
            keyProtection: r.keyProtection,
            rebindingStatements: [...r.rebindingStatements],
          });
        },
      },
    },
    options,
  );
}
