"""The one module that names Flask-Admin's private API (its methods and attributes starting with `_`).

The list and export speed work (bench/RESULTS.md) calls and overrides internals
that any Flask-Admin release may rename or reshape without notice. Reaching them
only through here makes an upgrade one file to port, and the check run at import
refuses to start on an untested release or a moved private method, naming what
to port, rather than letting a list page break or silently lose an override.
"""
from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any, NamedTuple

import flask_admin
from flask_admin.contrib.sqla import ModelView

TESTED_RELEASE = "2.2."


class Override(NamedTuple):
    """A private method our views redefine under its own name, so that Flask-Admin keeps calling it."""

    name: str
    parameters: tuple[str, ...]
    overridden_in: str


OVERRIDES = (
    Override("_apply_search", ("query", "count_query", "joins", "count_joins", "search"), "admin/base.py"),
    Override("_apply_sorting", ("query", "joins", "sort_column", "sort_desc"), "sila/referrals/screen.py"),
    Override("_get_list_extra_args", (), "admin/base.py"),
    Override(
        "_handle_view", ("name", "**kwargs"),
        "admin/base.py, admin/area_view.py, sila/dashboard/home_screen.py",
    ),
    # Relation pickers narrowed to the user's branches (sila/branches/pickers.py).
    Override("_create_ajax_loader", ("name", "options"), "admin/base.py"),
)

# Private methods the functions below call, with the parameters they pass.
CALLED = (
    Override("_apply_pagination", ("query", "page", "page_size"), __name__),
    Override("_get_column_by_idx", ("idx",), __name__),
    Override("_get_field_value", ("model", "name"), __name__),
)

# templates/admin/model/sila_list.html replaces this block of Flask-Admin's list page; a block the
# parent lost would be ignored without an error.
LIST_TEMPLATE = Path(flask_admin.__file__).parent / "templates" / "bootstrap4" / "admin" / "model" / "list.html"
LIST_ROW_BLOCK = "{% block list_row scoped %}"


def _parameters(method: Any) -> tuple[str, ...]:
    marks = {inspect.Parameter.VAR_POSITIONAL: "*", inspect.Parameter.VAR_KEYWORD: "**"}
    parameters = list(inspect.signature(method).parameters.values())[1:]
    return tuple(marks.get(parameter.kind, "") + parameter.name for parameter in parameters)


def check(version: str = flask_admin.__version__, base: type = ModelView, list_template: Path = LIST_TEMPLATE) -> None:
    """Raise at start-up unless this is the tested release and every private method we rely on is as expected."""
    problems = []
    if not version.startswith(TESTED_RELEASE):
        problems.append(f"Flask-Admin {version} is installed; Sila is tested with {TESTED_RELEASE}x")
    for expected in (*OVERRIDES, *CALLED):
        method = getattr(base, expected.name, None)
        if not callable(method):
            problems.append(f"{base.__name__}.{expected.name} is gone (used in {expected.overridden_in})")
        elif _parameters(method) != expected.parameters:
            problems.append(
                f"{base.__name__}.{expected.name} now takes ({', '.join(_parameters(method))}), "
                f"not ({', '.join(expected.parameters)}) (used in {expected.overridden_in})"
            )
    if not list_template.is_file() or LIST_ROW_BLOCK not in list_template.read_text(encoding="utf-8"):
        problems.append(f"{list_template} no longer has {LIST_ROW_BLOCK} (replaced in templates/admin/model/sila_list.html)")
    if problems:
        raise RuntimeError(
            "Flask-Admin's private API changed; port admin/flask_admin_private.py: " + "; ".join(problems)
        )


def list_columns(view: Any) -> list[tuple[str, Any]]:
    """The list page's (name, title) columns."""
    return view._list_columns


def export_columns(view: Any) -> list[tuple[str, Any]]:
    """The export's (name, title) columns."""
    return view._export_columns


def key_column(view: Any) -> Any:
    """The model's primary-key column."""
    return getattr(view.model, view._primary_key)


def column_choices(view: Any, name: str) -> dict[Any, Any]:
    """The stored value to label map of a column declared with `column_choices`, empty if none."""
    return view._column_choices_map.get(name) or {}


def filters(view: Any) -> list[Any]:
    """The view's filter objects, in the order their URL arguments are numbered."""
    return list(view._filters or ())


def views(admin: Any) -> list[Any]:
    """Every view registered on the Admin."""
    return admin._views


def paginate(view: Any, query: Any, page: int | None, page_size: int | None) -> Any:
    """The query narrowed to one page, as the list would show it."""
    return view._apply_pagination(query, page, page_size)


def list_arguments(view: Any) -> Any:
    """The current list's page, sort, search and filters from the URL (Flask-Admin's ViewArgs)."""
    return view._get_list_extra_args()


def sort_column(view: Any, index: int | None) -> Any:
    """The (column, name) a sort index from the URL stands for, or None."""
    return view._get_column_by_idx(index)


def field_value(view: Any, row: Any, name: str) -> Any:
    """A row's raw value for a column, dotted names followed through relationships."""
    return view._get_field_value(row, name)


check()
