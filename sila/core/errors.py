"""What a person is told when Sila does not do what was asked: one hierarchy, one way to say it.

`InvalidValue` is input that cannot be kept (forms show it next to the
field, the import beside its row, the CLI prints it); `Refused` is a step that
may not happen now (screens flash it, the portal shows it). Both carry a
translatable message and mean nothing was changed, so a caller that only has
to show the reason catches `SilaError`.
"""
from __future__ import annotations


class SilaError(Exception):
    def __init__(self, message: object) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


class InvalidValue(SilaError, ValueError):
    """A value the domain's checks refuse; the message says what a valid one looks like."""


class Refused(SilaError):
    """A step that may not happen now; nothing was changed."""
