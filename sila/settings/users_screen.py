"""Staff accounts, managed by the administrator. Passwords are only ever hashed."""
from __future__ import annotations

from typing import Any

from flask_admin.contrib.sqla.fields import QuerySelectMultipleField
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField
from wtforms.validators import Length, Optional, ValidationError

from admin.base import SilaModelView, choice_filter
from models.base import db
from models.branch import Branch
from models.enums import Role
from models.user import User
from sila.branches.rules import assign
from sila.core.errors import InvalidValue
from sila.core.passwords import check_password


class UserView(SilaModelView):
    area = "users"
    enum_columns = {"role": Role}
    column_list = ("username", "full_name", "role", "is_active", "last_login_at")
    column_details_list = ("username", "full_name", "email", "role", "is_active", "locale", "last_login_at", "created_at")
    column_searchable_list = ("username", "full_name")
    column_filters = (choice_filter(User.role, _l("Role"), Role), "is_active")
    column_labels = {
        "username": _l("Username"),
        "full_name": _l("Full name"),
        "email": _l("E-mail"),
        "role": _l("Role"),
        "is_active": _l("Active"),
        "locale": _l("Language"),
        "last_login_at": _l("Last login"),
        "created_at": _l("Created on"),
        "new_password": _l("New password"),
        "all_branches": _l("Whole association"),
        "branches": _l("Branches"),
    }
    form_columns = ("username", "full_name", "email", "role", "is_active", "branches", "all_branches", "new_password")
    form_extra_fields = {
        "branches": QuerySelectMultipleField(
            _l("Branches"),
            query_factory=lambda: db.session.scalars(db.select(Branch).where(Branch.is_active.is_(True))
                                                     .order_by(Branch.id)).all(),
            description=_l("The files this user sees and works on; without a branch he sees none."),
        ),
        "all_branches": BooleanField(
            _l("Whole association"), description=_l("Managers and committee members only: every branch."),
        ),
        "new_password": PasswordField(
            _l("New password"),
            validators=[Optional(), Length(max=256)],
            description=_l("Leave empty to keep the current password."),
        )
    }
    form_widget_args = {"username": {"dir": "ltr", "autocomplete": "off"}}

    def validate_form(self, form: Any) -> bool:
        """The password rules, beside the password field."""
        valid = super().validate_form(form)
        if valid and getattr(form, "new_password", None) is not None and form.new_password.data:
            try:
                check_password(form.new_password.data, form.username.data or "")
            except InvalidValue as exc:
                form.new_password.errors = [*form.new_password.errors, str(exc)]
                return False
        return valid

    def on_form_prefill(self, form: Any, id: Any) -> None:
        model = self.get_one(id)
        form.branches.data = [link.branch for link in model.branch_links]
        form.all_branches.data = model.all_branches

    def on_model_change(self, form: Any, model: User, is_created: bool) -> None:
        try:
            assign(model, form.branches.data or (), bool(form.all_branches.data))
        except InvalidValue as exc:
            raise ValidationError(str(exc)) from exc
        if form.new_password.data:
            model.set_password(form.new_password.data)
        elif is_created:
            raise ValidationError(str(_l("Set a password for the new user.")))
        elif form.is_active.data is False:
            model.session_version += 1
