"""Case types of the `evidence-log` suite (spec/evidence-log.md), written from the spec text:
RFC 9162 trees and proofs, leaf commitments, C2SP vkeys, signed notes, checkpoints, cosignatures,
tlog-policy, tlog-proof receipts, client updates and misbehaviour evidence."""

import base64
import binascii
import hashlib
import re
import struct

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from jp_errors import BadVector, Rejected

TYPES = {
    "tree-root", "inclusion-proof", "consistency-proof", "inclusion-verify", "consistency-verify", "commitment",
    "vkey-parse", "note-open", "checkpoint-verify", "policy-parse", "policy-verify", "receipt-verify",
    "client-update", "evidence-verify",
}

MAX_SAFE = 2**53 - 1


def sha(b: bytes) -> bytes:
    return hashlib.sha256(b).digest()


def leaf_hash(d: bytes) -> bytes:
    return sha(b"\x00" + d)


def node_hash(left: bytes, right: bytes) -> bytes:
    return sha(b"\x01" + left + right)


def proof_error(msg: str):
    raise Rejected("ERR_LOG_PROOF", msg)


# --- tree (section 2) -------------------------------------------------------------------------

def split_point(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


class Tree:
    """Leaves 'leaf <i>'; subtree roots memoised by (start, end)."""

    def __init__(self, n: int):
        self.leaves = [leaf_hash(f"leaf {i}".encode()) for i in range(n)]
        self.memo = {}

    def mth(self, a: int, b: int) -> bytes:
        if b - a == 0:
            return sha(b"")
        if b - a == 1:
            return self.leaves[a]
        key = (a, b)
        if key not in self.memo:
            k = split_point(b - a)
            self.memo[key] = node_hash(self.mth(a, a + k), self.mth(a + k, b))
        return self.memo[key]

    def path(self, m: int, a: int, b: int) -> list:
        if b - a == 1:
            return []
        k = split_point(b - a)
        if m < a + k:
            return self.path(m, a, a + k) + [self.mth(a + k, b)]
        return self.path(m, a + k, b) + [self.mth(a, a + k)]

    def subproof(self, m: int, a: int, b: int, whole: bool) -> list:
        if m == b:
            return [] if whole else [self.mth(a, b)]
        k = split_point(b - a)
        if m <= a + k:
            return self.subproof(m, a, a + k, whole) + [self.mth(a + k, b)]
        return self.subproof(m, a + k, b, False) + [self.mth(a, a + k)]


TREE = Tree(1025)


def check_hash(h: bytes) -> None:
    if len(h) != 32:
        proof_error(f"hash of {len(h)} bytes (LOG-02)")


def root_from_inclusion(index: int, size: int, leaf: bytes, proof: list) -> bytes:
    check_hash(leaf)
    for p in proof:
        check_hash(p)
    if index >= size:
        proof_error("index not below size (LOG-03)")
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            proof_error("proof too long (LOG-04)")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        proof_error("proof too short (LOG-04)")
    return r


def verify_inclusion(index: int, size: int, leaf: bytes, proof: list, root: bytes) -> None:
    check_hash(root)
    if root_from_inclusion(index, size, leaf, proof) != root:
        proof_error("root mismatch (LOG-04)")


def roots_from_consistency(m: int, n: int, root1: bytes, proof: list):
    if not proof:
        proof_error("empty consistency proof (LOG-06)")
    path = list(proof)
    if m & (m - 1) == 0:
        path = [root1] + path
    fn, sn = m - 1, n - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            proof_error("consistency proof too long (LOG-06)")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        proof_error("consistency proof too short (LOG-06)")
    return fr, sr


def verify_consistency(m: int, n: int, root1: bytes, root2: bytes, proof: list) -> None:
    check_hash(root1)
    check_hash(root2)
    for p in proof:
        check_hash(p)
    if m > n:
        proof_error("size1 > size2 (LOG-05)")
    if m == n:
        if proof or root1 != root2:
            proof_error("equal sizes need an empty proof and equal roots (LOG-05)")
        return
    if m == 0:
        proof_error("proof from the empty tree (LOG-05)")
    fr, sr = roots_from_consistency(m, n, root1, proof)
    if fr != root1 or sr != root2:
        proof_error("consistency proof does not lead to the roots (LOG-06)")


# --- commitments (section 3) ------------------------------------------------------------------

TAG = b"jitsuin/evidence-log/commitment/v1"


def commit(entry: bytes, salt: bytes) -> bytes:
    if len(salt) != 32:
        raise Rejected("ERR_LOG_COMMITMENT", "salt must be 32 bytes (LOG-08)")
    return sha(TAG + b"\x00" + salt + struct.pack(">Q", len(entry)) + entry)


# --- base64, decimals -------------------------------------------------------------------------

def b64(text: str, code: str) -> bytes:
    if len(text) % 4 != 0:
        raise Rejected(code, "base64 length")
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise Rejected(code, "not base64")
    if base64.b64encode(data).decode() != text:
        raise Rejected(code, "non-canonical base64")
    return data


def b64e(b: bytes) -> str:
    return base64.b64encode(b).decode()


DECIMAL = re.compile(r"^(0|[1-9][0-9]{0,15})$")


def decimal(text: str):
    if not DECIMAL.match(text):
        return None
    v = int(text)
    return v if v <= MAX_SAFE else None


# --- keys and notes (section 4) ---------------------------------------------------------------

TYPE_NAMES = {1: "ed25519", 2: "ecdsa-p256", 4: "cosignature/v1"}
NAME_BAD = re.compile(r"[\s+\x00-\x1f\x7f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def valid_name(name: str) -> bool:
    return len(name) > 0 and not NAME_BAD.search(name)


class Key:
    def __init__(self, name: str, ktype: int, key: bytes):
        self.name, self.type, self.key = name, ktype, key
        if ktype == 2:
            digest = sha(key)
        else:
            digest = sha(name.encode() + b"\x0a" + bytes([ktype]) + key)
        self.key_id = int.from_bytes(digest[:4], "big")
        if ktype in (1, 4):
            if len(key) != 32:
                raise Rejected("ERR_LOG_KEY", "Ed25519 key must be 32 bytes (LOG-15)")
            self.pub = ed25519.Ed25519PublicKey.from_public_bytes(key)
        else:
            try:
                pub = serialization.load_der_public_key(key)
            except Exception:
                raise Rejected("ERR_LOG_KEY", "bad SPKI (LOG-16)")
            if not isinstance(pub, ec.EllipticCurvePublicKey) or pub.curve.name != "secp256r1":
                raise Rejected("ERR_LOG_KEY", "ECDSA keys must be P-256 (LOG-16)")
            if pub.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo) != key:
                raise Rejected("ERR_LOG_KEY", "SPKI not in its DER form (LOG-16)")
            self.pub = pub

    def verify(self, text: bytes, sig: bytes) -> int:
        """Returns the cosignature timestamp (0 for other types); raises on a bad signature."""
        bad = Rejected("ERR_LOG_NOTE_SIGNATURE", f"signature by {self.name} fails (LOG-13)")
        try:
            if self.type == 1:
                if len(sig) != 64:
                    raise bad
                self.pub.verify(sig, text)
                return 0
            if self.type == 4:
                if len(sig) != 72:
                    raise Rejected("ERR_LOG_COSIGNATURE", "cosignature must be 76 bytes (LOG-19)")
                t = int.from_bytes(sig[:8], "big")
                if t > MAX_SAFE:
                    raise Rejected("ERR_LOG_COSIGNATURE", "timestamp above 2^53-1 (LOG-19)")
                self.pub.verify(sig[8:], b"cosignature/v1\ntime %d\n" % t + text)
                return t
            self.pub.verify(sig, text, ec.ECDSA(hashes.SHA256()))
            return 0
        except InvalidSignature:
            raise bad
        except ValueError:
            raise bad


def parse_vkey(vkey: str) -> Key:
    m = re.match(r"^([^+]*)\+([^+]*)\+(.*)$", vkey, re.S)
    if not m:
        raise Rejected("ERR_LOG_KEY", "vkey shape (LOG-15)")
    name, kid, rest = m.groups()
    if not valid_name(name) or not re.match(r"^[0-9a-f]{8}$", kid):
        raise Rejected("ERR_LOG_KEY", "vkey name or key ID (LOG-15)")
    raw = b64(rest, "ERR_LOG_KEY")
    if len(raw) < 2 or raw[0] not in TYPE_NAMES:
        raise Rejected("ERR_LOG_KEY", "unsupported key type (LOG-15)")
    key = Key(name, raw[0], raw[1:])
    if "%08x" % key.key_id != kid:
        raise Rejected("ERR_LOG_KEY", "key ID mismatch (LOG-15/16)")
    return key


SIG_LINE = "\u2014 "


def malformed(msg: str):
    raise Rejected("ERR_LOG_NOTE_MALFORMED", msg)


def parse_note(note: str):
    if re.search(r"[\x00-\x09\x0b-\x1f]", note):
        malformed("control character (LOG-10)")
    i = note.rfind("\n\n")
    if i < 0:
        malformed("no blank line (LOG-10)")
    text, block = note[: i + 1], note[i + 2:]
    if not block or not block.endswith("\n"):
        malformed("signature block (LOG-10)")
    lines = block[:-1].split("\n")
    if len(lines) > 16:
        malformed("more than 16 signatures (LOG-11)")
    sigs = []
    for line in lines:
        if not line.startswith(SIG_LINE):
            malformed("not a signature line (LOG-10)")
        rest = line[len(SIG_LINE):]
        if " " not in rest:
            malformed("signature line (LOG-10)")
        name, s = rest.split(" ", 1)
        if not valid_name(name):
            malformed("key name (LOG-10)")
        raw = b64(s, "ERR_LOG_NOTE_MALFORMED")
        if len(raw) < 5:
            malformed("signature too short (LOG-10)")
        sigs.append((name, int.from_bytes(raw[:4], "big"), raw[4:], line))
    return text, sigs


def open_note(note: str, keys: list):
    text, sigs = parse_note(note)
    tb = text.encode()
    verified, unverified, seen = [], [], set()
    for name, kid, sig, line in sigs:
        if line in seen:
            continue
        seen.add(line)
        known = next((k for k in keys if k.name == name and k.key_id == kid), None)
        if known is None:
            unverified.append(name)
            continue
        t = known.verify(tb, sig)
        if not any(v[0] is known for v in verified):
            verified.append((known, t))
    if not verified:
        raise Rejected("ERR_LOG_NOTE_SIGNATURE", "no verified signature from a known key (LOG-14)")
    return text, verified, unverified


# --- checkpoints (section 5) ------------------------------------------------------------------

def cp_error(msg: str):
    raise Rejected("ERR_LOG_CHECKPOINT", msg)


def parse_checkpoint(text: str):
    if not text.endswith("\n"):
        cp_error("no final newline (LOG-17)")
    lines = text[:-1].split("\n")
    if len(lines) < 3 or lines[0] == "":
        cp_error("lines (LOG-17)")
    size = decimal(lines[1])
    if size is None:
        cp_error("size (LOG-17)")
    root = b64(lines[2], "ERR_LOG_CHECKPOINT")
    if len(root) != 32:
        cp_error("root length (LOG-02)")
    if any(x == "" for x in lines[3:]):
        cp_error("empty extension line (LOG-17)")
    return {"origin": lines[0], "size": size, "root": root, "extensions": lines[3:]}


def verify_checkpoint(note: str, log_key: Key, witnesses: list, origin=None):
    text, verified, _ = open_note(note, [log_key] + witnesses)
    if not any(v[0] is log_key for v in verified):
        raise Rejected("ERR_LOG_NOTE_SIGNATURE", "not signed by the log key (LOG-18)")
    cp = parse_checkpoint(text)
    if cp["origin"] != (origin or log_key.name):
        cp_error("origin (LOG-18)")
    return cp, verified


# --- policy (section 6) -----------------------------------------------------------------------

def policy_error(msg: str):
    raise Rejected("ERR_LOG_POLICY", msg + " (LOG-20)")


def parse_policy(text: str):
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text):
        policy_error("control character")
    if text and not text.endswith("\n"):
        policy_error("no final newline")
    logs, witnesses, groups, names, pubs, quorum = [], {}, {}, set(), [], None
    for raw in text.split("\n")[:-1]:
        line = raw.strip(" \t")
        if not line or line.startswith("#"):
            continue
        f = re.split(r"[ \t]+", line)
        kw = f[0]
        if kw == "log":
            if len(f) not in (2, 3):
                policy_error("log line")
            k = vkey_in_policy(f[1])
            if k.type == 4:
                policy_error("log key type")
            add_pub(pubs, k)
            logs.append(k)
        elif kw == "witness":
            if len(f) not in (3, 4) or f[1] == "none" or f[1] in names:
                policy_error("witness line")
            k = vkey_in_policy(f[2])
            if k.type != 4:
                policy_error("witness key type")
            add_pub(pubs, k)
            names.add(f[1])
            witnesses[f[1]] = k
        elif kw == "group":
            if len(f) < 4 or f[1] == "none" or f[1] in names:
                policy_error("group line")
            members = f[3:]
            if len(set(members)) != len(members) or any(m == "none" or m not in names for m in members):
                policy_error("group members")
            t = f[2]
            k = len(members) if t == "all" else 1 if t == "any" else int(t) if re.match(r"^[1-9][0-9]{0,8}$", t) else None
            if k is None or not 1 <= k <= len(members):
                policy_error("threshold")
            names.add(f[1])
            groups[f[1]] = (k, members)
        elif kw == "quorum":
            if len(f) != 2 or quorum is not None or (f[1] != "none" and f[1] not in names):
                policy_error("quorum line")
            quorum = f[1]
        else:
            policy_error("keyword")
    if quorum is None:
        policy_error("no quorum")
    return {"logs": logs, "witnesses": witnesses, "groups": groups, "quorum": quorum}


