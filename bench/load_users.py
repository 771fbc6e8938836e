"""What each kind of user does all day on Sila, as Locust users: the staff roles through their screens, applicants on the portal.

Every user logs in once (CSRF token and all), then picks its next task by weight
and thinks between tasks. Steps are the request page's own POSTed forms; a step's
outcome is read from the flash message of the page it redirects to, and each one
done is written in the ledger with its request and the status it moved from and
to, so that `bench/load_consistency.py` can find it in the database exactly once.
Which request a clerk works on is picked from the list he would open, so two
clerks sometimes reach for the same request at once: one must be refused.
"""
from __future__ import annotations

import random
import re
import urllib.parse
from datetime import date, timedelta
from typing import Any

from locust import FastHttpUser, between, task
from locust.exception import RescheduleTask

from bench.generate import FAMILY, FEMALE, MALE, MOBILE_PREFIXES
from bench.load_ledger import LEDGER
from bench.load_sms import Gateway
from bench.run import ARABIC_DIGITS, CSRF, NAMES, STATUS_ARG
from sila.core.national_id import check_digit

ITEMS = re.compile(r'name="item" value="(\d+)"')
SIGNED_NAME = re.compile(r'id="signed-name"[^>]*value="([^"]*)"')
SERVICES = re.compile(r'<option value="([1-9]\d*)">')
NUMBER = re.compile(r'class="portal-number[^"]*"[^>]*>\s*(\d+)\s*<')
SUCCESS, REFUSAL = "alert alert-success", "alert alert-danger"
# The committee's outcomes, roughly as often as associations record them; a reason goes with each.
OUTCOMES = (("accepted", 6), ("rejected", 3), ("returned", 1))
# A delivery as the clerk records it: in-kind aid needs the receipt signed by the beneficiary before a witness.
HANDOVER = {"what": "سُلّمت الإعانة", "received_by": "المستفيد", "receiver_relation": "self", "witness": "أمين المستودع"}
# The request lists a clerk works from: the first pages of each status, newest first.
WORK_PAGES = 3




def demo_password(username: str) -> str:
    """The demo users' password, as `flask seed --demo` and bench/generate.py set it."""
    return f"sila-demo-{username}"


class Clerk(FastHttpUser):
    """A member of staff: logged in as one of his role's demo accounts, a CSRF token at hand."""

    abstract = True
    wait_time = between(1, 3)
    accounts: tuple[str, ...] = ()
    _next_account = 0

    def on_start(self) -> None:
        cls = type(self)
        self.username = cls.accounts[cls._next_account % len(cls.accounts)]
        cls._next_account += 1
        self.token = ""
        self.page("/login", "login page")
        fields = {"username": self.username, "password": demo_password(self.username), "csrf_token": self.token}
        with self.client.post("/login", data=_form(fields), headers=_FORM, name="login", allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code != 302 or "/login" in response.headers.get("Location", "/login"):
                response.failure(f"login as {self.username} refused")
        LEDGER.ready += 1

    def page(self, path: str, name: str) -> str:
        """GET a page as the user opens it; keep its CSRF token for the next form."""
        with self.client.get(path, name=name, catch_response=True) as response:
            text = response.text or ""
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                raise RescheduleTask()
        match = CSRF.search(text)
        if match:
            self.token = match.group(1)
        return text

    def step(self, path: str, action: str, fields: dict | list, queue: bool = False) -> bool:
        """POST one step's form without following the redirect (the step's own time), then open the page it
        leads to and read its flash: True when the step was done, False when the rules refused it.

        From a queue (`queue`), a request another member took out of it in the meantime answers 404, as
        the queue no longer holds it: that is his refusal, not an error."""
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields)
        with self.client.post(path, data=_form([*pairs, ("csrf_token", self.token)]), headers=_FORM, name=action,
                              allow_redirects=False, catch_response=True) as response:
            if queue and response.status_code == 404:
                response.success()
                LEDGER.refused[action] += 1
                return False
            location = response.headers.get("Location", "")
            if response.status_code != 302 or not location:
                response.failure(f"HTTP {response.status_code}")
                raise RescheduleTask()
        result = self.page(urllib.parse.urlsplit(location)._replace(scheme="", netloc="").geturl(), "page after a step")
        if SUCCESS in result:
            return True
        if REFUSAL not in result:
            LEDGER.refused[f"{action} (no message)"] += 1
        LEDGER.refused[action] += 1
        return False

    def pick(self, list_path: str, name: str) -> int | None:
        """A request from one of the first pages of a list, as a clerk picks the next one to work on."""
        view, _, query = list_path.partition("?")
        rows_of = re.compile(re.escape(view) + r"details/\?id=(\d+)").findall
        rows = rows_of(self.page(f"{view}?{query}&page={random.randrange(WORK_PAGES)}".replace("?&", "?"), name))
        if not rows:
            rows = rows_of(self.page(list_path, name))
        return int(random.choice(rows)) if rows else None


_FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _form(fields: dict | list) -> str:
    return urllib.parse.urlencode(fields, doseq=True)


def _status_list(status: str) -> str:
    return f"/admin/requests/?{STATUS_ARG}={status}"


class Staff(Clerk):
    """Relations staff: the requests list all day, searches, and each request on through its steps."""

    accounts = ("staff", "staff2")

    @task(5)
    def requests_list(self) -> None:
        self.page("/admin/requests/", "requests list")

    @task(2)
    def filtered(self) -> None:
        self.page(_status_list(random.choice(("received", "verified", "submitted"))), "requests by status")

    @task(3)
    def name_search(self) -> None:
        self.page("/admin/requests/?" + _form({"search": random.choice(NAMES)}), "name search")

    @task(2)
    def national_id_search(self) -> None:
        national_id = random.choice(LEDGER.national_ids).translate(ARABIC_DIGITS)
        self.page("/admin/requests/?" + _form({"search": national_id}), "national-ID search")

    @task(4)
    def request_page(self) -> None:
        self.page(f"/admin/requests/details/?id={random.choice(LEDGER.request_ids)}", "request page")

    @task(1)
    def applicants(self) -> None:
        self.page("/admin/applicants/", "applicants list")

    @task(3)
    def verify(self) -> None:
        """The checklist ticked against the originals, then verification."""
        request_id = self.pick(_status_list("received"), "requests by status")
        if request_id is None:
            return
        detail = self.page(f"/admin/requests/details/?id={request_id}", "request page")
        ticks = [("item", item) for item in ITEMS.findall(detail)]
        ticks += [(f"{kind}-{item}", "y") for _, item in ticks for kind in ("supplied", "matched")]
        if self.step(f"/admin/requests/step/{request_id}/checklist", "checklist", ticks):
            LEDGER.record_done("checklist", request_id, "received", "received")
            if self.step(f"/admin/requests/step/{request_id}/verify", "verify", {"notes": "طابقت الأصول"}):
                LEDGER.record_done("verify", request_id, "received", "verified")

    @task(2)
    def attest_and_submit(self) -> None:
        """The applicant signs the attestation at the counter; the request goes to the committee."""
        request_id = self.pick(_status_list("verified"), "requests by status")
        if request_id is None:
            return
        detail = self.page(f"/admin/requests/details/?id={request_id}", "request page")
        signed = SIGNED_NAME.search(detail)
        fields = {"signed_name": signed.group(1) if signed else "مقدم الطلب", "method": "on_screen"}
        if self.step(f"/admin/requests/step/{request_id}/attest", "attest", fields):
            LEDGER.record_done("attest", request_id, "verified", "attested")
            if self.step(f"/admin/requests/step/{request_id}/submit", "submit", {}):
                LEDGER.record_done("submit", request_id, "attested", "submitted")

    @task(1)
    def register_and_deliver(self) -> None:
        request_id = self.pick(_status_list("accepted"), "requests by status")
        if request_id is not None and self.step(f"/admin/requests/step/{request_id}/register", "register", {}):
            LEDGER.record_done("register", request_id, "accepted", "registered")
        request_id = self.pick(_status_list("registered"), "requests by status")
        if request_id is not None and self.step(f"/admin/requests/step/{request_id}/deliver", "deliver", HANDOVER):
            LEDGER.record_done("deliver", request_id, "registered", "closed")


class Committee(Clerk):
    """Research committee members: their queue, a request's file, and a decision."""

    accounts = ("committee", "committee2")

    @task(4)
    def queue(self) -> None:
        self.page("/admin/committee_queue/", "committee queue")

    @task(3)
    def decide(self) -> None:
        request_id = self.pick("/admin/committee_queue/", "committee queue")
        if request_id is None:
            return
        self.page(f"/admin/committee_queue/details/?id={request_id}", "request page (committee)")
        outcome = random.choices([o for o, _ in OUTCOMES], [w for _, w in OUTCOMES])[0]
        if self.step(f"/admin/committee_queue/step/{request_id}/decide", "decide",
                     {"outcome": outcome, "reason": "قرار اللجنة بعد دراسة الملف"}, queue=True):
            LEDGER.record_done("decide", request_id, "submitted", outcome)

    @task(1)
    def decisions(self) -> None:
        self.page("/admin/decisions/", "decisions list")

    @task(1)
    def meetings(self) -> None:
        self.page("/admin/meetings/", "meetings list")


