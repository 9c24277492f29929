import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { pemDecode, pemDecodeAll, pemEncode } from '../../src/encoding/index.js';
import { expectRejection } from './encoding.helpers.js';

const bytesOf = (n: number, seed = 1): Uint8Array =>
  Uint8Array.from({ length: n }, (_, i) => (i * 131 + seed * 17) & 0xff);
/** 100 bytes: 136 base64 characters, so two full lines and a last line of 8. */
const DER = bytesOf(100);
const GOOD = pemEncode('CERTIFICATE', DER);

describe('PEM producer', () => {
  it('[ENC-33] writes the strict form: boundaries, 64-character lines, a last line of 4..64, padding, LF after every line', () => {
    const lines = GOOD.split('\n');
    expect(lines[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines.slice(1, -3).every((l) => l.length === 64)).toBe(true);
    expect(lines.at(-3)?.length).toBe(136 - 128);
    expect(lines.at(-2)).toBe('-----END CERTIFICATE-----');
    expect(lines.at(-1)).toBe('');
    expect(pemEncode('X509 CRL', Uint8Array.of(1))).toBe(
      '-----BEGIN X509 CRL-----\nAQ==\n-----END X509 CRL-----\n',
    );
    expect(pemEncode('CERTIFICATE', bytesOf(48)).split('\n')[1]?.length).toBe(64); // exactly one full line
  });
  it('[ENC-33] round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (b) => {
        expect(pemDecode(pemEncode('CERTIFICATE', b), 'CERTIFICATE')).toEqual(b);
      }),
    );
  });
  it('[ENC-33] writes byte for byte what openssl writes for the same certificate, and reads what openssl writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jitsuin-pem-'));
    try {
      const f = (n: string) => join(dir, n);
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-subj',
          '/CN=jitsuin pem test',
          '-days',
          '1',
          '-keyout',
          f('k.pem'),
          '-out',
          f('c.pem'),
        ],
        { stdio: 'ignore' },
      );
      execFileSync('openssl', ['x509', '-in', f('c.pem'), '-outform', 'DER', '-out', f('c.der')]);
      const der = new Uint8Array(readFileSync(f('c.der')));
      const opensslPem = readFileSync(f('c.pem'), 'utf8');
      expect(pemEncode('CERTIFICATE', der)).toBe(opensslPem);
      expect(pemDecode(opensslPem, 'CERTIFICATE')).toEqual(der);
      writeFileSync(f('ours.pem'), pemEncode('CERTIFICATE', der));
      expect(
        execFileSync('openssl', ['x509', '-in', f('ours.pem'), '-noout', '-subject'], {
          encoding: 'utf8',
        }),
      ).toContain('jitsuin pem test');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('rejects bad arguments with ERR_INVALID_ARGUMENT', () => {
    expectRejection(() => pemEncode('certificate-', DER), undefined, 'ERR_INVALID_ARGUMENT');
    expectRejection(
      () => pemEncode('CERTIFICATE', new Uint8Array(0)),
      undefined,
      'ERR_INVALID_ARGUMENT',
    );
    expectRejection(
      () => pemEncode('CERTIFICATE', [1, 2] as unknown as Uint8Array),
      undefined,
      'ERR_INVALID_ARGUMENT',
    );
    expectRejection(
      () => pemDecode(42 as unknown as string, 'CERTIFICATE'),
      undefined,
      'ERR_INVALID_ARGUMENT',
    );
    expectRejection(() => pemDecode(GOOD, 'A  B'), undefined, 'ERR_INVALID_ARGUMENT');
    expectRejection(
      () => pemDecode(GOOD, 'CERTIFICATE', { maxLength: -1 }),
      undefined,
      'ERR_INVALID_ARGUMENT',
    );
  });
});

