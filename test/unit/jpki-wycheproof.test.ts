import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isJitsuinError } from '../../src/errors.js';
import {
  readJpkiCertificate,
  verifyJpkiSignature,
  type JpkiCertificate,
} from '../../src/jpki/index.js';
import { issueTestJpkiCertificate, testRsaKey, TEST_JPKI_PEOPLE } from '../testpki/jpki.js';

// Wycheproof's RSASSA-PKCS1-v1_5 2048-bit SHA-256 file, passed through verifyJpkiSignature: each
// group's public key is put into a TEST JPKI signature certificate, so the exact verifier the CA
// uses for card signatures sees every case. The external folder is optional (.ci/run); without it
// vitest lists this suite as skipped, never as passed.
const FILE = join(
  new URL('../../../shared/external', import.meta.url).pathname,
  'wycheproof',
  'rsa_signature_2048_sha256_test.json',
);

interface WycheproofTest {
  tcId: number;
  comment: string;
  msg: string;
  sig: string;
  result: 'valid' | 'invalid' | 'acceptable';
  flags: string[];
}
interface WycheproofGroup {
  publicKeyDer: string;
  publicKey: { publicExponent: string };
  tests: WycheproofTest[];
}

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

async function certificateFor(spki: Uint8Array, serial: string): Promise<Uint8Array> {
  const signer = testRsaKey('jpki/person0/sign');
  return issueTestJpkiCertificate({
    kind: 'sign',
    serialNumber: serial,
    subjectKey: { ...signer, spki },
    personal: TEST_JPKI_PEOPLE[0]!,
  });
}

describe.runIf(existsSync(FILE))(
  'Wycheproof rsa_signature_2048_sha256 through verifyJpkiSignature',
  () => {
    it('[JPKI-13] accepts every valid case and rejects every invalid one (acceptable cases: either)', async () => {
      const file = JSON.parse(readFileSync(FILE, 'utf8')) as { testGroups: WycheproofGroup[] };
      const wrong: string[] = [];
      let checked = 0;
      for (const [g, group] of file.testGroups.entries()) {
        const der = await certificateFor(hex(group.publicKeyDer), `7700${g}1`);
        if (group.publicKey.publicExponent !== '010001') {
          // The JPKI profile admits only e = 65537: such keys never reach the signature check.
          expect(() => readJpkiCertificate(der)).toThrow(
            expect.objectContaining({ code: 'ERR_JPKI_PROFILE', requirement: 'JPKI-03' }),
          );
          continue;
        }
        const cert: JpkiCertificate = readJpkiCertificate(der);
        for (const t of group.tests) {
          checked++;
          const outcome = await verifyJpkiSignature(cert, hex(t.msg), hex(t.sig)).then(
            () => 'valid',
            (e: unknown) => {
              if (
                !isJitsuinError(e) ||
                !['ERR_SIGNATURE_INVALID', 'ERR_INVALID_SIGNATURE_ENCODING'].includes(e.code)
              )
                return `crash ${String(e)}`;
              return 'invalid';
            },
          );
          if (t.result !== 'acceptable' && outcome !== t.result)
            wrong.push(`tcId ${t.tcId} (${t.comment}): expected ${t.result}, got ${outcome}`);
          if (outcome.startsWith('crash')) wrong.push(`tcId ${t.tcId}: ${outcome}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(checked).toBeGreaterThan(200);
    });
  },
);
