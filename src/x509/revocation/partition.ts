/**
 * CRL partitions by issuance period (spec/revocation.md §4a, REV-41): which distribution point an
 * app certificate names, and so which partition CRL covers it.
 * @module
 */
import { fail } from '../../internal/fail.js';

/** How a CA partitions the CRLs of the certificates it issues ([REV-41]). */
export interface CrlPartitioning {
  /** Prefix of every partition's distribution point URI, e.g. `http://crl.ca.example/app-`. */
  readonly baseUri: string;
  /** Length of one issuance period in seconds (e.g. 604800 for one week). */
  readonly period: number;
}

/**
 * The distribution point URI of the partition of a certificate whose notBefore is `notBefore`:
 * `<baseUri><floor(notBefore / period)>.crl` ([REV-41]). The CA names it in the certificate's
 * cRLDistributionPoints and in the issuingDistributionPoint of that partition's CRL.
 */
export function crlPartitionUri(partitioning: CrlPartitioning, notBefore: number): string {
  if (partitioning === null || typeof partitioning !== 'object')
    fail(
      'ERR_INVALID_ARGUMENT',
      'crlPartitionUri: partitioning must be { baseUri, period }',
      'REV-41',
    );
  const { baseUri, period } = partitioning;
  if (typeof baseUri !== 'string' || !/^[\x21-\x7e]+$/.test(baseUri))
    fail(
      'ERR_INVALID_ARGUMENT',
      'crlPartitionUri: baseUri must be a non-empty URI prefix of printable ASCII',
      'REV-41',
    );
  if (!Number.isSafeInteger(period) || period < 1)
    fail(
      'ERR_INVALID_ARGUMENT',
      'crlPartitionUri: period must be a positive integer number of seconds',
      'REV-41',
    );
  if (!Number.isSafeInteger(notBefore) || notBefore < 0)
    fail(
      'ERR_INVALID_ARGUMENT',
      'crlPartitionUri: notBefore must be integer seconds since the epoch',
      'REV-41',
    );
  return `${baseUri}${Math.floor(notBefore / period)}.crl`;
}
