"""What this deployment calls the people it serves: members or beneficiaries.

A health-cooperative deployment never says مستفيد, so every label that names
the people goes through here, read from the organization profile once per request.
"""
from __future__ import annotations

from flask import g, has_app_context
from flask_babel import LazyString, gettext

from models.enums import Vocabulary
from models.organization import Organization


def current_vocabulary() -> str:
    if not has_app_context():
        return Vocabulary.beneficiary
    if "sila_vocabulary" not in g:
        from models.base import db

        value = db.session.scalar(db.select(Organization.vocabulary).limit(1))
        g.sila_vocabulary = value or Vocabulary.beneficiary
    return g.sila_vocabulary


def people() -> str:
    if current_vocabulary() == Vocabulary.member:
        return gettext("Members")
    return gettext("Beneficiaries")


def person() -> str:
    if current_vocabulary() == Vocabulary.member:
        return gettext("Member")
    return gettext("Beneficiary")


PEOPLE = LazyString(people)
PERSON = LazyString(person)
