"""The JWS profile of spec/jws.md in Python: verification in the order of §9, production as in §8."""

import hashlib
import re

import base64

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from jp_crypto import CURVES, EcKey, der_to_rs, raw_to_rs, rs_to_raw, verify_ecdsa
from jp_der import DerError, read_one
from jp_encoding import b64u_decode, b64u_encode, canonicalize, parse_strict
from jp_errors import Rejected

MALFORMED = "ERR_JWS_MALFORMED"
HEADER = "ERR_JWS_HEADER_INVALID"
X5C = "ERR_JWS_X5C"
PAYLOAD = "ERR_JWS_PAYLOAD"
TOO_LARGE = "ERR_INPUT_TOO_LARGE"
SE = "ERR_INVALID_SIGNATURE_ENCODING"

LIMITS = {"maxTokenLength": 65536, "maxHeaderBytes": 32768, "maxPayloadBytes": 32768, "maxChainLength": 5, "maxCertificateBytes": 8192}
TYP_GRAMMAR = re.compile(r"jitsuin-[a-z0-9]+(?:-[a-z0-9]+)*\+jws")
ALLOWED = {"alg", "typ", "x5c"}
JSON_MAX_DEPTH = 32
JSON_MAX_BYTES = 1048576

_STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_STD_INDEX = {c: i for i, c in enumerate(_STD)}


def b64std_decode_strict(text: str) -> bytes:
    """RFC 4648 §4 with padding to a multiple of 4, zero unused bits, nothing else (JWS-12)."""
    if len(text) == 0 or len(text) % 4:
        raise Rejected(X5C, "x5c element: base64 length is not a positive multiple of 4")
    pad = 2 if text.endswith("==") else 1 if text.endswith("=") else 0
    body = text[: len(text) - pad]
    n = 0
    for ch in body:
        v = _STD_INDEX.get(ch)
        if v is None:
            raise Rejected(X5C, f"x5c element: {ch!r} is not standard base64")
        n = (n << 6) | v
    bits = 6 * len(body)
    unused = bits % 8
    if n & ((1 << unused) - 1):
        raise Rejected(X5C, "x5c element: non-zero unused bits")
    return (n >> unused).to_bytes(bits // 8, "big")


def b64std_encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _check_typ_grammar(typ, code: str) -> None:
    if not isinstance(typ, str) or len(typ) > 128 or not TYP_GRAMMAR.fullmatch(typ):
        raise Rejected(code, f"typ {typ!r} is outside the grammar of spec/jws.md §3")


def _canonical_object(data: bytes, code: str) -> dict:
    try:
        value = parse_strict(data, JSON_MAX_BYTES, JSON_MAX_DEPTH)
    except Rejected as e:
        raise Rejected(code, e.message) from None
    if not isinstance(value, dict):
        raise Rejected(code, "top-level value is not an object")
    return value


def _leaf_key(cert_der: bytes) -> EcKey:
    cert = x509.load_der_x509_certificate(cert_der)
    key = cert.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        raise Rejected(X5C, "the leaf key is not an EC P-256 key")
    return EcKey("P-256", key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint))


def _parse_certificate(der: bytes) -> None:
    """One DER certificate with nothing after it (JWS-13)."""
    try:
        read_one(der)
    except DerError as e:
        raise Rejected(X5C, f"x5c element is not one DER value: {e}") from None
    try:
        cert = x509.load_der_x509_certificate(der)
        cert.public_key()
    except UnsupportedAlgorithm:
        pass  # a well-formed certificate whose key type this platform lacks; JWS-14 decides for the leaf
    except ValueError as e:
        raise Rejected(X5C, f"x5c element is not an X.509 certificate: {e}") from None


