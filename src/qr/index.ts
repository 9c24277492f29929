/**
 * jitsuin/qr — PC login by QR code (normative text: [spec/cross-device.md](../../spec/cross-device.md)): the QR offer URI,
 * number matching, the session state machine behind a compare-and-set store, the signed approval.
 *
 * @example The relying party's server, from offer to collected login
 * ```ts
 * import { approveQrOffer, collectQrLogin, createQrOffer, MemoryQrSessionStore } from 'jitsuin/qr';
 *
 * const sessions = new MemoryQrSessionStore(); // a shared compare-and-set store across servers
 * const now = () => Math.floor(Date.now() / 1000);
 * // PC browser asks to log in: show offer.uri as a QR code and offer.code for number matching.
 * const offer = await createQrOffer(sessions, { rpId: 'hospital.example', browserBinding, context: browserContext, time: now() });
 * // The app posts its signed approval (after the person picked the number shown on the PC).
 * await approveQrOffer(sessions, approvalJws, { rpId: 'hospital.example', trustAnchors: [caRootDer], revocation, time: now() });
 * // The PC collects the login once, with the binding of the browser that asked.
 * const identity = await collectQrLogin(sessions, { offerId: offer.offerId, browserBinding, time: now() });
 * ```
 * @module jitsuin/qr
 */
export {
  encodeQrUri,
  decodeQrUri,
  QR_URI_PATH,
  QR_URI_MAX_LENGTH,
  QR_RANDOM_LENGTH,
  type QrOfferUri,
  type DecodeQrUriOptions,
} from './uri.js';
export {
  scanTransition,
  approveTransition,
  denyTransition,
  collectTransition,
  pollTransition,
  QR_COLLECT_WINDOW,
  QR_MAX_LIFETIME,
  type QrState,
  type QrSession,
  type QrTransition,
  type QrApprovalEvent,
  type QrBrowserContext,
  type QrLoginIdentity,
} from './session.js';
export {
  MemoryQrSessionStore,
  type QrSessionStore,
  type MemoryQrSessionStoreOptions,
} from './store.js';
export {
  createQrOffer,
  registerQrOffer,
  newQrSession,
  drawQrNumbers,
  QR_DEFAULT_LIFETIME,
  QR_CHOICE_COUNT,
  type QrOffer,
  type QrOfferValues,
  type CreateQrOfferOptions,
} from './offer.js';
export {
  scanQrOffer,
  denyQrOffer,
  collectQrLogin,
  pollQrSession,
  qrSessionContext,
  type QrSessionContext,
  type QrSecretArgs,
  type QrBrowserArgs,
} from './flow.js';
export {
  createQrApproval,
  approveQrOffer,
  QR_APPROVAL_TYP,
  type CreateQrApprovalOptions,
  type ApproveQrOfferOptions,
  type QrApprovalResult,
} from './approval.js';
export { encodeQrSessionContext, decodeQrSessionContext } from './context.js';
