"""The ModelView every staff screen derives from.

It wires in what each screen would otherwise repeat: the permission table
(menus, URLs and POSTs), CSRF on every form, Hijri-beside-Gregorian dates and
translated enumeration labels. Screens stay declarations.
"""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from flask import abort, flash, g, redirect, request, url_for
from flask_admin.contrib.sqla import ModelView, filters
from flask_admin.form import BaseForm
from flask_admin.model import typefmt
from flask_admin.model.template import DeleteRowAction, EditRowAction, ViewRowAction
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from sqlalchemy import and_, func, literal_column
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Query
from sqlalchemy.orm.exc import StaleDataError
from wtforms import HiddenField

from admin import flask_admin_private as private
from admin.list_rows import ListRows
from admin.plain_rows import PlainField, plain_query, plain_values
from admin.row_links import RowLink
from forms.typed_text import typed_text_options
from models.base import db
from models.enums import choices, label
from sila.branches.pickers import BranchScopedLoader
from sila.branches.scope import branch_path, home_branch_id, may_reach, visible
from sila.core.arabic import normalize, plain_text
from sila.core.dates import dual_date, dual_date_short, short_dates
from sila.core.errors import InvalidValue, Refused
from sila.core.permissions import can_read, can_write
from sila.core.unit_of_work import ALREADY_HANDLED


class AdminForm(BaseForm):
    """Flask-Admin forms with the same CSRF token as every other form of the app."""

    class Meta(FlaskForm.Meta):
        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
            return super().bind_field(form, unbound_field, typed_text_options(unbound_field, options))


def _date_formatter(_view: Any, value: date, _name: str = "") -> str:
    return dual_date_short(value)


def _page_date_formatter() -> Any:
    """The same cells with the time zone and locale read once a page (admin.list_rows asks for it)."""
    short = short_dates()
    return lambda _view, value, _name="": short(value)


_date_formatter.for_page = _page_date_formatter  # type: ignore[attr-defined]


def _date_formatter_long(_view: Any, value: date, _name: str = "") -> str:
    return dual_date(value)


def _bool_formatter(_view: Any, value: bool, _name: str = "") -> Markup:
    """A check or a dash, with a translated tooltip instead of the library's 'name: true'."""
    icon = "fa-check-circle text-success" if value else "fa-minus-circle text-muted"
    text = _("Yes") if value else _("No")
    return Markup('<span class="fa {}" title="{}"></span><span class="sr-only">{}</span>').format(icon, text, text)


SILA_FORMATTERS = {bool: _bool_formatter, datetime: _date_formatter, date: _date_formatter}


def enum_column(enum_cls: type[StrEnum]):  # type: ignore[no-untyped-def]
    """A list/detail formatter that shows the translated label of a stored code."""

    def _format(_view: Any, _context: Any, model: Any, name: str) -> str:
        return label(enum_cls, getattr(model, name))

    _format.reads_own_value = True  # type: ignore[attr-defined]  # admin.list_rows draws each code once a page
    return _format


# Far past any real list, and within what an OFFSET can hold on every backend.
MAX_PAGE = 100_000

# A list counts this many rows past the page shown, never the whole table:
# COUNT(*) over a million filtered rows costs more than the page itself.
COUNT_CAP = 1000


class CappedCount(int):
    """A count that stopped at its cap: the pager still computes with it, the page reads "more than N"."""

    def __str__(self) -> str:
        return _("more than %(count)s", count=f"{int(self) - 1:,}")

    def __html__(self) -> str:
        return str(self)


class CappedCountQuery(Query):
    """The list's count query (same joins, filters, search and scope) that stops counting at the cap."""

    def scalar(self):  # type: ignore[no-untyped-def]
        cap = g.get("sila_count_cap", COUNT_CAP)
        rows = self.with_entities(literal_column("1")).limit(cap + 1).subquery()
        total = self.session.query(func.count()).select_from(rows).scalar() or 0
        return CappedCount(total) if total > cap else total


