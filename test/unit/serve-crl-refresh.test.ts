/**
 * `jitsuin serve` left running for days: its TEST CRLs are reissued as they age, so app logins and
 * enrollments keep working where CRLs issued at start-up would be past their nextUpdate (fail
 * closed, REV-05). The app runs on a clock the test moves.
 */
import { describe, expect, it } from 'vitest';
import { createServeApp } from '../../src/cli/serve/app.js';
import {
  enrollmentRequestFor,
  randomCardSerial,
  simulatedApp,
  testCard,
} from '../../src/cli/serve/world.js';
import { MemoryChallengeStore } from '../../src/login/challenge-store.js';
import { MemoryQrSessionStore } from '../../src/qr/store.js';
import { MemoryEnrollmentChallengeStore } from '../../src/enrollment/challenge.js';
import { MemoryCommonCodeRegistry } from '../../src/enrollment/registry.js';
import { parseCrl } from '../../src/x509/revocation/crl.js';

const DAY = 86_400;

describe('jitsuin serve over days', () => {
  it('[REV-05] enrollment 2 days and app login 8 days after start-up: the CRLs in use are always current', async () => {
    let t = Math.floor(Date.now() / 1000);
    const now = (): number => t;
    const stores = {
      kind: 'memory' as const,
      challenges: new MemoryChallengeStore({ now }),
      qr: new MemoryQrSessionStore({ now }),
      enrollmentChallenges: new MemoryEnrollmentChallengeStore(),
      registry: new MemoryCommonCodeRegistry(),
      close: async () => {},
    };
    const errors: unknown[] = [];
    const app = await createServeApp({ stores, now, onError: (e) => errors.push(e) });
    const post = (path: string, body: string): Promise<Response> =>
      app.handler(
        new Request(`http://jitsuin.local${path}`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json' },
        }),
      );
    const login = async (): Promise<number> => {
      const challenge = await (await post('/rp/login/challenge', '{}')).text();
      const { response } = (await (
        await post('/phone/login', JSON.stringify({ challenge }))
      ).json()) as { response: string };
      return (await post('/rp/login/verify', JSON.stringify({ response }))).status;
    };
    expect(await login()).toBe(200);
    // The JPKI CRL of start-up covered a day either side; two days on, enrollment needs a fresh one.
    t += 2 * DAY;
    const card = await testCard(app.world, randomCardSerial());
    const request = await enrollmentRequestFor(
      simulatedApp('hospital.example', 'serve/second-phone'),
      card,
      stores.enrollmentChallenges,
      t,
    );
    const enrolled = await post('/ca/enrollment', request);
    expect(enrolled.status, await enrolled.clone().text()).toBe(200);
    // The app CAs' start-up CRLs are valid seven days; eight days on they are stale.
    t += 6 * DAY;
    expect(app.world.revocation.crls!.every((c) => parseCrl(c as Uint8Array).nextUpdate! < t)).toBe(
      true,
    );
    expect(await login(), JSON.stringify(errors.map(String))).toBe(200);
  });
});
