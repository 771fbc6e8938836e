"""The texts in use: the admin's edited version when there is one, else the default.

`render_text` is the one way letters and outbox messages get their wording,
so an edit on the settings screen shows in the very next letter or message.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from flask_babel import force_locale, format_date

from models.base import db, utcnow
from models.organization import Organization
from models.text_template import TextTemplate
from sila.core.dates import hijri_text, local_day
from sila.core.vocabulary import current_vocabulary
from sila.settings.texts.defaults import KEYS, default_text
from sila.settings.texts.placeholders import fill


def text_for(kind: str, key: str) -> tuple[str | None, str]:
    """(subject, body) as stored, falling back to the default in the deployment's vocabulary."""
    row = db.session.scalar(db.select(TextTemplate).filter_by(kind=kind, key=key))
    if row is not None:
        return row.subject, row.body
    return default_text(kind, key, current_vocabulary())


def standard_values(today: date | None = None) -> dict[str, str]:
    """The values every text may use without the caller supplying them: the association and today's dates."""
    today = today or local_day(utcnow())
    organization = db.session.scalar(db.select(Organization.name).limit(1))
    with force_locale("ar"):
        return {
            "organization": organization or "",
            "date_hijri": hijri_text(today),
            "date_gregorian": format_date(today, "d MMMM y"),
        }


def render_text(kind: str, key: str, values: Mapping[str, object]) -> tuple[str | None, str]:
    """(subject, body) of a letter or message with its placeholders filled.

    `values` wins over the standard ones (organization, date_hijri,
    date_gregorian); a placeholder without a value comes out empty.
    """
    subject, body = text_for(kind, key)
    merged = {**standard_values(), **values}
    return (fill(subject, merged) if subject else subject), fill(body, merged)


def seed_texts(vocabulary: str) -> int:
    """Add the default texts that are missing (never touching edited ones); the caller commits."""
    existing = set(db.session.execute(db.select(TextTemplate.kind, TextTemplate.key)).tuples())
    added = 0
    for kind, key in KEYS:
        if (kind, key) in existing:
            continue
        subject, body = default_text(kind, key, vocabulary)
        db.session.add(TextTemplate(kind=kind, key=key, subject=subject, body=body))
        added += 1
    return added
