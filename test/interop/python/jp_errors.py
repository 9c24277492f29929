"""The rejection type of the Python harness: an error code of src/errors.ts, spelled exactly."""


class Rejected(Exception):
    """The implementation rejects its input with `code` (e.g. ERR_ENCODING)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class BadVector(Exception):
    """The vector itself is malformed (a harness problem, not a rejection)."""
