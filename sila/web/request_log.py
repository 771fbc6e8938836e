"""One `key=value` line per request, so operators can follow a request without reading personal data.

The line holds only the time, a request id, the user's numeric id, the URL
rule (never the URL itself: query strings carry national IDs and names), the
method, the status and the duration. The id is echoed in `X-Request-ID` and
shown on error pages, so a staff member can quote it and an operator can find
the matching line. Ids we make are digits in groups of four: easy to read
aloud over the phone, and no Latin letters on an Arabic page.
"""
from __future__ import annotations

import logging
import re
import secrets
import time
from datetime import UTC, datetime

from flask import Flask, Response, g, has_request_context, request

LOG = logging.getLogger("sila.requests")
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{1,64}")


def request_id() -> str:
    """This request's id: the proxy's `X-Request-ID` when it is a safe short token, else a new one."""
    if not has_request_context():
        return "-"
    if "request_id" not in g:
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if SAFE_REQUEST_ID.fullmatch(incoming) else _new_request_id()
    return g.request_id


def _new_request_id() -> str:
    """16 random digits (about 53 bits), e.g. 4821-0937-5512-0846."""
    digits = f"{secrets.randbelow(10**16):016d}"
    return "-".join(digits[start:start + 4] for start in range(0, 16, 4))


def _user_id() -> str:
    """The id of a user this request already loaded; never a query of its own, which could fail after a database error."""
    user = g.get("_login_user")  # where Flask-Login keeps the user it loaded for this request
    user_id = getattr(user, "id", None)
    return "-" if user_id is None else str(user_id)


def _is_static() -> bool:
    endpoint = request.endpoint or ""
    return endpoint == "static" or endpoint.endswith(".static")


def register_request_log(app: Flask) -> None:
    """Time every request, echo its id and write its line once the response is ready."""

    def _start() -> None:
        g.request_started = time.perf_counter()
        request_id()

    # First of all before-request hooks, so a request refused by CSRF or the rate limiter is timed too.
    app.before_request_funcs.setdefault(None, []).insert(0, _start)

    @app.after_request
    def _log(response: Response) -> Response:
        response.headers["X-Request-ID"] = request_id()
        if _is_static():
            return response
        started = g.get("request_started")
        duration = "-" if started is None else f"{(time.perf_counter() - started) * 1000:.1f}"
        LOG.info(
            "time=%s request_id=%s user=%s method=%s route=%s status=%s duration_ms=%s",
            datetime.now(UTC).isoformat(timespec="milliseconds"),
            request_id(),
            _user_id(),
            request.method,
            request.url_rule.rule if request.url_rule else "-",
            response.status_code,
            duration,
        )
        return response
