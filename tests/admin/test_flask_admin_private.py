"""The fence around Flask-Admin's private API refuses to start when what it relies on has moved."""
from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask_admin.contrib.sqla import ModelView

from admin import flask_admin_private as private


def _fake_base(**replaced: object) -> type:
    """A stand-in for ModelView with its private methods as the installed release has them, some replaced."""
    names = [expected.name for expected in (*private.OVERRIDES, *private.CALLED)]
    methods = {name: getattr(ModelView, name) for name in names}
    return type("ModelView", (), {**methods, **replaced})


def test_installed_release_passes_the_check() -> None:
    private.check()


def test_every_flask_admin_private_method_a_screen_redefines_is_declared(app: Flask) -> None:
    declared = {expected.name for expected in private.OVERRIDES}
    for view in private.views(app.extensions["admin"][0]):
        ours = [cls for cls in type(view).__mro__ if not cls.__module__.startswith("flask_admin")]
        theirs = [cls for cls in type(view).__mro__ if cls.__module__.startswith("flask_admin")]
        redefined = {
            name for cls in ours for name, value in vars(cls).items()
            if name.startswith("_") and not name.startswith("__") and callable(value)
            and any(name in vars(base) for base in theirs)
        }
        assert redefined <= declared, f"{type(view).__name__} redefines {redefined - declared}"


def test_a_missing_private_method_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    base = _fake_base()
    monkeypatch.delattr(base, "_apply_sorting")
    with pytest.raises(RuntimeError, match=r"ModelView\._apply_sorting is gone \(used in sila/referrals/screen\.py\)"):
        private.check(base=base)


def test_a_changed_signature_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    base = _fake_base()
    monkeypatch.setattr(base, "_apply_search", lambda self, query, search, joins: query)
    with pytest.raises(
        RuntimeError,
        match=r"ModelView\._apply_search now takes \(query, search, joins\), "
              r"not \(query, count_query, joins, count_joins, search\)",
    ):
        private.check(base=base)


def test_a_called_private_method_with_new_parameters_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    base = _fake_base()
    monkeypatch.setattr(base, "_get_field_value", lambda self, model, name, default=None: None)
    with pytest.raises(RuntimeError, match=r"_get_field_value now takes \(model, name, default\)"):
        private.check(base=base)


def test_an_untested_release_is_refused() -> None:
    with pytest.raises(RuntimeError, match=r"Flask-Admin 3\.0\.0 is installed; Sila is tested with 2\.2\.x"):
        private.check(version="3.0.0")


def test_a_list_template_without_the_row_block_is_refused(tmp_path: Path) -> None:
    template = tmp_path / "list.html"
    template.write_text("{% block list_row %}{% endblock %}", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"no longer has \{% block list_row scoped %\}"):
        private.check(list_template=template)
