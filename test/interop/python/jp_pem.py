"""Strict PEM of spec/encoding.md §8 (RFC 7468 §3, Figure 3), written from the text: the whole
input is a sequence of blocks, each `-----BEGIN L-----` eol, base64 lines of 64 characters and a
last line of 4..64 (a multiple of 4), `-----END L-----` eol; nothing else anywhere."""

import base64
import re

from jp_errors import Rejected

ENC = "ERR_ENCODING"
TOO_LARGE = "ERR_INPUT_TOO_LARGE"
DEFAULT_MAX_LENGTH = 8 * 1024 * 1024

_LABEL = re.compile(r"[\x21-\x2c\x2e-\x7e]+(?:[- ][\x21-\x2c\x2e-\x7e]+)*\Z")
_STD = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def _lines(text: str):
    """Splits into (line, eol) pairs; eol is '' only for a last line without a line ending."""
    out = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and text[j] not in "\r\n":
            j += 1
        if j == len(text):
            eol = ""
        elif text.startswith("\r\n", j):
            eol = "\r\n"
        else:
            eol = text[j]
        out.append((text[i:j], eol))
        i = j + len(eol)
    return out


def _body(b64: str) -> bytes:
    stripped = b64.rstrip("=")
    pad = len(b64) - len(stripped)
    if pad > 2 or any(c not in _STD for c in stripped):
        raise Rejected(ENC, "PEM: a character outside standard base64, or padding before the end [ENC-37]")
    data = base64.b64decode(b64, validate=True)
    if base64.b64encode(data).decode("ascii") != b64:
        raise Rejected(ENC, "PEM: non-canonical base64 (non-zero unused bits) [ENC-37]")
    return data


def pem_decode_all(text: str, label: str, max_length: int = DEFAULT_MAX_LENGTH):
    if not _LABEL.match(label):
        raise Rejected("ERR_INVALID_ARGUMENT", f"PEM: {label!r} is not an RFC 7468 label")
    if len(text) > max_length:
        raise Rejected(TOO_LARGE, f"PEM: {len(text)} characters exceed {max_length} [ENC-39]")
    begin, end = f"-----BEGIN {label}-----", f"-----END {label}-----"
    lines = _lines(text)
    blocks = []
    k = 0
    if not lines:
        raise Rejected(ENC, "PEM: empty text [ENC-34]")
    while k < len(lines):
        line, eol = lines[k]
        if not line.startswith("-----BEGIN "):
            raise Rejected(ENC, "PEM: text outside a block [ENC-34]")
        m = re.fullmatch(r"-----BEGIN (.*)-----", line)
        if m and m.group(1) != label:
            raise Rejected(ENC, f"PEM: label {m.group(1)!r}, expected {label!r} [ENC-35]")
        if line != begin or eol == "":
            raise Rejected(ENC, "PEM: malformed BEGIN line [ENC-36]")
        k += 1
        body = []
        while k < len(lines) and not lines[k][0].startswith("-----END "):
            body.append(lines[k])
            k += 1
        if k == len(lines):
            raise Rejected(ENC, "PEM: no END line [ENC-36]")
        if not body:
            raise Rejected(ENC, "PEM: no base64 line [ENC-36]")
        for n, (b, b_eol) in enumerate(body):
            last = n == len(body) - 1
            if b_eol == "" or len(b) == 0 or len(b) > 64 or len(b) % 4 or (not last and len(b) != 64):
                raise Rejected(ENC, f"PEM: base64 line of {len(b)} characters [ENC-36]")
        line, eol = lines[k]
        m = re.fullmatch(r"-----END (.*)-----", line)
        if m and m.group(1) != label:
            raise Rejected(ENC, f"PEM: END label {m.group(1)!r}, expected {label!r} [ENC-35]")
        if line != end or eol == "":
            raise Rejected(ENC, "PEM: malformed END line or no line ending after it [ENC-36]")
        k += 1
        blocks.append(_body("".join(b for b, _ in body)))
    return blocks


def pem_encode(label: str, data: bytes) -> str:
    if not _LABEL.match(label) or not data:
        raise Rejected("ERR_INVALID_ARGUMENT", "PEM: bad label or no bytes")
    b64 = base64.b64encode(data).decode("ascii")
    body = "".join(b64[i:i + 64] + "\n" for i in range(0, len(b64), 64))
    return f"-----BEGIN {label}-----\n{body}-----END {label}-----\n"
