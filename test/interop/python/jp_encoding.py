"""Strict encodings of spec/encoding.md, written from the text: base64url (§1), UTF-8 (§3),
the strict JSON receiver (§4.2-4.5) and the RFC 8785 serialiser restricted to the profile."""

import math

from jp_errors import Rejected

ENC = "ERR_ENCODING"
TOO_LARGE = "ERR_INPUT_TOO_LARGE"

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_INDEX = {c: i for i, c in enumerate(_ALPHABET)}


# --- base64url (RFC 4648 §5, no padding, strict) ---------------------------------------------

def b64u_decode(text: str) -> bytes:
    values = []
    for pos, ch in enumerate(text):
        v = _INDEX.get(ch)
        if v is None:
            raise Rejected(ENC, f"base64url: character {ch!r} at {pos} is not in the alphabet")
        values.append(v)
    if len(values) % 4 == 1:
        raise Rejected(ENC, "base64url: length 4k+1 encodes no byte string")
    out = bytearray()
    for i in range(0, len(values), 4):
        chunk = values[i:i + 4]
        n = 0
        for v in chunk:
            n = (n << 6) | v
        bits = 6 * len(chunk)
        keep = (bits // 8) * 8
        unused = bits - keep
        if n & ((1 << unused) - 1):
            raise Rejected(ENC, "base64url: non-zero unused bits in the last character")
        n >>= unused
        out += n.to_bytes(keep // 8, "big")
    return bytes(out)


def b64u_encode(data: bytes) -> str:
    out = []
    for i in range(0, len(data), 3):
        chunk = data[i:i + 3]
        n = int.from_bytes(chunk, "big") << (8 * (3 - len(chunk)))
        chars = [_ALPHABET[(n >> s) & 63] for s in (18, 12, 6, 0)]
        out.append("".join(chars[: len(chunk) + 1]))
    return "".join(out)


def hex_decode(text: str) -> bytes:
    if len(text) % 2 or any(c not in "0123456789abcdefABCDEF" for c in text):
        raise Rejected(ENC, "hex: odd length or a non-hex character")
    return bytes.fromhex(text)


# --- Unicode ------------------------------------------------------------------------------------

def utf8_decode(data: bytes) -> str:
    # Python's strict codec rejects overlong forms, encoded surrogates, > U+10FFFF and truncation.
    try:
        return data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        raise Rejected(ENC, f"ill-formed UTF-8 at byte {e.start}") from None


def is_noncharacter(cp: int) -> bool:
    return 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE


def _check_text(s: str) -> None:
    for ch in s:
        cp = ord(ch)
        if 0xD800 <= cp <= 0xDFFF:
            raise Rejected(ENC, "lone surrogate")
        if is_noncharacter(cp):
            raise Rejected(ENC, f"noncharacter U+{cp:04X}")


def _utf16_key(name: str) -> list:
    units = []
    for ch in name:
        cp = ord(ch)
        if cp >= 0x10000:
            cp -= 0x10000
            units += [0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF)]
        else:
            units.append(cp)
    return units


MAX_SAFE = 2 ** 53 - 1


# --- strict JSON receiver -------------------------------------------------------------------------

class _Parser:
    _SHORT = {ord('"'): '"', ord("\\"): "\\", ord("b"): "\b", ord("t"): "\t", ord("n"): "\n", ord("f"): "\f", ord("r"): "\r"}

    def __init__(self, data: bytes, max_depth: int) -> None:
        self.d = data
        self.i = 0
        self.max_depth = max_depth

    def fail(self, what: str):
        raise Rejected(ENC, f"strict JSON: {what} at byte {self.i}")

    def peek(self) -> int:
        return self.d[self.i] if self.i < len(self.d) else -1

    def value(self, depth: int):
        c = self.peek()
        if c == ord("{"):
            return self.obj(depth + 1)
        if c == ord("["):
            return self.arr(depth + 1)
        if c == ord('"'):
            return self.string()
        if c == ord("-") or ord("0") <= c <= ord("9"):
            return self.number()
        for lit, val in ((b"true", True), (b"false", False), (b"null", None)):
            if self.d.startswith(lit, self.i):
                self.i += len(lit)
                return val
        self.fail("no JSON value")

    def enter(self, depth: int) -> None:
        if depth > self.max_depth:
            raise Rejected(TOO_LARGE, f"nesting deeper than {self.max_depth}")

    def arr(self, depth: int):
        self.enter(depth)
        self.i += 1
        out = []
        if self.peek() == ord("]"):
            self.i += 1
            return out
        while True:
            out.append(self.value(depth))
            c = self.peek()
            self.i += 1
            if c == ord("]"):
                return out
            if c != ord(","):
                self.i -= 1
                self.fail("expected , or ]")

    def obj(self, depth: int):
        self.enter(depth)
        self.i += 1
        out = {}
        prev = None
        if self.peek() == ord("}"):
            self.i += 1
            return out
        while True:
            if self.peek() != ord('"'):
                self.fail("expected a member name")
            name = self.string()
            if any(ord(ch) > 0x7F for ch in name):
                self.fail("non-ASCII member name")
            if name in out:
                self.fail(f"duplicate member {name!r}")
            if prev is not None and _utf16_key(name) <= _utf16_key(prev):
                self.fail("members not in ascending order")
            prev = name
            if self.peek() != ord(":"):
                self.fail("expected :")
            self.i += 1
            out[name] = self.value(depth)
            c = self.peek()
            self.i += 1
            if c == ord("}"):
                return out
            if c != ord(","):
                self.i -= 1
                self.fail("expected , or }")

    def string(self) -> str:
        self.i += 1
        start_chunk = self.i
        parts = []
        while True:
            c = self.peek()
            if c == -1:
                self.fail("unterminated string")
            if c == ord('"'):
                parts.append(utf8_decode(self.d[start_chunk:self.i]))
                self.i += 1
                s = "".join(parts)
                _check_text(s)
                return s
            if c < 0x20:
                self.fail("unescaped control character")
            if c == ord("\\"):
                parts.append(utf8_decode(self.d[start_chunk:self.i]))
                e = self.d[self.i + 1] if self.i + 1 < len(self.d) else -1
                if e in self._SHORT:
                    parts.append(self._SHORT[e])
                    self.i += 2
                elif e == ord("u"):
                    hexdigits = self.d[self.i + 2:self.i + 6]
                    if len(hexdigits) != 4 or any(h not in b"0123456789abcdefABCDEF" for h in hexdigits):
                        self.fail("bad \\u escape")
                    cp = int(hexdigits, 16)
                    if 0xD800 <= cp <= 0xDFFF:
                        self.fail("escaped surrogate (lone, or a pair that must be literal UTF-8)")
                    if cp >= 0x20 or cp in (0x08, 0x09, 0x0A, 0x0C, 0x0D) or hexdigits != hexdigits.lower():
                        self.fail("escape that RFC 8785 does not produce")
                    parts.append(chr(cp))
                    self.i += 6
                else:
                    self.fail("invalid escape")
                start_chunk = self.i
                continue
            self.i += 1

    def number(self) -> int:
        start = self.i
        if self.peek() == ord("-"):
            self.i += 1
        c = self.peek()
        if c == ord("0"):
            self.i += 1
        elif ord("1") <= c <= ord("9"):
            while ord("0") <= self.peek() <= ord("9"):
                self.i += 1
        else:
            self.fail("bad number")
        if self.peek() in (ord("."), ord("e"), ord("E")):
            self.fail("fraction or exponent")
        text = self.d[start:self.i].decode("ascii")
        if text == "-0":
            self.fail("negative zero")
        n = int(text)
        if abs(n) > MAX_SAFE:
            self.fail("integer beyond ±(2^53-1)")
        return n


def parse_strict(data: bytes, max_bytes: int, max_depth: int):
    if len(data) > max_bytes:
        raise Rejected(TOO_LARGE, f"{len(data)} bytes exceed the limit {max_bytes}")
    p = _Parser(data, max_depth)
    if data.startswith(b"\xef\xbb\xbf"):
        p.fail("byte order mark")
    v = p.value(0)
    if p.i != len(data):
        p.fail("bytes after the value")
    return v


# --- RFC 8785 serialiser for the profile -----------------------------------------------------------

def _canon_string(s: str) -> str:
    _check_text(s)
    out = ['"']
    for ch in s:
        cp = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif cp < 0x20:
            out.append({8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"}.get(cp, f"\\u{cp:04x}"))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def canonicalize(value, max_depth: int, depth: int = 0) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        x = float(value)
        if not math.isfinite(x) or x != math.floor(x):
            raise Rejected(ENC, f"number {value!r} is not an integer")
        if abs(x) > MAX_SAFE:
            raise Rejected(ENC, f"integer {value!r} beyond ±(2^53-1)")
        if x == 0 and math.copysign(1.0, x) < 0:
            raise Rejected(ENC, "negative zero")
        return str(int(x))
    if isinstance(value, str):
        return _canon_string(value)
    if isinstance(value, list):
        if depth + 1 > max_depth:
            raise Rejected(TOO_LARGE, f"nesting deeper than {max_depth}")
        return "[" + ",".join(canonicalize(v, max_depth, depth + 1) for v in value) + "]"
    if isinstance(value, dict):
        if depth + 1 > max_depth:
            raise Rejected(TOO_LARGE, f"nesting deeper than {max_depth}")
        for k in value:
            if any(ord(ch) > 0x7F for ch in k):
                raise Rejected(ENC, f"non-ASCII member name {k!r}")
        keys = sorted(value, key=_utf16_key)
        return "{" + ",".join(_canon_string(k) + ":" + canonicalize(value[k], max_depth, depth + 1) for k in keys) + "}"
    raise Rejected(ENC, f"value of type {type(value).__name__} is outside the model")
