/**
 * Certificate policy processing: the valid_policy_tree of RFC 5280 §6.1 (steps 6.1.3 (d)–(f),
 * 6.1.4 (a), (b), (h)–(j) and 6.1.5 (a), (b), (g)). Policy qualifiers are not processed (the
 * profile defines none; see spec/certificates.md).
 * @module
 */
import type { Certificate } from './certificate.js';
import { PKIX_OID } from './oids.js';

const ANY = PKIX_OID.anyPolicy;

interface PolicyNode {
  readonly validPolicy: string;
  expected: Set<string>;
  readonly parent: PolicyNode | undefined;
  readonly children: PolicyNode[];
}

/** Caller-supplied policy inputs of §6.1.1 (c), (e)–(g). */
export interface PolicyInputs {
  /** user-initial-policy-set; default `[anyPolicy]`. */
  readonly initialPolicySet?: readonly string[];
  /** initial-explicit-policy; default false. */
  readonly explicitPolicy?: boolean;
  /** initial-policy-mapping-inhibit; default false. */
  readonly inhibitPolicyMapping?: boolean;
  /** initial-any-policy-inhibit; default false. */
  readonly inhibitAnyPolicy?: boolean;
}

/** A policy failure: the certificate index (0 = first after the anchor) and why. @internal */
export interface PolicyFailure {
  readonly index: number;
  readonly message: string;
}

/** Result of policy processing. @internal */
export interface PolicyOutcome {
  /** The user-constrained policy set (§6.1.6); `[anyPolicy]` when any policy is acceptable. */
  readonly userConstrainedPolicySet: readonly string[];
}

function levelNodes(root: PolicyNode, depth: number): PolicyNode[] {
  let level = [root];
  for (let d = 0; d < depth; d++) level = level.flatMap((n) => n.children);
  return level;
}

function remove(node: PolicyNode): void {
  const p = node.parent;
  if (p === undefined) return;
  const i = p.children.indexOf(node);
  if (i >= 0) p.children.splice(i, 1);
}

/** Deletes childless nodes above `depth`; returns false when the whole tree became empty. */
function prune(root: PolicyNode, depth: number): boolean {
  for (let d = depth - 1; d >= 0; d--) {
    for (const n of levelNodes(root, d)) if (n.children.length === 0) remove(n);
  }
  return depth === 0 || root.children.length > 0;
}

/**
 * The policies of the tree in the trust anchor's domain that reach the end entity: for each node
 * at depth n, the valid_policy of its ancestor that branches off the anyPolicy spine (its own
 * when its parent is anyPolicy), so that a policy mapped along the path is reported as the policy
 * the anchor's domain knows it by (as PKITS states the user-constrained policy set).
 */
function authoritySet(root: PolicyNode, n: number): string[] {
  const out = new Set<string>();
  for (let node of levelNodes(root, n)) {
    while (node.parent !== undefined && node.parent.validPolicy !== ANY) node = node.parent;
    out.add(node.validPolicy);
  }
  return [...out];
}

/**
 * Runs policy processing over `certs` ordered from the certificate issued by the trust anchor
 * (index 0) to the end entity (last). Returns the outcome or the failure. @internal
 */
