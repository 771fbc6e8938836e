"""The one error type that domain validation raises.

It carries a translatable message that forms show next to the field and the
CLI prints, so every entry path refuses bad input with the same words.
"""
from __future__ import annotations


class InvalidValue(ValueError):
    def __init__(self, message: object) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)
