"""Running in production: a health check, request logs without personal data, a proxy, gunicorn."""
from __future__ import annotations

import logging
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask_migrate import upgrade

from app import ROOT, create_app
from models import Applicant
from models.audit import AuditEntry
from models.base import db
from models.job_run import JobRun
from sila.config import _normalized_database_url
from sila.jobs.registry import job_named
from sila.jobs.runs import run_job
from tests.applicants.test_applicants import VALID
from tests.conftest import BrowserLikeClient, login, post_form
from tests.test_migrations import _fresh_database

UNREACHABLE_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2"
GENERATED_ID = r"\d{4}-\d{4}-\d{4}-\d{4}"
LOG_LINE = re.compile(
    r"^time=\S+ request_id=(?P<id>[A-Za-z0-9-]{1,64}) user=(?P<user>\d+|-) method=(?P<method>[A-Z]+) "
    r"route=(?P<route>\S+) status=(?P<status>\d{3}) duration_ms=[\d.]+$"
)


def _log_lines(caplog) -> list[re.Match]:  # type: ignore[no-untyped-def]
    lines = [record.getMessage() for record in caplog.records if record.name == "sila.requests"]
    matches = [LOG_LINE.match(line) for line in lines]
    assert all(matches), lines
    return matches


def test_health_check_is_ok_on_a_migrated_database(database_url, tmp_path):
    url, drop = _fresh_database(database_url, tmp_path)
    try:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
        with app.app_context():
            upgrade()
            run_job(job_named(app.config, "send_messages"))
            response = app.test_client().get("/healthz")
            db.engine.dispose()
    finally:
        drop()
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "migrations": "current", "jobs": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_health_check_is_degraded_but_serving_when_no_job_ran_for_five_minutes(database_url, tmp_path):
    url, drop = _fresh_database(database_url, tmp_path)
    try:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
        with app.app_context():
            upgrade()
            never = app.test_client().get("/healthz")
            run_job(job_named(app.config, "send_messages"))
            db.session.execute(db.update(JobRun).values(started_at=datetime.now(UTC) - timedelta(minutes=6)))
            db.session.commit()
            silent = app.test_client().get("/healthz")
            db.engine.dispose()
    finally:
        drop()
    for response in (never, silent):
        assert response.status_code == 200, "the web server still serves: a load balancer keeps it"
        assert response.get_json() == {"status": "degraded", "database": "ok", "migrations": "current", "jobs": "stale"}


def test_health_check_fails_when_migrations_were_not_applied(app, client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "ok", "migrations": "behind", "jobs": "unknown"}


def test_health_check_fails_when_the_database_is_unreachable():
    app = create_app({"SQLALCHEMY_DATABASE_URI": UNREACHABLE_POSTGRES, "TESTING": True})
    with app.app_context():
        response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "unavailable", "migrations": "unknown", "jobs": "unknown"}
    assert "127.0.0.1" not in response.get_data(as_text=True)


def test_each_request_logs_its_route_and_status(rakeen, client, caplog):
    caplog.set_level(logging.INFO, logger="sila.requests")
    client.get("/login")
    client.get("/admin/no-such-screen/?national_id=1000000008")
    client.get("/static/css/sila.css")
    lines = _log_lines(caplog)
    assert [(line["method"], line["route"], line["status"], line["user"]) for line in lines] == [
        ("GET", "/login", "200", "-"),
        ("GET", "-", "404", "-"),
    ]
    assert "1000000008" not in caplog.text


