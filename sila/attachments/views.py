"""Upload and download routes for request attachments.

The routes translate a form into a service call and its outcome into a flash
message or a status code; the rules are the service's.
"""
from __future__ import annotations

import io

from flask import Blueprint, abort, flash, redirect, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from sila.attachments import content
from sila.attachments.service import AttachmentMissing, NotAllowed, may_upload, open_for_download, store_upload
from sila.core.errors import Refused

blueprint = Blueprint("attachments", __name__)

# Applicants' papers: never cached, never rendered, never given script or plugins even if opened inline.
DOWNLOAD_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
    "Content-Security-Policy": "default-src 'none'; sandbox; frame-ancestors 'none'",
}


def _required_item_id(raw: str | None) -> int | None:
    text = (raw or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise Refused(_l("The chosen item is not one of this request's required items."))
    return int(text)


@blueprint.post("/requests/<int:request_id>/attachments")
@login_required
def upload(request_id: int) -> Response:
    actor = current_user._get_current_object()
    if not may_upload(actor):
        abort(403)
    try:
        attachment = store_upload(
            request_id, request.files.get("file"), actor, _required_item_id(request.form.get("required_item_id"))
        )
    except NotAllowed:
        abort(403)
    except Refused as refusal:
        flash(str(refusal), "error")
    else:
        flash(_("The file “%(name)s” was attached to the request.", name=attachment.original_name), "success")
    return redirect(url_for("requests.details_view", id=request_id))


@blueprint.get("/attachments/<int:attachment_id>")
@login_required
def download(attachment_id: int) -> Response:
    try:
        attachment, data = open_for_download(attachment_id, current_user._get_current_object())
    except NotAllowed:
        abort(403)
    except AttachmentMissing:
        abort(404)
    response = send_file(
        io.BytesIO(data),
        mimetype=content.served_type(attachment.content_type).content_type,
        as_attachment=True,
        download_name=content.download_name(attachment.original_name, attachment.content_type),
        conditional=False,
        etag=False,
    )
    response.headers.update(DOWNLOAD_HEADERS)
    return response