def vkey_in_policy(s: str) -> Key:
    try:
        return parse_vkey(s)
    except Rejected as e:
        policy_error("vkey: " + e.message)


def add_pub(pubs: list, k: Key) -> None:
    if k.key in pubs:
        policy_error("duplicate key")
    pubs.append(k.key)


def satisfied(policy, name: str, cosigned: set) -> bool:
    if name == "none":
        return True
    if name in policy["groups"]:
        k, members = policy["groups"][name]
        return sum(1 for m in members if satisfied(policy, m, cosigned)) >= k
    return name in cosigned


def verify_with_policy(note: str, policy):
    last = None
    for log in policy["logs"]:
        try:
            cp, verified = verify_checkpoint(note, log, list(policy["witnesses"].values()))
        except Rejected as e:
            last = e
            continue
        names = {n for n, k in policy["witnesses"].items() if any(v[0] is k for v in verified)}
        if not satisfied(policy, policy["quorum"], names):
            raise Rejected("ERR_LOG_QUORUM", "quorum not satisfied (LOG-21)")
        return cp, sorted(names)
    if last is None:
        raise Rejected("ERR_LOG_QUORUM", "no log in the policy (LOG-21)")
    raise last


# --- receipts (section 7) ---------------------------------------------------------------------

def receipt_error(msg: str):
    raise Rejected("ERR_LOG_RECEIPT", msg + " (LOG-22)")


