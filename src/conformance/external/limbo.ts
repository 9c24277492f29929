/**
 * x509-limbo runner (C2SP/x509-limbo, `limbo/limbo.json`) with upstream harness semantics: each
 * case's trusted certificates, untrusted intermediates, peer certificate, validation time (now when
 * absent), expected EKUs (serverAuth for SERVER, clientAuth for CLIENT, unless listed), keyUsage,
 * maximum chain depth, CRLs and expected peer names. Path validation is jitsuin's `validatePath`
 * with profile `none` (RFC 5280); CRL cases run with revocation mode `require`, all others `off`
 * (limbo supplies no revocation data for them). Peer-name matching (RFC 6125 / CA/B style: SAN
 * only, one leftmost wildcard label) is TLS-client logic that jitsuin's profiles do not have; the
 * runner implements it here, as the harness of any path validator must.
 *
 * Results are reported per namespace (the id's first component). A case whose outcome differs
 * from upstream's expectation is a failure unless `limbo-exceptions.json` lists it with a reason;
 * listed cases are reported as skipped with that reason. Cases using features jitsuin's profiles
 * do not need are skipped (see {@link SKIPPED_FEATURES}).
 * @module
 */
import { isJitsuinError } from '../../errors.js';
import { base64Decode } from './pem.js';
import { utf8Decode } from '../../encoding/utf8.js';
import type { GeneralName } from '../../x509/general-name.js';
import { PKIX_OID } from '../../x509/oids.js';
import { validatePath } from '../../x509/validate.js';
import type { ExternalReport, ExternalSuite } from '../types.js';
import exceptions from './limbo-exceptions.json' with { type: 'json' };

/** Limbo features that exercise rules outside jitsuin's profiles, with the reason each is skipped. */
export const SKIPPED_FEATURES: Readonly<Record<string, string>> = {
  'pedantic-public-suffix-wildcard':
    'wildcard checks against the Public Suffix List are TLS-client policy; jitsuin does no hostname verification and ships no PSL',
  'pedantic-rfc5280':
    "requires an authorityKeyIdentifier in a trust anchor that is not self-issued; the anchor's own issuer is outside the path, so jitsuin does not look at it (cve::cve-2024-0567 expects the opposite)",
};

interface LimboCase {
  readonly id: string;
  readonly features: readonly string[] | null;
  readonly validation_kind: 'SERVER' | 'CLIENT';
  readonly trusted_certs: readonly string[];
  readonly untrusted_intermediates: readonly string[];
  readonly peer_certificate: string;
  readonly validation_time: string | null;
  readonly key_usage: readonly string[] | null;
  readonly extended_key_usage: readonly string[] | null;
  readonly expected_result: 'SUCCESS' | 'FAILURE';
  readonly expected_peer_name: { readonly kind: string; readonly value: string } | null;
  readonly expected_peer_names: readonly { readonly kind: string; readonly value: string }[] | null;
  readonly max_chain_depth: number | null;
  readonly crls: readonly string[] | null;
}

const EKU_OIDS: Readonly<Record<string, string>> = {
  serverAuth: PKIX_OID.kpServerAuth,
  clientAuth: PKIX_OID.kpClientAuth,
  codeSigning: PKIX_OID.kpCodeSigning,
  emailProtection: PKIX_OID.kpEmailProtection,
  OCSPSigning: PKIX_OID.kpOcspSigning,
  anyExtendedKeyUsage: PKIX_OID.anyExtendedKeyUsage,
};

function pemToDer(pem: string): Uint8Array {
  const body = pem.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
  return base64Decode(body);
}

function parseIp(text: string): Uint8Array | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const parts = text.split('.').map(Number);
    return parts.every((p) => p <= 255) ? Uint8Array.from(parts) : undefined;
  }
  if (!text.includes(':')) return undefined;
  const [head, tail, extra] = text.split('::');
  if (extra !== undefined) return undefined;
  const h = head === '' || head === undefined ? [] : head.split(':');
  const t = tail === undefined ? [] : tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  const groups = [...h, ...Array(fill).fill('0'), ...t];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return Uint8Array.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
}

