"""The public portal's pages at `/`: landing, apply, track, contact, the satisfaction survey, and the door.

No staff member logs in here; an applicant may sign in with a code sent to his
mobile (sila/portal/sign_in.py) to open his own file. Every form is CSRF-protected and rate limited per
address (limits read from the config on each request, so tests and
deployments can change them), bodies are size-limited, and no page ever names
a member of staff.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models.applicant import Applicant
from models.base import db
from models.request import ServiceRequest
from sila.attachments.service import attachments_of
from sila.branches import service_area
from sila.committee.letters import LetterNotReady
from sila.core.errors import Refused
from sila.extensions import limiter
from sila.outbox import consent
from sila.portal import confirmation, corrections, sign_in
from sila.portal import my_file as my_file_data
from sila.portal import throttle as code_throttle
from sila.portal.applications import (
    Stage,
    accepts_applications,
    find_request,
    organization,
    record_inquiry,
    website_channel,
)
from sila.portal.forms import ApplicationForm, CodeForm, ContactForm, CorrectionForm, SignInForm, TrackForm
from sila.portal.uploads import checked_file, document_items, field_name
from sila.requests import missing_items
from sila.surveys.forms import SurveyForm
from sila.surveys.invitations import open_invitation
from sila.surveys.responses import record_answer

blueprint = Blueprint("portal", __name__)
RECEIVED_KEY = "portal_request_id"
HELD_KEY = "portal_held_code_id"
NOT_VALID = _l("This code is not correct or is no longer valid. Check it, or ask for a new code.")
DEFAULT_LIMIT = "10 per hour"
DEFAULT_TRACK_LIMIT = "20 per 15 minutes"
# Forms without files are a few kilobytes; only the application form may carry documents.
TEXT_FORM_BYTES = 64 * 1024
CARRIES_FILES = frozenset({"portal.apply", "portal.supply_document"})


def _limit(setting: str, default: str) -> Callable[[], str]:
    return lambda: current_app.config.get(setting) or default


@blueprint.context_processor
def _portal_globals() -> dict:
    """Only the portal's own templates get the association (one query per portal page, none elsewhere)."""
    return {"organization": organization()}


@blueprint.url_value_preprocessor
def _limit_body(endpoint: str | None, _values: dict | None) -> None:
    """Cap text-only forms before anything reads the body (this runs before CSRF's check does)."""
    if endpoint not in CARRIES_FILES:
        request.max_content_length = min(TEXT_FORM_BYTES, current_app.config.get("MAX_CONTENT_LENGTH") or TEXT_FORM_BYTES)