def _check_header(header_bytes: bytes, expected_typ: str):
    h = _canonical_object(header_bytes, HEADER)
    if h.get("alg") != "ES256" or not isinstance(h.get("alg"), str):
        raise Rejected("ERR_JWS_ALG", f"alg {h.get('alg')!r} is not ES256")
    if "crit" in h:
        raise Rejected("ERR_JWS_CRIT", "crit is present")
    for name in h:
        if name not in ALLOWED:
            raise Rejected("ERR_JWS_FORBIDDEN_HEADER", f"member {name!r} is not allowed")
    typ = h.get("typ")
    if not isinstance(typ, str) or typ != expected_typ:
        raise Rejected("ERR_JWS_TYP", f"typ {typ!r} is not {expected_typ!r}")
    chain = h.get("x5c")
    if not isinstance(chain, list) or len(chain) == 0 or not all(isinstance(e, str) for e in chain):
        raise Rejected(X5C, "x5c must be a non-empty array of strings")
    if len(chain) > LIMITS["maxChainLength"]:
        raise Rejected(TOO_LARGE, f"x5c has {len(chain)} certificates")
    ders = []
    for text in chain:
        der = b64std_decode_strict(text)
        if len(der) > LIMITS["maxCertificateBytes"]:
            raise Rejected(TOO_LARGE, f"x5c element of {len(der)} bytes")
        _parse_certificate(der)
        ders.append(der)
    try:
        leaf_key = _leaf_key(ders[0])
    except (ValueError, UnsupportedAlgorithm) as e:
        raise Rejected(X5C, f"the leaf key is not a valid P-256 key: {e}") from None
    return h, ders, leaf_key


def _split(token):
    if not isinstance(token, str):
        raise Rejected(MALFORMED, "token is not a string")
    if len(token) > LIMITS["maxTokenLength"]:
        raise Rejected(TOO_LARGE, f"token of {len(token)} characters")
    if token.startswith("{"):
        raise Rejected(MALFORMED, "JSON serialization")
    segments = token.split(".")
    if len(segments) != 3:
        raise Rejected(MALFORMED, f"{len(segments)} segments")
    if segments[1] == "":
        raise Rejected(MALFORMED, "empty payload segment")
    try:
        header_bytes, payload_bytes, signature = (b64u_decode(s) for s in segments)
    except Rejected as e:
        raise Rejected(MALFORMED, e.message) from None
    if len(header_bytes) > LIMITS["maxHeaderBytes"]:
        raise Rejected(TOO_LARGE, f"header of {len(header_bytes)} bytes")
    if len(payload_bytes) > LIMITS["maxPayloadBytes"]:
        raise Rejected(TOO_LARGE, f"payload of {len(payload_bytes)} bytes")
    return segments, header_bytes, payload_bytes, signature


def verify(token, expected_typ) -> dict:
    _check_typ_grammar(expected_typ, "ERR_INVALID_ARGUMENT")
    segments, header_bytes, payload_bytes, signature = _split(token)
    header, ders, leaf_key = _check_header(header_bytes, expected_typ)
    r, s = raw_to_rs(signature, "P-256")  # raises ERR_INVALID_SIGNATURE_ENCODING (JWS-17)
    verify_ecdsa(leaf_key, (segments[0] + "." + segments[1]).encode("ascii"), r, s, "SHA-256")
    payload = _canonical_object(payload_bytes, PAYLOAD)  # only after the signature (JWS-20)
    return {"header": header, "payload": payload, "leafSha256Hex": hashlib.sha256(ders[0]).hexdigest()}


def sign(typ, payload, chain_ders: list, signer_output: bytes) -> str:
    _check_typ_grammar(typ, "ERR_INVALID_ARGUMENT")
    if not isinstance(payload, dict):
        raise Rejected(PAYLOAD, "payload must be a JSON object")
    try:
        payload_text = canonicalize(payload, JSON_MAX_DEPTH)
    except Rejected as e:
        raise Rejected(PAYLOAD, e.message) from None
    header = {"alg": "ES256", "typ": typ, "x5c": [b64std_encode(d) for d in chain_ders]}
    signing_input = b64u_encode(canonicalize(header, JSON_MAX_DEPTH).encode("utf-8")) + "." + b64u_encode(payload_text.encode("utf-8"))
    # Preflight the checks that need no signature, before the (hardware) signer would be asked.
    _split(signing_input + "." + b64u_encode(bytes(64)))
    _check_header(b64u_decode(signing_input.split(".")[0]), typ)
    size = CURVES["P-256"]["size"]
    if len(signer_output) == 2 * size:
        r, s = raw_to_rs(signer_output, "P-256")
    else:
        r, s = der_to_rs(signer_output, "P-256")  # strict DER; high-S kept as produced (JWS-32)
    token = signing_input + "." + b64u_encode(rs_to_raw(r, s, "P-256"))
    verify(token, typ)  # the producer checks its own token before releasing it (JWS-33)
    return token
