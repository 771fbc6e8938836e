"""Logging in and out, CSRF, hashed passwords and the language switch."""
from __future__ import annotations

import pytest

from models import User
from models.base import db
from tests.conftest import csrf_token, login, post_form


def test_login_page_is_arabic_rtl_with_a_csrf_field(rakeen, client):
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert 'name="csrf_token"' in page
    assert "تسجيل الدخول" in page


def test_wrong_password_and_unknown_user_get_the_same_message(rakeen, client):
    token = csrf_token(client)
    wrong = client.post("/login", data={"username": "staff", "password": "nope-nope-nope", "csrf_token": token})
    unknown = client.post("/login", data={"username": "ghost", "password": "nope-nope-nope", "csrf_token": token})
    assert wrong.status_code == unknown.status_code == 200
    message = "اسم المستخدم أو كلمة المرور غير صحيحة"
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)


def test_login_without_csrf_token_is_refused(rakeen, client):
    response = client.post("/login", data={"username": "staff", "password": "sila-demo-staff"})
    assert response.status_code == 400
    assert client.get("/admin/").status_code == 302


def test_passwords_are_stored_hashed_with_scrypt(rakeen):
    user = db.session.scalar(db.select(User).where(User.username == "staff"))
    assert user.password_hash.startswith("scrypt:")
    assert "sila-demo-staff" not in user.password_hash


def test_logout_ends_the_session(rakeen, client):
    login(client, "staff")
    assert client.get("/admin/applicants/").status_code == 200
    post_form(client, "/logout", {})
    assert client.get("/admin/applicants/").status_code == 302


def test_a_password_change_ends_older_sessions(rakeen, client):
    login(client, "staff")
    user = db.session.scalar(db.select(User).where(User.username == "staff"))
    user.set_password("a-brand-new-password")
    db.session.commit()
    assert client.get("/admin/applicants/").status_code == 302


def test_next_never_leads_to_another_site(rakeen, client):
    token = csrf_token(client)
    response = client.post(
        "/login?next=https://evil.example/",
        data={"username": "staff", "password": "sila-demo-staff", "csrf_token": token},
    )
    assert response.headers["Location"].endswith("/admin/")


def test_the_language_choice_is_remembered_for_the_user(rakeen, client):
    login(client, "staff")
    post_form(client, "/locale/en", {"next": "/admin/"})
    assert db.session.scalar(db.select(User.locale).where(User.username == "staff")) == "en"
    page = client.get("/admin/applicants/").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in page and "Beneficiaries" in page
    post_form(client, "/logout", {})
    login(client, "staff")
    assert '<html lang="en" dir="ltr">' in client.get("/admin/").get_data(as_text=True)


def test_users_create_command_makes_an_admin_with_a_hashed_password(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "--username", "boss", "--full-name", "المدير", "--password", "long-enough-pass"]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).where(User.username == "boss"))
    assert user.role == "admin" and user.check_password("long-enough-pass")


def _attempt(client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post("/login", data={"username": username, "password": password, "csrf_token": csrf_token(client)})


def test_an_account_is_locked_after_five_failures_even_for_the_right_password(rakeen, client):
    for _ in range(5):
        assert _attempt(client, "staff", "wrong-password!").status_code == 200
    locked = _attempt(client, "staff", "sila-demo-staff")
    assert locked.status_code == 429
    assert "محاولات" in locked.get_data(as_text=True) and 'dir="rtl"' in locked.get_data(as_text=True)
    assert _attempt(client, "staff2", "sila-demo-staff2").status_code == 302


def test_unknown_accounts_lock_the_same_way_so_lockout_reveals_nothing(rakeen, client):
    for _ in range(5):
        _attempt(client, "nobody-here", "whatever-pass")
    assert _attempt(client, "nobody-here", "whatever-pass").status_code == 429


def test_successful_logins_are_never_throttled(rakeen, client):
    for _ in range(8):
        assert _attempt(client, "staff", "sila-demo-staff").status_code == 302
        post_form(client, "/logout", {})


def test_one_address_is_throttled_across_accounts(app, rakeen, client):
    app.config["SILA_LOGIN_LIMIT_PER_IP"] = "3 per 15 minutes"
    for name in ("a-one", "a-two", "a-three"):
        _attempt(client, name, "wrong-password!")
    assert _attempt(client, "staff", "sila-demo-staff").status_code == 429


def test_an_idle_session_expires(app, rakeen, client):
    import time
    from datetime import timedelta

    login(client, "staff")
    assert client.get("/admin/applicants/").status_code == 200
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=1)
    time.sleep(2.1)
    assert client.get("/admin/applicants/").status_code == 302


@pytest.mark.parametrize("password, reason", [
    ("short1", "10"), ("samiraccount-2026", "اسم المستخدم"), ("password123", "سهلة"), ("aaaaaaaaaaaa", "سهلة"),
])
def test_weak_passwords_are_refused_beside_the_field(rakeen, client, password, reason):
    login(client, "admin")
    response = post_form(client, "/admin/users/new/", {
        "username": "samiraccount", "full_name": "سمير", "role": "staff", "is_active": "y", "new_password": password,
    })
    assert response.status_code == 200 and reason in response.get_data(as_text=True)
    assert db.session.scalar(db.select(User).where(User.username == "samiraccount")) is None


def test_admin_creates_a_user_with_a_strong_password(rakeen, client):
    login(client, "admin")
    response = post_form(client, "/admin/users/new/", {
        "username": "samir", "full_name": "سمير", "role": "staff", "is_active": "y", "new_password": "نخيل-الأحساء-2026",
    })
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).where(User.username == "samir"))
    assert user.check_password("نخيل-الأحساء-2026") and user.password_hash.startswith("scrypt:")
