"""Security headers on every response, with a strict nonce-based Content-Security-Policy.

Scripts run only from our own origin or with this response's nonce. The one
inline handler Flask-Admin's filter menu carries ("return false;") is allowed
by its hash alone; styles allow inline attributes because its widgets set them.
"""
from __future__ import annotations

import secrets

from flask import Flask, Response, g, request

# sha256 of Flask-Admin's filter-menu handler "return false;", the only inline handler left.
FILTER_MENU_HANDLER = "'sha256-2rvfFrggTCtyF5WOiTri1gDS8Boibj4Njn0e+VCBmDI='"


def csp_nonce() -> str:
    """This response's script nonce, made on first use."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def register_security_headers(app: Flask) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        response.headers.setdefault(
            "Content-Security-Policy",
            f"default-src 'self'; script-src 'self' 'nonce-{csp_nonce()}' 'unsafe-hashes' {FILTER_MENU_HANDLER}; "
            "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; "
            "form-action 'self'; frame-ancestors 'none'",
        )
        return response
