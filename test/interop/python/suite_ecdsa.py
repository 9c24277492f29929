"""Case types of the `ecdsa` suite (spec/crypto.md, appendix A)."""

from jp_crypto import CURVES, EcKey, RsaKey, check_hash, der_to_rs, import_spki, raw_to_rs, rs_to_der, rs_to_raw, verify_ecdsa, verify_rsa_pkcs1
from jp_encoding import b64u_decode, b64u_encode
from jp_errors import BadVector, Rejected

TYPES = {"ecdsa-der-to-raw", "ecdsa-raw-to-der", "ecdsa-verify", "spki-import", "rsa-pkcs1-verify"}


def _str(inp: dict, name: str) -> str:
    v = inp.get(name)
    if not isinstance(v, str):
        raise BadVector(f"input.{name} must be a string")
    return v


def _bytes(inp: dict, name: str) -> bytes:
    return b64u_decode(_str(inp, name))


def _curve(inp: dict) -> str:
    c = _str(inp, "curve")
    if c not in CURVES:
        raise BadVector(f"unknown curve {c}")
    return c


def run(case_type: str, inp: dict):
    if case_type == "ecdsa-der-to-raw":
        curve = _curve(inp)
        r, s = der_to_rs(_bytes(inp, "der"), curve)
        return {"raw": b64u_encode(rs_to_raw(r, s, curve))}
    if case_type == "ecdsa-raw-to-der":
        r, s = raw_to_rs(_bytes(inp, "raw"), _curve(inp))
        return {"der": b64u_encode(rs_to_der(r, s))}
    if case_type == "spki-import":
        key = import_spki(_bytes(inp, "spki"))
        return {"kind": "ec", "curve": key.curve} if isinstance(key, EcKey) else {"kind": "rsa", "bits": key.bits}
    if case_type == "ecdsa-verify":
        key = import_spki(_bytes(inp, "publicKey"))
        if not isinstance(key, EcKey):
            raise Rejected("ERR_UNSUPPORTED_ALGORITHM", "ECDSA verification needs an EC key")
        hash_name = _str(inp, "hash")
        check_hash(hash_name)
        fmt = _str(inp, "format")
        signature = _bytes(inp, "signature")
        if fmt == "raw":
            r, s = raw_to_rs(signature, key.curve)
        elif fmt == "der":
            r, s = der_to_rs(signature, key.curve)
        else:
            raise BadVector(f"unknown format {fmt}")
        verify_ecdsa(key, _bytes(inp, "message"), r, s, hash_name)
        return None
    if case_type == "rsa-pkcs1-verify":
        key = import_spki(_bytes(inp, "publicKey"))
        if not isinstance(key, RsaKey):
            raise Rejected("ERR_UNSUPPORTED_ALGORITHM", "RSA verification needs an RSA key")
        verify_rsa_pkcs1(key, _bytes(inp, "message"), _bytes(inp, "signature"), _str(inp, "hash"))
        return None
    raise BadVector(f"unknown type {case_type}")
