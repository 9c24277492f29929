/**
 * Syntax of the name forms path validation interprets (RFC 5280 §4.2.1.6 and §4.2.1.10): DNS
 * names (LDH labels, RFC 1034 §3.5 preferred syntax), mailboxes, URIs and IP addresses, both as
 * subject alternative names and as name-constraint bases. A name that is not well formed could
 * compare in surprising ways, so it is rejected rather than interpreted.
 * @module
 */
import type { GeneralName } from './general-name.js';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** True for an LDH DNS name of 1..253 octets (no trailing dot, no wildcard). */
export function isDnsName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((l) => LABEL.test(l));
}

/** True for a SAN dNSName: an LDH name, optionally with `*` as its whole leftmost label. */
function isSanDnsName(name: string): boolean {
  return name.startsWith('*.')
    ? isDnsName(name.slice(2)) && name.slice(2).includes('.')
    : isDnsName(name);
}

/** True for an RFC 5321 mailbox with an LDH domain (local part: printable ASCII, no `@`, no spaces). */
function isMailbox(text: string): boolean {
  const at = text.lastIndexOf('@');
  if (at <= 0) return false;
  const local = text.slice(0, at);
  return /^[\x21-\x7e]+$/.test(local) && !local.includes('@') && isDnsName(text.slice(at + 1));
}

/** True when a netmask is a contiguous run of one bits followed by zero bits. */
function isContiguousMask(mask: Uint8Array): boolean {
  let zero = false;
  for (const b of mask) {
    for (let i = 7; i >= 0; i--) {
      const bit = (b >> i) & 1;
      if (bit === 1 && zero) return false;
      if (bit === 0) zero = true;
    }
  }
  return true;
}

/** Returns why a subject alternative name is ill-formed, or undefined. @internal */
export function sanNameProblem(n: GeneralName): string | undefined {
  switch (n.type) {
    case 'dNSName':
      return isSanDnsName(n.value) ? undefined : `dNSName "${n.value}" is not a valid DNS name`;
    case 'rfc822Name':
      return isMailbox(n.value) ? undefined : `rfc822Name "${n.value}" is not a mailbox`;
    case 'iPAddress':
      return n.value.length === 4 || n.value.length === 16
        ? undefined
        : `iPAddress of ${n.value.length} octets`;
    case 'uniformResourceIdentifier':
      return /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(n.value)
        ? undefined
        : `URI "${n.value}" is not an absolute URI`;
    default:
      return undefined;
  }
}

/** Returns why a name-constraint base is ill-formed, or undefined. @internal */
export function constraintNameProblem(n: GeneralName): string | undefined {
  switch (n.type) {
    // RFC 5280 §4.2.1.10: a DNS constraint is a DNS name (no leading period, no wildcard).
    case 'dNSName':
      return isDnsName(n.value) ? undefined : `dNSName constraint "${n.value}" is not a DNS name`;
    // A mailbox, a host, or a domain with a leading period.
    case 'rfc822Name':
      return isMailbox(n.value) || isDnsName(n.value.startsWith('.') ? n.value.slice(1) : n.value)
        ? undefined
        : `rfc822Name constraint "${n.value}" is malformed`;
    case 'uniformResourceIdentifier':
      return isDnsName(n.value.startsWith('.') ? n.value.slice(1) : n.value)
        ? undefined
        : `URI constraint "${n.value}" is not a host or domain`;
    case 'iPAddress': {
      if (n.value.length !== 8 && n.value.length !== 32)
        return `iPAddress constraint of ${n.value.length} octets (expected address and mask)`;
      return isContiguousMask(n.value.subarray(n.value.length / 2))
        ? undefined
        : 'iPAddress constraint mask is not contiguous';
    }
    default:
      return undefined;
  }
}
