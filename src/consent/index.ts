/**
 * jitsuin/consent — dynamic opt-in (normative text: `spec/consent.md`): the requester's signed
 * consent request, the person's decision and withdrawal signed in any of their apps, the
 * provider's evaluation before every transfer with atomic use counts and withdrawals, the signed
 * transfer record the recipient verifies, and the evidence of all of it in the evidence log.
 * @module jitsuin/consent
 */
export {
  MAX_TRANSFERS,
  MAX_DATA_ITEMS,
  MAX_CONSENT_VALIDITY,
  MAX_USES,
  MAX_TEXT_LENGTH,
  type ConsentText,
  type ConsentDataItem,
  type ConsentTransfer,
  type ConsentRequestPayload,
  type ApprovedTransfer,
  type ConsentDecisionPayload,
  type ConsentWithdrawalPayload,
  type TransferRecordPayload,
} from './model.js';
export {
  checkConsentDisplay,
  requiredDisplayElements,
  jstDate,
  type ConsentLanguage,
} from './display.js';
export { consentIdOf, type ConsentTrustOptions, type ConsentAppCertificate } from './trust.js';
export {
  CONSENT_REQUEST_TYP,
  createConsentRequest,
  decodeConsentRequest,
  type CreateConsentRequestOptions,
  type SignedConsentRequest,
  type DecodedConsentRequest,
  type ConsentScreen,
  type DecodeConsentRequestOptions,
} from './request.js';
export {
  CONSENT_DECISION_TYP,
  CONSENT_WITHDRAWAL_TYP,
  createConsentDecision,
  createWithdrawal,
  verifyWithdrawal,
  recordWithdrawal,
  type CreateConsentDecisionOptions,
  type VerifiedConsentDecision,
  type CreateWithdrawalOptions,
  type VerifiedWithdrawal,
  type RecordWithdrawalOptions,
} from './decision.js';
export {
  MemoryConsentUseStore,
  MemoryWithdrawalStore,
  MemoryConsentRateLimiter,
  DEFAULT_REQUESTS_PER_DAY,
  type ConsentUseStore,
  type ConsentUseResult,
  type WithdrawalStore,
  type ConsentRateLimiter,
} from './stores.js';
export {
  authorizeTransfer,
  type AuthorizeTransferOptions,
  type AuthorizedTransfer,
} from './authorize.js';
export {
  TRANSFER_RECORD_TYP,
  verifyTransferRecord,
  type VerifyTransferRecordOptions,
  type VerifiedTransferRecord,
} from './record.js';
export {
  logConsentEvent,
  verifyConsentEvidence,
  appiRecords,
  type ConsentEventKind,
  type ConsentEvidenceLog,
  type ConsentEvent,
  type CheckpointMonitor,
  type VerifyConsentEvidenceOptions,
  type VerifiedConsentEvidence,
  type AppiTransferRecord,
} from './evidence.js';
export { WriterEvidenceLog, type WitnessCall } from './log.js';
