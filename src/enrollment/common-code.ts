/**
 * Resolving the common code of an enrolling person (spec/common-code.md §3–§4): the existing
 * binding, a re-binding along J-LIS renewal links, or a new code.
 * @module
 */
import { fail } from '../internal/fail.js';
import { bytesEqual } from '../encoding/bytes.js';
import { personKey } from './person-key.js';
import type { CommonCodeRegistry, JpkiRenewalLink } from './registry.js';

/** Most renewal links followed back from one certificate ([CC-08]). */
export const MAX_RENEWAL_HOPS = 8;

/**
 * The CA's view of J-LIS renewal links: given a certificate, the link from the certificate it
 * replaced, if J-LIS reported one. Backed by data the CA received over its registered J-LIS
 * channel, never by anything the app sent ([CC-08]).
 */
export interface RenewalLinkSource {
  /** The link whose `newSerial` is `serial`: the certificate `serial` replaced. */
  previous(issuer: Uint8Array, serial: string): Promise<JpkiRenewalLink | undefined>;
  /**
   * The link whose `oldSerial` is `serial`: the certificate that replaced `serial`, if any. Used to
   * refuse a superseded certificate ([CC-16]) and to check each link followed back ([CC-15]).
   */
  next(issuer: Uint8Array, serial: string): Promise<JpkiRenewalLink | undefined>;
}

/** One re-binding made while resolving. */
export interface Rebinding {
  readonly link: JpkiRenewalLink;
  readonly oldPersonKey: Uint8Array;
  readonly newPersonKey: Uint8Array;
}

/** How the code was found. */
export interface ResolvedCommonCode {
  readonly code: Uint8Array;
  readonly personKey: Uint8Array;
  /** `existing`: already bound; `rebound`: carried over through links; `new`: freshly assigned. */
  readonly status: 'existing' | 'rebound' | 'new';
  /** Re-bindings made by this call, oldest link first (each gets a statement). */
  readonly rebindings: readonly Rebinding[];
}

/**
 * Finds or assigns the common code of the JPKI signature certificate (`issuer`, `serial`):
 * 1. the code already bound to its person key (else, when J-LIS reports a successor of the
 *    certificate, ERR_COMMON_CODE: it is superseded);
 * 2. else, following J-LIS links back (at most {@link MAX_RENEWAL_HOPS}; each link must be the one
 *    J-LIS also reports forward from its old certificate), the code of the first bound predecessor,
 *    re-bound forward one link at a time;
 * 3. else a new random code.
 */
export async function resolveCommonCode(
  registry: CommonCodeRegistry,
  issuer: Uint8Array,
  serial: string,
  links?: RenewalLinkSource,
): Promise<ResolvedCommonCode> {
  const key = personKey(issuer, serial);
  const existing = await registry.lookup(key);
  if (existing !== undefined)
    return { code: existing, personKey: key, status: 'existing', rebindings: [] };
  if (links !== undefined) {
    // A certificate J-LIS already replaced is superseded, even before a CRL says so ([CC-16]).
    const successor = await links.next(issuer, serial);
    if (successor !== undefined) {
      if (successor.oldSerial !== serial || !bytesEqual(successor.issuer, issuer))
        fail(
          'ERR_COMMON_CODE',
          `renewal link source returned a link for another certificate (asked for the successor of ${serial})`,
          'CC-15',
        );
      fail(
        'ERR_COMMON_CODE',
        `certificate ${serial} was replaced by ${successor.newSerial} according to J-LIS; enrol with the new certificate`,
        'CC-16',
      );
    }
    const chain: Rebinding[] = [];
    const seen = new Set<string>([serial]);
    let current = serial;
    let currentKey = key;
    for (let hop = 0; hop < MAX_RENEWAL_HOPS; hop++) {
      const link = await links.previous(issuer, current);
      if (link === undefined) break;
      if (link.newSerial !== current || !bytesEqual(link.issuer, issuer))
        fail(
          'ERR_COMMON_CODE',
          `renewal link source returned a link for another certificate (asked for ${current})`,
          'CC-15',
        );
      if (seen.has(link.oldSerial)) fail('ERR_COMMON_CODE', 'renewal links form a cycle', 'CC-15');
      // One successor per certificate: a second link out of the same old certificate (a fork, e.g. a
      // forged or mis-recorded link) would give its code to two certificates, i.e. merge two people.
      const forward = await links.next(issuer, link.oldSerial);
      if (
        forward === undefined ||
        forward.newSerial !== current ||
        forward.oldSerial !== link.oldSerial ||
        !bytesEqual(forward.issuer, issuer)
      ) {
        fail(
          'ERR_COMMON_CODE',
          `renewal links disagree: ${link.oldSerial} → ${current}, but its successor is reported as ${forward?.newSerial ?? 'none'}`,
          'CC-15',
        );
      }
      seen.add(link.oldSerial);
      const oldKey = personKey(issuer, link.oldSerial);
      chain.unshift({ link, oldPersonKey: oldKey, newPersonKey: currentKey });
      const code = await registry.lookup(oldKey);
      if (code !== undefined) {
        let last = code;
        for (const r of chain)
          last = (await registry.rebind(r.oldPersonKey, r.newPersonKey, r.link)).code;
        return { code: last, personKey: key, status: 'rebound', rebindings: chain };
      }
      current = link.oldSerial;
      currentKey = oldKey;
    }
  }
  const assigned = await registry.assignOrGet(key);
  return {
    code: assigned.code,
    personKey: key,
    status: assigned.created ? 'new' : 'existing',
    rebindings: [],
  };
}
