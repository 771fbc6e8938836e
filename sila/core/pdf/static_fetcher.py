"""What WeasyPrint may load while making a PDF: our own static files, nothing from the network."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from weasyprint.urls import URLFetcher

STATIC_PREFIX = "/static/"


class StaticOnlyFetcher(URLFetcher):
    """Serve /static/ files from disk; refuse every other address."""

    def __init__(self, static_folder: str) -> None:
        super().__init__(allowed_protocols=("file",))
        self.static = Path(static_folder).resolve()

    def fetch(self, url: str, headers: dict | None = None):  # noqa: ANN201 - WeasyPrint's own response type
        path = urlparse(url).path
        if path.startswith(STATIC_PREFIX):
            target = (self.static / path[len(STATIC_PREFIX):]).resolve()
            if target.is_file() and self.static in target.parents:
                return super().fetch(target.as_uri(), headers)
        raise ValueError("PDFs load only vendored static files")