def name_matches(column: Any, term: str) -> Any:
    """A normalized name column against a normalized term, in a form an index serves.

    PostgreSQL: every word anywhere in the name, through the pg_trgm GIN index. SQLite:
    names starting with the term, as a range over the btree index (LIKE would scan).
    """
    if db.session.get_bind().dialect.name == "postgresql":
        return and_(*(column.like(f"%{_escaped(word)}%", escape="\\") for word in term.split()))
    return and_(column >= term, column < term + "\U0010ffff")


def digits_match(column: Any, digits: str, length: int) -> Any:
    """A digits column (national ID) equal to a full number, or starting with a partial one, by index range."""
    if len(digits) >= length:
        return column == digits
    stem = digits.rstrip("9")
    if not stem:
        return column >= digits
    return and_(column >= digits, column < stem[:-1] + str(int(stem[-1]) + 1))


def _escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class SilaModelView(ModelView):
    """A staff screen guarded by one area of the permission table."""

    area: str = ""
    form_base_class = AdminForm
    page_size = 20
    can_view_details = True
    can_set_page_size = True
    list_template = "admin/model/sila_list.html"
    details_modal = False
    create_modal = False
    edit_modal = False
    enum_columns: dict[str, type[StrEnum]] = {}
    # The list's and export's columns read as plain values (admin/plain_rows.py), for screens of many rows.
    plain_fields: dict[str, PlainField] = {}

    column_type_formatters = {**typefmt.BASE_FORMATTERS, **SILA_FORMATTERS}
    column_type_formatters_detail = {
        **typefmt.DETAIL_FORMATTERS,
        **SILA_FORMATTERS,
        datetime: _date_formatter_long,
        date: _date_formatter_long,
    }
    column_type_formatters_export = {
        **typefmt.EXPORT_FORMATTERS,
        **SILA_FORMATTERS,
        bool: lambda _view, value, _name="": _("Yes") if value else _("No"),
    }

    def __init__(self, model: type, **kwargs: Any) -> None:
        labels = {name: enum_column(cls) for name, cls in self.enum_columns.items()}
        self.column_formatters = {**labels, **dict(self.column_formatters or {})}
        if self.column_formatters_detail is not None:
            self.column_formatters_detail = {**labels, **dict(self.column_formatters_detail)}
        self.form_choices = {
            **{name: choices(cls) for name, cls in self.enum_columns.items()},
            **dict(self.form_choices or {}),
        }
        super().__init__(model, db.session, **kwargs)

    @property
    def _role(self) -> str | None:
        return current_user.role if current_user.is_authenticated else None

    def is_accessible(self) -> bool:
        return can_read(self._role, self.area)

    def _writable(self) -> bool:
        return can_write(self._role, self.area)

    def _takes_actions(self) -> bool:
        """Whether the user may post this list's bulk action at all (else 403); it still asks `is_action_allowed`."""
        return self._writable()

    @property
    def can_create(self) -> bool:  # type: ignore[override]
        return self._writable() and self.allow_create

    @property
    def can_edit(self) -> bool:  # type: ignore[override]
        return self._writable() and self.allow_edit

    @property
    def can_delete(self) -> bool:  # type: ignore[override]
        return self._writable() and self.allow_delete

    @property
    def can_export(self) -> bool:  # type: ignore[override]
        return self._role == "manager" and self.allow_export

    allow_create = True
    allow_edit = True
    allow_delete = False
    allow_export = False  # screens opt in with admin.export.ExportMixin (safe cells, audit)

    def scaffold_form(self):  # type: ignore[no-untyped-def]
        """Versioned rows carry the version the form was opened at, to catch stale saves."""
        form_class = super().scaffold_form()
        if hasattr(self.model, "version"):
            form_class.seen_version = HiddenField()
        return form_class

    def edit_form(self, obj: Any = None):  # type: ignore[no-untyped-def]
        form = super().edit_form(obj)
        if obj is not None and hasattr(form, "seen_version") and request.method == "GET":
            form.seen_version.data = obj.version
        return form

    def update_model(self, form: Any, model: Any) -> bool:
        seen = getattr(form, "seen_version", None)
        if seen is not None and seen.data and str(model.version) != str(seen.data):
            flash(_("Someone else saved this record while you were editing it. Your input is kept below: "
                    "reload the page to see their changes before saving again."), "error")
            return False
        return super().update_model(form, model)

    def handle_view_exception(self, exc: Exception) -> bool:
        """Save failures explained in Arabic instead of the library's English exception text."""
        if isinstance(exc, StaleDataError):
            flash(str(ALREADY_HANDLED), "error")
            return True
        if isinstance(exc, IntegrityError):
            flash(_("This could not be saved because it conflicts with an existing record."), "error")
            return True
        if isinstance(exc, (InvalidValue, Refused)):
            flash(str(exc), "error")
            return True
        return super().handle_view_exception(exc)

    def render(self, template: str, **kwargs: Any) -> str:
        if template == self.list_template and "list_columns" in kwargs:
            kwargs["list_rows"] = ListRows(self, kwargs["list_columns"], kwargs["list_row_actions"],
                                           kwargs["return_url"], bool(kwargs["actions"]))
        return super().render(template, **kwargs)

    def get_list_row_actions(self):  # type: ignore[no-untyped-def]
        """The eye and pencil as RowLink; no per-row delete button (its inline handler breaks our CSP):
        delete is a bulk action."""
        links = {ViewRowAction: (".details_view", "fa fa-eye"), EditRowAction: (".edit_view", "fa fa-pencil")}
        return [
            RowLink(*links[type(action)], action.title) if type(action) in links else action
            for action in super().get_list_row_actions() if not isinstance(action, DeleteRowAction)
        ]

    def scope(self, query):  # type: ignore[no-untyped-def]
        """The rows this user may see within his branches; screens narrow it (Flask-Admin has no per-row rules)."""
        return query

    @property
    def _user(self):  # type: ignore[no-untyped-def]
        return current_user._get_current_object() if current_user.is_authenticated else None

    def get_query(self):  # type: ignore[no-untyped-def]
        """Every list, export and bulk selection: the user's branches first, whatever the screen narrows."""
        return self.scope(visible(super().get_query(), self.model, self._user))

    def get_count_query(self):  # type: ignore[no-untyped-def]
        count = CappedCountQuery(func.count("*"), self.session()).select_from(self.model)
        return self.scope(visible(count, self.model, self._user))

    def build_new_instance(self):  # type: ignore[no-untyped-def]
        """A record made on a screen starts at its author's branch (a file, a request's file follows it)."""
        model = super().build_new_instance()
        path = branch_path(self.model)
        if not path.association_wide and path.through is None:
            model.branch_id = home_branch_id(self._user)
        return model

    def _create_ajax_loader(self, name: str, options: dict[str, Any]) -> BranchScopedLoader:
        """A form's lookup offers, and its save accepts, only rows of the user's branches."""
        loader = super()._create_ajax_loader(name, options)
        return BranchScopedLoader(loader.name, self.session, loader.model, **loader.options)

    def get_list(self, page, sort_column, sort_desc, search, filters, execute=True, page_size=None):  # type: ignore[no-untyped-def]
        """The page's rows as Flask-Admin reads them, or as PlainRow where the screen declares its
        columns (`plain_fields`); unexecuted (the export), the whole filtered and sorted query."""
        g.sila_count_cap = COUNT_CAP + (page or 0) * (page_size or self.page_size)
        count, query = super().get_list(page, sort_column, sort_desc, search, filters, False, 0)
        names = self.plain_names([name for name, _title in private.list_columns(self)])
        if execute and names:
            fields = [self.plain_fields[name] for name in names]
            rows = plain_query(query, private.key_column(self), fields)
            return count, list(plain_values(private.paginate(self, rows, page, page_size), names, fields))
        query = private.paginate(self, query, page, page_size)
        return count, query.all() if execute else query

    def plain_names(self, names: list[str]) -> list[str] | None:
        """The columns, if every one of them can be read as a plain value."""
        return names if self.plain_fields and all(name in self.plain_fields for name in names) else None

    def indexed_search(self, term: str) -> Any:
        """The condition for a normalized search term that an index serves; None keeps Flask-Admin's
        ILIKE '%…%' over every searchable column, which scans the table."""
        return None

    def _apply_search(self, query, count_query, joins, count_joins, search):  # type: ignore[no-untyped-def]
        condition = self.indexed_search(normalize(search))
        if condition is None:
            return super()._apply_search(query, count_query, joins, count_joins, search)
        count_query = count_query.filter(condition) if count_query is not None else None
        return query.filter(condition), count_query, joins, count_joins

    def _get_list_extra_args(self):  # type: ignore[no-untyped-def]
        """The list's URL arguments made safe for any database: a page whose OFFSET fits,
        and search and filter text without NUL, which PostgreSQL refuses with an error."""
        view_args = super()._get_list_extra_args()
        view_args.page = min(max(view_args.page or 0, 0), MAX_PAGE)
        view_args.search = plain_text(view_args.search) if view_args.search else None
        view_args.filters = [(index, name, plain_text(value)) for index, name, value in view_args.filters or ()]
        return view_args

    def get_one(self, id: Any):  # type: ignore[no-untyped-def]
        """An id typed into the URL reaches only rows the list would show; another branch's is the 403 page."""
        row = super().get_one(id)
        if row is None:
            return None
        if self.in_scope(row.id):
            return row
        if not may_reach(self.model, row.id, self._user):
            abort(403)
        return None

    def in_scope(self, row_id: int) -> bool:
        """Whether the row is one the list would show (its branch and the screen's own narrowing)."""
        return self.get_query().filter(self.model.id == row_id).with_entities(self.model.id).first() is not None

    def ids_in_scope(self, ids: list[int]) -> set[int]:
        """Of a bulk selection, the rows the list would show, in one statement."""
        if not ids:
            return set()
        return {row_id for (row_id,) in self.get_query().filter(self.model.id.in_(ids)).with_entities(self.model.id)}

    def _handle_view(self, name: str, **kwargs: Any):  # type: ignore[no-untyped-def]
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        if not self.is_accessible():
            abort(403)
        allowed = {
            "create_view": self.can_create,
            "edit_view": self.can_edit,
            "delete_view": self.can_delete,
            "action_view": self._takes_actions(),
            "ajax_update": self.can_edit,
            # The form's lookups list people by name: only for those who may fill the form.
            "ajax_lookup": self.can_create or self.can_edit,
            "export": self.can_export,
        }
        if not allowed.get(name, True):
            abort(403)
        return None


def choice_filter(column: Any, name: object, enum_cls: type[StrEnum]) -> filters.FilterEqual:
    """Filter a coded column by its translated labels."""
    return filters.FilterEqual(column, name, options=choices(enum_cls))


class RowsOf:
    """Filter options read when the page renders, so a new channel shows without a restart."""

    def __init__(self, model: type) -> None:
        self.model = model

    def __bool__(self) -> bool:
        return True

    def __iter__(self):  # type: ignore[no-untyped-def]
        rows = db.session.scalars(db.select(self.model).order_by(self.model.id))
        return iter([(str(row.id), str(row)) for row in rows])


def relation_filter(column: Any, name: object, model: type) -> filters.FilterEqual:
    """Filter by a related row (channel, service type...), picked by its name.

    The id arrives as text; it is compared as a number, which PostgreSQL insists on.
    """
    return filters.IntEqualFilter(column, name, options=RowsOf(model))
