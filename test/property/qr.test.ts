/**
 * Model-based and concurrency properties of the QR session state machine ([QR-60], [QR-30]):
 * random command sequences agree with a reference model, and under any interleaving of
 * concurrent scan / approve / deny / collect calls (reads and compare-and-sets interleaved by
 * fast-check's scheduler) an offer is scanned, approved and collected at most once.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64urlEncode } from '../../src/encoding/index.js';
import { isJitsuinError } from '../../src/errors.js';
import { MemoryQrSessionStore, type QrSessionStore } from '../../src/qr/store.js';
import { registerQrOffer, type QrOfferValues } from '../../src/qr/offer.js';
import { applyQrTransition, collectQrLogin, denyQrOffer, scanQrOffer } from '../../src/qr/flow.js';
import {
  approveTransition,
  QR_COLLECT_WINDOW,
  type QrLoginIdentity,
  type QrSession,
  type QrState,
} from '../../src/qr/session.js';

const T0 = 1_767_225_600;
const O = 'AAECAwQFBgcICQoLDA0ODw';
const S = 'EBESExQVFhcYGRobHB0eHw';
const WRONG = 'ICEiIyQlJicoKSorLC0uLw';
const PC = base64urlEncode(new Uint8Array(32).fill(1));
const OTHER = base64urlEncode(new Uint8Array(32).fill(2));
const ID: QrLoginIdentity = {
  commonCode: new Uint8Array(16),
  commonCodeText: 'test',
  certificate: new Uint8Array([1]),
  keyProtection: 'tee',
};
const VALUES: QrOfferValues = {
  rpId: 'rp.example',
  offerId: O,
  secret: S,
  code: '42',
  choices: ['42', '07', '99'],
  browserBinding: PC,
  context: { browser: 'b', place: 'p' },
  time: T0,
  exp: T0 + 120,
};

type Op =
  | { kind: 'scan'; secretOk: boolean }
  | { kind: 'approve'; secretOk: boolean; codeOk: boolean }
  | { kind: 'deny'; secretOk: boolean }
  | { kind: 'collect'; bindingOk: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('scan' as const), secretOk: fc.boolean() }),
  fc.record({
    kind: fc.constant('approve' as const),
    secretOk: fc.boolean(),
    codeOk: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('deny' as const), secretOk: fc.boolean() }),
  fc.record({ kind: fc.constant('collect' as const), bindingOk: fc.boolean() }),
);

function run(store: QrSessionStore, op: Op, time: number): Promise<unknown> {
  switch (op.kind) {
    case 'scan':
      return scanQrOffer(store, { offerId: O, secret: op.secretOk ? S : WRONG, time });
    case 'approve':
      return applyQrTransition(store, O, (s) =>
        approveTransition(
          s,
          {
            secret: op.secretOk ? S : WRONG,
            code: op.codeOk ? '42' : '07',
            iat: time,
            clockTolerance: 60,
            identity: ID,
          },
          time,
        ),
      );
    case 'deny':
      return denyQrOffer(store, { offerId: O, secret: op.secretOk ? S : WRONG, time });
    case 'collect':
      return collectQrLogin(store, { offerId: O, browserBinding: op.bindingOk ? PC : OTHER, time });
  }
}

/** The reference model: the table of spec/cross-device.md §5, written independently of session.ts. */
function model(
  m: { state: QrState; approvedAt?: number },
  op: Op,
  time: number,
): { error?: string; next: { state: QrState; approvedAt?: number } } {
  const authOk = op.kind === 'collect' ? op.bindingOk : op.secretOk;
  if (!authOk)
    return { error: op.kind === 'collect' ? 'ERR_QR_SESSION' : 'ERR_QR_SECRET', next: m };
  const live = m.state === 'pending' || m.state === 'scanned';
  if (
    (live && time > T0 + 120) ||
    (m.state === 'approved' && time > (m.approvedAt ?? 0) + QR_COLLECT_WINDOW)
  )
    return { error: 'ERR_QR_EXPIRED', next: { state: 'expired' } };
  const stateErr = m.state === 'expired' ? 'ERR_QR_EXPIRED' : 'ERR_QR_STATE';
  switch (op.kind) {
    case 'scan':
      return m.state === 'pending' ? { next: { state: 'scanned' } } : { error: stateErr, next: m };
    case 'approve':
      if (m.state !== 'scanned') return { error: stateErr, next: m };
      return op.codeOk
        ? { next: { state: 'approved', approvedAt: time } }
        : { error: 'ERR_QR_NUMBER', next: { state: 'denied' } };
    case 'deny':
      return m.state === 'scanned' ? { next: { state: 'denied' } } : { error: stateErr, next: m };
    case 'collect':
      return m.state === 'approved'
        ? { next: { state: 'collected' } }
        : { error: stateErr, next: m };
  }
}

