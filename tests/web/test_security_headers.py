"""Security headers, and a Content-Security-Policy strict enough that pages hold to it."""
from __future__ import annotations

import re

from sila.settings.presets.demo import load_demo_requests
from tests.conftest import login

INLINE_HANDLER = re.compile(r'\son[a-z]+="(?!return false;")')


def test_security_headers_on_every_response(rakeen, client):
    for url in ("/login", "/no-such-page"):
        headers = client.get(url).headers
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "Strict-Transport-Security" in client.get("/login", base_url="https://localhost").headers
    assert "Strict-Transport-Security" not in client.get("/login").headers


def test_scripts_run_only_with_this_responses_nonce(rakeen, client):
    load_demo_requests()
    login(client, "staff")
    for url in ("/admin/", "/admin/requests/", "/admin/applicants/new/"):
        response = client.get(url)
        policy = response.headers["Content-Security-Policy"]
        nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
        assert "'unsafe-inline'" not in policy.split("style-src")[0]
        page = response.get_data(as_text=True)
        scripts = re.findall(r"<script[^>]*>", page)
        assert scripts and all(f'nonce="{nonce}"' in tag or "src=" in tag for tag in scripts)
        assert not INLINE_HANDLER.search(page), url
        assert "javascript:" not in "".join(re.findall(r'data-sila-action="[^"]*"[^>]*', page))
