#!/usr/bin/python3
"""A second, independent jitsuin implementation for the harness protocol of spec/conformance.md,
written in Python from the spec text (not ported from the TypeScript library). It claims the suites
whose every case type it implements: `encoding`, `ecdsa`, `jws`, `evidence-log`.

Run: jitsuin conformance --impl "/usr/bin/python3 test/interop/python/harness.py" --suite encoding ...
Only the standard library and Debian's python3-cryptography are used.
"""

import json
import os
import sys
import traceback

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from jp_errors import BadVector, Rejected  # noqa: E402
import suite_encoding  # noqa: E402

PROTOCOL = 1
IMPLEMENTATION = "jitsuin-python-interop 0.1"

# suite name -> run(type, input) returning the output (or None) or raising Rejected.
SUITES = {"encoding": suite_encoding}

try:  # Later suites are optional modules, so a missing one is an unclaimed suite, not a crash.
    import suite_ecdsa  # noqa: E402

    SUITES["ecdsa"] = suite_ecdsa
except ImportError:
    pass
try:
    import suite_jws  # noqa: E402

    SUITES["jws"] = suite_jws
except ImportError:
    pass
try:
    import suite_evidence_log  # noqa: E402

    SUITES["evidence-log"] = suite_evidence_log
except ImportError:
    pass


def send(message: dict) -> None:
    # ensure_ascii keeps every message on one line whatever the strings hold (CONF-14).
    sys.stdout.write(json.dumps(message, ensure_ascii=True, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def answer(request: dict) -> dict:
    rid = request.get("id")
    suite = SUITES.get(request.get("suite"))
    if suite is None:
        return {"id": rid, "result": "skipped", "reason": f"suite {request.get('suite')!r} not implemented"}
    case_type = request.get("type")
    if case_type not in suite.TYPES:
        return {"id": rid, "result": "skipped", "reason": f"type {case_type!r} not implemented"}
    try:
        output = suite.run(case_type, request.get("input") or {})
    except Rejected as e:
        return {"id": rid, "result": "invalid", "error": e.code, "reason": e.message}
    except BadVector as e:
        return {"id": rid, "result": "invalid", "error": "ERR_VECTOR", "reason": str(e)}
    except Exception:  # An internal bug is a visible failure, never a crash of the harness.
        return {"id": rid, "result": "invalid", "error": "ERR_INTERNAL", "reason": traceback.format_exc(limit=3)}
    response = {"id": rid, "result": "valid"}
    if output is not None:
        response["output"] = output
    return response


def main() -> int:
    first = sys.stdin.readline()
    if not first:
        return 0
    hello = json.loads(first).get("hello", {})
    offered = hello.get("suites", [])
    send({"hello": {"protocol": PROTOCOL, "implementation": IMPLEMENTATION, "suites": [s for s in offered if s in SUITES]}})
    for line in sys.stdin:
        if line.strip() == "":
            continue
        send(answer(json.loads(line)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
