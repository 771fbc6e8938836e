"""Arabic error pages: a refusal always explains itself in the user's language.

Each page shows the request's reference number, so staff can quote it and an
operator can find the request's log line.
"""
from __future__ import annotations

from flask import Flask, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from sila.web.request_log import request_id


def register_error_pages(app: Flask) -> None:
    messages = {
        400: lambda: _("The request could not be understood. Please go back and try again."),
        403: lambda: _("You do not have permission to open this page or perform this action."),
        404: lambda: _("The page you asked for does not exist."),
        405: lambda: _("This action is not allowed here."),
        413: lambda: _("The file is larger than the allowed size."),
        429: lambda: _("Too many failed attempts. Wait a few minutes and try again."),
        500: lambda: _("Something went wrong on our side. Nothing was saved; please try again."),
    }

    def render(code: int, message: str):  # type: ignore[no-untyped-def]
        return render_template("errors/error.html", code=code, message=message, request_id=request_id()), code

    @app.errorhandler(CSRFError)
    def _csrf(_error: CSRFError):  # type: ignore[no-untyped-def]
        return render(400, _("Your form has expired or is not valid. Reload the page and try again."))

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):  # type: ignore[no-untyped-def]
        code = error.code or 500
        if code not in messages:
            return error
        return render(code, messages[code]())

    @app.errorhandler(500)
    def _server(_error: Exception):  # type: ignore[no-untyped-def]
        return render(500, messages[500]())
