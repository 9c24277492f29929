/** The signed QR approval: made by the app, verified and applied by the RP (`spec/cross-device.md` §5.2). @module */
import { fail } from '../internal/fail.js';
import { isIntegerSeconds, type JsonObject } from '../encoding/index.js';
import { JWS_TYP, signJws, type JwsSigner } from '../jws/index.js';
import { parseCertificate } from '../x509/index.js';
import type { AppCertificateOptions } from '../login/app-certificate.js';
import { checkVerifierOptions, verifyAppToken } from '../login/app-token.js';
import { checkMembers, type MemberSpec } from '../login/internal/members.js';
import { describe } from '../login/rp-id.js';
import { applyQrTransition, type QrSessionContext } from './flow.js';
import { approveTransition, type QrLoginIdentity } from './session.js';
import type { QrSessionStore } from './store.js';
import { encodeQrUri, type QrOfferUri } from './uri.js';
import { isTwoDigits } from './internal/fields.js';
import { objectArgument } from '../internal/args.js';

/** The `typ` of a QR approval. */
export const QR_APPROVAL_TYP = JWS_TYP.qrApproval;

/** Options of {@link createQrApproval}. */
export interface CreateQrApprovalOptions {
  /** The offer as decoded from the QR code ({@link decodeQrUri}). */
  readonly offer: QrOfferUri;
  /** The session context the RP answered to the scan, whose choices the user was shown. */
  readonly context: QrSessionContext;
  /** The number the user picked among the context's choices; there is no default ([QR-25]). */
  readonly code: string;
  /** Signs with the app's hardware key (DER or raw r‖s). */
  readonly signer: JwsSigner;
  /** The app certificate chain, DER, leaf first, without the root. */
  readonly certificateChain: readonly Uint8Array[];
  /** The app's current time; becomes `iat`. */
  readonly time: number;
}

/** Options of {@link approveQrOffer}: the login verifier's inputs. */
export interface ApproveQrOfferOptions extends AppCertificateOptions {
  /** Tolerated skew of the phone's clock in seconds, 0..300 (default 60). */
  readonly clockTolerance?: number;
}

/** What {@link approveQrOffer} reports to the app's request. */
export interface QrApprovalResult {
  readonly offerId: string;
  /** The identity the PC session will collect. */
  readonly identity: QrLoginIdentity;
}

const APPROVAL_MEMBERS: MemberSpec = {
  rpId: { kind: 'string' },
  offerId: { kind: 'b64-16' },
  secret: { kind: 'b64-16' },
  code: { kind: 'string' },
  iat: { kind: 'time' },
};

/**
 * Signs the approval of a scanned offer with the number the user picked. Refuses a missing code
 * (`ERR_INVALID_ARGUMENT`, [QR-25]); a code that is not one of the choices of the context, or a
 * context of another offer — another rpId, offerId or exp (`ERR_QR`, [QR-24]); an offer for another RP than the app certificate is
 * bound to (`ERR_QR`, [QR-05]).
 */
export async function createQrApproval(options: CreateQrApprovalOptions): Promise<string> {
  objectArgument(options, 'createQrApproval: options');
  const { offer, context } = options;
  encodeQrUri(offer); // validates every part of the offer
  if (!isTwoDigits(options.code))
    fail('ERR_INVALID_ARGUMENT', 'createQrApproval: no picked code of two decimal digits', 'QR-25');
  if (
    typeof context !== 'object' ||
    context === null ||
    context.offerId !== offer.offerId ||
    context.rpId !== offer.rpId ||
    context.exp !== offer.exp
  ) {
    fail('ERR_QR', 'createQrApproval: the session context is not the one of this offer', 'QR-24');
  }
  if (!Array.isArray(context.choices) || !context.choices.includes(options.code))
    fail(
      'ERR_QR',
      'createQrApproval: the code is not one of the choices the user was shown',
      'QR-24',
    );
  if (!isIntegerSeconds(options.time))
    fail(
      'ERR_INVALID_ARGUMENT',
      `createQrApproval: time ${describe(options.time)} is not integer seconds`,
    );
  const leafDer = options.certificateChain[0];
  if (leafDer === undefined)
    fail('ERR_INVALID_ARGUMENT', 'createQrApproval: certificateChain is empty');
  const binding = parseCertificate(leafDer).appBinding;
  if (binding?.rpId !== offer.rpId)
    fail(
      'ERR_QR',
      `offer is for RP ${JSON.stringify(offer.rpId)} but this app's certificate is bound to ${JSON.stringify(binding?.rpId ?? null)}`,
      'QR-05',
    );
  const payload: JsonObject = {
    rpId: offer.rpId,
    offerId: offer.offerId,
    secret: offer.secret,
    code: options.code,
    iat: options.time,
  };
  return signJws({
    typ: QR_APPROVAL_TYP,
    payload,
    certificateChain: options.certificateChain,
    signer: options.signer,
  });
}

/**
 * Verifies a QR approval and applies it to its session ([QR-31]–[QR-39]): the login checks with
 * `typ` `jitsuin-qr-approval+jws` (JWS profile, signature, path, login EKU, revocation, app binding),
 * the payload members and RP, then the `scanned → approved` transition (secret, expiry, state,
 * issued-at, number — a wrong number denies the offer).
 *
 * @throws JitsuinError with the code of the first failed check.
 */
export async function approveQrOffer(
  store: QrSessionStore,
  approval: string,
  options: ApproveQrOfferOptions,
): Promise<QrApprovalResult> {
  const tolerance = checkVerifierOptions(options, 'approveQrOffer');
  const { payload, app } = await verifyAppToken(approval, QR_APPROVAL_TYP, options);
  const p = checkMembers(
    payload,
    APPROVAL_MEMBERS,
    'QR approval payload',
    'ERR_LOGIN_PAYLOAD',
    'QR-32',
  );
  if (!isTwoDigits(p.code))
    fail('ERR_LOGIN_PAYLOAD', 'QR approval payload: code is not two decimal digits', 'QR-32');
  if (p.rpId !== options.rpId)
    fail(
      'ERR_LOGIN_RP_MISMATCH',
      `QR approval is for RP ${describe(p.rpId)}, not ${JSON.stringify(options.rpId)}`,
      'QR-37',
    );
  const offerId = p.offerId as string;
  const session = await store.get(offerId);
  if (session === undefined) fail('ERR_QR_OFFER_UNKNOWN', `offer ${offerId} is not known`, 'QR-30');
  if (session.rpId !== options.rpId)
    fail(
      'ERR_LOGIN_RP_MISMATCH',
      `offer ${offerId} was created for RP ${JSON.stringify(session.rpId)}`,
      'QR-37',
    );
  const identity: QrLoginIdentity = {
    commonCode: app.commonCode,
    commonCodeText: app.commonCodeText,
    certificate: app.certificate.der,
    keyProtection: app.keyProtection,
  };
  const event = {
    secret: p.secret as string,
    code: p.code as string,
    iat: p.iat as number,
    clockTolerance: tolerance,
    identity,
  };
  await applyQrTransition(store, offerId, (s) => approveTransition(s, event, options.time));
  return { offerId, identity };
}
