/**
 * A stand-in for the phone's secure hardware (Secure Enclave, StrongBox). Like the real thing it
 * returns ECDSA signatures in DER and does not normalise S, so about half of its signatures are
 * "high-S"; the JWS layer converts DER to r‖s strictly and verifiers accept either S. Here the key
 * is a deterministic software key and the S half is chosen by a counter, so the demo is
 * reproducible and shows both forms.
 * @module
 */
import { derivePrivateKey, getEcPublicKey, signEcdsa } from '../../crypto/ecdsa.js';
import { exportSpki } from '../../crypto/keys.js';
import { DEMO_SEED } from './random.js';

/** What the simulated hardware signed, for the narration. */
export interface SignatureRecord {
  /** Length of the DER signature returned. */
  readonly derLength: number;
  /** True when S was above n/2. */
  readonly highS: boolean;
}

/** A simulated secure element holding one non-exportable P-256 key. */
export class SimulatedSecureElement {
  readonly #privateKey: Uint8Array;
  /** SubjectPublicKeyInfo DER of the key (what the app puts in its enrollment request). */
  readonly publicKey: Uint8Array;
  /** Every signature made, in order. */
  readonly signatures: SignatureRecord[] = [];

  /** Creates the key for `label` deterministically from the demo seed. */
  constructor(readonly label: string) {
    this.#privateKey = derivePrivateKey(DEMO_SEED, `demo/device/${label}`);
    this.publicKey = exportSpki(getEcPublicKey(this.#privateKey));
  }

  /** Signs like the hardware (ECDSA P-256, SHA-256): DER out, high-S on every other call. Usable as a JWS or CSR signer. */
  readonly sign = (input: Uint8Array): Promise<Uint8Array> => {
    const highS = this.signatures.length % 2 === 0;
    const der = signEcdsa(this.#privateKey, input, { format: 'der', highS });
    this.signatures.push({ derLength: der.length, highS });
    return Promise.resolve(der);
  };

  /** The last signature made, if any. */
  get last(): SignatureRecord | undefined {
    return this.signatures.at(-1);
  }
}
