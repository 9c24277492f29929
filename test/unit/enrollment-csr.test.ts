import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../src/encoding/bytes.js';
import { signEcdsa } from '../../src/crypto/ecdsa.js';
import { encodeTlv } from '../../src/x509/der.js';
import { encodeOid } from '../../src/x509/oid.js';
import {
  buildEnrollmentCsr,
  enrollmentKeyBinding,
  verifyEnrollmentCsr,
} from '../../src/enrollment/index.js';
import { base64urlEncode } from '../../src/encoding/base64url.js';
import { JITSUIN_OID } from '../../src/x509/oids.js';
import { testEcKey } from '../testpki/app-ca.js';

// CSRs are built by hand here so that each case breaks exactly one DER rule inside parts that a
// schema decoder keeps as opaque bytes (attribute values), or carries an OID arc asn1js cannot
// re-encode (jitsuin's own UUID arc is above 2^53).
const key = testEcKey('unit/enrollment-csr/app');
const ECDSA_WITH_SHA256 = Uint8Array.of(
  0x30,
  0x0a,
  0x06,
  0x08,
  0x2a,
  0x86,
  0x48,
  0xce,
  0x3d,
  0x04,
  0x03,
  0x02,
);
const JITSUIN_COMMON_CODE_OID = '2.25.236537640982490090959633515664135831664.1.1';

function csrWith(
  attributes: Uint8Array,
  subject: Uint8Array = Uint8Array.of(0x30, 0x00),
): Uint8Array {
  const info = encodeTlv(
    0x30,
    concatBytes(Uint8Array.of(0x02, 0x01, 0x00), subject, key.spki, encodeTlv(0xa0, attributes)),
  );
  const signature = signEcdsa(key.privateKey, info, { format: 'der' });
  return encodeTlv(
    0x30,
    concatBytes(info, ECDSA_WITH_SHA256, encodeTlv(0x03, concatBytes(Uint8Array.of(0), signature))),
  );
}
const attribute = (oid: string, values: Uint8Array): Uint8Array =>
  encodeTlv(0x30, concatBytes(encodeOid(oid), encodeTlv(0x31, values)));

