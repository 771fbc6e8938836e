"""Two gunicorn processes on one PostgreSQL and one Redis behave as one application.

A login throttle counted across both, a session made on one used on the other, a
committee decision made on one seen on the other, a lockout on one effective on
the other. CI (TEST_REQUIRE_POSTGRES=1) fails when PostgreSQL or Redis is missing.
"""
from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa
from limits.storage import storage_from_string

from app import ROOT
from sila.settings.presets.demo import demo_password
from tests.conftest import POSTGRES_URL
from tests.operations.test_operations import _free_port, _wait_until_serving
from tests.test_migrations import _fresh_database

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
REQUIRED = os.environ.get("TEST_REQUIRE_POSTGRES") == "1"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _redis_or_skip() -> None:
    try:
        reachable = storage_from_string(REDIS_URL).check()
    except Exception:  # noqa: BLE001 - any failure to connect means "not there"
        reachable = False
    if not reachable:
        if REQUIRED:
            pytest.fail(f"Redis at {REDIS_URL} is unreachable")
        pytest.skip("Redis is not reachable")


class Browser:
    """One person's cookies, usable against either server."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def get(self, url: str) -> tuple[int, str]:
        try:
            with self.opener.open(url, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, url: str, form_page: str, data: dict) -> tuple[int, str]:
        _status, page = self.get(form_page)
        token = CSRF.search(page).group(1)
        body = urllib.parse.urlencode({**data, "csrf_token": token}).encode()
        try:
            with self.opener.open(urllib.request.Request(url, data=body), timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def login(self, base: str, username: str, password: str) -> int:
        return self.post(f"{base}/login", f"{base}/login", {"username": username, "password": password})[0]

    def copy_cookies_to(self, other: Browser) -> None:
        for cookie in self.jar:
            other.jar.set_cookie(cookie)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


@pytest.fixture()
def two_servers(tmp_path: Path):  # type: ignore[no-untyped-def]
    if not POSTGRES_URL:
        if REQUIRED:
            pytest.fail("TEST_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set")
        pytest.skip("needs PostgreSQL (TEST_DATABASE_URL)")
    _redis_or_skip()
    storage_from_string(REDIS_URL).reset()
    url, drop = _fresh_database(POSTGRES_URL, tmp_path)
    env = {
        **os.environ, "DATABASE_URL": url, "SECRET_KEY": "two-servers-secret", "RATELIMIT_STORAGE_URI": REDIS_URL,
        "SILA_ATTACHMENTS_DIR": str(tmp_path / "attachments"),
    }
    env.pop("SILA_TRUST_PROXY", None)
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    subprocess.run(flask + ["db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    subprocess.run(flask + ["seed", "--preset", "rakeen", "--demo"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=300)
    servers, bases = [], []
    try:
        for index in range(2):
            port = _free_port()
            command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1", "app:create_app()"]
            log = (tmp_path / f"server{index}.log").open("wb")
            servers.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log))
            bases.append(f"http://127.0.0.1:{port}")
        for server, base in zip(servers, bases, strict=True):
            _wait_until_serving(base + "/healthz", server, time.monotonic() + 60)
        yield bases, url
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        storage_from_string(REDIS_URL).reset()
        drop()


def test_two_processes_share_throttle_sessions_and_data(two_servers):
    (first, second), url = two_servers
    attacker = Browser()
    for base in (first, second, first, second, first):
        assert attacker.login(base, "staff", "wrong-password-123") == 200
    locked = Browser()
    assert locked.login(second, "staff", demo_password("staff")) == 429, "the lockout made on one must hold on the other"
    assert locked.login(first, "staff", demo_password("staff")) == 429

    member = Browser()
    assert member.login(first, "committee", demo_password("committee")) == 302
    elsewhere = Browser()
    member.copy_cookies_to(elsewhere)
    status, page = elsewhere.get(f"{second}/admin/committee_queue/")
    assert status == 200 and "committee_queue" in page

    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as connection:
        request_id = connection.execute(sa.text(
            "SELECT id FROM requests WHERE status = 'submitted' AND submitted_by_id IS DISTINCT FROM "
            "(SELECT id FROM users WHERE username = 'committee') AND verified_by_id IS DISTINCT FROM "
            "(SELECT id FROM users WHERE username = 'committee') ORDER BY id LIMIT 1"
        )).scalar_one()
    details = f"/admin/committee_queue/details/?id={request_id}"
    status, _page = member.post(f"{first}/admin/committee_queue/step/{request_id}/decide", f"{first}{details}",
                                {"outcome": "accepted"})
    assert status == 302
    with engine.connect() as connection:
        stored = connection.execute(sa.text("SELECT status FROM requests WHERE id = :id"), {"id": request_id})
        assert stored.scalar_one() == "accepted"
    engine.dispose()
    manager = Browser()
    assert manager.login(second, "manager", demo_password("manager")) == 302
    status, page = manager.get(f"{second}/admin/requests/details/?id={request_id}")
    assert status == 200 and "مقبول" in page

    assert member.post(f"{second}/logout", f"{second}/admin/", {})[0] == 302
    assert elsewhere.get(f"{first}/admin/committee_queue/")[0] == 302, "a logged-out session must end on every process"