async function outcome(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    if (!isJitsuinError(e)) throw e;
    return e.code;
  }
}

describe('QR state machine (model-based)', () => {
  it('[QR-30] any sequence of events agrees with the transition table', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(opArb, fc.integer({ min: 0, max: 40 })), { maxLength: 12 }),
        async (ops) => {
          const store = new MemoryQrSessionStore({ now: () => T0 });
          await registerQrOffer(store, VALUES);
          let m: { state: QrState; approvedAt?: number } = { state: 'pending' };
          let time = T0;
          for (const [op, dt] of ops) {
            time += dt;
            const expected = model(m, op, time);
            expect(await outcome(run(store, op, time))).toBe(expected.error);
            m = expected.next;
            expect((await store.get(O))?.state).toBe(m.state);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** A store whose every read and compare-and-set is a separately scheduled step. */
function scheduledStore(inner: MemoryQrSessionStore, s: fc.Scheduler): QrSessionStore {
  return {
    create: (session) => inner.create(session),
    get: (id) => s.schedule(Promise.resolve(), 'get').then(() => inner.get(id)),
    compareAndSet: (v, next: QrSession) =>
      s.schedule(Promise.resolve(), `cas ${next.state}`).then(() => inner.compareAndSet(v, next)),
  };
}

describe('QR concurrency', () => {
  it('[QR-60] under any interleaving an offer is scanned, approved and collected at most once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.constantFrom<QrState>('pending', 'scanned', 'approved'),
        fc.array(
          opArb.map((op) => ({ ...op, secretOk: true, bindingOk: true }) as unknown as Op),
          { minLength: 2, maxLength: 8 },
        ),
        async (s, start, ops) => {
          const inner = new MemoryQrSessionStore({ now: () => T0 });
          await registerQrOffer(inner, VALUES);
          if (start !== 'pending')
            await scanQrOffer(inner, { offerId: O, secret: S, time: T0 + 1 });
          if (start === 'approved')
            await run(inner, { kind: 'approve', secretOk: true, codeOk: true }, T0 + 2);
          const store = scheduledStore(inner, s);
          const results = ops.map((op) =>
            outcome(run(store, op, T0 + 10)).then((error) => ({ op, error })),
          );
          await s.waitFor(Promise.all(results));
          const done = await Promise.all(results);
          const ok = (k: Op['kind']) =>
            done.filter((d) => d.op.kind === k && d.error === undefined).length;
          expect(ok('scan')).toBeLessThanOrEqual(start === 'pending' ? 1 : 0);
          expect(ok('approve')).toBeLessThanOrEqual(start === 'approved' ? 0 : 1);
          expect(ok('collect')).toBeLessThanOrEqual(1);
          const approvedNow = ok('approve') === 1;
          const deniedNow = ok('deny') === 1 || done.some((d) => d.error === 'ERR_QR_NUMBER');
          expect(approvedNow && deniedNow).toBe(false);
          if (ok('collect') === 1) expect(start === 'approved' || approvedNow).toBe(true);
          for (const d of done)
            expect(
              d.error === undefined || ['ERR_QR_STATE', 'ERR_QR_NUMBER'].includes(d.error),
            ).toBe(true);
          const final = (await inner.get(O))?.state;
          if (ok('collect') === 1) expect(final).toBe('collected');
          else if (approvedNow || start === 'approved') expect(final).toBe('approved');
          else if (deniedNow) expect(final).toBe('denied');
        },
      ),
      { numRuns: 300 },
    );
  });
});
