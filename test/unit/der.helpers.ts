/** DER-editing helpers shared by the certificate and revocation parser tests. */
import { bytesEqual, concatBytes } from '../../src/encoding/bytes.js';
import { encodeTlv, readChildren, readTlv } from '../../src/x509/der.js';

/** Rebuilds a DER tree, replacing every node whose bytes equal `find` (lengths recomputed). */
export function replaceNode(
  der: Uint8Array,
  find: Uint8Array,
  replacement: Uint8Array,
): Uint8Array {
  const walk = (bytes: Uint8Array): Uint8Array => {
    if (bytesEqual(bytes, find)) return replacement;
    const t = readTlv(bytes, 0);
    if ((t.tag & 0x20) === 0) return bytes;
    return encodeTlv(
      t.tag,
      concatBytes(...readChildren(bytes, t).map((c) => walk(bytes.subarray(c.start, c.end)))),
    );
  };
  return walk(der);
}