class Researcher(Clerk):
    accounts = ("researcher",)

    @task(3)
    def referrals(self) -> None:
        self.page("/admin/referrals/", "referrals list")

    @task(2)
    def restudy_queue(self) -> None:
        self.page("/admin/restudy_queue/", "re-study queue")

    @task(2)
    def visits(self) -> None:
        self.page("/admin/visits/", "home visits list")

    @task(1)
    def home(self) -> None:
        self.page("/admin/", "home page")


class Admin(Clerk):
    accounts = ("admin",)

    @task(3)
    def audit(self) -> None:
        self.page("/admin/audit/", "audit log")

    @task(2)
    def users(self) -> None:
        self.page("/admin/users/", "users list")

    @task(1)
    def settings(self) -> None:
        self.page(random.choice(("/admin/channels/", "/admin/service_types/", "/admin/organization/")), "settings list")


class Manager(Clerk):
    accounts = ("manager",)

    @task(4)
    def dashboard(self) -> None:
        self.page("/admin/", "dashboard")

    @task(2)
    def requests_list(self) -> None:
        self.page("/admin/requests/", "requests list")

    @task(2)
    def decisions(self) -> None:
        self.page("/admin/decisions/", "decisions list")

    @task(1)
    def applicants(self) -> None:
        self.page("/admin/applicants/", "applicants list")

    @task(1)
    def survey_results(self) -> None:
        self.page("/admin/survey_results/", "survey results")


class PortalApplicant(FastHttpUser):
    """Someone on the e-services portal: applies for a service, enters the code his mobile got, then follows
    requests by number."""

    wait_time = between(2, 6)
    # The stand-in SMS gateway the served app sends codes to (bench/load_sms.py), set by bench/load.py.
    gateway: Gateway | None = None

    def on_start(self) -> None:
        self.mine: list[tuple[int, str, str]] = []
        LEDGER.ready += 1

    def _token(self, path: str, name: str) -> tuple[str, str]:
        with self.client.get(path, name=name, catch_response=True) as response:
            text = response.text or ""
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                raise RescheduleTask()
        match = CSRF.search(text)
        return (match.group(1) if match else ""), text

    @task(1)
    def landing(self) -> None:
        self._token("/", "portal home")

    @task(2)
    def apply(self) -> None:
        token, form = self._token("/apply", "portal apply form")
        person = _person()
        fields = {**person, "service_type": random.choice(SERVICES.findall(form) or ["1"]),
                  "details": "أرجو النظر في طلبي", "accept_attestation": "y", "csrf_token": token}
        with self.client.post("/apply", data=_form(fields), headers=_FORM, name="portal apply", allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"application not accepted (HTTP {response.status_code})")
                return
        if not self._confirm(person["mobile"]):
            return
        _, received = self._token("/apply/received", "portal received page")
        number = NUMBER.search(received)
        if number:
            LEDGER.applied.append(int(number.group(1)))
            self.mine.append((int(number.group(1)), person["national_id"], person["mobile"]))

    def _confirm(self, mobile: str) -> bool:
        """The code the gateway got for this mobile, typed on the confirmation page: only then is it a request."""
        token, _ = self._token("/apply/confirm", "portal confirm form")
        code = self.gateway.code_for(mobile) if self.gateway else None
        with self.client.post("/apply/confirm", data=_form({"code": code or "", "csrf_token": token}), headers=_FORM,
                              name="portal confirm", allow_redirects=False, catch_response=True) as response:
            if response.status_code != 302 or "/apply/received" not in response.headers.get("Location", ""):
                response.failure(f"code not accepted (HTTP {response.status_code}, code {'got' if code else 'missing'})")
                return False
        return True

    @task(3)
    def track(self) -> None:
        token, _ = self._token("/track", "portal track form")
        number, national_id, mobile = random.choice(self.mine or LEDGER.tracked or [(1, "1000000008", "0500000000")])
        fields = {"number": number, "national_id": national_id, "mobile_last_four": mobile[-4:], "csrf_token": token}
        self.client.post("/track", data=_form(fields), headers=_FORM, name="portal track")


def _person() -> dict[str, Any]:
    """A new applicant with a valid national ID and mobile, named as people type their names."""
    stem = f"{random.choice('12')}{random.randrange(10**8):08d}"
    female = random.random() < 0.45
    born = date(1960, 1, 1) + timedelta(days=random.randrange(15_000))
    return {
        "national_id": stem + check_digit(stem), "first_name": random.choice(FEMALE if female else MALE),
        "father_name": random.choice(MALE), "grandfather_name": random.choice(MALE), "family_name": random.choice(FAMILY),
        "gender": "female" if female else "male", "birth_date": born.strftime("%d/%m/%Y"),
        "mobile": f"0{random.choice(MOBILE_PREFIXES)}{random.randrange(10**7):07d}", "city": "جدة",
    }
