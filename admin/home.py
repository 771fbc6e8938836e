"""The first page after login: who you are, what the policy says, where to go."""
from __future__ import annotations

from flask import redirect, request, url_for
from flask_admin import AdminIndexView, expose
from flask_login import current_user

from models.base import db
from models.document import ReferenceDocument
from models.organization import Organization


class HomeView(AdminIndexView):
    def _handle_view(self, name: str, **kwargs):  # type: ignore[no-untyped-def]
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return None

    @expose("/")
    def index(self):  # type: ignore[no-untyped-def]
        organization = db.session.scalar(db.select(Organization).limit(1))
        documents = db.session.scalars(
            db.select(ReferenceDocument)
            .where(ReferenceDocument.is_active.is_(True))
            .order_by(ReferenceDocument.position)
        ).all()
        return self.render("admin/home.html", organization=organization, documents=documents)
