"""A stand-in SMS gateway for the load test, so simulated applicants can read the code a real one would get.

The served app is started with SILA_SMS_URL pointing here: every code it sends
arrives as the JSON POST of sila/outbox/sms.py, and the applicant who typed that
mobile takes the newest code sent to it. It runs in the load tool's own process
(gevent, as Locust does), answering 200 at once, as a quick gateway would.
"""
from __future__ import annotations

import json
import re
from typing import Any

from gevent.pywsgi import WSGIServer

CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")


class Gateway:
    def __init__(self, port: int) -> None:
        self.port = port
        self.codes: dict[str, str] = {}
        self.received = 0
        self._server = WSGIServer(("127.0.0.1", port), self._answer, log=None, error_log=None)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sms"

    def start(self) -> None:
        self._server.start()

    def stop(self) -> None:
        self._server.stop(timeout=1)

    def code_for(self, mobile: str) -> str | None:
        """The newest code sent to this mobile, matched on its last nine digits (05… and +9665… alike)."""
        return self.codes.pop(mobile[-9:], None)

    def _answer(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        message = json.loads(environ["wsgi.input"].read(length) or b"{}")
        self.received += 1
        found = CODE.search(str(message.get("text", "")))
        if found:
            self.codes[str(message.get("to", ""))[-9:]] = found.group(1)
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b'{"accepted": true}']
