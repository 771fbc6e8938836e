"""Why a step was not taken, in words the user reads."""
from __future__ import annotations


class Refused(Exception):
    """A transition that may not happen now; nothing was changed."""

    def __init__(self, message: object) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)
