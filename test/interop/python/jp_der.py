"""A strict DER reader (X.690 §10): definite minimal lengths, no trailing bytes. Just enough ASN.1
for ECDSA-Sig-Value, SubjectPublicKeyInfo, RSAPublicKey and X.509 certificates."""


class DerError(Exception):
    pass


class Tlv:
    __slots__ = ("tag", "content", "raw")

    def __init__(self, tag: int, content: bytes, raw: bytes) -> None:
        self.tag = tag
        self.content = content
        self.raw = raw


def read_tlv(data: bytes, pos: int = 0):
    """Reads one TLV at pos; returns (Tlv, next position)."""
    if pos + 2 > len(data):
        raise DerError("truncated header")
    tag = data[pos]
    if tag & 0x1F == 0x1F:
        raise DerError("high tag numbers are not used")
    first = data[pos + 1]
    p = pos + 2
    if first < 0x80:
        length = first
    elif first == 0x80:
        raise DerError("indefinite length")
    else:
        n = first & 0x7F
        if n > 4 or p + n > len(data):
            raise DerError("bad long-form length")
        length_bytes = data[p:p + n]
        if length_bytes[0] == 0:
            raise DerError("long-form length with a leading zero")
        length = int.from_bytes(length_bytes, "big")
        if length < 0x80:
            raise DerError("long form for a length below 128")
        p += n
    if p + length > len(data):
        raise DerError("length runs past the input")
    return Tlv(tag, data[p:p + length], data[pos:p + length]), p + length


def read_one(data: bytes) -> Tlv:
    t, end = read_tlv(data, 0)
    if end != len(data):
        raise DerError("bytes after the value")
    return t


def children(t: Tlv) -> list:
    out = []
    pos = 0
    while pos < len(t.content):
        c, pos = read_tlv(t.content, pos)
        out.append(c)
    return out


def expect(t: Tlv, tag: int, what: str) -> Tlv:
    if t.tag != tag:
        raise DerError(f"{what}: tag 0x{t.tag:02x}, expected 0x{tag:02x}")
    return t


def unsigned_integer(t: Tlv) -> int:
    """A non-negative INTEGER in minimal two's complement."""
    expect(t, 0x02, "INTEGER")
    c = t.content
    if len(c) == 0:
        raise DerError("empty INTEGER")
    if c[0] & 0x80:
        raise DerError("negative INTEGER")
    if len(c) > 1 and c[0] == 0 and not (c[1] & 0x80):
        raise DerError("INTEGER with a superfluous leading zero")
    return int.from_bytes(c, "big")


def encode_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def encode_tlv(tag: int, content: bytes) -> bytes:
    return bytes([tag]) + encode_length(len(content)) + content


def encode_unsigned_integer(v: int) -> bytes:
    b = v.to_bytes(max(1, (v.bit_length() + 7) // 8), "big")
    if b[0] & 0x80:
        b = b"\x00" + b
    return encode_tlv(0x02, b)