@blueprint.after_request
def _not_stored(response: Response) -> Response:
    """Pages may carry a request's stage or a form's typed data: never keep them in a shared cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.errorhandler(429)
def _too_many(_error: Exception):  # type: ignore[no-untyped-def]
    message = _("You have sent this form too many times. Please wait a while and try again.")
    return render_template("portal/message.html", title=_("Please wait"), message=message), 429


@blueprint.errorhandler(413)
def _too_large(_error: Exception):  # type: ignore[no-untyped-def]
    megabytes = (current_app.config.get("MAX_CONTENT_LENGTH") or 0) / 1024 / 1024
    message = _(
        "What you sent is larger than allowed (at most %(megabytes)s MB for all files together). Nothing was saved.",
        megabytes=f"{megabytes:g}",
    )
    return render_template("portal/message.html", title=_("Too large"), message=message), 413


def _unavailable():  # type: ignore[no-untyped-def]
    return render_template("portal/unavailable.html"), 503


@blueprint.route("/")
def landing():  # type: ignore[no-untyped-def]
    return render_template("portal/landing.html")


@blueprint.route("/apply", methods=["GET", "POST"])
@limiter.limit(_limit("SILA_PORTAL_LIMIT", DEFAULT_LIMIT), methods=["POST"])
@limiter.limit(code_throttle.per_address, methods=["POST"])
@limiter.limit(code_throttle.per_national_id, key_func=code_throttle.typed_national_id, methods=["POST"])
@limiter.limit(code_throttle.per_mobile, key_func=code_throttle.typed_mobile, methods=["POST"])
def apply():  # type: ignore[no-untyped-def]
    """A valid application is held and a code sent to its mobile; it is received once the code is entered."""
    if not accepts_applications():
        return _unavailable()
    form = ApplicationForm()
    if form.validate_on_submit():
        session[HELD_KEY] = confirmation.hold_application(form.application(), form.uploads)
        return redirect(url_for("portal.confirm_application"))
    documents = [(service, document_items(service)) for service in form.services]
    return render_template(
        "portal/apply.html", form=form, documents=[(service, items) for service, items in documents if items],
        field_name=field_name, max_upload_mb=_max_upload_mb(),
    )


@blueprint.route("/apply/confirm", methods=["GET", "POST"])
@limiter.limit(code_throttle.per_address, methods=["POST"])
def confirm_application():  # type: ignore[no-untyped-def]
    """A wrong, expired or used code gets the sign-in's one answer; the right one receives the request."""
    held = session.get(HELD_KEY)
    if held is None:
        return redirect(url_for("portal.apply"))
    form = CodeForm()
    if form.validate_on_submit():
        service_request = confirmation.confirm_application(held, form.code.data)
        if service_request is not None:
            session.pop(HELD_KEY, None)
            session[RECEIVED_KEY] = service_request.id
            return redirect(url_for("portal.received"))
        form.code.errors.append(str(NOT_VALID))
    return render_template(
        "portal/confirm_application.html", form=form, minutes=int(sign_in.VALID_FOR.total_seconds() // 60),
    )


@blueprint.route("/apply/received")
def received():  # type: ignore[no-untyped-def]
    """The confirmation, shown once to the browser that applied (the id lives in its session)."""
    request_id = session.pop(RECEIVED_KEY, None)
    service_request = db.session.get(ServiceRequest, request_id) if isinstance(request_id, int) else None
    if service_request is None:
        return redirect(url_for("portal.apply"))
    sent = {attachment.required_item_id for attachment in attachments_of(service_request.id)}
    items = [item.name for item in service_request.service_type.required_items if item.is_mandatory and item.id not in sent]
    return render_template(
        "portal/received.html", number=service_request.number, items=items, sent=len(sent),
        area_warning=service_area.applicant_warning(service_request.applicant.city),
    )


@blueprint.route("/track", methods=["GET", "POST"])
@limiter.limit(_limit("SILA_PORTAL_TRACK_LIMIT", DEFAULT_TRACK_LIMIT), methods=["POST"])
def track():  # type: ignore[no-untyped-def]
    """Every POST, whatever was typed, runs the same lookup and renders this one template with status 200."""
    form = TrackForm()
    if request.method == "POST":
        form.validate_on_submit()
        found = find_request(form.number.data, form.national_id.data, form.mobile_last_four.data)
        stage = Stage.of(found) if found is not None else None
        return render_template("portal/track.html", form=TrackForm(formdata=None), stage=stage, not_found=stage is None)
    return render_template("portal/track.html", form=form)


@blueprint.route("/contact", methods=["GET", "POST"])
@limiter.limit(_limit("SILA_PORTAL_LIMIT", DEFAULT_LIMIT), methods=["POST"])
def contact():  # type: ignore[no-untyped-def]
    if website_channel() is None:
        return _unavailable()
    form = ContactForm()
    if form.validate_on_submit():
        record_inquiry(form.inquiry())
        return redirect(url_for("portal.contact_sent"))
    return render_template("portal/contact.html", form=form)


@blueprint.route("/contact/sent")
def contact_sent():  # type: ignore[no-untyped-def]
    return render_template("portal/contact_sent.html")


def _survey_closed():  # type: ignore[no-untyped-def]
    """Unknown, used and expired links all get this one page: a link tells nothing about its request."""
    message = _("This survey link is not valid: it may have been used already or have expired. Thank you for your time.")
    return render_template("portal/message.html", title=_("Satisfaction survey"), message=message), 404


@blueprint.route("/survey/<token>", methods=["GET", "POST"])
@limiter.limit(_limit("SILA_PORTAL_LIMIT", DEFAULT_LIMIT), methods=["POST"])
def survey(token: str):  # type: ignore[no-untyped-def]
    if open_invitation(token) is None:
        return _survey_closed()
    form = SurveyForm()
    if form.validate_on_submit():
        try:
            record_answer(token, form.answer())
        except Refused:
            return _survey_closed()
        return redirect(url_for("portal.survey_thanks"))
    return render_template("portal/survey.html", form=form)


@blueprint.route("/survey/thanks")
def survey_thanks():  # type: ignore[no-untyped-def]
    message = _("Thank you: your answer was recorded. It helps the association improve its services.")
    return render_template("portal/message.html", title=_("Satisfaction survey"), message=message)


@blueprint.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(code_throttle.per_address, methods=["POST"])
@limiter.limit(code_throttle.per_national_id, key_func=code_throttle.typed_national_id, methods=["POST"])
@limiter.limit(code_throttle.per_mobile, key_func=code_throttle.typed_mobile, methods=["POST"])
def sign_in_page():  # type: ignore[no-untyped-def]
    """Well-formed details always lead to the code page with the same words, matching a file or not."""
    if sign_in.signed_in_applicant() is not None:
        return redirect(url_for("portal.my_file"))
    form = SignInForm()
    if form.validate_on_submit():
        session[sign_in.PENDING_KEY] = sign_in.ask_for_code(form.national_id.data, form.mobile.data)
        return redirect(url_for("portal.enter_code"))
    return render_template("portal/sign_in.html", form=form)


@blueprint.route("/sign-in/code", methods=["GET", "POST"])
@limiter.limit(code_throttle.per_address, methods=["POST"])
def enter_code():  # type: ignore[no-untyped-def]
    """A wrong, expired, used or never-sent code gets one answer: the page does not know which it was."""
    pending = session.get(sign_in.PENDING_KEY)
    if pending is None:
        return redirect(url_for("portal.sign_in_page"))
    form = CodeForm()
    if form.validate_on_submit():
        opened = sign_in.check_code(pending, form.code.data)
        if opened is not None:
            sign_in.begin_session(opened)
            return redirect(url_for("portal.my_file"))
        form.code.errors.append(str(NOT_VALID))
    return render_template("portal/enter_code.html", form=form, minutes=int(sign_in.VALID_FOR.total_seconds() // 60))


@blueprint.route("/my-file")
def my_file():  # type: ignore[no-untyped-def]
    applicant = sign_in.signed_in_applicant()
    if applicant is None:
        flash(_("Please sign in to open your file. A session ends after %(minutes)s minutes without use.",
                minutes=current_app.config["SILA_PORTAL_IDLE_MINUTES"]), "info")
        return redirect(url_for("portal.sign_in_page"))
    own, sections = my_file_data.data_held(applicant)
    return render_template(
        "portal/my_file.html", applicant=applicant, requests=my_file_data.requests_of(applicant),
        own=own, sections=sections, corrections=corrections.corrections_of(applicant),
        asked=[item for item in missing_items.asked_of(applicant) if not item.supplied],
        messages=my_file_data.messages_to(applicant),
        can_correct=website_channel() is not None,
    )


@blueprint.route("/my-file/correction", methods=["GET", "POST"])
@limiter.limit(_limit("SILA_PORTAL_LIMIT", DEFAULT_LIMIT), methods=["POST"])
def ask_correction():  # type: ignore[no-untyped-def]
    applicant = sign_in.signed_in_applicant()
    if applicant is None:
        return redirect(url_for("portal.sign_in_page"))
    if website_channel() is None:
        return _unavailable()
    form = CorrectionForm(corrections.correctable_fields(), field=request.args.get("field", ""))
    if form.validate_on_submit():
        corrections.ask_for_correction(applicant, form.field.data, form.correct_value.data)
        flash(_("Your correction request was sent. The association will check it and answer you here."), "success")
        return redirect(url_for("portal.my_file"))
    return render_template("portal/correction.html", form=form)


def _max_upload_mb() -> str:
    return f"{(current_app.config.get('MAX_CONTENT_LENGTH') or 0) / 1024 / 1024:g}"


def _documents_page(applicant: Applicant, errors: dict[int, str], status: int = 200):  # type: ignore[no-untyped-def]
    """His asked documents, each refusal beside its item's field; one about no item of his stands above them."""
    asked = missing_items.asked_of(applicant)
    listed = {item.asked_item_id for item in asked if not item.supplied}
    page = render_template(
        "portal/documents.html", asked=asked, errors=errors, max_upload_mb=_max_upload_mb(),
        stray=[message for item_id, message in errors.items() if item_id not in listed],
    )
    return page, status


@blueprint.route("/my-file/documents")
def my_documents():  # type: ignore[no-untyped-def]
    applicant = sign_in.signed_in_applicant()
    if applicant is None:
        return redirect(url_for("portal.sign_in_page"))
    return _documents_page(applicant, {})


@blueprint.route("/my-file/documents/<int:asked_item_id>", methods=["POST"])
@limiter.limit(_limit("SILA_PORTAL_LIMIT", DEFAULT_LIMIT), methods=["POST"])
def supply_document(asked_item_id: int):  # type: ignore[no-untyped-def]
    """One asked document; another file's item number answers as one no longer asked for."""
    applicant = sign_in.signed_in_applicant()
    if applicant is None:
        return redirect(url_for("portal.sign_in_page"))
    sent = request.files.get("document")
    try:
        if sent is None or not sent.filename:
            raise Refused(_("Choose the file to send."))
        asked = missing_items.open_item(applicant, asked_item_id)
        if asked is None:
            raise Refused(_("This document is no longer asked for."))
        missing_items.supply(applicant, asked_item_id, checked_file(sent, asked.required_item_id))
    except Refused as refusal:
        return _documents_page(applicant, {asked_item_id: str(refusal)}, 200)
    flash(_("Thank you: the document was received. Staff will match it against the original."), "success")
    return redirect(url_for("portal.my_documents"))


@blueprint.route("/my-file/messages", methods=["POST"])
@limiter.limit(_limit("SILA_PORTAL_LIMIT", DEFAULT_LIMIT), methods=["POST"])
def message_choice():  # type: ignore[no-untyped-def]
    """Opting out of (or back into) messages to a group; essential ones are not his to stop."""
    applicant = sign_in.signed_in_applicant()
    if applicant is None:
        return redirect(url_for("portal.sign_in_page"))
    declines = request.form.get("declines") == "y"
    consent.choose(applicant, declines)
    flash(_("You will no longer receive general messages; decisions and requests for documents still reach you.")
          if declines else _("You will receive the association's general messages again."), "success")
    return redirect(url_for("portal.my_file"))


def _download(name: str, data: bytes) -> Response:
    return Response(data, mimetype="application/pdf", headers={
        "Content-Disposition": f"attachment; filename={name}", "X-Content-Type-Options": "nosniff",
    })


@blueprint.route("/my-file/letters/<int:decision_id>")
def my_letter(decision_id: int):  # type: ignore[no-untyped-def]
    """Another file's decision number answers exactly as an unknown one."""
    applicant = sign_in.signed_in_applicant()
    if applicant is None:
        return redirect(url_for("portal.sign_in_page"))
    try:
        letter = my_file_data.own_letter(applicant, decision_id)
    except LetterNotReady as not_ready:
        flash(str(not_ready), "info")
        return redirect(url_for("portal.my_file"))
    if letter is None:
        abort(404)
    return _download(*letter)


@blueprint.route("/my-file/data.pdf")
def my_data():  # type: ignore[no-untyped-def]
    applicant = sign_in.signed_in_applicant()
    if applicant is None:
        return redirect(url_for("portal.sign_in_page"))
    return _download(f"my-data-{applicant.id}.pdf", my_file_data.data_export(applicant))


@blueprint.route("/sign-out", methods=["POST"])
def sign_out():  # type: ignore[no-untyped-def]
    sign_in.sign_out()
    flash(_("You have signed out of the e-services."), "info")
    return redirect(url_for("portal.landing"))
