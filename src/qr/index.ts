/**
 * jitsuin/qr — PC login by QR code (normative text: [spec/cross-device.md](../../spec/cross-device.md)): the QR offer URI,
 * number matching, the session state machine behind a compare-and-set store, the signed approval.
 * @module jitsuin/qr
 */
export { encodeQrUri, decodeQrUri, QR_URI_PATH, QR_URI_MAX_LENGTH, QR_RANDOM_LENGTH, type QrOfferUri, type DecodeQrUriOptions } from './uri.js';
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
export { MemoryQrSessionStore, type QrSessionStore, type MemoryQrSessionStoreOptions } from './store.js';
export { createQrOffer, registerQrOffer, newQrSession, drawQrNumbers, QR_DEFAULT_LIFETIME, QR_CHOICE_COUNT, type QrOffer, type QrOfferValues, type CreateQrOfferOptions } from './offer.js';
export { scanQrOffer, denyQrOffer, collectQrLogin, pollQrSession, qrSessionContext, type QrSessionContext, type QrSecretArgs, type QrBrowserArgs } from './flow.js';
export { createQrApproval, approveQrOffer, QR_APPROVAL_TYP, type CreateQrApprovalOptions, type ApproveQrOfferOptions, type QrApprovalResult } from './approval.js';
export { encodeQrSessionContext, decodeQrSessionContext } from './context.js';
