/** The structured outcome of a demo run (what `runDemoScenario` returns and `summary.json` holds). @module */
import type { ErrorCode } from '../../errors.js';

/** One step that must succeed. */
export interface DemoCheck {
  /** Short stable name, e.g. `login-hospital`. */
  readonly name: string;
  readonly passed: boolean;
  /** What happened, or the error when it did not pass. */
  readonly detail: string;
}

/** One attack that must be rejected with a given error code and requirement id. */
export interface DemoAttack {
  /** Short stable name, e.g. `replayed-login-response`. */
  readonly name: string;
  readonly description: string;
  readonly expectedCode: ErrorCode;
  readonly expectedRequirement: string;
  /** The code of the error thrown; `undefined` when the attack was (wrongly) accepted. */
  readonly actualCode: string | undefined;
  readonly actualRequirement: string | undefined;
  /** The error message (or a note that nothing was thrown). */
  readonly message: string;
  /** True when rejected with exactly the expected code and requirement. */
  readonly passed: boolean;
}

/** The outcome of one demo run. */
export interface DemoResult {
  /** True when every check passed and every attack was rejected as expected. */
  readonly ok: boolean;
  /** The fixed "now" of the demo, seconds since the epoch. */
  readonly time: number;
  /** Folder the artefacts were written to. */
  readonly outDir: string;
  /** The person's common code in its text form (the same in every app certificate). */
  readonly commonCode: string | undefined;
  /** Whether the QR code was drawn in the terminal (false: `qrcode-terminal` is absent, URI printed). */
  readonly qrDrawn: boolean;
  readonly checks: readonly DemoCheck[];
  readonly attacks: readonly DemoAttack[];
  /** Artefacts written, relative to `outDir`. */
  readonly artefacts: readonly string[];
}
