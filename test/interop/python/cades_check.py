#!/usr/bin/python3
"""Independent check of a detached CAdES-B-B signature with Python `cryptography` and the harness's
strict DER reader (written from RFC 5652 / RFC 5035 / spec/signature.md, not from the TypeScript
library): loads the certificates with `pkcs7.load_der_pkcs7_certificates`, checks the four signed
attributes (exact set, DER order), messageDigest, signingCertificateV2 and the signature over the
signed attributes with tag 0x31. Prints one JSON object: {"ok": true, ...} or {"ok": false, "error": ...}.

Usage: cades_check.py SIGNATURE.der CONTENT
"""

import hashlib
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa  # noqa: E402
from cryptography.hazmat.primitives.serialization import pkcs7  # noqa: E402

from jp_der import children, expect, read_one  # noqa: E402

OID = {
    "signedData": "2a864886f70d010702",
    "data": "2a864886f70d010701",
    "contentType": "2a864886f70d010903",
    "messageDigest": "2a864886f70d010904",
    "signingTime": "2a864886f70d010905",
    "signingCertificateV2": "2a864886f70d010910022f",
    "sha256": "608648016503040201",
    "ecdsaWithSHA256": "2a8648ce3d040302",
    "sha256WithRSA": "2a864886f70d01010b",
    "rsaEncryption": "2a864886f70d010101",
}


class Bad(Exception):
    pass


class RawCert:
    """What the checker needs of a certificate that `cryptography` cannot load, read with the DER reader."""

    def __init__(self, der: bytes) -> None:
        tbs = children(children(read_one(der))[0])
        i = 1 if tbs[0].tag == 0xA0 else 0
        self.serial_number = int.from_bytes(tbs[i].content, "big")
        self.issuer_der = tbs[i + 2].raw
        self.der = der
        self._spki = tbs[i + 5].raw

    def public_key(self):
        return serialization.load_der_public_key(self._spki)


def embedded(sig: bytes) -> list:
    sd = children(children(children(read_one(sig))[1])[0])
    certs = next((c for c in sd if c.tag == 0xA0), None)
    return [] if certs is None else [c.raw for c in children(certs)]


def check(sig: bytes, content: bytes) -> dict:
    loaded = True
    load_error = None
    try:
        certs = [(c.serial_number, c.issuer.public_bytes(), c.public_bytes(serialization.Encoding.DER), c.public_key) for c in pkcs7.load_der_pkcs7_certificates(sig)]
    except ValueError as e:
        # cryptography's ASN.1 parser refuses some certificates (reported, then read with the DER reader).
        loaded = False
        load_error = str(e)
        certs = [(r.serial_number, r.issuer_der, r.der, r.public_key) for r in map(RawCert, embedded(sig))]
    ci = children(read_one(sig))
    if ci[0].content.hex() != OID["signedData"]:
        raise Bad("not id-signedData")
    sd = children(children(ci[1])[0])
    eci = children(sd[2])
    if eci[0].content.hex() != OID["data"] or len(eci) != 1:
        raise Bad("not a detached id-data signature")
    signer_infos = children(sd[-1])
    if len(signer_infos) != 1:
        raise Bad("not exactly one SignerInfo")
    si = children(signer_infos[0])
    sid = si[1]
    digest_alg = children(si[2])[0].content.hex()
    signed = expect(si[3], 0xA0, "signedAttrs")
    sig_alg = children(si[4])[0].content.hex()
    value = expect(si[5], 0x04, "signature").content
    if digest_alg != OID["sha256"]:
        raise Bad("digestAlgorithm is not SHA-256")
    attrs = children(signed)
    raws = [a.raw for a in attrs]
    if raws != sorted(raws):
        raise Bad("signed attributes not in DER order")
    found = {}
    for a in attrs:
        t, values = children(a)
        found.setdefault(t.content.hex(), []).append(children(values))
    wanted = {OID["contentType"], OID["messageDigest"], OID["signingTime"], OID["signingCertificateV2"]}
    if set(found) != wanted or any(len(v) != 1 or len(v[0]) != 1 for v in found.values()):
        raise Bad("signed attributes are not exactly the four of CAdES-B-B")
    if found[OID["contentType"]][0][0].content.hex() != OID["data"]:
        raise Bad("contentType is not id-data")
    if found[OID["messageDigest"]][0][0].content != hashlib.sha256(content).digest():
        raise Bad("messageDigest does not match the content")
    issuer_and_serial = children(sid)
    serial = int.from_bytes(issuer_and_serial[1].content, "big")
    signer = next((c for c in certs if c[0] == serial and c[1] == issuer_and_serial[0].raw), None)
    if signer is None:
        raise Bad("signer certificate not found")
    ess = children(children(children(found[OID["signingCertificateV2"]][0][0])[0])[0])
    if ess[0].tag != 0x04 or ess[0].content != hashlib.sha256(signer[2]).digest():
        raise Bad("signingCertificateV2 certHash does not match the signer certificate")
    to_verify = b"\x31" + signed.raw[1:]
    key = signer[3]()
    if isinstance(key, ec.EllipticCurvePublicKey):
        if sig_alg != OID["ecdsaWithSHA256"]:
            raise Bad("unexpected ECDSA algorithm")
        key.verify(value, to_verify, ec.ECDSA(hashes.SHA256()))
    elif isinstance(key, rsa.RSAPublicKey):
        if sig_alg not in (OID["sha256WithRSA"], OID["rsaEncryption"]):
            raise Bad("unexpected RSA algorithm")
        key.verify(value, to_verify, padding.PKCS1v15(), hashes.SHA256())
    else:
        raise Bad("unsupported key")
    return {"ok": True, "certificates": len(certs), "certificatesLoaded": loaded, "loadError": load_error, "keyType": type(key).__name__}


def main() -> None:
    with open(sys.argv[1], "rb") as f:
        sig = f.read()
    with open(sys.argv[2], "rb") as f:
        content = f.read()
    try:
        result = check(sig, content)
    except Exception as e:  # noqa: BLE001 - every failure is reported, never raised
        result = {"ok": False, "error": f"{type(e).__name__}: {e}"}
    sys.stdout.write(json.dumps(result, ensure_ascii=True) + "\n")


if __name__ == "__main__":
    main()
