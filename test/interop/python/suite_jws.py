"""Case types of the `jws` suite (spec/jws.md §12)."""

from jp_encoding import b64u_decode
from jp_errors import BadVector
from jp_jws import sign, verify

TYPES = {"jws-verify", "jws-sign"}


def run(case_type: str, inp: dict):
    if case_type == "jws-verify":
        return verify(inp.get("token"), inp.get("expectedTyp"))
    if case_type == "jws-sign":
        chain = inp.get("certificateChain")
        out = inp.get("signerOutput")
        if not isinstance(chain, list) or not all(isinstance(c, str) for c in chain) or not isinstance(out, str):
            raise BadVector("jws-sign input needs certificateChain: string[] and signerOutput: string")
        return {"token": sign(inp.get("typ"), inp.get("payload"), [b64u_decode(c) for c in chain], b64u_decode(out))}
    raise BadVector(f"unknown type {case_type}")