def parse_receipt(text: str):
    lines = text.split("\n")
    if lines[0] != "c2sp.org/tlog-proof@v1":
        receipt_error("header")
    i = 1
    if len(lines) > i and lines[i].startswith("extra "):
        b64(lines[i][6:], "ERR_LOG_RECEIPT")
        i += 1
    if len(lines) <= i or not lines[i].startswith("index "):
        receipt_error("index line")
    index = decimal(lines[i][6:])
    if index is None:
        receipt_error("index")
    i += 1
    proof = []
    while True:
        if i >= len(lines):
            receipt_error("no empty line")
        if lines[i] == "":
            i += 1
            break
        h = b64(lines[i], "ERR_LOG_RECEIPT")
        if len(h) != 32 or len(proof) == 64:
            receipt_error("proof hash")
        proof.append(h)
        i += 1
    checkpoint = "\n".join(lines[i:])
    if not checkpoint:
        receipt_error("no checkpoint")
    return index, proof, checkpoint


# --- monitoring and evidence (section 8) ------------------------------------------------------

def check_update(trusted, candidate, proof: list) -> None:
    a, b = trusted, candidate
    if b["size"] < a["size"]:
        raise Rejected("ERR_LOG_ROLLBACK", "rollback (LOG-25)")
    if b["size"] == a["size"]:
        if a["root"] != b["root"]:
            raise Rejected("ERR_LOG_MISBEHAVIOUR", "equivocation (LOG-27)")
        return
    if a["size"] == 0:
        return
    try:
        verify_consistency(a["size"], b["size"], a["root"], b["root"], proof)
    except Rejected:
        try:
            fr, sr = roots_from_consistency(a["size"], b["size"], a["root"], proof)
        except Rejected:
            raise Rejected("ERR_LOG_PROOF", "consistency proof (LOG-26)")
        if sr == b["root"] and fr != a["root"]:
            raise Rejected("ERR_LOG_MISBEHAVIOUR", "inconsistency (LOG-28)")
        raise Rejected("ERR_LOG_PROOF", "consistency proof (LOG-26)")


