"""Messages → a group: choose the group, see how many it reaches, write, send; the past sendings below.

The rules (who is in a group, consent, spreading, audit) are in
sila/outbox/group_messages.py; this page only asks and shows. Each staff
member may send a few groups an hour (SILA_GROUP_MESSAGE_LIMIT).
"""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, request
from flask_admin import expose
from flask_babel import gettext as _
from flask_login import current_user

from admin.area_view import AreaView
from models.base import db
from models.enums import MessageGroup, label
from models.group_message import GroupMessage
from sila.branches.scope import visible
from sila.core.errors import Refused
from sila.core.permissions import can_write
from sila.extensions import limiter
from sila.outbox import group_messages
from sila.outbox.group_messages import Group

DEFAULT_LIMIT = "5 per hour"
RECENT = 20


def _per_user() -> str:
    return f"group-message:{current_user.get_id()}"


def _limit() -> str:
    return current_app.config.get("SILA_GROUP_MESSAGE_LIMIT") or DEFAULT_LIMIT


def _group() -> Group:
    kind, _sep, value = request.form.get("group", "").partition(":")
    return Group(kind, value)


class GroupMessageView(AreaView):
    area = "group_messages"

    def _page(self, **extra: object):  # type: ignore[no-untyped-def]
        actor = current_user._get_current_object()
        groups = [
            (label(MessageGroup, kind), [(f"{kind}:{value}", name or label(MessageGroup, kind)) for value, name in values])
            for kind, values in group_messages.choices(actor).items() if values
        ]
        recent = db.session.scalars(
            visible(db.select(GroupMessage), GroupMessage, actor).order_by(GroupMessage.id.desc()).limit(RECENT)
        )
        return self.render(
            "admin/group_message.html", groups=groups, recent=list(recent), label=label, MessageGroup=MessageGroup,
            writable=can_write(actor.role, self.area), chosen=request.form.get("group", ""),
            body=request.form.get("body", ""), **extra,
        )

    @expose("/", methods=("GET", "POST"))
    def index(self):  # type: ignore[no-untyped-def]
        """GET: the form; POST: the preview with the count, nothing sent."""
        if request.method == "GET":
            return self._page()
        try:
            counted = group_messages.preview(_group(), current_user._get_current_object())
        except Refused as refusal:
            flash(str(refusal), "error")
            return self._page(), 400
        return self._page(preview=counted)

    @expose("/send", methods=("POST",))
    @limiter.limit(_limit, key_func=_per_user)
    def send(self):  # type: ignore[no-untyped-def]
        if not can_write(current_user.role, self.area):
            abort(403)
        try:
            sent = group_messages.send(_group(), request.form.get("body"), current_user._get_current_object())
        except Refused as refusal:
            flash(str(refusal), "error")
            return self._page(), 400
        flash(_("The message was queued for %(count)s applicant(s); %(declined)s opted out of such messages.",
                count=sent.recipients, declined=sent.declined), "success")
        return redirect(self.get_url(".index"))
