"""The aid dashboard: spent against budget per funding source, and per needs category, branch and Hijri month.

Managers, the treasurer and administrators read it; a branch-assigned user
reads his branches' sums. Each table exports as CSV (with a BOM) or XLSX,
every cell formula-safe, recorded in the audit log as other exports are.
"""
from __future__ import annotations

from collections.abc import Callable

import tablib
from flask import Response, abort
from flask_admin import expose
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from admin.area_view import AreaView
from admin.export import MIMETYPES, csv_chunks, neutralised
from models.base import db
from models.enums import FundingKind, label
from sila.aid import dashboard
from sila.core.audit.recorder import record
from sila.core.dates import today

TITLES = {
    "sources": _l("Spent against budget, by funding source"),
    "categories": _l("By needs category"),
    "branches": _l("By branch"),
    "months": _l("By Hijri month"),
}


def _tables() -> dict[str, Callable[[], tuple[list[str], list[list[str]]]]]:
    scope = dashboard.scope_of(current_user)
    language = str(get_locale() or "ar")
    breakdown_header = [_("Name"), _("Spent (riyals)"), _("Deliveries"), _("Families")]

    def sources() -> tuple[list[str], list[list[str]]]:
        header = [_("Funding source"), _("Kind"), _("Budget (riyals)"), _("Spent (riyals)"),
                  _("Remaining (riyals)"), _("Used (%)"), _("Deliveries")]
        return header, [
            [row.name, label(FundingKind, row.kind), f"{row.budget:.2f}", f"{row.spent:.2f}", f"{row.remaining:.2f}",
             str(row.used_percent), str(row.deliveries)]
            for row in dashboard.by_source(scope)
        ]

    def breakdown(rows: list[dashboard.Figure]) -> tuple[list[str], list[list[str]]]:
        return breakdown_header, [
            [row.name, f"{row.spent:.2f}", str(row.deliveries), "" if row.families is None else str(row.families)]
            for row in rows
        ]

    tables = {
        "sources": sources,
        "categories": lambda: breakdown(dashboard.by_category(scope)),
        "months": lambda: breakdown(dashboard.by_hijri_month(scope, language)),
    }
    if dashboard.has_branches():
        tables["branches"] = lambda: breakdown(dashboard.by_branch(scope))
    return tables


class AidDashboardView(AreaView):
    area = "aid_dashboard"

    @expose("/")
    def index(self):  # type: ignore[no-untyped-def]
        scope = dashboard.scope_of(current_user)
        tables = _tables()
        return self.render(
            "admin/aid_dashboard.html",
            sections=[(key, TITLES[key], *tables[key]()) for key in TITLES if key in tables],
            scoped=scope is not None,
        )

    @expose("/export/<table>.<fmt>")
    def export(self, table: str, fmt: str) -> Response:
        tables = _tables()
        if table not in tables or fmt not in MIMETYPES:
            abort(404)
        header, rows = tables[table]()
        header, rows = [neutralised(cell) for cell in header], [[neutralised(cell) for cell in row] for row in rows]
        record("export", "aid_dashboard", None, new=len(rows), note=f"{table}.{fmt}", actor_id=current_user.id)
        db.session.commit()
        if fmt == "csv":
            body = b"".join(csv_chunks(header, rows))
        else:
            body = tablib.Dataset(*rows, headers=header, title=table).export("xlsx")
        name = f"aid_dashboard_{table}_{today().isoformat()}.{fmt}"
        return Response(body, mimetype=MIMETYPES[fmt], headers={"Content-Disposition": f"attachment; filename={name}"})