describe('PEM receiver (strict form only)', () => {
  it('accepts the strict form as a string or ASCII bytes, with LF, CRLF or CR line endings, and copies nothing it shares', () => {
    expect(pemDecode(GOOD, 'CERTIFICATE')).toEqual(DER);
    expect(pemDecode(new TextEncoder().encode(GOOD), 'CERTIFICATE')).toEqual(DER);
    expect(pemDecode(GOOD.replace(/\n/g, '\r\n'), 'CERTIFICATE')).toEqual(DER);
    expect(pemDecode(GOOD.replace(/\n/g, '\r'), 'CERTIFICATE')).toEqual(DER);
  });
  it('[ENC-34] rejects text before or after the block, and a second block where one is expected', () => {
    expectRejection(() => pemDecode(`Subject: CN=x\n${GOOD}`, 'CERTIFICATE'), 'ENC-34');
    expectRejection(() => pemDecode(` ${GOOD}`, 'CERTIFICATE'), 'ENC-34');
    expectRejection(() => pemDecode(`\n${GOOD}`, 'CERTIFICATE'), 'ENC-34');
    expectRejection(() => pemDecode(`${GOOD}\n`, 'CERTIFICATE'), 'ENC-34');
    expectRejection(() => pemDecode(`${GOOD} `, 'CERTIFICATE'), 'ENC-34');
    expectRejection(() => pemDecode(`${GOOD}${GOOD}`, 'CERTIFICATE'), 'ENC-34');
    expectRejection(() => pemDecode('', 'CERTIFICATE'), 'ENC-34');
  });
  it('[ENC-35] rejects another label and an END label that differs from BEGIN', () => {
    expectRejection(() => pemDecode(pemEncode('X509 CRL', DER), 'CERTIFICATE'), 'ENC-35');
    expectRejection(
      () =>
        pemDecode(
          GOOD.replace('-----BEGIN CERTIFICATE-----', '-----BEGIN TRUSTED CERTIFICATE-----'),
          'CERTIFICATE',
        ),
      'ENC-35',
    );
    expectRejection(
      () =>
        pemDecode(
          GOOD.replace('-----END CERTIFICATE-----', '-----END X509 CRL-----'),
          'CERTIFICATE',
        ),
      'ENC-35',
    );
    expectRejection(
      () => pemDecode(GOOD.replace(/CERTIFICATE/g, 'certificate'), 'CERTIFICATE'),
      'ENC-35',
    );
  });
  it('[ENC-36] rejects malformed lines: boundary with extra text, missing line endings, headers, short or long lines, no body', () => {
    const lines = GOOD.split('\n');
    const join_ = (ls: string[]) => ls.join('\n');
    expectRejection(
      () =>
        pemDecode(
          GOOD.replace('-----BEGIN CERTIFICATE-----', '-----BEGIN CERTIFICATE----- '),
          'CERTIFICATE',
        ),
      'ENC-36',
    );
    expectRejection(
      () =>
        pemDecode(
          GOOD.replace('-----END CERTIFICATE-----', '-----END CERTIFICATE-----x'),
          'CERTIFICATE',
        ),
      'ENC-36',
    );
    expectRejection(() => pemDecode(GOOD.slice(0, -1), 'CERTIFICATE'), 'ENC-36'); // no LF after END
    expectRejection(
      () =>
        pemDecode(
          GOOD.replace('-----BEGIN CERTIFICATE-----\n', '-----BEGIN CERTIFICATE-----'),
          'CERTIFICATE',
        ),
      'ENC-36',
    );
    expectRejection(
      () =>
        pemDecode(join_([lines[0]!, 'Proc-Type: 4,ENCRYPTED', ...lines.slice(1)]), 'CERTIFICATE'),
      'ENC-36',
    );
    expectRejection(
      () => pemDecode(join_([lines[0]!, '', ...lines.slice(1)]), 'CERTIFICATE'),
      'ENC-36',
    ); // blank line
    // The same base64 re-wrapped at 76 (MIME) and 60 characters.
    const b64 = lines.slice(1, -2).join('');
    const wrap = (n: number) =>
      `-----BEGIN CERTIFICATE-----\n${b64.match(new RegExp(`.{1,${n}}`, 'g'))!.join('\n')}\n-----END CERTIFICATE-----\n`;
    expectRejection(() => pemDecode(wrap(76), 'CERTIFICATE'), 'ENC-36');
    expectRejection(() => pemDecode(wrap(60), 'CERTIFICATE'), 'ENC-36');
    expect(pemDecode(wrap(64), 'CERTIFICATE')).toEqual(DER);
    // A last line whose length is not a multiple of 4 (padding dropped).
    expectRejection(
      () =>
        pemDecode(pemEncode('CERTIFICATE', Uint8Array.of(1)).replace('AQ==', 'AQ'), 'CERTIFICATE'),
      'ENC-36',
    );
    expectRejection(
      () => pemDecode('-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n', 'CERTIFICATE'),
      'ENC-36',
    );
    expectRejection(
      () => pemDecode('-----BEGIN CERTIFICATE-----\nAQ==\n', 'CERTIFICATE'),
      'ENC-36',
    ); // no END
  });
  it('[ENC-37] rejects characters outside standard base64, inner padding, non-zero unused bits and non-ASCII bytes', () => {
    const one = pemEncode('CERTIFICATE', Uint8Array.of(0xfb, 0xff, 0xbf)); // "+/+/"
    expect(one).toContain('\n+/+/\n');
    expectRejection(() => pemDecode(one.replace('+/+/', '-_-_'), 'CERTIFICATE'), 'ENC-37');
    expectRejection(() => pemDecode(one.replace('+/+/', '+/ /'), 'CERTIFICATE'), 'ENC-37');
    expectRejection(() => pemDecode(one.replace('+/+/', '+/+\u00e9'), 'CERTIFICATE'), 'ENC-37');
    expectRejection(
      () =>
        pemDecode(
          pemEncode('CERTIFICATE', Uint8Array.of(1)).replace('AQ==', 'AR=='),
          'CERTIFICATE',
        ),
      'ENC-37',
    );
    expectRejection(
      () =>
        pemDecode(
          pemEncode('CERTIFICATE', bytesOf(49)).replace(/^(-.*\n.{60})..../m, '$1AQ=='),
          'CERTIFICATE',
        ),
      'ENC-37',
    );
    const bytes = new TextEncoder().encode(one);
    bytes[30] = 0xc3;
    expectRejection(() => pemDecode(bytes, 'CERTIFICATE'), 'ENC-37');
  });
  it('[ENC-38] reads a sequence of blocks that follow each other directly, and nothing between them', () => {
    const a = pemEncode('X509 CRL', bytesOf(10, 1));
    const b = pemEncode('X509 CRL', bytesOf(70, 2));
    expect(pemDecodeAll(a + b, 'X509 CRL')).toEqual([bytesOf(10, 1), bytesOf(70, 2)]);
    expect(pemDecodeAll(a, 'X509 CRL')).toEqual([bytesOf(10, 1)]);
    expectRejection(() => pemDecodeAll(`${a}\n${b}`, 'X509 CRL'), 'ENC-34');
    expectRejection(() => pemDecodeAll(`${a}# next\n${b}`, 'X509 CRL'), 'ENC-34');
    expectRejection(() => pemDecodeAll(a + pemEncode('CERTIFICATE', DER), 'X509 CRL'), 'ENC-35');
    expectRejection(() => pemDecodeAll('', 'X509 CRL'), 'ENC-34');
  });
  it('[ENC-39] rejects text longer than the limit before decoding it', () => {
    expectRejection(
      () => pemDecode(GOOD, 'CERTIFICATE', { maxLength: GOOD.length - 1 }),
      'ENC-39',
      'ERR_INPUT_TOO_LARGE',
    );
    expectRejection(
      () => pemDecode(new TextEncoder().encode(GOOD), 'CERTIFICATE', { maxLength: 10 }),
      'ENC-39',
      'ERR_INPUT_TOO_LARGE',
    );
    expect(pemDecode(GOOD, 'CERTIFICATE', { maxLength: GOOD.length })).toEqual(DER);
  });
});
