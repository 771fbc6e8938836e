"""Signing in through the applicant's door as a browser would, reading the code from the log backend."""
from __future__ import annotations

import logging
import re

from tests.conftest import csrf_token

CODE = re.compile(r": (\d{6})\.")


def ask(client, national_id: str, mobile: str = "0551234567"):  # type: ignore[no-untyped-def]
    return client.post(
        "/sign-in", data={"national_id": national_id, "mobile": mobile, "csrf_token": csrf_token(client, "/sign-in")},
    )


def code_sent(caplog) -> str:  # type: ignore[no-untyped-def]
    lines = [record.getMessage() for record in caplog.records if record.name == "sila.notifications"]
    assert lines, "no message was logged"
    match = CODE.search(lines[-1])
    assert match, lines[-1]
    return match.group(1)


def enter(client, code: str):  # type: ignore[no-untyped-def]
    return client.post("/sign-in/code", data={"code": code, "csrf_token": csrf_token(client, "/sign-in/code")})


def sign_in(client, caplog, applicant) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.INFO, logger="sila.notifications")
    ask(client, applicant.national_id, applicant.mobile)
    response = enter(client, code_sent(caplog))
    assert response.status_code == 302 and response.headers["Location"].endswith("/my-file")
