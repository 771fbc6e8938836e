"""Every screen says how its rows reach a branch, so a screen added later cannot show every branch by default."""
from __future__ import annotations

from flask_admin.contrib.sqla import ModelView

from admin.flask_admin_private import views
from models.base import db
from models.branch_path import BranchPath


def test_every_model_screen_declares_its_branch_path_or_association_wide(app):
    admin = app.extensions["admin"][0]
    undeclared = [
        f"{view.endpoint}: {view.model.__name__}"
        for view in views(admin) if isinstance(view, ModelView)
        and not isinstance(getattr(view.model, "__branch__", None), BranchPath)
    ]
    assert undeclared == []


def test_every_model_declares_its_branch_path_or_association_wide():
    undeclared = [mapper.class_.__name__ for mapper in db.Model.registry.mappers
                  if not isinstance(mapper.class_.__dict__.get("__branch__"), BranchPath)]
    assert undeclared == []


def test_a_path_names_a_real_column():
    for mapper in db.Model.registry.mappers:
        path = mapper.class_.__branch__
        if not path.association_wide:
            assert path.column in mapper.columns, (mapper.class_.__name__, path.column)
