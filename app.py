"""The application factory: configuration, extensions, screens and commands."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, session
from flask_login import current_user

from sila.config import engine_options, load_settings
from sila.extensions import babel, csrf, db, limiter, login_manager, migrate

ROOT = Path(__file__).resolve().parent


def select_locale() -> str:
    """The user's saved choice, then this browser session's, then Arabic."""
    from flask import current_app, has_request_context

    supported = current_app.config["SILA_LOCALES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in supported:
        return current_user.locale
    if session.get("locale") in supported:
        return session["locale"]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(ROOT / "instance"))
    app.config.from_mapping(load_settings(Path(app.instance_path)))
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(ROOT / "translations")
    if test_config:
        app.config.update(test_config)
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", engine_options(app.config))

    from sila.operations.log_lines import configure_logging

    configure_logging(app)

    import models  # noqa: F401  (registers every table on the metadata)
    import sila.core.audit.recorder  # noqa: F401  (records applicant and request changes on every flush)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)

    from sila.auth.sessions import configure_login

    configure_login(login_manager)

    from sila.attachments.views import blueprint as attachments_blueprint
    from sila.auth.views import blueprint as auth_blueprint
    from sila.portal.views import blueprint as portal_blueprint
    from sila.web.errors import register_error_pages
    from sila.web.headers import register_security_headers
    from sila.web.health import blueprint as health_blueprint
    from sila.web.jinja import register_template_helpers
    from sila.web.proxy import register_proxy
    from sila.web.query_count import register_query_count
    from sila.web.request_log import register_request_log

    app.register_blueprint(auth_blueprint)
    app.register_blueprint(attachments_blueprint)
    app.register_blueprint(health_blueprint)
    app.register_blueprint(portal_blueprint)
    register_proxy(app)
    register_request_log(app)
    register_query_count(app)
    register_error_pages(app)
    register_security_headers(app)
    register_template_helpers(app)

    from admin import init_admin

    init_admin(app)

    from sila.cli import register_commands

    register_commands(app)

    from sila.jobs.embedded import start_if_serving

    start_if_serving(app)
    return app
