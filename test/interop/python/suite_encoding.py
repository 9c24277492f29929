"""Case types of the `encoding` suite (spec/encoding.md, appendix A)."""

import json

from jp_encoding import b64u_decode, b64u_encode, canonicalize, hex_decode, parse_strict, utf8_decode
from jp_errors import BadVector
from jp_pem import pem_decode_all, pem_encode

TYPES = {"base64url-decode", "base64url-encode", "utf8-decode", "json-parse-strict", "json-canonicalize", "pem-encode", "pem-decode"}

DEFAULT_MAX_BYTES = 1048576
DEFAULT_MAX_DEPTH = 32


def _str(inp: dict, name: str) -> str:
    v = inp.get(name)
    if not isinstance(v, str):
        raise BadVector(f"input.{name} must be a string")
    return v


def run(case_type: str, inp: dict):
    if case_type == "base64url-decode":
        return {"hex": b64u_decode(_str(inp, "text")).hex()}
    if case_type == "base64url-encode":
        return {"text": b64u_encode(hex_decode(_str(inp, "hex")))}
    if case_type == "utf8-decode":
        return {"text": utf8_decode(hex_decode(_str(inp, "hex")))}
    if case_type == "json-parse-strict":
        data = b64u_decode(_str(inp, "json"))
        value = parse_strict(data, inp.get("maxBytes", DEFAULT_MAX_BYTES), inp.get("maxDepth", DEFAULT_MAX_DEPTH))
        return {"value": value}
    if case_type == "json-canonicalize":
        # Numbers read as IEEE 754 doubles, as RFC 8785 reads them (spec/encoding.md appendix A).
        value = json.loads(_str(inp, "json"), parse_int=float)
        return {"canonical": canonicalize(value, inp.get("maxDepth", DEFAULT_MAX_DEPTH))}
    if case_type == "pem-encode":
        return {"text": pem_encode(_str(inp, "label"), hex_decode(_str(inp, "hex")))}
    if case_type == "pem-decode":
        blocks = pem_decode_all(_str(inp, "text"), _str(inp, "label"), inp.get("maxLength", 8 * 1024 * 1024))
        return {"blocks": [b.hex() for b in blocks]}
    raise BadVector(f"unknown type {case_type}")
