/**
 * Name constraints (RFC 5280 §4.2.1.10 and §6.1.3 (b)/(c), §6.1.4 (g)) for directoryName,
 * dNSName, rfc822Name, uniformResourceIdentifier and iPAddress. A constraint of any other form
 * fails closed when the certificate carries a name of that form.
 * @module
 */
import { bytesEqual } from '../encoding/bytes.js';
import type { Certificate } from './certificate.js';
import type { NameConstraints } from './extensions.js';
import type { GeneralName } from './general-name.js';
import type { DistinguishedName } from './name.js';

/** The name-constraint state of §6.1: one permitted set per constraining CA (all must hold) and the union of exclusions. @internal */
export interface NameConstraintState {
  readonly permitted: readonly (readonly GeneralName[])[];
  readonly excluded: readonly GeneralName[];
}

/** The initial state: no constraint. @internal */
export const NO_NAME_CONSTRAINTS: NameConstraintState = { permitted: [], excluded: [] };

/** Adds a CA's nameConstraints to the state (§6.1.4 (g)). @internal */
export function addNameConstraints(
  state: NameConstraintState,
  nc: NameConstraints | undefined,
): NameConstraintState {
  if (nc === undefined) return state;
  return {
    permitted: nc.permitted === undefined ? state.permitted : [...state.permitted, nc.permitted],
    excluded: nc.excluded === undefined ? state.excluded : [...state.excluded, ...nc.excluded],
  };
}

/** Splits a DistinguishedName into per-RDN comparison keys. */
function rdnKeys(n: DistinguishedName): readonly string[] {
  return n.rdnKeys;
}

function dnWithin(name: DistinguishedName, base: DistinguishedName): boolean {
  const a = rdnKeys(name);
  const b = rdnKeys(base);
  if (b.length > a.length) return false;
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function dnsWithin(name: string, base: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  let b = base.toLowerCase().replace(/\.$/, '');
  if (b === '') return true;
  if (b.startsWith('.')) {
    b = b.slice(1);
    return n.endsWith(`.${b}`);
  }
  return n === b || n.endsWith(`.${b}`);
}

function hostWithin(host: string, base: string): boolean {
  const h = host.toLowerCase();
  const b = base.toLowerCase();
  if (b.startsWith('.')) return h.endsWith(b);
  return h === b;
}

function emailWithin(mailbox: string, base: string): boolean {
  const at = mailbox.lastIndexOf('@');
  if (at <= 0) return false;
  const local = mailbox.slice(0, at);
  const host = mailbox.slice(at + 1).toLowerCase();
  if (base.includes('@')) {
    const bat = base.lastIndexOf('@');
    // Local parts are case-sensitive, host parts are not (RFC 5280 §7.5).
    return local === base.slice(0, bat) && host === base.slice(bat + 1).toLowerCase();
  }
  return hostWithin(host, base);
}

/** Host part of a URI with an authority, or undefined (no host: cannot satisfy a URI constraint). */
function uriHost(uri: string): string | undefined {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/.exec(uri);
  const host = m?.[1];
  return host === undefined || host === '' ? undefined : host;
}

function ipWithin(addr: Uint8Array, base: Uint8Array): boolean | undefined {
  if (base.length !== 8 && base.length !== 32) return undefined;
  const n = base.length / 2;
  if (addr.length !== n) return false;
  for (let i = 0; i < n; i++) {
    const mask = base[n + i] as number;
    if (((addr[i] as number) & mask) !== ((base[i] as number) & mask)) return false;
  }
  return true;
}

/** True/false when `name` is within `base` (same form), undefined when the forms differ. */
function within(name: GeneralName, base: GeneralName): boolean | undefined {
  if (name.type !== base.type) return undefined;
  switch (name.type) {
    case 'directoryName':
      return dnWithin(name.value, (base as typeof name).value);
    case 'dNSName':
      return dnsWithin(name.value, (base as typeof name).value);
    case 'rfc822Name':
      return emailWithin(name.value, (base as typeof name).value);
    case 'uniformResourceIdentifier': {
      const host = uriHost(name.value);
      return host === undefined ? false : hostWithin(host, (base as typeof name).value);
    }
    case 'iPAddress':
      return ipWithin(name.value, (base as typeof name).value) ?? false;
    case 'registeredID':
      return name.value === (base as typeof name).value;
    default:
      // otherName, x400Address, ediPartyName: not interpreted; exact match only.
      return bytesEqual((name as { der: Uint8Array }).der, (base as { der: Uint8Array }).der);
  }
}

/**
 * True when a wildcard dNSName `*.S` can stand for a name inside the excluded DNS subtree `ex`
 * (`ex` is `L.S` for one label L): such a certificate would be accepted for `L.S` by a TLS client,
 * so the exclusion must bite (CVE-2025-61727).
 */
function wildcardReaches(name: GeneralName, ex: GeneralName): boolean {
  if (name.type !== 'dNSName' || ex.type !== 'dNSName' || !name.value.startsWith('*.'))
    return false;
  const suffix = `.${name.value.slice(2).toLowerCase()}`;
  const base = ex.value.toLowerCase();
  return (
    base.endsWith(suffix) &&
    !base.slice(0, -suffix.length).includes('.') &&
    base.length > suffix.length
  );
}

/** Every name of `cert` subject to constraints: subject DN, emailAddress attributes, SAN entries. */
function constrainedNames(cert: Certificate): GeneralName[] {
  const names: GeneralName[] = [];
  if (cert.subject.rdns.length > 0) names.push({ type: 'directoryName', value: cert.subject });
  for (const rdn of cert.subject.rdns) {
    for (const a of rdn)
      if (a.type === '1.2.840.113549.1.9.1') names.push({ type: 'rfc822Name', value: a.value });
  }
  for (const n of cert.subjectAltName ?? []) names.push(n);
  return names;
}

/**
 * Checks `cert`'s names against the state; returns a description of the first violation or
 * undefined. @internal
 */
export function nameConstraintViolation(
  cert: Certificate,
  state: NameConstraintState,
): string | undefined {
  if (state.permitted.length === 0 && state.excluded.length === 0) return undefined;
  for (const name of constrainedNames(cert)) {
    for (const ex of state.excluded) {
      if (within(name, ex) === true || wildcardReaches(name, ex))
        return `${describe(name)} is within an excluded subtree`;
    }
    for (const set of state.permitted) {
      const sameForm = set.filter((b) => b.type === name.type);
      if (sameForm.length === 0) continue;
      if (!sameForm.some((b) => within(name, b) === true))
        return `${describe(name)} is outside the permitted subtrees`;
    }
  }
  return undefined;
}

function describe(n: GeneralName): string {
  switch (n.type) {
    case 'directoryName':
      return `directoryName "${n.value.text}"`;
    case 'iPAddress':
      return `iPAddress ${Array.from(n.value).join('.')}`;
    case 'dNSName':
    case 'rfc822Name':
    case 'uniformResourceIdentifier':
    case 'registeredID':
      return `${n.type} "${n.value}"`;
    default:
      return n.type;
  }
}