def verify_evidence(ev, log_key: Key) -> None:
    a, _ = verify_checkpoint(ev["first"], log_key, [])
    b, _ = verify_checkpoint(ev["second"], log_key, [])
    if ev["kind"] == "equivocation":
        if a["size"] != b["size"] or a["root"] == b["root"]:
            proof_error("not an equivocation (LOG-29)")
        return
    implied = b64(ev["impliedFirstRoot"], "ERR_LOG_PROOF")
    proof = [b64(h, "ERR_LOG_PROOF") for h in ev["proof"]]
    if a["size"] >= b["size"] or implied == a["root"]:
        proof_error("not an inconsistency (LOG-29)")
    verify_consistency(a["size"], b["size"], implied, b["root"], proof)


# --- dispatch ---------------------------------------------------------------------------------

def _s(inp: dict, k: str) -> str:
    v = inp.get(k)
    if not isinstance(v, str):
        raise BadVector(f"input.{k} must be a string")
    return v


def _n(inp: dict, k: str) -> int:
    v = inp.get(k)
    if not isinstance(v, int):
        raise BadVector(f"input.{k} must be an integer")
    return v


def _hx(s: str) -> bytes:
    return bytes.fromhex(s)


def _hexes(inp: dict, k: str) -> list:
    return [_hx(h) for h in inp.get(k) or []]


