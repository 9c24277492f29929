/**
 * A {@link ConsentEvidenceLog} over the evidence log's own writer (`jitsuin/ledger` LogWriter):
 * each append is integrated at once, the new checkpoint is sent to the witnesses
 * (C2SP tlog-witness add-checkpoint) and the receipt carries their cosignatures. One append at a
 * time: the writer's integrations are serialised here.
 * @module
 */
import { fail } from '../internal/fail.js';
import { base64Encode } from '../internal/base64.js';
import type { LogWriter } from '../ledger/writer.js';
import { commitEntry, SALT_SIZE } from '../ledger/commitment.js';
import type { ConsentEvidenceLog } from './evidence.js';

/** A witness as the log sees it: takes an add-checkpoint body, answers status and body (e.g. `addCheckpoint` bound to its config, or an HTTP POST). */
export type WitnessCall = (
  body: string,
) => Promise<{ readonly status: number; readonly body: string }>;

/** Consent events into a ledger {@link LogWriter}, cosigned by `witnesses`. */
export class WriterEvidenceLog implements ConsentEvidenceLog {
  readonly #writer: LogWriter;
  readonly #witnesses: readonly { readonly call: WitnessCall; size: number }[];
  readonly #salt: (() => Uint8Array) | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * `salt`, when given, supplies each commitment's 32-byte salt instead of the platform CSPRNG:
   * for reproducible demos and vectors only (a guessable salt lets anyone test guesses of an entry).
   */
  constructor(writer: LogWriter, witnesses: readonly WitnessCall[] = [], salt?: () => Uint8Array) {
    if (typeof writer !== 'object' || writer === null || typeof writer.append !== 'function')
      fail('ERR_INVALID_ARGUMENT', 'WriterEvidenceLog: writer must be a LogWriter');
    if (!Array.isArray(witnesses) || !witnesses.every((w) => typeof w === 'function'))
      fail('ERR_INVALID_ARGUMENT', 'WriterEvidenceLog: witnesses must be functions');
    this.#writer = writer;
    this.#witnesses = witnesses.map((call) => ({ call, size: 0 }));
    if (salt !== undefined && typeof salt !== 'function')
      fail('ERR_INVALID_ARGUMENT', 'WriterEvidenceLog: salt must be a function');
    this.#salt = salt;
  }

  /** The latest signed checkpoint (without cosignatures). */
  get checkpoint(): string {
    return this.#writer.checkpoint;
  }

  append(entry: Uint8Array): Promise<{ index: number; salt: Uint8Array; receipt: string }> {
    const run = this.#queue.then(() => this.#append(entry));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** A consistency proof between two integrated sizes (what the apps' monitors ask for). */
  consistencyProof(size1: number, size2: number): Promise<Uint8Array[]> {
    return this.#writer.consistencyProof(size1, size2);
  }

  async #append(entry: Uint8Array): Promise<{ index: number; salt: Uint8Array; receipt: string }> {
    let appended: { index: number; salt: Uint8Array };
    if (this.#salt === undefined) appended = this.#writer.append(entry);
    else {
      const salt = this.#salt();
      if (!(salt instanceof Uint8Array) || salt.length !== SALT_SIZE)
        fail('ERR_INVALID_ARGUMENT', `WriterEvidenceLog: salt() must return ${SALT_SIZE} bytes`);
      appended = {
        index: this.#writer.appendLeaf(commitEntry(entry, salt).commitment),
        salt: salt.slice(),
      };
    }
    const note = await this.#writer.integrate();
    const size = this.#writer.size;
    const lines: string[] = [];
    for (const w of this.#witnesses) {
      const proof = w.size === 0 ? [] : await this.#writer.consistencyProof(w.size, size);
      const answer = await w.call(
        `old ${w.size}\n${proof.map((h) => `${base64Encode(h)}\n`).join('')}\n${note}`,
      );
      // A witness that refuses simply does not cosign; the policy's quorum decides what that means.
      if (answer.status !== 200) continue;
      w.size = size;
      lines.push(...answer.body.split('\n').filter((l) => l !== ''));
    }
    return {
      index: appended.index,
      salt: appended.salt,
      receipt: await this.#writer.receipt(appended.index, lines),
    };
  }
}
