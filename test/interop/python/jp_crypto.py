"""spec/crypto.md written out in Python: SPKI import (§2), ECDSA encodings (§3), ECDSA verification
(§4, through python3-cryptography) and RSASSA-PKCS1-v1_5 by re-encoding (§5, plain integers)."""

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from jp_der import DerError, children, encode_tlv, encode_unsigned_integer, expect, read_one, unsigned_integer
from jp_errors import Rejected

UA = "ERR_UNSUPPORTED_ALGORITHM"
IK = "ERR_INVALID_KEY"
SE = "ERR_INVALID_SIGNATURE_ENCODING"
SI = "ERR_SIGNATURE_INVALID"

CURVES = {
    "P-256": {"size": 32, "n": 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551, "crypto": ec.SECP256R1(), "oid": bytes.fromhex("2a8648ce3d030107")},
    "P-384": {
        "size": 48,
        "n": 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973,
        "crypto": ec.SECP384R1(),
        "oid": bytes.fromhex("2b81040022"),
    },
}
OID_EC_PUBLIC_KEY = bytes.fromhex("2a8648ce3d0201")
OID_RSA_ENCRYPTION = bytes.fromhex("2a864886f70d010101")

HASHES = {"SHA-256": (hashlib.sha256, hashes.SHA256, "608648016503040201"), "SHA-384": (hashlib.sha384, hashes.SHA384, "608648016503040202"), "SHA-512": (hashlib.sha512, hashes.SHA512, "608648016503040203")}


def check_hash(name: str):
    h = HASHES.get(name)
    if h is None:
        raise Rejected(UA, f"hash {name!r} is not SHA-256, SHA-384 or SHA-512")
    return h


class EcKey:
    def __init__(self, curve: str, point: bytes) -> None:
        self.kind = "ec"
        self.curve = curve
        self.point = point
        try:
            self.key = ec.EllipticCurvePublicKey.from_encoded_point(CURVES[curve]["crypto"], point)
        except ValueError:
            raise Rejected(IK, "point not on the curve") from None


class RsaKey:
    def __init__(self, n: int, e: int) -> None:
        self.kind = "rsa"
        self.n = n
        self.e = e
        self.bits = n.bit_length()


def import_spki(spki: bytes, min_rsa_bits: int = 2048):
    """SubjectPublicKeyInfo → key, with every check of spec/crypto.md §1-2."""
    try:
        top = expect(read_one(spki), 0x30, "SubjectPublicKeyInfo")
        parts = children(top)
        if len(parts) != 2:
            raise DerError("SubjectPublicKeyInfo must have two elements")
        alg = expect(parts[0], 0x30, "AlgorithmIdentifier")
        bits = expect(parts[1], 0x03, "subjectPublicKey")
        alg_parts = children(alg)
        if not alg_parts or len(alg_parts) > 2:
            raise DerError("AlgorithmIdentifier must have one or two elements")
        oid = expect(alg_parts[0], 0x06, "algorithm").content
        params = alg_parts[1] if len(alg_parts) == 2 else None
        if len(bits.content) < 1 or bits.content[0] != 0:
            raise DerError("subjectPublicKey declares unused bits")
        key_bytes = bits.content[1:]
    except DerError as e:
        raise Rejected(IK, f"SubjectPublicKeyInfo: {e}") from None
    if oid == OID_EC_PUBLIC_KEY:
        if params is None or params.tag != 0x06:
            raise Rejected(UA, "EC key without a namedCurve (explicit or implicit parameters)")
        curve = next((name for name, c in CURVES.items() if c["oid"] == params.content), None)
        if curve is None:
            raise Rejected(UA, "curve is not P-256 or P-384")
        size = CURVES[curve]["size"]
        if len(key_bytes) != 1 + 2 * size or key_bytes[0] != 0x04:
            raise Rejected(IK, "EC point is not an uncompressed point of the curve's size")
        return EcKey(curve, key_bytes)
    if oid == OID_RSA_ENCRYPTION:
        if params is None or params.tag != 0x05 or params.content != b"":
            raise Rejected(IK, "rsaEncryption parameters must be an explicit NULL")
        try:
            seq = expect(read_one(key_bytes), 0x30, "RSAPublicKey")
            ints = children(seq)
            if len(ints) != 2:
                raise DerError("RSAPublicKey must have two INTEGERs")
            n = unsigned_integer(ints[0])
            e = unsigned_integer(ints[1])
        except DerError as err:
            raise Rejected(IK, f"RSAPublicKey: {err}") from None
        if n.bit_length() < min_rsa_bits or n.bit_length() > 4096:
            raise Rejected(UA, f"RSA modulus of {n.bit_length()} bits")
        if n % 2 == 0:
            raise Rejected(IK, "even RSA modulus")
        if e % 2 == 0 or e < 3 or e >= n or e.bit_length() > 256:
            raise Rejected(IK, "bad RSA public exponent")
        return RsaKey(n, e)
    raise Rejected(UA, "key algorithm is not id-ecPublicKey or rsaEncryption")


