/**
 * tcId numbering for the vector generators. Generators build their tests with a placeholder id and
 * number them once, in file order, when the file is assembled: no module-level counter, so two
 * generations (even concurrent ones) cannot disturb each other's numbering.
 * @internal
 * @module
 */
import type { VectorGroup, VectorTest } from '../../src/conformance/types.js';

/** A test before its tcId is assigned. */
export type UnnumberedTest = Omit<VectorTest, 'tcId'>;

/** Adds the placeholder tcId that {@link numberTests} replaces. */
export function unnumbered(test: UnnumberedTest): VectorTest {
  return { tcId: 0, ...test };
}

/** Returns the groups with tcIds 1, 2, 3, ... in the order the tests appear in the file. */
export function numberTests(groups: readonly VectorGroup[]): VectorGroup[] {
  let next = 1;
  return groups.map((g) => ({ ...g, tests: g.tests.map((t) => ({ ...t, tcId: next++ })) }));
}
