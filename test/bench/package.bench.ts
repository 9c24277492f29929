/**
 * Package size: the tarball users install (`npm pack`, after `npm run build`) beside jose's, with
 * jitsuin's unpacked bytes split by folder. jose is measured by packing its installed copy
 * (node_modules/jose holds exactly its published files), so both go through the same npm pack.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figureTable } from './harness.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface PackInfo {
  readonly name: string;
  readonly version: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly { readonly path: string; readonly size: number }[];
}

function pack(dir: string): PackInfo {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const info = (JSON.parse(out.slice(out.indexOf('['))) as PackInfo[])[0];
  if (info === undefined) throw new Error(`npm pack in ${dir} reported nothing`);
  return info;
}

const kb = (n: number): string => `${(n / 1000).toFixed(1)} kB`;

export const packageSizes = figureTable({
  title: 'Package size (npm pack) beside jose',
  description:
    'Packed (gzipped tarball) and unpacked bytes of `npm pack` for this package after `npm run build`, and for jose packed from its installed copy; the jitsuin rows below split the unpacked bytes by folder (the vectors and the spec ship with the library).',
  async compute() {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'ignore' });
    const ours = pack(root);
    const jose = pack(join(root, 'node_modules', 'jose'));
    const part = (prefix: string): number =>
      ours.files.filter((f) => f.path.startsWith(prefix)).reduce((n, f) => n + f.size, 0);
    const row = (label: string, p: PackInfo): string[] => [
      label,
      p.version,
      String(p.files.length),
      kb(p.size),
      kb(p.unpackedSize),
    ];
    return {
      columns: ['package', 'version', 'files', 'packed', 'unpacked'],
      rows: [
        row('jitsuin', ours),
        [
          '  of which dist/ (library, types, CLI)',
          '',
          String(ours.files.filter((f) => f.path.startsWith('dist/')).length),
          '',
          kb(part('dist/')),
        ],
        [
          '  of which vectors/',
          '',
          String(ours.files.filter((f) => f.path.startsWith('vectors/')).length),
          '',
          kb(part('vectors/')),
        ],
        [
          '  of which spec/',
          '',
          String(ours.files.filter((f) => f.path.startsWith('spec/')).length),
          '',
          kb(part('spec/')),
        ],
        row('jose', jose),
      ],
    };
  },
});
