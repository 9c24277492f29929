/**
 * Narration and artefacts of the demo: what it prints, and the files it writes under the output
 * folder (certificates and CRLs as PEM, JWS tokens, JSON messages), with their relative paths.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pemEncode } from '../../encoding/pem.js';

/** Where the narration goes (a line at a time, newline included). */
export type DemoWrite = (text: string) => void;

/** Strict PEM text (RFC 7468 §3) of DER bytes under `label`: what `pemDecode` reads back. */
export function pem(label: string, der: Uint8Array): string {
  return pemEncode(label, der);
}

/** JSON text with sorted-as-given members, two-space indentation, final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Prints the narration and writes artefacts. */
export class DemoOutput {
  /** Relative paths of the artefacts written, in order. */
  readonly artefacts: string[] = [];

  constructor(
    /** Folder the artefacts are written to (created as needed). */
    readonly outDir: string,
    private readonly write: DemoWrite,
  ) {}

  /** A numbered section title. */
  section(title: string): void {
    this.write(`\n━━ ${title} ${'━'.repeat(Math.max(3, 76 - title.length))}\n`);
  }

  /** One line of narration. */
  say(text = ''): void {
    this.write(text === '' ? '\n' : `  ${text}\n`);
  }

  /** A line saying a check passed. */
  ok(text: string): void {
    this.write(`  ✔ ${text}\n`);
  }

  /** A line saying an attack was stopped. */
  stopped(text: string): void {
    this.write(`  ✘ ${text}\n`);
  }

  /** A line saying something went wrong in the demo itself. */
  problem(text: string): void {
    this.write(`  !! ${text}\n`);
  }

  /** Raw text (e.g. the terminal QR code), indented. */
  block(text: string): void {
    for (const line of text.replace(/\n$/, '').split('\n')) this.write(`    ${line}\n`);
  }

  /** Writes an artefact (text or bytes) at `relative` under the output folder; returns the relative path. */
  file(relative: string, content: string | Uint8Array): string {
    const path = join(this.outDir, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    this.artefacts.push(relative);
    this.say(`→ ${relative}`);
    return relative;
  }
}
