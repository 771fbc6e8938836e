"""Disbursement batches: prepare, approve (someone else), download the bank file and the report, mark paid.

Every button calls sila/aid/batches.py; the screen never writes a batch itself.
"""
from __future__ import annotations

from typing import Any

from flask import Response, abort, flash, redirect, request
from flask_admin import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from admin.base import SilaModelView, choice_filter
from admin.steps import Step, StepButtonsMixin
from models.base import db
from models.disbursement_batch import DisbursementBatch
from models.enums import BatchStatus
from models.service_type import ServiceType
from models.stored_document import DocumentKind
from sila.aid import batches
from sila.aid.bank_file import bank_csv, bank_xlsx
from sila.aid.batch_choice import NotBatchable, parse_numbers
from sila.branches.scope import branch_ids
from sila.core.audit.recorder import record
from sila.core.dates import parse_date
from sila.core.errors import InvalidValue, Refused
from sila.core.pdf.stored import for_download, preparing

STEPS: dict[str, Step] = {
    "approve": lambda rid, actor, form: batches.approve(rid, actor),
    "discard": lambda rid, actor, form: batches.discard(rid, actor),
    "paid": lambda rid, actor, form: batches.mark_paid(rid, actor),
}
DONE = {
    "approve": _l("The batch was approved; it can no longer change."),
    "discard": _l("The batch was discarded; its instalments can go in a new batch."),
    "paid": _l("The batch was marked paid: each line is recorded as delivered and the beneficiaries' messages are queued."),
}


class BatchView(StepButtonsMixin, SilaModelView):
    area = "batches"
    steps = STEPS
    done = DONE
    enum_columns = {"status": BatchStatus}
    details_template = "admin/batch_details.html"
    # A branch-assigned manager sees his branches' batches only: the list and every step are scoped by __branch__.
    column_list = ("id", "title", "branch", "due_by", "status", "prepared_by", "approved_by", "created_at")
    column_labels = {
        "id": _l("Batch number"), "title": _l("Title"), "branch": _l("Branch"), "due_by": _l("Instalments due by"),
        "status": _l("Status"),
        "prepared_by": _l("Prepared by"), "approved_by": _l("Approved by"), "created_at": _l("Prepared on"),
        "approved_at": _l("Approved on"), "paid_at": _l("Paid on"), "paid_by": _l("Marked paid by"),
    }
    column_default_sort = ("created_at", True)
    column_filters = (choice_filter(DisbursementBatch.status, _l("Status"), BatchStatus),)
    allow_create = False
    allow_edit = False

    def render(self, template: str, **kwargs: Any) -> str:
        if template == self.details_template and kwargs.get("model") is not None:
            batch = kwargs["model"]
            kwargs.update(
                lines=batches.bank_lines(batch), totals=batches.totals(batch),
                budget_warnings=batches.budget_warnings(batch), writable=self._writable(),
                report_preparing=preparing(DocumentKind.batch_report, batch.id),
                me=current_user.id,
            )
        if template == "admin/batch_prepare.html":
            kwargs["services"] = db.session.scalars(db.select(ServiceType).order_by(ServiceType.position)).all()
            kwargs["branches"] = batches.preparable_branches(current_user)
            kwargs["association_wide"] = branch_ids(current_user) is None
        return super().render(template, **kwargs)

    @expose("/prepare/", methods=("GET", "POST"))
    def prepare_view(self):  # type: ignore[no-untyped-def]
        if not self._writable():
            abort(403)
        if request.method == "POST":
            try:
                due_by = parse_date(request.form.get("due_by"))
                if due_by is None:
                    raise Refused(_l("Choose the date the instalments are due by."))
                service = request.form.get("service_type", "")
                branch = request.form.get("branch", "")
                batch = batches.prepare(
                    current_user._get_current_object(), due_by, request.form.get("title"),
                    int(service) if service.isdigit() else None, request.form.get("category") or None,
                    int(branch) if branch.isdigit() else None,
                    request_ids=parse_numbers(request.form.get("requests")),
                )
            except NotBatchable as refusal:
                flash(str(refusal), "error")
                for reason in refusal.reasons:
                    flash(reason, "error")
            except (Refused, InvalidValue) as refusal:
                flash(str(refusal), "error")
            else:
                flash(_("The batch was prepared; another manager or the treasurer approves it."), "success")
                return redirect(self.get_url(".details_view", id=batch.id))
        # A link may name the requests to batch (?requests=12,15): the form opens with them filled in.
        return self.render("admin/batch_prepare.html", form_data=request.form if request.method == "POST" else request.args)

    def _download(self, batch_id: int, kind: str) -> Response:
        batch = self.get_one(str(batch_id))
        if batch is None:
            abort(404)
        try:
            if kind == "pdf":
                data, mimetype = for_download(DocumentKind.batch_report, batch.id), "application/pdf"
                if data is None:
                    flash(_("The batch report is being prepared; it will be ready in a minute."), "info")
                    return redirect(self.get_url(".details_view", id=batch_id))
            elif kind == "xlsx":
                data = bank_xlsx(batch)
                mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            else:
                data, mimetype = bank_csv(batch), "text/csv; charset=utf-8"
        except Refused as refusal:
            flash(str(refusal), "error")
            return redirect(self.get_url(".details_view", id=batch_id))
        record("batch_download", "disbursement_batch", batch_id, note=kind, actor_id=current_user.id)
        db.session.commit()
        name = f"batch-{batch_id}.{kind}" if kind == "pdf" else f"bank-transfer-{batch_id}.{kind}"
        return Response(data, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={name}"})

    @expose("/bank/<int:batch_id>.<kind>")
    def bank_file(self, batch_id: int, kind: str) -> Response:
        if kind not in ("csv", "xlsx"):
            abort(404)
        return self._download(batch_id, kind)

    @expose("/report/<int:batch_id>.pdf")
    def report(self, batch_id: int) -> Response:
        return self._download(batch_id, "pdf")
