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


class _Codes(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.codes: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        match = CODE.search(record.getMessage())
        if match:
            self.codes.append(match.group(1))


def hold(client, data: dict, **kwargs) -> tuple[object, str | None]:  # type: ignore[no-untyped-def]
    """POST the application form; the response and the confirmation code the log backend wrote, if any."""
    logger = logging.getLogger("sila.notifications")
    handler, level = _Codes(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        response = client.post("/apply", data={**data, "csrf_token": csrf_token(client, "/apply")}, **kwargs)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return response, handler.codes[-1] if handler.codes else None


def confirm(client, code: str):  # type: ignore[no-untyped-def]
    return client.post("/apply/confirm", data={"code": code, "csrf_token": csrf_token(client, "/apply/confirm")})


def applied(client, data: dict, **kwargs):  # type: ignore[no-untyped-def]
    """Apply and confirm the mobile with the code sent to it, as a person would; the confirmation's response."""
    response, code = hold(client, data, **kwargs)
    assert response.status_code == 302 and response.headers["Location"].endswith("/apply/confirm"), response.status_code
    assert code is not None
    return confirm(client, code)
