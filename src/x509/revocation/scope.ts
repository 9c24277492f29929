/**
 * CRL scope (RFC 5280 §6.3.3 (b) and (d)): whether a complete CRL covers a certificate, judged
 * from the CRL issuer and issuingDistributionPoint against the certificate's issuer and
 * cRLDistributionPoints, and which reasons it covers for that certificate.
 * @internal
 */
import { bytesEqual } from '../../encoding/bytes.js';
import type { Certificate } from '../certificate.js';
import { encodeTlv, readTlv } from '../der.js';
import type { DistributionPoint } from '../extensions.js';
import type { GeneralName } from '../general-name.js';
import { namesMatch, parseName, type DistinguishedName } from '../name.js';
import type { Crl } from './types.js';
import { ALL_REASONS, reasonNamesToMask } from './reasons.js';

/** The full name of a nameRelativeToCRLIssuer: `base` with the RDN (DER SET) appended. @internal */
export function relativeToFullName(base: DistinguishedName, rdn: Uint8Array): GeneralName {
  const seq = readTlv(base.der, 0, 'Name');
  const contents = new Uint8Array(seq.end - seq.contentStart + rdn.length);
  contents.set(base.der.subarray(seq.contentStart, seq.end));
  contents.set(rdn, seq.end - seq.contentStart);
  return { type: 'directoryName', value: parseName(encodeTlv(0x30, contents)) };
}

/** GeneralName equality: directory names by RFC 5280 §7.1, DNS names case-insensitively, the rest exactly. @internal */
export function generalNameEqual(a: GeneralName, b: GeneralName): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'directoryName':
      return b.type === 'directoryName' && namesMatch(a.value, b.value);
    case 'dNSName':
      return b.type === 'dNSName' && a.value.toLowerCase() === b.value.toLowerCase();
    case 'rfc822Name':
    case 'uniformResourceIdentifier':
    case 'registeredID':
      return 'value' in b && a.value === b.value;
    case 'iPAddress':
      return b.type === 'iPAddress' && bytesEqual(a.value, b.value);
    default:
      return 'der' in a && 'der' in b && bytesEqual(a.der, b.der);
  }
}

function anyMatch(a: readonly GeneralName[], b: readonly GeneralName[]): boolean {
  return a.some((x) => b.some((y) => generalNameEqual(x, y)));
}

function directoryNames(names: readonly GeneralName[] | undefined): DistinguishedName[] {
  return (names ?? []).flatMap((n) => (n.type === 'directoryName' ? [n.value] : []));
}

/** Full names of a certificate's distribution point (relative names resolve against its CRL issuer). */
function dpNames(dp: DistributionPoint, certificate: Certificate): GeneralName[] | undefined {
  if (dp.fullName) return [...dp.fullName];
  if (dp.nameRelativeToCRLIssuer) {
    const base = directoryNames(dp.cRLIssuer)[0] ?? certificate.issuer;
    return [relativeToFullName(base, dp.nameRelativeToCRLIssuer)];
  }
  return undefined;
}

/** The result of a scope check: the reasons covered, or why the CRL does not apply. @internal */
export type ScopeResult =
  | { readonly covered: true; readonly reasons: number }
  | { readonly covered: false; readonly why: string };

/**
 * Whether complete CRL `crl` covers `certificate` (RFC 5280 §6.3.3 (b)(1), (b)(2), (d)), trying
 * each of the certificate's distribution points; a certificate without cRLDistributionPoints is
 * treated as having one point with no name, no reasons and no cRLIssuer.
 * @internal
 */
export function crlScope(crl: Crl, certificate: Certificate): ScopeResult {
  const idp = crl.issuingDistributionPoint;
  const isCa = certificate.basicConstraints?.ca === true;
  if (idp?.onlyContainsAttributeCerts)
    return { covered: false, why: 'the CRL only covers attribute certificates' };
  if (idp?.onlyContainsUserCerts && isCa)
    return { covered: false, why: 'the CRL only covers end-entity certificates' };
  if (idp?.onlyContainsCACerts && !isCa)
    return { covered: false, why: 'the CRL only covers CA certificates' };
  const points: readonly DistributionPoint[] = certificate.crlDistributionPoints ?? [{}];
  let reasons = 0;
  let why = 'the CRL issuer is not the certificate issuer';
  for (const dp of points) {
    const crlIssuers = directoryNames(dp.cRLIssuer);
    if (dp.cRLIssuer) {
      if (!crlIssuers.some((n) => namesMatch(n, crl.issuer))) {
        why = 'the CRL issuer is not a cRLIssuer of the distribution point';
        continue;
      }
      if (!idp?.indirectCRL) {
        why = 'the distribution point names a cRLIssuer but the CRL is not indirect';
        continue;
      }
    } else if (!namesMatch(crl.issuer, certificate.issuer)) {
      why = 'the CRL issuer is not the certificate issuer';
      continue;
    }
    if (idp?.distributionPoint) {
      const names = dpNames(dp, certificate);
      const ok = names
        ? anyMatch(idp.distributionPoint, names)
        : anyMatch(idp.distributionPoint, dp.cRLIssuer ?? []);
      if (!ok) {
        why = 'the issuingDistributionPoint name matches no distribution point of the certificate';
        continue;
      }
    }
    const dpReasons = dp.reasons ? reasonNamesToMask(dp.reasons) : ALL_REASONS;
    reasons |= dpReasons & (idp?.reasons ?? ALL_REASONS);
  }
  return reasons === 0 ? { covered: false, why } : { covered: true, reasons };
}
