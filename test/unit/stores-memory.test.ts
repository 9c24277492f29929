/** The store contract (test/stores/contract.ts) on the in-memory reference stores. */
import { describe, expect, it } from 'vitest';
import { MemoryChallengeStore } from '../../src/login/challenge-store.js';
import { MemoryEnrollmentChallengeStore } from '../../src/enrollment/challenge.js';
import { MemoryCommonCodeRegistry } from '../../src/enrollment/registry.js';
import { MemoryQrSessionStore } from '../../src/qr/store.js';
import { MemoryRenewalLinkStore } from '../../src/stores/index.js';
import { MemoryConsentUseStore, MemoryWithdrawalStore } from '../../src/consent/stores.js';
import {
  challengeStoreContract,
  consentUseStoreContract,
  enrollmentChallengeStoreContract,
  qrSessionStoreContract,
  registryContract,
  renewalLinkStoreContract,
  withdrawalStoreContract,
  witnessStateStoreContract,
} from '../stores/contract.js';
import { MemoryWitnessStateStore } from '../../src/ledger/witness.js';

describe('[STORE-01] [STORE-02] [STORE-03] [STORE-04] [STORE-05] login challenges', () =>
  challengeStoreContract(
    'MemoryChallengeStore',
    (c) => new MemoryChallengeStore({ now: c.now, retention: c.retention }),
  ));
// The in-memory enrollment store forgets only by size, never by time.
describe('[STORE-01] [STORE-02] [STORE-03] [STORE-05] enrollment challenges', () =>
  enrollmentChallengeStoreContract(
    'MemoryEnrollmentChallengeStore',
    () => new MemoryEnrollmentChallengeStore(),
    false,
  ));
describe('[STORE-04] [STORE-05] [STORE-06] QR sessions', () =>
  qrSessionStoreContract(
    'MemoryQrSessionStore',
    (c) => new MemoryQrSessionStore({ now: c.now, retention: c.retention }),
  ));
describe('[STORE-07] [STORE-08] common-code registry', () =>
  registryContract(
    'MemoryCommonCodeRegistry',
    (random) => new MemoryCommonCodeRegistry(random === undefined ? {} : { random }),
  ));
describe('[STORE-09] renewal links', () =>
  renewalLinkStoreContract('MemoryRenewalLinkStore', () => new MemoryRenewalLinkStore()));
describe('[STORE-12] consent use counts', () =>
  consentUseStoreContract('MemoryConsentUseStore', () => new MemoryConsentUseStore()));
describe('[STORE-13] consent withdrawals', () =>
  withdrawalStoreContract('MemoryWithdrawalStore', () => new MemoryWithdrawalStore()));
describe('[STORE-15] witness state', () =>
  witnessStateStoreContract('MemoryWitnessStateStore', () => new MemoryWitnessStateStore()));

describe('MemoryRenewalLinkStore', () => {
  it('[STORE-09] returns copies: mutating a returned link changes nothing stored', async () => {
    const links = new MemoryRenewalLinkStore();
    const issuer = new Uint8Array([1, 2, 3]);
    await links.add({ issuer, oldSerial: '01', newSerial: '02' });
    issuer[0] = 9;
    const got = await links.next(new Uint8Array([1, 2, 3]), '01');
    expect(got?.issuer).toEqual(new Uint8Array([1, 2, 3]));
    got!.issuer[0] = 7;
    expect((await links.previous(new Uint8Array([1, 2, 3]), '02'))?.issuer).toEqual(
      new Uint8Array([1, 2, 3]),
    );
    expect(links.size).toBe(1);
  });
});
