"""The peer: stock Flask-Admin ModelViews over Sila's own tables, as the library ships them.

No Sila base class: `COUNT(*)` on every page, `ILIKE '%…%'` search over the joined
applicant, relationships as the library loads them, no login. The benchmark times
the same list pages here (`gunicorn 'bench.stock_app:create_app()'` with
DATABASE_URL set), so our figures have a peer measured on the same data and machine.
"""
from __future__ import annotations

import os

from flask import Flask
from flask_admin import Admin
from flask_admin.contrib.sqla import ModelView, filters
from flask_babel import Babel

from models import Applicant, ServiceRequest
from models.base import db
from sila.config import _normalized_database_url
from sila.web.query_count import register_query_count


class StockRequestView(ModelView):
    column_list = ("id", "applicant", "service_type", "channel", "status", "created_at", "earliest_answer_on")
    column_default_sort = ("created_at", True)
    column_searchable_list = ("applicant.national_id", "applicant.name_search")
    column_filters = (
        filters.FilterEqual(ServiceRequest.status, "status"),
        filters.IntEqualFilter(ServiceRequest.channel_id, "channel"),
    )


class StockApplicantView(ModelView):
    column_list = ("national_id", "first_name", "family_name", "mobile", "city", "gender", "created_at")
    column_default_sort = ("created_at", True)
    column_searchable_list = ("national_id", "name_search", "mobile")


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = _normalized_database_url(os.environ["DATABASE_URL"])
    app.config["SECRET_KEY"] = os.urandom(16).hex()
    db.init_app(app)
    Babel(app)  # the models' labels are translatable strings
    admin = Admin(app, name="stock")
    admin.add_view(StockRequestView(ServiceRequest, db.session, endpoint="requests"))
    admin.add_view(StockApplicantView(Applicant, db.session, endpoint="applicants"))
    register_query_count(app)

    @app.get("/healthz")
    def healthz() -> str:
        return "ok"

    return app
