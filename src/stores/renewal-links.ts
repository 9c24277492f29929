/**
 * Where the CA keeps the J-LIS renewal links it received, as the {@link RenewalLinkSource} that
 * `processEnrollment` follows, and the in-memory reference store.
 * @module
 */
import { fail } from '../internal/fail.js';
import { bytesEqual } from '../encoding/bytes.js';
import { hexEncode } from '../encoding/hex.js';
import type { RenewalLinkSource } from '../enrollment/common-code.js';
import type { JpkiRenewalLink } from '../enrollment/registry.js';

/**
 * A {@link RenewalLinkSource} the CA also writes to. A certificate has at most one successor and
 * at most one predecessor: `add` MUST refuse a second, different link out of or into the same
 * certificate ([STORE-09]), since a fork would hand one common code to two certificates.
 */
export interface RenewalLinkStore extends RenewalLinkSource {
  /**
   * Records `link`; true when it was added, false when this exact link was already there.
   * @throws JitsuinError `ERR_COMMON_CODE` when another link leaves `oldSerial` or reaches `newSerial`.
   */
  add(link: JpkiRenewalLink): Promise<boolean>;
}

/** Checks a link's shape before it is stored. @internal */
export function checkRenewalLink(link: unknown, where: string): JpkiRenewalLink {
  const l = link as JpkiRenewalLink;
  if (
    typeof link !== 'object' ||
    link === null ||
    !(l.issuer instanceof Uint8Array) ||
    l.issuer.length === 0 ||
    !isSerial(l.oldSerial) ||
    !isSerial(l.newSerial) ||
    l.oldSerial === l.newSerial
  ) {
    fail(
      'ERR_INVALID_ARGUMENT',
      `${where}: a link needs issuer bytes and two different lower-case hex serials`,
    );
  }
  return { issuer: l.issuer.slice(), oldSerial: l.oldSerial, newSerial: l.newSerial };
}

function isSerial(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 64 && /^[0-9a-f]+$/.test(v);
}

/** True when two links are the same link. @internal */
export function sameLink(a: JpkiRenewalLink, b: JpkiRenewalLink): boolean {
  return (
    bytesEqual(a.issuer, b.issuer) && a.oldSerial === b.oldSerial && a.newSerial === b.newSerial
  );
}

/** The error of a second link out of or into one certificate ([STORE-09]). @internal */
export function forkError(link: JpkiRenewalLink): never {
  return fail(
    'ERR_COMMON_CODE',
    `renewal link ${link.oldSerial} → ${link.newSerial} conflicts with a link already recorded (one successor and one predecessor per certificate)`,
    'STORE-09',
  );
}

const copy = (l: JpkiRenewalLink): JpkiRenewalLink => ({
  issuer: l.issuer.slice(),
  oldSerial: l.oldSerial,
  newSerial: l.newSerial,
});

/** In-memory reference {@link RenewalLinkStore}; each method runs without awaiting, so atomic in-process. */
export class MemoryRenewalLinkStore implements RenewalLinkStore {
  readonly #byOld = new Map<string, JpkiRenewalLink>();
  readonly #byNew = new Map<string, JpkiRenewalLink>();

  /** Number of links recorded. */
  get size(): number {
    return this.#byOld.size;
  }

  async add(link: JpkiRenewalLink): Promise<boolean> {
    const l = checkRenewalLink(link, 'MemoryRenewalLinkStore.add');
    const issuer = hexEncode(l.issuer);
    const out = this.#byOld.get(`${issuer}/${l.oldSerial}`);
    const into = this.#byNew.get(`${issuer}/${l.newSerial}`);
    if (out !== undefined && sameLink(out, l)) return false;
    if (out !== undefined || into !== undefined) forkError(l);
    this.#byOld.set(`${issuer}/${l.oldSerial}`, l);
    this.#byNew.set(`${issuer}/${l.newSerial}`, l);
    return true;
  }

  async previous(issuer: Uint8Array, serial: string): Promise<JpkiRenewalLink | undefined> {
    const l = this.#byNew.get(`${hexEncode(issuer)}/${serial}`);
    return l === undefined ? undefined : copy(l);
  }

  async next(issuer: Uint8Array, serial: string): Promise<JpkiRenewalLink | undefined> {
    const l = this.#byOld.get(`${hexEncode(issuer)}/${serial}`);
    return l === undefined ? undefined : copy(l);
  }
}