describe('CSR DER strictness without an asn1js round trip', () => {
  const enrollment = {
    challenge: base64urlEncode(new Uint8Array(32).fill(7)),
    rpId: 'bank.example.jp',
    appId: 'TEAMID.jp.example.bank',
  };

  it("[ENR-04] [ENR-17] accepts the CSR the app side builds, which carries its key's binding to the enrollment", async () => {
    const csr = await buildEnrollmentCsr(
      { publicKey: key.spki, sign: async (m) => signEcdsa(key.privateKey, m, { format: 'der' }) },
      enrollment,
    );
    const verified = await verifyEnrollmentCsr(csr);
    expect(verified.publicKey).toEqual(key.spki);
    expect(verified.binding).toEqual(enrollmentKeyBinding(enrollment));
    // The binding is SHA-256 of the canonical JSON with its own purpose, never the card's TBS purpose.
    const { sha256 } = await import('../../src/crypto/hash.js');
    const { utf8Encode } = await import('../../src/encoding/utf8.js');
    expect(enrollmentKeyBinding(enrollment)).toEqual(
      sha256(
        utf8Encode(
          `{"appId":"TEAMID.jp.example.bank","challenge":"${enrollment.challenge}","purpose":"jitsuin-enrollment-key-v1","rpId":"bank.example.jp"}`,
        ),
      ),
    );
  });

  it('[ENR-17] reports no binding for a CSR without the attribute, and rejects a malformed one', async () => {
    expect((await verifyEnrollmentCsr(csrWith(new Uint8Array()))).binding).toBeUndefined();
    const value = enrollmentKeyBinding(enrollment);
    const two = [
      encodeTlv(0x04, value),
      encodeTlv(
        0x04,
        value.map((b) => b ^ 1),
      ),
    ].sort((a, b) => (a[2] as number) - (b[2] as number));
    for (const bad of [
      encodeTlv(0x04, value.subarray(1)),
      encodeTlv(0x05, new Uint8Array()),
      concatBytes(...two),
    ]) {
      await expect(
        verifyEnrollmentCsr(csrWith(attribute(JITSUIN_OID.attrEnrollmentBinding, bad))),
      ).rejects.toMatchObject({ code: 'ERR_ENROLLMENT_CSR' });
    }
  });

  it('[ENR-17] buildEnrollmentCsr refuses to build without the enrollment it binds to', async () => {
    const signer = {
      publicKey: key.spki,
      sign: async (m: Uint8Array) => signEcdsa(key.privateKey, m, { format: 'der' }),
    };
    for (const bad of [undefined, null, {}, { ...enrollment, rpId: 5 }]) {
      await expect(buildEnrollmentCsr(signer, bad as never)).rejects.toMatchObject({
        code: 'ERR_INVALID_ARGUMENT',
      });
    }
  });

  it('[ENR-04] accepts a DER CSR whose attribute or subject carries an OID arc above 2^53 (asn1js would re-encode it wrongly)', async () => {
    await expect(
      verifyEnrollmentCsr(csrWith(attribute(JITSUIN_COMMON_CODE_OID, Uint8Array.of(0x05, 0x00)))),
    ).resolves.toMatchObject({ publicKey: key.spki });
    const subject = encodeTlv(
      0x30,
      encodeTlv(
        0x31,
        encodeTlv(
          0x30,
          concatBytes(
            encodeOid(`${JITSUIN_COMMON_CODE_OID}.9`),
            encodeTlv(0x0c, Uint8Array.of(0x41)),
          ),
        ),
      ),
    );
    await expect(verifyEnrollmentCsr(csrWith(new Uint8Array(), subject))).resolves.toMatchObject({
      publicKey: key.spki,
    });
  });

  it('[ENR-04] rejects BER inside an attribute value: BOOLEAN 01, a constructed OCTET STRING, a non-minimal INTEGER', async () => {
    for (const value of [
      Uint8Array.of(0x01, 0x01, 0x01),
      Uint8Array.of(0x24, 0x03, 0x04, 0x01, 0x00),
      Uint8Array.of(0x02, 0x02, 0x00, 0x05),
    ]) {
      await expect(verifyEnrollmentCsr(csrWith(attribute('1.2.3.4', value)))).rejects.toMatchObject(
        { code: 'ERR_ENROLLMENT_CSR', requirement: 'ENR-04' },
      );
    }
  });

  it('[ENR-04] rejects SET OF elements out of DER order (attribute values, attributes)', async () => {
    const unsortedValues = attribute('1.2.3.4', Uint8Array.of(0x02, 0x01, 0x05, 0x02, 0x01, 0x03));
    await expect(verifyEnrollmentCsr(csrWith(unsortedValues))).rejects.toMatchObject({
      code: 'ERR_ENROLLMENT_CSR',
      requirement: 'ENR-04',
    });
    const a = attribute('1.2.3.4', Uint8Array.of(0x05, 0x00));
    const b = attribute('1.2.3.5', Uint8Array.of(0x05, 0x00));
    await expect(verifyEnrollmentCsr(csrWith(concatBytes(a, b)))).resolves.toBeDefined();
    await expect(verifyEnrollmentCsr(csrWith(concatBytes(b, a)))).rejects.toMatchObject({
      code: 'ERR_ENROLLMENT_CSR',
      requirement: 'ENR-04',
    });
  });

  it('[ENR-04] rejects a non-minimal length and trailing bytes', async () => {
    const good = csrWith(new Uint8Array());
    const longForm = concatBytes(
      Uint8Array.of(0x30, 0x82, 0x00, good[1] as number),
      good.subarray(2),
    );
    await expect(verifyEnrollmentCsr(longForm)).rejects.toMatchObject({
      code: 'ERR_ENROLLMENT_CSR',
    });
    await expect(verifyEnrollmentCsr(concatBytes(good, Uint8Array.of(0)))).rejects.toMatchObject({
      code: 'ERR_ENROLLMENT_CSR',
    });
  });
});
