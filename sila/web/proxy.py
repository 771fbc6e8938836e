"""Trust a reverse proxy's X-Forwarded-* headers, only when told to.

Behind nginx the client's address and scheme arrive in headers anyone could
forge when the app is reached directly; so they count only with
SILA_TRUST_PROXY=1, and only from the one proxy hop in front of us. The login
rate limit per IP and the secure-cookie/HSTS decisions depend on them.
"""
from __future__ import annotations

import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def register_proxy(app: Flask) -> None:
    """Wrap the app in ProxyFix when SILA_TRUST_PROXY is on (config first, then the environment)."""
    trusted = app.config.get("SILA_TRUST_PROXY", os.environ.get("SILA_TRUST_PROXY") == "1")
    if trusted:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
