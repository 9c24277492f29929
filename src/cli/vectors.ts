/**
 * `jitsuin vectors`: regenerating `vectors/*.json` is a repository command. The generators (and the
 * test PKI they build on) live beside the tests in a clone, not in the published package, so the
 * installed command only says where to run it and exits 2.
 * @module
 */
import type { CliIo } from './io.js';

/** Usage text of the command. */
export const VECTORS_USAGE = `usage: npm run vectors [-- --check] [-- --out DIR]   (in a clone of the jitsuin repository)
  vectors is a repository command: the generators of vectors/*.json are not part of the package.
  The package ships the vector files themselves (its vectors/ folder) and the runner
  that judges them: jitsuin conformance.
`;

/** Refuses (exit 2), naming the repository command. */
export async function vectorsCommand(_argv: readonly string[], io: CliIo): Promise<number> {
  io.err(
    `jitsuin vectors: vectors is a repository command; run \`npm run vectors\` (or \`npm run vectors -- --check\`) in a clone of the jitsuin repository.\nThe vector files ship in the package (${io.root}/vectors); \`jitsuin conformance\` runs them.\n`,
  );
  return 2;
}
