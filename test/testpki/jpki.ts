/**
 * The tests' synthetic TEST JPKI: the demo's TEST JPKI (`src/cli/demo/jpki.ts`: three same-name
 * TEST root generations, signature and user-authentication certificates with the real JPKI
 * extension layout, CRLs, the TEST card signer) plus the roster the vectors and tests use: six
 * people covering every sex and era value, with substitute characters in names and addresses,
 * person 0's renewals and a card under the JPKI test policy. Everything is deterministic (RSA keys
 * from HKDF over fixed labels, fixed times), every name says TEST, and nothing here chains to
 * J-LIS: it is for vectors, tests and demos only.
 */
import { JPKI_OID } from '../../src/jpki/oids.js';
import {
  issueTestJpkiCertificate,
  substituteFlags,
  testJpkiAuthRoot,
  testJpkiSignRoot,
  testRsaKey,
  TEST_JPKI_PERSON_0,
  type TestCertificateOverride,
  type TestJpkiPersonalData,
  type TestJpkiRoot,
  type TestRsaKey,
} from '../../src/cli/demo/jpki.js';

export * from '../../src/cli/demo/jpki.js';

/** A TEST person: personal data, card key, signature certificate. */
export interface TestJpkiPerson {
  readonly label: string;
  readonly personal: TestJpkiPersonalData;
  readonly cardKey: TestRsaKey;
  readonly generation: 1 | 2 | 3;
  readonly certificate: Uint8Array;
  readonly serialNumber: string;
}

/** The whole TEST JPKI. */
export interface TestJpki {
  /** Signature roots, generations 1, 2, 3 (same name, different keys). */
  readonly signRoots: readonly TestJpkiRoot[];
  readonly authRoot: TestJpkiRoot;
  /** Six people covering sex 1, 2, 3 and era digits 0..5. */
  readonly people: readonly TestJpkiPerson[];
  /** people[0]'s renewed signature certificate (new card key), which J-LIS would link to the old one. */
  readonly renewed: TestJpkiPerson;
  /** people[0]'s second renewal (moving house again). */
  readonly renewedTwice: TestJpkiPerson;
  /** A signature certificate with the JPKI test-environment policy. */
  readonly testPolicyPerson: TestJpkiPerson;
  /** A user-authentication certificate of people[0]. */
  readonly authCertificate: Uint8Array;
  /** people[0]'s user-authentication card key. */
  readonly authKey: TestRsaKey;
}

function person6(
  label: string,
  nameText: string,
  nameSubst: readonly number[],
  sex: string,
  dateOfBirth: string,
  address: string,
  addressSubst: readonly number[],
): TestJpkiPersonalData & { readonly label: string } {
  return {
    label,
    name: nameText,
    nameSubstituted: substituteFlags(nameText, nameSubst),
    sex,
    dateOfBirth,
    address,
    addressSubstituted: substituteFlags(address, addressSubst),
  };
}

/** The six TEST people: sex 1/2/3 and era digits 0..5, names and addresses with substitute characters. */
export const TEST_JPKI_PEOPLE: readonly (TestJpkiPersonalData & { readonly label: string })[] = [
  TEST_JPKI_PERSON_0,
  person6(
    'TEST person 1 (Heisei, female)',
    '山﨑　試験花子',
    [1],
    '2',
    '420000229',
    '大阪府大阪市北区試験町１丁目１番地',
    [],
  ),
  person6(
    'TEST person 2 (Reiwa, unknown sex)',
    '試験　葛飾',
    [4],
    '3',
    '520200501',
    '神奈川県横浜市中区試験通り𠮷野３番',
    [13],
  ),
  person6(
    'TEST person 3 (Meiji)',
    '試験　明治',
    [],
    '2',
    '119000101',
    '北海道札幌市中央区試験一条',
    [],
  ),
  person6(
    'TEST person 4 (Taisho)',
    '試験　大正',
    [],
    '1',
    '219150610',
    '福岡県福岡市博多区試験',
    [],
  ),
  person6(
    'TEST person 5 (era unknown)',
    'TEST　ＳＭＩＴＨ　ＪＯＨＮ',
    [],
    '3',
    '019700101',
    '沖縄県那覇市試験町１－２－３',
    [1],
  ),
];

async function person(
  label: string,
  personal: TestJpkiPersonalData,
  generation: 1 | 2 | 3,
  serialNumber: string,
  keyLabel: string,
  override?: TestCertificateOverride,
): Promise<TestJpkiPerson> {
  const cardKey = testRsaKey(keyLabel);
  const certificate = await issueTestJpkiCertificate({
    kind: 'sign',
    generation,
    serialNumber,
    subjectKey: cardKey,
    personal,
    ...(override === undefined ? {} : { override }),
  });
  return { label, personal, cardKey, generation, certificate, serialNumber };
}

let cached: Promise<TestJpki> | undefined;

/** Builds (once per process) the whole TEST JPKI. Takes a few seconds: RSA key generation. */
export function createTestJpki(): Promise<TestJpki> {
  cached ??= (async () => {
    const signRoots = [
      await testJpkiSignRoot(1),
      await testJpkiSignRoot(2),
      await testJpkiSignRoot(3),
    ];
    const authRoot = await testJpkiAuthRoot();
    const generations: (1 | 2 | 3)[] = [1, 2, 3, 3, 3, 3];
    const people: TestJpkiPerson[] = [];
    for (const [i, p] of TEST_JPKI_PEOPLE.entries()) {
      people.push(
        await person(
          p.label,
          p,
          generations[i] as 1 | 2 | 3,
          `5e${(0x1000 + i).toString(16)}`,
          `jpki/person${i}/sign`,
        ),
      );
    }
    const p0 = TEST_JPKI_PEOPLE[0] as TestJpkiPersonalData;
    const moved = {
      ...p0,
      address: '東京都港区試験台三丁目４番５号',
      addressSubstituted: substituteFlags('東京都港区試験台三丁目４番５号', []),
    };
    const renewed = await person(
      'TEST person 0 after moving house',
      moved,
      3,
      '5e2000',
      'jpki/person0/sign-renewed',
    );
    const movedAgain = {
      ...p0,
      address: '埼玉県さいたま市試験区６番',
      addressSubstituted: substituteFlags('埼玉県さいたま市試験区６番', [8]),
    };
    const renewedTwice = await person(
      'TEST person 0 after moving house twice',
      movedAgain,
      3,
      '5e3000',
      'jpki/person0/sign-renewed-2',
    );
    const testPolicyPerson = await person(
      'TEST person with the JPKI test policy',
      TEST_JPKI_PEOPLE[1] as TestJpkiPersonalData,
      3,
      '5e4000',
      'jpki/person1/sign',
      {
        certificatePolicies: [JPKI_OID.policySignTest],
      },
    );
    const authKey = testRsaKey('jpki/person0/auth');
    const authCertificate = await issueTestJpkiCertificate({
      kind: 'auth',
      serialNumber: '5ea000',
      subjectKey: authKey,
    });
    return {
      signRoots,
      authRoot,
      people,
      renewed,
      renewedTwice,
      testPolicyPerson,
      authCertificate,
      authKey,
    };
  })();
  return cached;
}
