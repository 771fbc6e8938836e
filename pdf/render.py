"""Arabic right-to-left PDFs from Jinja templates, with the vendored font only.

WeasyPrint shapes Arabic through Pango/HarfBuzz; it must never fetch anything,
so every URL it sees is resolved against our own static folder and anything
else is refused. PDFs are always made in Arabic, whatever the staff member's
screen language, because they are sent to the applicant.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from flask import current_app, render_template
from flask_babel import force_locale
from weasyprint import HTML
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


def render_pdf(template: str, **context: object) -> bytes:
    """Render `templates/pdf/<template>` in Arabic to PDF bytes."""
    with force_locale("ar"):
        html = render_template(f"pdf/{template}", **context)
    base_url = "http://sila.local/"
    return HTML(string=html, base_url=base_url, url_fetcher=StaticOnlyFetcher(current_app.static_folder)).write_pdf()