def test_request_logs_hold_no_personal_data_after_registering_an_applicant(rakeen, client, caplog):
    login(client, "staff")
    caplog.set_level(logging.INFO, logger="sila.requests")
    assert post_form(client, "/admin/applicants/new/", VALID).status_code == 302
    applicant = db.session.scalar(db.select(Applicant))
    client.get(f"/admin/applicants/details/?id={applicant.id}")
    client.get("/admin/applicants/?search=" + VALID["first_name"])
    lines = _log_lines(caplog)
    routes = {(line["method"], line["route"], line["status"]) for line in lines}
    assert {("POST", "/admin/applicants/new/", "302"), ("GET", "/admin/applicants/details/", "200")} <= routes
    assert {line["user"] for line in lines if line["route"].startswith("/admin/")} == {str(_staff_id())}
    personal = [VALID["national_id"], VALID["mobile"], VALID["mobile"][1:], applicant.mobile, applicant.name_search]
    personal += [VALID[name] for name in ("first_name", "father_name", "grandfather_name", "family_name")]
    for value in personal:
        assert value not in caplog.text


def _staff_id() -> int:
    from models.user import User

    return db.session.scalar(db.select(User.id).where(User.username == "staff"))


def test_request_id_is_echoed_and_a_new_one_replaces_an_unsafe_one(app, client):
    assert client.get("/login", headers={"X-Request-ID": "lb-7f3a-42"}).headers["X-Request-ID"] == "lb-7f3a-42"
    for unsafe in ("a b", "x" * 65, "<script>", ""):
        echoed = client.get("/login", headers={"X-Request-ID": unsafe}).headers["X-Request-ID"]
        assert re.fullmatch(GENERATED_ID, echoed)
    first, second = (client.get("/login").headers["X-Request-ID"] for _ in range(2))
    assert first != second


def test_the_not_found_page_shows_the_request_id_staff_can_quote(app, client, caplog):
    caplog.set_level(logging.INFO, logger="sila.requests")
    response = client.get("/no-such-page")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "الصفحة المطلوبة غير موجودة." in page
    reference = response.headers["X-Request-ID"]
    assert reference in page
    assert _log_lines(caplog)[-1]["id"] == reference


def _audited_ips() -> set[str | None]:
    return set(db.session.scalars(db.select(AuditEntry.ip).where(AuditEntry.entity_type == "applicant")))


def test_forwarded_address_is_ignored_without_a_trusted_proxy(rakeen, client):
    login(client, "staff")
    forwarded = {"X-Forwarded-For": "203.0.113.7"}
    assert post_form(client, "/admin/applicants/new/", VALID, headers=forwarded).status_code == 302
    assert _audited_ips() == {"127.0.0.1"}
    assert "Strict-Transport-Security" not in client.get("/login", headers={"X-Forwarded-Proto": "https"}).headers


def test_forwarded_address_is_used_behind_a_trusted_proxy(rakeen, database_url):
    trusted = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": _normalized_database_url(database_url),
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SILA_TRUST_PROXY": True,
        }
    )
    trusted.test_client_class = BrowserLikeClient
    client = trusted.test_client()
    login(client, "staff")
    forwarded = {"X-Forwarded-For": "198.51.100.1, 203.0.113.7"}
    assert post_form(client, "/admin/applicants/new/", VALID, headers=forwarded).status_code == 302
    assert _audited_ips() == {"203.0.113.7"}
    assert "Strict-Transport-Security" in client.get("/login", headers={"X-Forwarded-Proto": "https"}).headers


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _wait_until_serving(url: str, server: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn exited before serving"
        try:
            _get(url)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start serving in time")


def test_gunicorn_serves_the_app_on_a_migrated_database(tmp_path: Path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'served.db'}",
        "SECRET_KEY": "gunicorn-test-secret",
    }
    env.pop("SILA_TRUST_PROXY", None)
    migrate = [sys.executable, "-m", "flask", "--app", "app", "db", "upgrade"]
    subprocess.run(migrate, cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    port = _free_port()
    errors = tmp_path / "gunicorn.err"
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1", "app:create_app()"]
    with errors.open("wb") as stderr:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_serving(base + "/healthz", server, time.monotonic() + 60)
            assert _get(base + "/healthz") == 200
            assert _get(base + "/login") == 200
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
                raise
    log = errors.read_text(encoding="utf-8")
    assert re.search(r"route=/healthz status=200", log), log
    assert re.search(r"route=/login status=200", log), log
