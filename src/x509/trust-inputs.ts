/**
 * The trust inputs every verifier of a certificate chain takes from its caller (capability 5:
 * each party verifies with its own anchors, revocation data and clock).
 * @module
 */
import type { RevocationOptions } from './revocation/check.js';

/** A verifier's own trust inputs: anchors, extra intermediates, revocation and time. */
export interface TrustInputs {
  /** DER trust anchors of the verifier (its own choice of CA roots). */
  readonly trustAnchors: readonly Uint8Array[];
  /** DER intermediate certificates to consider besides those the message carries (`x5c`). */
  readonly intermediates?: readonly Uint8Array[];
  /**
   * CRLs, OCSP responses and policy. Revocation fails closed: absent, it means "require, with no
   * data" (`ERR_REVOCATION_UNKNOWN`); `{ mode: 'off' }` opts out explicitly.
   */
  readonly revocation?: RevocationOptions;
  /** Validation time, integer seconds since the epoch. */
  readonly time: number;
}
