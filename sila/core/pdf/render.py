"""Arabic right-to-left PDFs from Jinja templates, with the vendored font only.

WeasyPrint shapes Arabic through Pango/HarfBuzz; it must never fetch anything,
so every URL it sees is resolved against our own static folder and anything
else is refused. PDFs are always made in Arabic, whatever the staff member's
screen language, because they are sent to the applicant.
"""
from __future__ import annotations

from flask import current_app, render_template
from flask_babel import force_locale


def render_pdf(template: str, **context: object) -> bytes:
    """Render `templates/pdf/<template>` in Arabic to PDF bytes."""
    # WeasyPrint and its Pango bindings (≈26 MB) load with the first PDF, not in every
    # worker at start: a worker streaming an export never pays for them.
    from weasyprint import HTML

    from sila.core.pdf.static_fetcher import StaticOnlyFetcher

    with force_locale("ar"):
        html = render_template(f"pdf/{template}", **context)
    base_url = "http://sila.local/"
    return HTML(string=html, base_url=base_url, url_fetcher=StaticOnlyFetcher(current_app.static_folder)).write_pdf()
