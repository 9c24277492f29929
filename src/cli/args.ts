/** A small, strict command-line option parser: unknown options and missing values are errors. @module */

/** How an option takes values: a switch, one string, or a string that may repeat. */
export type OptionKind = 'boolean' | 'string' | 'strings';

/** Parsed options: switches are booleans, repeatable options are arrays. */
export type ParsedOptions = Record<string, boolean | string | string[]>;

/** A usage error: the CLI prints it with the command's usage and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses `--name value`, `--name=value` and `--switch`; positional arguments are rejected. */
export function parseOptions(
  argv: readonly string[],
  spec: Readonly<Record<string, OptionKind>>,
): ParsedOptions {
  const out: ParsedOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`);
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const kind = spec[name];
    if (kind === undefined) throw new UsageError(`unknown option --${name}`);
    if (kind === 'boolean') {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      out[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else value = argv[++i];
    if (value === undefined || (eq === -1 && value.startsWith('--')))
      throw new UsageError(`--${name} needs a value`);
    if (kind === 'string') {
      if (out[name] !== undefined) throw new UsageError(`--${name} given twice`);
      out[name] = value;
    } else {
      const list = out[name];
      out[name] = Array.isArray(list) ? [...list, value] : [value];
    }
  }
  return out;
}

/** Reads a string option. */
export function stringOption(options: ParsedOptions, name: string): string | undefined {
  const v = options[name];
  return typeof v === 'string' ? v : undefined;
}

/** Reads a repeatable option (empty when absent). */
export function stringsOption(options: ParsedOptions, name: string): string[] {
  const v = options[name];
  return Array.isArray(v) ? v : [];
}
