/**
 * The window of times in which a validation's answer cannot change (spec/certificates.md PATH-14,
 * spec/revocation.md REV-38).
 *
 * Every rule of path validation and revocation that depends on the time has the form "the time has
 * reached instant x" (a certificate has expired, a CRL is stale, an OCSP answer is too old, a source
 * is no longer "not yet valid"). Each such predicate is monotonic in the time: once true it stays
 * true. So if every comparison goes through {@link TimeWindow.reached}, the answer computed at
 * `time` is the answer at every time in `[time, validUntil)`, where `validUntil` is the earliest
 * instant among the comparisons that were still false — whether the input they concerned was then
 * used or rejected. A cached result may be returned exactly in that window: cached and fresh
 * answers are equal by construction, not by listing which inputs matter.
 * @internal
 */
export class TimeWindow {
  #until = Infinity;

  constructor(readonly time: number) {}

  /** True when the time is at or after `instant`; records `instant` as a bound when it is not. */
  reached(instant: number): boolean {
    if (this.time >= instant) return true;
    if (instant < this.#until) this.#until = instant;
    return false;
  }

  /** True when the time is after `instant` (e.g. a notAfter), i.e. it has reached `instant + 1`. */
  after(instant: number): boolean {
    return this.reached(instant + 1);
  }

  /** True when `start <= time <= end` (a certificate's validity period, both ends inclusive). */
  within(start: number, end: number): boolean {
    // Both comparisons are made, so that both bounds are recorded whatever the first answers.
    const started = this.reached(start);
    const ended = this.after(end);
    return started && !ended;
  }

  /** First time (exclusive) at which some comparison made so far would answer differently; Infinity if none. */
  get validUntil(): number {
    return this.#until;
  }
}