/** RFC 6125 §6.4 DNS-ID matching: case-insensitive, a wildcard only as the whole leftmost label. */
function dnsMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (!/^[a-z0-9*.-]+$/.test(p) || !/^[a-z0-9.-]+$/.test(h)) return false;
  if (!p.includes('*')) return p === h;
  if (!p.startsWith('*.') || p.indexOf('*', 1) !== -1) return false;
  const suffix = p.slice(2);
  // "*" alone or "*.tld": a wildcard needs at least two labels under it.
  if (!suffix.includes('.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === suffix;
}

function peerNameMatches(
  names: readonly GeneralName[],
  expected: { readonly kind: string; readonly value: string },
): boolean {
  if (expected.kind === 'DNS')
    return names.some((n) => n.type === 'dNSName' && dnsMatches(n.value, expected.value));
  if (expected.kind === 'IP') {
    const ip = parseIp(expected.value);
    return (
      ip !== undefined &&
      names.some(
        (n) =>
          n.type === 'iPAddress' &&
          n.value.length === ip.length &&
          n.value.every((b, i) => b === ip[i]),
      )
    );
  }
  if (expected.kind === 'RFC822')
    return names.some((n) => n.type === 'rfc822Name' && n.value === expected.value);
  return false;
}

const EXCEPTIONS: Readonly<Record<string, string>> = exceptions as Record<string, string>;

async function runCase(c: LimboCase): Promise<{ actual: 'SUCCESS' | 'FAILURE'; context: string }> {
  try {
    const time =
      c.validation_time === null
        ? Math.floor(Date.now() / 1000)
        : Math.floor(Date.parse(c.validation_time) / 1000);
    const ekus =
      c.extended_key_usage !== null && c.extended_key_usage.length > 0
        ? c.extended_key_usage
        : [c.validation_kind === 'SERVER' ? 'serverAuth' : 'clientAuth'];
    const leaf = pemToDer(c.peer_certificate);
    const crls = (c.crls ?? []).map(pemToDer);
    const result = await validatePath(leaf, {
      trustAnchors: c.trusted_certs.map(pemToDer),
      intermediates: c.untrusted_intermediates.map(pemToDer),
      time,
      profile: 'none',
      ...(ekus.length === 1
        ? { requiredEku: EKU_OIDS[ekus[0] as string] ?? (ekus[0] as string) }
        : {}),
      ...(c.max_chain_depth === null ? {} : { maxIntermediates: Math.min(c.max_chain_depth, 16) }),
      revocation: crls.length > 0 ? { mode: 'require', crls } : { mode: 'off' },
      cache: false,
    });
    const leafCert = result.leaf;
    for (const ku of c.key_usage ?? []) {
      if (leafCert.keyUsage !== undefined && !leafCert.keyUsage.has(ku as never))
        return { actual: 'FAILURE', context: `leaf keyUsage lacks ${ku}` };
    }
    const names = [
      ...(c.expected_peer_name === null ? [] : [c.expected_peer_name]),
      ...(c.expected_peer_names ?? []),
    ];
    for (const n of names) {
      if (!peerNameMatches(leafCert.subjectAltName ?? [], n))
        return {
          actual: 'FAILURE',
          context: `peer name ${n.kind}:${n.value} not in subjectAltName`,
        };
    }
    return { actual: 'SUCCESS', context: `path of ${result.path.length}` };
  } catch (e) {
    return {
      actual: 'FAILURE',
      context: isJitsuinError(e) ? `${e.code}: ${e.message}` : String(e),
    };
  }
}

/** The x509-limbo external suite. */
export const limboSuite: ExternalSuite = {
  name: 'x509-limbo',
  requiredFiles: ['limbo/limbo.json'],
  async run(readFile) {
    const doc = JSON.parse(utf8Decode(await readFile('limbo/limbo.json'), 'limbo.json')) as {
      testcases: LimboCase[];
    };
    const rows = new Map<
      string,
      {
        passed: number;
        failed: number;
        skipped: number;
        failures: ExternalReport['failures'][number][];
        skips: ExternalReport['skips'][number][];
      }
    >();
    for (const c of doc.testcases) {
      const ns = c.id.split('::')[0] ?? c.id;
      let row = rows.get(ns);
      if (row === undefined) {
        row = { passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
        rows.set(ns, row);
      }
      const feature = (c.features ?? []).find((f) => SKIPPED_FEATURES[f] !== undefined);
      if (feature !== undefined) {
        row.skipped++;
        row.skips.push({
          id: c.id,
          reason: `feature ${feature}: ${SKIPPED_FEATURES[feature] ?? ''}`,
        });
        continue;
      }
      const { actual, context } = await runCase(c);
      if (actual === c.expected_result) {
        row.passed++;
        continue;
      }
      const exception = EXCEPTIONS[c.id];
      if (exception !== undefined) {
        row.skipped++;
        row.skips.push({
          id: c.id,
          reason: `known divergence (expected ${c.expected_result}, jitsuin ${actual}): ${exception}`,
        });
        continue;
      }
      row.failed++;
      row.failures.push({ id: c.id, expected: c.expected_result, actual, detail: context });
    }
    return [...rows.entries()].map(([section, r]) => ({ suite: 'x509-limbo', section, ...r }));
  },
};
