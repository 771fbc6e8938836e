"""Filters and globals every template uses: dates, labels, vocabulary."""
from __future__ import annotations

import json

from flask import Flask
from flask_babel import get_locale

from models.enums import AidKind, FundingKind, InstalmentStatus, VoucherStatus, label, label_of
from sila.aid.receipts import describe_receipt
from sila.core.dates import clock, dual_date
from sila.core.money import riyals
from sila.core.vocabulary import people, person


def register_template_helpers(app: Flask) -> None:
    app.add_template_filter(dual_date, "dual_date")
    app.add_template_filter(clock, "clock")
    app.add_template_filter(json.loads, "fromjson")
    app.add_template_filter(riyals, "riyals")
    app.add_template_filter(lambda code: label(AidKind, code), "aid_kind")
    app.add_template_filter(lambda code: label(FundingKind, code), "funding_kind")
    app.add_template_filter(lambda code: label(InstalmentStatus, code), "instalment_status")
    app.add_template_filter(describe_receipt, "receipt")
    app.add_template_filter(lambda code: label(VoucherStatus, code), "voucher_status")

    @app.context_processor
    def _globals() -> dict:
        locale = str(get_locale() or "ar")
        return {
            "page_lang": locale,
            "page_dir": "rtl" if locale == "ar" else "ltr",
            "people": people,
            "person": person,
            "label_of": label_of,
        }
