"""Guessing passwords, replaying an ended session and bouncing through `next=` all fail."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from models import Channel
from models.base import db
from tests.conftest import csrf_token, login, post_form
from tests.security.conftest import user
from tests.security.snapshot import unchanged


def _attempt(client, username: str, password: str, **kwargs):  # type: ignore[no-untyped-def]
    return client.post("/login", data={"username": username, "password": password, "csrf_token": csrf_token(client)},
                       **kwargs)


def test_guessing_a_password_locks_the_account_and_changes_nothing(rakeen, client):
    with unchanged():
        for guess in ("123456", "password", "staff", "sila-demo", "qwerty123"):
            assert _attempt(client, "staff", guess).status_code == 200
        locked = _attempt(client, "staff", "sila-demo-staff")
    assert locked.status_code == 429
    assert "محاولات" in locked.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302


def test_guessing_across_many_accounts_locks_the_address(app, rakeen, client):
    app.config["SILA_LOGIN_LIMIT_PER_IP"] = "4 per 15 minutes"
    with unchanged():
        for name in ("admin", "manager", "staff2", "committee"):
            _attempt(client, name, "not-the-password")
        assert _attempt(client, "researcher", "sila-demo-researcher").status_code == 429


def test_a_nul_in_the_username_is_a_wrong_login_not_an_error(rakeen, client):
    with unchanged():
        response = _attempt(client, "sta\x00ff", "sila-demo-staff")
    assert response.status_code == 200
    assert "غير صحيحة" in response.get_data(as_text=True)


def _cookie(client) -> str:  # type: ignore[no-untyped-def]
    return client.get_cookie("session").value


def _replay(client, cookie: str, token: str):  # type: ignore[no-untyped-def]
    """The old cookie and the CSRF token of its pages, sent again by whoever kept them."""
    client.set_cookie("session", cookie)
    return client.post("/admin/channels/new/", data={"name": "قناة", "position": "9", "csrf_token": token})


def test_a_session_cookie_kept_after_logout_opens_nothing(rakeen, client):
    login(client, "admin")
    token, cookie = csrf_token(client, "/admin/channels/new/"), _cookie(client)
    post_form(client, "/logout", {})
    with unchanged():
        client.set_cookie("session", cookie)
        assert client.get("/admin/channels/").status_code == 302
        assert _replay(client, cookie, token).status_code in (302, 400)
    assert not db.session.scalar(db.select(Channel).where(Channel.name == "قناة"))


def test_a_password_changed_by_the_admin_ends_the_users_open_sessions(rakeen, app, client):
    login(client, "manager")
    cookie = _cookie(client)
    admin = login(app.test_client(), "admin")
    manager = user("manager")
    form = {"username": "manager", "full_name": manager.full_name, "role": "manager", "is_active": "y",
            "new_password": "a-fresh-long-password"}
    url = f"/admin/users/edit/?id={manager.id}"
    assert post_form(admin, url, form, token_from=url).status_code == 302
    with unchanged():
        client.set_cookie("session", cookie)
        assert client.get("/admin/users/").status_code == 302


def test_a_session_from_before_login_is_not_kept(rakeen, client):
    """Session fixation: whatever the browser held before logging in is dropped at login."""
    client.get("/login")
    with client.session_transaction() as session:
        session["planted"] = "by-an-attacker"
    login(client, "staff")
    with client.session_transaction() as session:
        assert "planted" not in session


HOSTILE_NEXT = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "/\t/evil.example/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https:/evil.example",
    "/%2F%2Fevil.example",
    " //evil.example",
]


def _stays_here(location: str) -> bool:
    """What a browser would do with this Location: stay on this host, by a plain path."""
    browser_view = location.replace("\\", "/").replace("\t", "").strip()
    parts = urlsplit(browser_view)
    return not parts.scheme and not parts.netloc and browser_view.startswith("/") and not browser_view.startswith("//")


@pytest.mark.parametrize("target", HOSTILE_NEXT, ids=range(len(HOSTILE_NEXT)))
def test_next_after_login_never_leaves_the_site(rakeen, client, target):
    response = _attempt(client, "staff", "sila-demo-staff", query_string={"next": target})
    assert response.status_code == 302
    assert _stays_here(response.headers["Location"]), response.headers["Location"]


@pytest.mark.parametrize("target", HOSTILE_NEXT, ids=range(len(HOSTILE_NEXT)))
def test_next_of_the_language_switch_never_leaves_the_site(rakeen, client, target):
    login(client, "staff")
    response = post_form(client, "/locale/en", {"next": target})
    assert _stays_here(response.headers["Location"]), response.headers["Location"]


def test_the_login_page_for_a_logged_in_user_never_leaves_the_site(rakeen, client):
    login(client, "staff")
    for target in HOSTILE_NEXT:
        response = client.get("/login", query_string={"next": target})
        assert _stays_here(response.headers["Location"]), (target, response.headers["Location"])


def test_a_same_site_next_is_followed(rakeen, client):
    response = _attempt(client, "staff", "sila-demo-staff", query_string={"next": "/admin/contacts/?page=1"})
    assert response.headers["Location"] == "/admin/contacts/?page=1"


def test_a_return_url_on_an_admin_form_never_leaves_the_site(rakeen, client):
    login(client, "staff")
    form = {"kind": "inquiry", "channel": "1", "summary": "استفسار", "status": "open"}
    response = post_form(client, "/admin/contacts/new/?url=https://evil.example/", form, token_from="/admin/contacts/new/")
    assert _stays_here(response.headers["Location"]), response.headers["Location"]
