/**
 * The parsed-CRL types, apart from `crl.ts` so that the scope rules (which the parser uses) can
 * name them without importing the parser.
 * @module
 */
import type { GeneralName } from '../general-name.js';
import type { DistinguishedName } from '../name.js';
import type { RevocationReason } from './reasons.js';

/** One revoked-certificate entry of a CRL. */
export interface CrlEntry {
  /** Serial number: lower-case hex of the INTEGER's content octets, as `Certificate.serialNumber`. */
  readonly serialHex: string;
  /** revocationDate, seconds since the epoch. */
  readonly revocationDate: number;
  /** The reasonCode entry extension; `unspecified` when absent. */
  readonly reason: RevocationReason;
  /**
   * Issuer of the certificate this entry is about: the CRL issuer, or the directory name of the
   * latest certificateIssuer entry extension (RFC 5280 §5.3.3); undefined when that extension
   * names no directory name (such an entry can match no certificate).
   */
  readonly certificateIssuer: DistinguishedName | undefined;
}

/** The issuingDistributionPoint extension (RFC 5280 §5.2.5). */
export interface IssuingDistributionPoint {
  /** Full names of the distribution point (a relative name is resolved against the CRL issuer). */
  readonly distributionPoint: readonly GeneralName[] | undefined;
  readonly onlyContainsUserCerts: boolean;
  readonly onlyContainsCACerts: boolean;
  readonly onlyContainsAttributeCerts: boolean;
  readonly indirectCRL: boolean;
  /** Mask of the reasons covered (bit i = ReasonFlags bit i); every reason when onlySomeReasons is absent. */
  readonly reasons: number;
  /** DER of the extension value (a delta CRL's scope must equal its base's byte for byte). */
  readonly der: Uint8Array;
}

/** A parsed CRL, obtained from {@link parseCrl}. Shared through the parse cache: do not modify it. */
export interface Crl {
  /** The exact DER. */
  readonly der: Uint8Array;
  /** DER of tbsCertList (the signed bytes). */
  readonly tbs: Uint8Array;
  /** The signature algorithm. */
  readonly signatureAlgorithm: { readonly oid: string; readonly parameters?: Uint8Array };
  /** The signature BIT STRING contents (whole octets). */
  readonly signature: Uint8Array;
  readonly issuer: DistinguishedName;
  /** thisUpdate, seconds since the epoch. */
  readonly thisUpdate: number;
  /** nextUpdate, seconds since the epoch; undefined when absent (such a CRL is never used). */
  readonly nextUpdate: number | undefined;
  /** cRLNumber; undefined when absent (such a CRL is never used, [REV-37]). */
  readonly crlNumber: bigint | undefined;
  /** True when the cRLNumber extension is marked critical (such a CRL is never used, [REV-37]). */
  readonly crlNumberCritical: boolean;
  /** BaseCRLNumber when this is a delta CRL (deltaCRLIndicator present); undefined for a complete CRL. */
  readonly baseCrlNumber: bigint | undefined;
  /** keyIdentifier of the authorityKeyIdentifier extension. */
  readonly authorityKeyId: Uint8Array | undefined;
  readonly issuingDistributionPoint: IssuingDistributionPoint | undefined;
  /** Entries by serial hex (an indirect CRL may list the same serial for several issuers). */
  readonly entries: ReadonlyMap<string, readonly CrlEntry[]>;
  /** OIDs of critical CRL or entry extensions this library does not understand. */
  readonly unknownCriticalExtensions: readonly string[];
}
