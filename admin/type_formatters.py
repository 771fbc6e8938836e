"""A view's formatter for each Python type of value, found once per type.

Flask-Admin walks its type formatters with isinstance for every cell; a list
page or an export asks the same few types thousands of times, so the walk is
done once per type and remembered for that page or export only (never on the
view, which concurrent requests share).
"""
from __future__ import annotations

from typing import Any


class TypeFormatters:
    """Called with a value and its column; a formatter offering `for_page` is replaced by the one
    it makes (time zone and locale read once) the first time its type is met."""

    def __init__(self, view: Any, formatters: dict[type, Any], found: dict[type, Any] | None = None) -> None:
        self.view, self.formatters = view, formatters
        self.found: dict[type, Any] = dict(found or {})

    def __call__(self, value: Any, name: str) -> Any:
        kind = type(value)
        if kind not in self.found:
            formatter = next((fmt for typeobj, fmt in self.formatters.items() if isinstance(value, typeobj)), None)
            for_page = getattr(formatter, "for_page", None)
            self.found[kind] = for_page() if for_page else formatter
        formatter = self.found[kind]
        return formatter(self.view, value, name) if formatter else value