def run(case_type: str, inp: dict):
    if case_type == "tree-root":
        n = _n(inp, "size")
        return {"rootHex": TREE.mth(0, n).hex()}
    if case_type == "inclusion-proof":
        i, n = _n(inp, "index"), _n(inp, "size")
        return {"proofHex": [h.hex() for h in TREE.path(i, 0, n)]}
    if case_type == "consistency-proof":
        m, n = _n(inp, "size1"), _n(inp, "size2")
        return {"proofHex": [h.hex() for h in (TREE.subproof(m, 0, n, True) if m < n else [])]}
    if case_type == "inclusion-verify":
        verify_inclusion(_n(inp, "index"), _n(inp, "size"), _hx(_s(inp, "leafHashHex")), _hexes(inp, "proofHex"), _hx(_s(inp, "rootHex")))
        return None
    if case_type == "consistency-verify":
        verify_consistency(_n(inp, "size1"), _n(inp, "size2"), _hx(_s(inp, "root1Hex")), _hx(_s(inp, "root2Hex")), _hexes(inp, "proofHex"))
        return None
    if case_type == "commitment":
        entry, salt = _hx(_s(inp, "entryHex")), _hx(_s(inp, "saltHex"))
        c = commit(entry, salt)
        if "commitmentHex" in inp and c != _hx(_s(inp, "commitmentHex")):
            raise Rejected("ERR_LOG_COMMITMENT", "does not open (LOG-09)")
        return {"commitmentHex": c.hex(), "leafHashHex": leaf_hash(c).hex()}
    if case_type == "vkey-parse":
        k = parse_vkey(_s(inp, "vkey"))
        return {"name": k.name, "keyId": "%08x" % k.key_id, "type": TYPE_NAMES[k.type]}
    if case_type == "note-open":
        text, verified, unverified = open_note(_s(inp, "note"), [parse_vkey(v) for v in inp.get("verifierKeys") or []])
        return {"text": text, "verified": [v[0].name for v in verified], "unverified": len(unverified)}
    if case_type == "checkpoint-verify":
        cp, _ = verify_checkpoint(_s(inp, "checkpoint"), parse_vkey(_s(inp, "logKey")), [parse_vkey(v) for v in inp.get("witnessKeys") or []])
        return {"origin": cp["origin"], "size": cp["size"], "rootHex": cp["root"].hex(), "extensions": cp["extensions"]}
    if case_type == "policy-parse":
        p = parse_policy(_s(inp, "policy"))
        return {"logs": len(p["logs"]), "witnesses": len(p["witnesses"]), "groups": len(p["groups"]), "quorum": p["quorum"]}
    if case_type == "policy-verify":
        cp, names = verify_with_policy(_s(inp, "checkpoint"), parse_policy(_s(inp, "policy")))
        return {"size": cp["size"], "rootHex": cp["root"].hex(), "witnesses": names}
    if case_type == "receipt-verify":
        policy = parse_policy(_s(inp, "policy"))
        index, proof, checkpoint = parse_receipt(_s(inp, "receipt"))
        leaf = leaf_hash(commit(_hx(_s(inp, "entryHex")), _hx(_s(inp, "saltHex"))))
        cp, names = verify_with_policy(checkpoint, policy)
        verify_inclusion(index, cp["size"], leaf, proof, cp["root"])
        return {"index": index, "size": cp["size"], "witnesses": names}
    if case_type == "client-update":
        policy = parse_policy(_s(inp, "policy"))
        a, _ = verify_with_policy(_s(inp, "trusted"), policy)
        b, _ = verify_with_policy(_s(inp, "candidate"), policy)
        check_update(a, b, _hexes(inp, "proofHex"))
        return {"size": max(a["size"], b["size"])}
    if case_type == "evidence-verify":
        ev = inp.get("evidence")
        if not isinstance(ev, dict):
            raise BadVector("input.evidence must be an object")
        verify_evidence(ev, parse_vkey(_s(inp, "logKey")))
        return None
    raise BadVector(f"unknown type {case_type}")
