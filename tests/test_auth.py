"""Logging in and out, CSRF, hashed passwords and the language switch."""
from __future__ import annotations

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