# --- ECDSA signature encodings ----------------------------------------------------------------------

def _check_range(r: int, s: int, curve: str) -> None:
    n = CURVES[curve]["n"]
    if not (1 <= r < n and 1 <= s < n):
        raise Rejected(SE, "r or s outside [1, n-1]")


def der_to_rs(der: bytes, curve: str):
    try:
        seq = expect(read_one(der), 0x30, "ECDSA-Sig-Value")
        parts = children(seq)
        if len(parts) != 2:
            raise DerError("ECDSA-Sig-Value must have two INTEGERs")
        r = unsigned_integer(parts[0])
        s = unsigned_integer(parts[1])
    except DerError as e:
        raise Rejected(SE, f"DER signature: {e}") from None
    _check_range(r, s, curve)
    return r, s


def raw_to_rs(raw: bytes, curve: str):
    size = CURVES[curve]["size"]
    if len(raw) != 2 * size:
        raise Rejected(SE, f"raw signature of {len(raw)} bytes, expected {2 * size}")
    r = int.from_bytes(raw[:size], "big")
    s = int.from_bytes(raw[size:], "big")
    _check_range(r, s, curve)
    return r, s


def rs_to_raw(r: int, s: int, curve: str) -> bytes:
    size = CURVES[curve]["size"]
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def rs_to_der(r: int, s: int) -> bytes:
    return encode_tlv(0x30, encode_unsigned_integer(r) + encode_unsigned_integer(s))


def verify_ecdsa(key, message: bytes, r: int, s: int, hash_name: str) -> None:
    """FIPS 186-5 verification through OpenSSL; high-S is accepted as is (CRY-08)."""
    _, crypto_hash, _ = check_hash(hash_name)
    try:
        key.key.verify(encode_dss_signature(r, s), message, ec.ECDSA(crypto_hash()))
    except InvalidSignature:
        raise Rejected(SI, "ECDSA signature does not verify") from None


# --- RSASSA-PKCS1-v1_5 by re-encoding (RFC 8017 §8.2.2) ---------------------------------------------

def verify_rsa_pkcs1(key: RsaKey, message: bytes, signature: bytes, hash_name: str) -> None:
    hash_fn, _, oid_hex = check_hash(hash_name)
    k = (key.n.bit_length() + 7) // 8
    if len(signature) != k:
        raise Rejected(SE, f"RSA signature of {len(signature)} bytes, modulus is {k}")
    s = int.from_bytes(signature, "big")
    if s >= key.n:
        raise Rejected(SI, "RSA signature value not below the modulus")
    em_prime = pow(s, key.e, key.n).to_bytes(k, "big")
    digest = hash_fn(message).digest()
    oid = bytes.fromhex(oid_hex)
    digest_info = encode_tlv(0x30, encode_tlv(0x30, encode_tlv(0x06, oid) + b"\x05\x00") + encode_tlv(0x04, digest))
    ps_len = k - len(digest_info) - 3
    if ps_len < 8:
        raise Rejected(SI, "modulus too short for this hash")
    em = b"\x00\x01" + b"\xff" * ps_len + b"\x00" + digest_info
    diff = 0
    for a, b in zip(em, em_prime):
        diff |= a ^ b
    if diff != 0:
        raise Rejected(SI, "RSA signature does not verify")
