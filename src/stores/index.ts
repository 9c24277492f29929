/**
 * jitsuin/stores — what every store of the library promises (normative text: `spec/stores.md`),
 * and the renewal-link store the CA writes J-LIS links to. The shared adapters live in
 * `jitsuin/stores/redis` and `jitsuin/stores/postgres`; the in-memory reference stores next to
 * their interfaces (`MemoryChallengeStore` in `jitsuin/login`, ...).
 * @module jitsuin/stores
 */
export { MemoryRenewalLinkStore, type RenewalLinkStore } from './renewal-links.js';
