"""Import applicants from a spreadsheet: upload, check the column mapping, dry run, import."""
from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, flash, redirect, request, url_for
from flask_admin import expose
from flask_babel import gettext as _

from admin.area_view import AreaView
from sila.applicants.spreadsheet import pending
from sila.applicants.spreadsheet.columns import FIELDS, IGNORE, guess_all
from sila.applicants.spreadsheet.plan import apply, plan
from sila.applicants.spreadsheet.reader import EXTENSIONS, rows
from sila.core.errors import InvalidValue

SHOWN_ROWS = 500


class ImportView(AreaView):
    area = "imports"

    def _file(self) -> tuple[str, str, bytes]:
        token = request.form.get("token", "")
        data = pending.read(token)
        if data is None:
            abort(404)
        return token, Path(request.form.get("file_name", "")).name[:200] or token, data

    def _mapping(self, width: int) -> list[str]:
        mapping = [request.form.get(f"column_{index}", IGNORE) for index in range(width)]
        return [field if field in FIELDS else IGNORE for field in mapping]

    @expose("/", methods=("GET", "POST"))
    def index(self):  # type: ignore[no-untyped-def]
        if request.method == "GET":
            return self.render("admin/import.html", stage="upload")
        upload = request.files.get("file")
        name = Path(upload.filename or "").name if upload else ""
        extension = Path(name).suffix.lower()
        if not upload or extension not in EXTENSIONS:
            flash(_("Upload an Excel (.xlsx) or CSV file."), "error")
            return self.render("admin/import.html", stage="upload"), 400
        data = upload.read(current_app.config["MAX_CONTENT_LENGTH"] or None)
        try:
            sample = []
            for row in rows(data, name):
                sample.append(row)
                if len(sample) == 4:
                    break
        except InvalidValue as exc:
            flash(str(exc), "error")
            return self.render("admin/import.html", stage="upload"), 400
        if not sample or not any(sample[0]):
            flash(_("The file is empty: its first row must hold the column headers."), "error")
            return self.render("admin/import.html", stage="upload"), 400
        token = pending.keep(data, extension)
        return self.render(
            "admin/import.html", stage="mapping", token=token, file_name=name, headers=sample[0],
            samples=sample[1:], mapping=guess_all(sample[0]), fields=FIELDS,
        )

    @expose("/check", methods=("POST",))
    def check(self):  # type: ignore[no-untyped-def]
        token, name, data = self._file()
        width = int(request.form.get("width", "0") or 0)
        mapping = self._mapping(min(width, 200))
        if "national_id" not in mapping:
            flash(_("Choose the column that holds the national ID."), "error")
            headers = next(rows(data, name), [])
            return self.render(
                "admin/import.html", stage="mapping", token=token, file_name=name, headers=headers, samples=[],
                mapping=mapping, fields=FIELDS,
            ), 400
        result = plan(data, name, mapping)
        return self.render(
            "admin/import.html", stage="report", token=token, file_name=name, mapping=mapping, plan=result,
            shown=[row for row in result.rows if row.action == "refused"][:SHOWN_ROWS]
            or result.rows[:SHOWN_ROWS], fields=FIELDS,
        )

    @expose("/apply", methods=("POST",))
    def run(self):  # type: ignore[no-untyped-def]
        token, name, data = self._file()
        mapping = self._mapping(min(int(request.form.get("width", "0") or 0), 200))
        try:
            counts = apply(plan(data, name, mapping))
        except InvalidValue as exc:
            flash(str(exc), "error")
            return redirect(url_for(".index"))
        pending.discard(token)
        flash(_(
            "Import finished: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.",
            created=counts["create"], updated=counts["update"], unchanged=counts["unchanged"],
        ), "success")
        return redirect(url_for("applicants.index_view"))
