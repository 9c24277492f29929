/**
 * Object identifiers of the JPKI certificate profile (spec/jpki.md §2). J-LIS publishes them in its
 * certification practice statements; the values here are taken from secondary sources listed in
 * spec/jpki.md (no J-LIS signature certificate was available to confirm them byte for byte).
 * @module
 */

/** Arc of the JPKI subjectAltName otherName types (signature certificates only). */
export const JPKI_OTHER_NAME_ARC = '1.2.392.200149.8.5.5';

/** JPKI object identifiers. */
export const JPKI_OID = {
  /** otherName: name (氏名). */
  name: `${JPKI_OTHER_NAME_ARC}.1`,
  /** otherName: substitute-character flags of the name. */
  nameSubstituted: `${JPKI_OTHER_NAME_ARC}.2`,
  /** otherName: sex (性別), `1` male, `2` female, `3` unknown. */
  sex: `${JPKI_OTHER_NAME_ARC}.3`,
  /** otherName: date of birth (生年月日), era digit then YYYYMMDD. */
  dateOfBirth: `${JPKI_OTHER_NAME_ARC}.4`,
  /** otherName: address (住所). */
  address: `${JPKI_OTHER_NAME_ARC}.5`,
  /** otherName: substitute-character flags of the address. */
  addressSubstituted: `${JPKI_OTHER_NAME_ARC}.6`,
  /** certificatePolicies: signature certificate (署名用電子証明書), production. */
  policySign: '1.2.392.200149.8.5.1.1.20',
  /** certificatePolicies: signature certificate of the JPKI test environment. */
  policySignTest: '1.2.392.200149.8.5.1.0.20',
  /** certificatePolicies: user-authentication certificate (利用者証明用電子証明書). */
  policyAuth: '1.2.392.200149.8.5.1.3.30',
} as const;