export function processPolicies(
  certs: readonly Certificate[],
  inputs: PolicyInputs = {},
): PolicyOutcome | PolicyFailure {
  const n = certs.length;
  let tree: PolicyNode | undefined = {
    validPolicy: ANY,
    expected: new Set([ANY]),
    parent: undefined,
    children: [],
  };
  let explicitPolicy = inputs.explicitPolicy === true ? 0 : n + 1;
  let inhibitAny = inputs.inhibitAnyPolicy === true ? 0 : n + 1;
  let policyMapping = inputs.inhibitPolicyMapping === true ? 0 : n + 1;

  for (let idx = 0; idx < n; idx++) {
    const cert = certs[idx] as Certificate;
    const i = idx + 1;
    const isLeaf = i === n;
    const policies = cert.certificatePolicies;
    // 6.1.3 (d)
    if (policies !== undefined && tree !== undefined) {
      const parents = levelNodes(tree, i - 1);
      for (const p of policies) {
        if (p.policyIdentifier === ANY) continue;
        const matched = parents.filter((node) => node.expected.has(p.policyIdentifier));
        const targets =
          matched.length > 0 ? matched : parents.filter((node) => node.validPolicy === ANY);
        for (const parent of targets)
          parent.children.push({
            validPolicy: p.policyIdentifier,
            expected: new Set([p.policyIdentifier]),
            parent,
            children: [],
          });
      }
      if (
        policies.some((p) => p.policyIdentifier === ANY) &&
        (inhibitAny > 0 || (!isLeaf && cert.selfIssued))
      ) {
        for (const parent of parents) {
          for (const e of parent.expected) {
            if (!parent.children.some((c) => c.validPolicy === e))
              parent.children.push({
                validPolicy: e,
                expected: new Set([e]),
                parent,
                children: [],
              });
          }
        }
      }
      if (!prune(tree, i)) tree = undefined;
    } else {
      // 6.1.3 (e)
      tree = undefined;
    }
    // 6.1.3 (f)
    if (explicitPolicy <= 0 && tree === undefined)
      return { index: idx, message: 'no valid policy and an explicit policy is required' };

    if (isLeaf) break;
    // 6.1.4 (a), (b)
    const mappings = cert.policyMappings;
    if (mappings !== undefined) {
      if (mappings.some((m) => m.issuerDomainPolicy === ANY || m.subjectDomainPolicy === ANY))
        return { index: idx, message: 'policyMappings maps to or from anyPolicy' };
      if (tree !== undefined) {
        const issuerPolicies = [...new Set(mappings.map((m) => m.issuerDomainPolicy))];
        const level = levelNodes(tree, i);
        for (const idp of issuerPolicies) {
          const targets = new Set(
            mappings.filter((m) => m.issuerDomainPolicy === idp).map((m) => m.subjectDomainPolicy),
          );
          const nodes = level.filter((node) => node.validPolicy === idp);
          if (policyMapping > 0) {
            if (nodes.length > 0) {
              for (const node of nodes) node.expected = new Set(targets);
            } else {
              const anyNode = level.find((node) => node.validPolicy === ANY);
              if (anyNode !== undefined && anyNode.parent !== undefined) {
                anyNode.parent.children.push({
                  validPolicy: idp,
                  expected: new Set(targets),
                  parent: anyNode.parent,
                  children: [],
                });
              }
            }
          } else {
            for (const node of nodes) remove(node);
          }
        }
        if (policyMapping <= 0 && !prune(tree, i)) tree = undefined;
      }
    }
    // 6.1.4 (h)
    if (!cert.selfIssued) {
      if (explicitPolicy > 0) explicitPolicy--;
      if (policyMapping > 0) policyMapping--;
      if (inhibitAny > 0) inhibitAny--;
    }
    // 6.1.4 (i), (j)
    const pc = cert.policyConstraints;
    if (pc?.requireExplicitPolicy !== undefined)
      explicitPolicy = Math.min(explicitPolicy, pc.requireExplicitPolicy);
    if (pc?.inhibitPolicyMapping !== undefined)
      policyMapping = Math.min(policyMapping, pc.inhibitPolicyMapping);
    if (cert.inhibitAnyPolicy !== undefined)
      inhibitAny = Math.min(inhibitAny, cert.inhibitAnyPolicy);
  }

  // 6.1.5 (a), (b)
  const leaf = certs[n - 1] as Certificate;
  if (explicitPolicy > 0) explicitPolicy--;
  if (leaf.policyConstraints?.requireExplicitPolicy === 0) explicitPolicy = 0;

  // 6.1.5 (g)
  const initial = inputs.initialPolicySet ?? [ANY];
  let userSet: string[] = [];
  if (tree !== undefined) {
    if (initial.includes(ANY)) {
      userSet = authoritySet(tree, n);
    } else {
      const all: PolicyNode[] = [];
      for (let d = 1; d <= n; d++) all.push(...levelNodes(tree, d));
      const validNodeSet = all.filter((node) => node.parent?.validPolicy === ANY);
      for (const node of validNodeSet) {
        if (node.validPolicy !== ANY && !initial.includes(node.validPolicy)) remove(node);
      }
      const leafAny = levelNodes(tree, n).find((node) => node.validPolicy === ANY);
      if (leafAny !== undefined && leafAny.parent !== undefined) {
        const present = new Set(validNodeSet.map((node) => node.validPolicy));
        for (const p of initial) {
          if (!present.has(p))
            leafAny.parent.children.push({
              validPolicy: p,
              expected: new Set([p]),
              parent: leafAny.parent,
              children: [],
            });
        }
        remove(leafAny);
      }
      if (!prune(tree, n)) tree = undefined;
      userSet = tree === undefined ? [] : authoritySet(tree, n);
    }
  }
  if (explicitPolicy <= 0 && tree === undefined)
    return {
      index: n - 1,
      message:
        'the path has no valid policy acceptable to the caller and an explicit policy is required',
    };
  return { userConstrainedPolicySet: userSet };
}
