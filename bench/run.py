"""Time the staff pages through real HTTP at several scales, beside the raw-SQL floor and stock Flask-Admin.

Usage: .venv/bin/python bench/run.py --scales 1000 100000 [--database sqlite | postgresql://postgres@127.0.0.1/sila_bench]

For each scale the database is generated once (bench/generate.py; kept and reused
while it holds that many requests) and the app is started under gunicorn on
127.0.0.1 with SILA_COUNT_QUERIES=1, one server per scale (and one for the empty
database, and one for a database of a single request: the request page's twin)
side by side. As logged-in demo users it times, `--repeat` times each,
each round asking every scale in turn so that a machine whose speed drifts during
the run moves all scales alike: the requests list, the list filtered by status and channel, an Arabic
name search, a national-ID lookup (typed in Arabic-Indic digits), a request page,
the committee queue, the dashboard, a bulk action on 100 rows and a CSV export;
and as `staff_branch` and `manager_branch`, who work at one of the ten generated
branches, the same lists, request page and dashboard narrowed to that branch
(`branch_*`).
Beside each: the floor (the raw SQL fetching the same rows, through the same
driver), the statements the page ran, and the ratios to the smallest scale and to
the floor; the same pages on a stock Flask-Admin ModelView (bench/stock_app.py)
give the peer figures. Prints a table and writes JSON under bench/.data/.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from http.cookiejar import CookieJar
from itertools import cycle
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from bench.generate import generate  # noqa: E402
from sila.config import _normalized_database_url  # noqa: E402
from sila.core.arabic import normalize  # noqa: E402

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
NAMES = ("أحمد", "احمد", "إحمد", "فاطمة", "فاطمه", "مصطفى", "عائشه", "إبراهيم")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
# Filter arguments of RequestView: filter 0 is the status, filter 1 the channel.
STATUS_ARG, CHANNEL_ARG = "flt0_0", "flt1_1"
# Filter 5 is "received on, later than"; the export at a large scale is the most recent EXPORT_ROWS.
RECEIVED_AFTER_ARG, EXPORT_ROWS = "flt0_5", 100_000
# Each export is timed this many times (p50 of them): one run of several seconds says little on a drifting machine.
EXPORT_RUNS = 3
PAGE = 20
# Pages about one request, whose "empty database" twin is a database holding just that one.
ONE_ROW_PAGES = ("detail", "branch_detail")
TARGETS_MS = {"list": 100, "filtered": 100, "name_search": 100, "national_id": 100, "detail": 100,
              "committee_queue": 100, "dashboard": 300, "bulk_100": 1000, "export_csv": 10_000,
              "branch_list": 100, "branch_filtered": 100, "branch_name_search": 100, "branch_national_id": 100,
              "branch_detail": 100, "branch_applicants": 100, "branch_dashboard": 300}


def scale_url(database: str, scale: int) -> str:
    """One database per scale, so two scales are measured in the same run."""
    if database == "sqlite":
        DATA.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{DATA / f'sila-{scale}.db'}"
    base = sa.engine.make_url(_normalized_database_url(database))
    name = f"{base.database}_{scale}"
    admin = sa.create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        if not connection.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def holds(url: str, scale: int) -> bool:
    engine = sa.create_engine(_normalized_database_url(url))
    try:
        with engine.connect() as connection:
            return (connection.scalar(sa.text("SELECT max(id) FROM requests")) or 0) == scale
    except sa.exc.DBAPIError:
        return False
    finally:
        engine.dispose()


class _Stay(urllib.request.HTTPRedirectHandler):
    """A POST's own time and statements, not those of the page it redirects to."""

    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None


class Client:
    """A browser of one user: cookies, CSRF tokens, timed GETs and POSTs."""

    def __init__(self, base: str) -> None:
        self.base = base
        jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.posting = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _Stay())

    def fetch(self, path: str, data: dict | list | None = None, follow: bool = True) -> tuple[float, int, bytes]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        started = time.perf_counter()
        try:
            with (self.opener if follow else self.posting).open(self.base + path, data=body, timeout=600) as response:
                content, headers = response.read(), response.headers
        except urllib.error.HTTPError as error:
            if follow or error.code not in (301, 302, 303):
                raise
            content, headers = error.read(), error.headers
        return (time.perf_counter() - started) * 1000, int(headers.get("X-Query-Count", "-1")), content

    def token(self, path: str) -> str:
        match = CSRF.search(self.fetch(path)[2].decode())
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def login(self, username: str) -> Client:
        token = self.token("/login")
        self.fetch("/login", {"username": username, "password": f"sila-demo-{username}", "csrf_token": token})
        return self


@contextmanager
def server(command: list[str], url: str, port: int, workers: int = 1, settings: dict[str, str] | None = None,
           timeout: tuple[str, ...] = ("--timeout", "600"), cwd: Path = ROOT):  # type: ignore[no-untyped-def]
    """Gunicorn on 127.0.0.1 with the project's gunicorn.conf.py; `timeout` () keeps the conf's own."""
    env = {**os.environ, "DATABASE_URL": url, "SILA_COUNT_QUERIES": "1",
           "SILA_LOGIN_LIMIT_PER_ACCOUNT": "1000 per minute", "SILA_LOGIN_LIMIT_PER_IP": "1000 per minute",
           **(settings or {})}
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         *timeout, *command], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def peak_rss_mb(master: int) -> float:
    """The largest peak resident size (VmHWM) among the gunicorn workers."""
    peaks = []
    for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        status = Path(f"/proc/{child}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024)
    return round(max(peaks, default=0.0), 1)


def timed(repeat: int, run: Callable[[], tuple[float, int]]) -> dict[str, Any]:
    return timed_together(repeat, {0: run})[0]


def timed_together(repeat: int, runs: dict[int, Callable[[], tuple[float, int]]]) -> dict[int, dict[str, Any]]:
    """p50, p95 and statements of each run, the runs taken in turn, each round starting one further on."""
    order = list(runs)
    samples: dict[int, list[float]] = {key: [] for key in order}
    queries: dict[int, list[int]] = {key: [] for key in order}
    for key in order:
        runs[key]()
    for round_ in range(repeat):
        for key in order[round_ % len(order):] + order[:round_ % len(order)]:
            elapsed, count = runs[key]()
            samples[key].append(elapsed)
            queries[key].append(count)
    return {key: _figures(samples[key], queries[key]) for key in order}


def _figures(samples: list[float], queries: list[int]) -> dict[str, Any]:
    samples = sorted(samples)
    return {"p50_ms": round(statistics.median(samples), 1),
            "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))], 1),
            "queries": max(queries)}


def sample(url: str) -> dict[str, Any]:
    """Ids, names and a channel to ask for, read once from the generated data."""
    engine = sa.create_engine(_normalized_database_url(url))
    with engine.connect() as connection:
        top = connection.scalar(sa.text("SELECT max(id) FROM requests")) or 1
        people = connection.scalar(sa.text("SELECT max(id) FROM applicants")) or 1
        step = max(top // 50, 1)
        ids = [row[0] for row in connection.execute(sa.text(f"SELECT id FROM requests WHERE id % {step} = 0 LIMIT 50"))]
        national_ids = [row[0] for row in connection.execute(
            sa.text(f"SELECT national_id FROM applicants WHERE id % {max(people // 50, 1)} = 0 LIMIT 50"))]
        channel = connection.scalar(sa.text("SELECT id FROM channels ORDER BY position LIMIT 1"))
        received = [row[0] for row in connection.execute(
            sa.text("SELECT id FROM requests WHERE status = 'received' ORDER BY id DESC LIMIT 2000"))]
        branch = connection.scalar(sa.text(
            "SELECT b.branch_id FROM user_branches b JOIN users u ON u.id = b.user_id WHERE u.username = 'staff_branch'"
        ))
        branch_ids = [row[0] for row in connection.execute(sa.text(
            f"SELECT id FROM requests WHERE branch_id = {int(branch or 0)} AND id % {step} < 10 LIMIT 50"))]
        branch_nids = [row[0] for row in connection.execute(sa.text(
            f"SELECT national_id FROM applicants WHERE branch_id = {int(branch or 0)}"
            f" AND id % {max(people // 50, 1)} < 10 LIMIT 50"))]
    engine.dispose()
    return {"ids": ids or [1], "national_ids": national_ids, "channel": channel, "received": received,
            "dialect": engine.dialect.name, "branch": branch, "branch_ids": branch_ids or [1],
            "branch_national_ids": branch_nids}


def floors(url: str, data: dict[str, Any], repeat: int) -> dict[str, dict[str, Any]]:
    """The raw SQL a page needs (its rows and its capped count), through the same driver, timed alike."""
    engine = sa.create_engine(_normalized_database_url(url))
    raw = engine.raw_connection()
    postgres = data["dialect"] == "postgresql"
    mark = "%s" if postgres else "?"
    rows = ("SELECT r.*, a.*, s.*, c.* FROM requests r JOIN applicants a ON a.id = r.applicant_id "
            "JOIN service_types s ON s.id = r.service_type_id JOIN channels c ON c.id = r.channel_id ")
    capped = "SELECT count(*) FROM (SELECT 1 FROM requests r {} LIMIT 1001) t"
    name = (f"r.applicant_id IN (SELECT id FROM applicants WHERE name_search LIKE {mark})" if postgres
            else f"r.applicant_id IN (SELECT id FROM applicants WHERE name_search >= {mark} AND name_search < {mark})")
    names, ids, nids = cycle(NAMES), cycle(data["ids"]), cycle(data["national_ids"] or ["1000000008"])
    branch_ids, branch_nids = cycle(data["branch_ids"]), cycle(data["branch_national_ids"] or ["1000000008"])
    at = f"r.branch_id = {int(data['branch'] or 0)}"
    people = ("SELECT a.* FROM applicants a WHERE a.branch_id = {} ORDER BY a.created_at DESC LIMIT 20")

    def name_args() -> tuple:
        term = normalize(next(names))
        return (f"%{term}%",) if postgres else (term, term + "\U0010ffff")

    by_nid = f"r.applicant_id IN (SELECT id FROM applicants WHERE national_id = {mark})"
    statements: dict[str, list[tuple[str, Callable[[], tuple]]]] = {
        "list": [(rows + "ORDER BY r.created_at DESC LIMIT 20", tuple), (capped.format(""), tuple)],
        "filtered": [
            (rows + f"WHERE r.status = {mark} AND r.channel_id = {mark} ORDER BY r.created_at DESC LIMIT 20",
             lambda: ("received", data["channel"])),
            (capped.format(f"WHERE r.status = {mark} AND r.channel_id = {mark}"), lambda: ("received", data["channel"])),
        ],
        "name_search": [(rows + f"WHERE {name} ORDER BY r.created_at DESC LIMIT 20", name_args),
                        (capped.format(f"WHERE {name}"), name_args)],
        "national_id": [(rows + f"WHERE {by_nid} ORDER BY r.created_at DESC LIMIT 20", lambda: (next(nids),))],
        "detail": [(rows + f"WHERE r.id = {mark}", lambda: (next(ids),)),
                   (f"SELECT * FROM audit_log WHERE entity_type = 'request' AND entity_id = {mark}", lambda: (next(ids),))],
        "committee_queue": [(rows + "WHERE r.status = 'submitted' ORDER BY r.submitted_at LIMIT 20", tuple),
                            (capped.format("WHERE r.status = 'submitted'"), tuple)],
        "dashboard": _dashboard_floor(postgres, mark),
        "branch_list": [(rows + f"WHERE {at} ORDER BY r.created_at DESC LIMIT 20", tuple),
                        (capped.format(f"WHERE {at}"), tuple)],
        "branch_filtered": [
            (rows + f"WHERE {at} AND r.status = {mark} AND r.channel_id = {mark} ORDER BY r.created_at DESC LIMIT 20",
             lambda: ("received", data["channel"])),
            (capped.format(f"WHERE {at} AND r.status = {mark} AND r.channel_id = {mark}"),
             lambda: ("received", data["channel"])),
        ],
        "branch_name_search": [(rows + f"WHERE {at} AND {name} ORDER BY r.created_at DESC LIMIT 20", name_args),
                               (capped.format(f"WHERE {at} AND {name}"), name_args)],
        "branch_national_id": [(rows + f"WHERE {at} AND {by_nid} ORDER BY r.created_at DESC LIMIT 20",
                                lambda: (next(branch_nids),))],
        "branch_detail": [(rows + f"WHERE r.id = {mark}", lambda: (next(branch_ids),)),
                          (f"SELECT * FROM audit_log WHERE entity_type = 'request' AND entity_id = {mark}",
                           lambda: (next(branch_ids),))],
        "branch_applicants": [(people.format(int(data["branch"] or 0)), tuple),
                              ("SELECT count(*) FROM (SELECT 1 FROM applicants WHERE branch_id = "
                               f"{int(data['branch'] or 0)} LIMIT 1001) t", tuple)],
    }
    results = {}
    for page, parts in statements.items():
        def run(parts: list = parts) -> tuple[float, int]:
            started = time.perf_counter()
            cursor = raw.cursor()
            for sql, args in parts:
                cursor.execute(sql, args())
                cursor.fetchall()
            cursor.close()
            # A page is one transaction, ended by a rollback when it wrote nothing; psycopg drops its
            # prepared statements at each rollback, so the floor's statements are planned afresh as the page's are.
            raw.rollback()
            return (time.perf_counter() - started) * 1000, len(parts)
        results[page] = timed(repeat, run)
    raw.close()
    engine.dispose()
    return results


STAGE_SPANS = (("created_at", "verified_at"), ("verified_at", "submitted_at"), ("submitted_at", "decided_at"),
               ("decided_at", "registered_at"), ("registered_at", "delivered_at"))


def _dashboard_floor(postgres: bool, mark: str) -> list[tuple[str, Callable[[], tuple]]]:
    """The dashboard's request figures in raw SQL: the kept tallies, the stage medians over the latest
    5,000 requests of the last 90 days (PostgreSQL takes them; SQLite returns the durations), the overdue
    count at the committee (all waiting less those whose date is ahead)."""
    since = lambda: (datetime.now(UTC) - timedelta(days=90),)  # noqa: E731
    if postgres:
        spans = [f"extract(epoch FROM {end} - {start}) / 86400.0" for start, end in STAGE_SPANS]
    else:
        spans = [f"julianday({end}) - julianday({start})" for start, end in STAGE_SPANS]
    latest = (f"SELECT {', '.join(f'{span} AS d{index}' for index, span in enumerate(spans))} FROM requests "
              f"WHERE created_at >= {mark} ORDER BY created_at DESC LIMIT 5000")
    if postgres:
        medians = ", ".join(f"percentile_cont(0.5) WITHIN GROUP (ORDER BY d{index}), count(d{index})"
                            for index in range(len(spans)))
        latest = f"SELECT {medians} FROM ({latest}) latest"
    return [
        ("SELECT status, channel_id, requests FROM request_tallies", tuple),
        (latest, since),
        ("SELECT sum(requests) FROM request_tallies WHERE status = 'submitted'", tuple),
        ("SELECT (SELECT count(*) FROM requests WHERE status = 'submitted' AND earliest_answer_on IS NULL)"
         " + (SELECT count(*) FROM requests WHERE status = 'submitted' AND earliest_answer_on >= CURRENT_DATE)", tuple),
    ]


def measure(urls: dict[int, str], repeat: int, port: int) -> dict[int, dict[str, Any]]:
    """Every scale's pages, each page's runs taken in turn across the scales.

    One server per scale runs for the whole measure and each round asks every scale
    for the page once (in a rotating order): a machine that speeds up or slows down
    during the run then moves all scales alike, instead of bending the ratios
    between scales measured minutes apart.
    """
    data = {scale: sample(url) for scale, url in urls.items()}
    pages: dict[int, dict[str, dict[str, Any]]] = {scale: {} for scale in urls}
    with ExitStack() as servers:
        processes, gets, clients = {}, {}, {}
        for offset, (scale, url) in enumerate(urls.items()):
            processes[scale] = servers.enter_context(server(["app:create_app()"], url, port + offset))
            clients[scale] = _clients(f"http://127.0.0.1:{port + offset}")
            gets[scale] = _gets(clients[scale], data[scale])
        for page in gets[next(iter(urls))]:
            runs = {scale: (lambda get=gets[scale][page]: get[0].fetch(get[1]())[:2]) for scale in urls}
            for scale, figures in timed_together(repeat, runs).items():
                pages[scale][page] = figures
        for scale, url in urls.items():
            staff, _committee, manager = clients[scale][:3]
            pages[scale]["bulk_100"] = _bulk(staff, data[scale]["received"], min(repeat, 5))
            pages[scale]["export_csv"] = _export(manager, processes[scale].pid, url)
    for scale, url in urls.items():
        for page, figures in floors(url, data[scale], repeat).items():
            pages[scale][page]["floor_ms"] = figures["p50_ms"]
    return pages


USERS = ("staff", "committee", "manager", "staff_branch", "manager_branch")


def _clients(base: str) -> tuple[Client, ...]:
    return tuple(Client(base).login(user) for user in USERS)


def _gets(clients: tuple[Client, ...], data: dict[str, Any]) -> dict[str, tuple[Client, Callable[[], str]]]:
    """The pages timed by GET: who asks, and the next path to ask for."""
    staff, committee, manager, staff_branch, manager_branch = clients
    names, ids, branch_ids = cycle(NAMES), cycle(data["ids"]), cycle(data["branch_ids"])
    nids = cycle(nid.translate(ARABIC_DIGITS) for nid in data["national_ids"] or ["1000000008"])
    branch_nids = cycle(nid.translate(ARABIC_DIGITS) for nid in data["branch_national_ids"] or ["1000000008"])
    return {
        "list": (staff, lambda: "/admin/requests/"),
        "filtered": (staff, lambda: f"/admin/requests/?{STATUS_ARG}=received&{CHANNEL_ARG}={data['channel']}"),
        "name_search": (staff, lambda: "/admin/requests/?" + urllib.parse.urlencode({"search": next(names)})),
        "national_id": (staff, lambda: "/admin/requests/?" + urllib.parse.urlencode({"search": next(nids)})),
        "detail": (staff, lambda: f"/admin/requests/details/?id={next(ids)}"),
        "committee_queue": (committee, lambda: "/admin/committee_queue/"),
        "dashboard": (manager, lambda: "/admin/"),
        "branch_list": (staff_branch, lambda: "/admin/requests/"),
        "branch_filtered": (
            staff_branch, lambda: f"/admin/requests/?{STATUS_ARG}=received&{CHANNEL_ARG}={data['channel']}"
        ),
        "branch_name_search": (staff_branch, lambda: "/admin/requests/?" + urllib.parse.urlencode({"search": next(names)})),
        "branch_national_id": (
            staff_branch, lambda: "/admin/requests/?" + urllib.parse.urlencode({"search": next(branch_nids)})
        ),
        "branch_detail": (staff_branch, lambda: f"/admin/requests/details/?id={next(branch_ids)}"),
        "branch_applicants": (staff_branch, lambda: "/admin/applicants/"),
        "branch_dashboard": (manager_branch, lambda: "/admin/"),
    }


def _bulk(staff: Client, received: list[int], runs: int) -> dict[str, Any]:
    """"Verify" on 100 received requests: each is checked, changed or refused, and audited, one by one."""
    batches = iter([received[start:start + 100] for start in range(0, len(received), 100)])

    def run() -> tuple[float, int]:
        token = staff.token("/admin/requests/")
        rows = next(batches, received[:100])
        elapsed, count, _ = staff.fetch("/admin/requests/action/", {"action": "verify", "rowid": rows, "csrf_token": token},
                                         follow=False)
        return elapsed, count

    return timed(runs, run)


def _export(manager: Client, master: int, url: str) -> dict[str, Any]:
    """The requests list as CSV: all of it up to 100 k rows; beyond, the 100 k received most recently
    (the list's "received on, later than" filter, as a manager would pick a period)."""
    with sa.create_engine(_normalized_database_url(url)).connect() as connection:
        since = connection.scalar(sa.text(
            f"SELECT created_at FROM requests ORDER BY created_at DESC LIMIT 1 OFFSET {EXPORT_ROWS}"
        ))
    path = "/admin/requests/export/csv/"
    if since is not None:
        path += "?" + urllib.parse.urlencode({RECEIVED_AFTER_ARG: _utc_text(since)})
    samples, queries = [], []
    try:
        for _ in range(EXPORT_RUNS):
            elapsed, count, content = manager.fetch(path)
            samples.append(elapsed)
            queries.append(count)
    except urllib.error.HTTPError as error:
        return {"skipped": f"HTTP {error.code}"}
    return {**_figures(samples, queries), "rows": content.count(b"\n") - 1, "peak_rss_mb": peak_rss_mb(master)}


def _utc_text(instant: Any) -> str:
    """A stored instant as the list's date filter reads it (UTC, to the second)."""
    if isinstance(instant, str):
        instant = datetime.fromisoformat(instant)
    if instant.tzinfo is not None:
        instant = instant.astimezone(UTC).replace(tzinfo=None)
    return instant.strftime("%Y-%m-%d %H:%M:%S")


def stock(url: str, repeat: int, port: int) -> dict[str, Any]:
    """The same list pages on stock Flask-Admin (ILIKE search, COUNT(*), no login)."""
    data = sample(url)
    names, nids = cycle(normalize(name) for name in NAMES), cycle(data["national_ids"] or ["1000000008"])
    paths = {
        "list": lambda: "/admin/requests/",
        "filtered": lambda: f"/admin/requests/?flt0_0=received&flt1_1={data['channel']}",
        "name_search": lambda: "/admin/requests/?" + urllib.parse.urlencode({"search": next(names)}),
        "national_id": lambda: "/admin/requests/?" + urllib.parse.urlencode({"search": next(nids)}),
    }
    with server(["bench.stock_app:create_app()"], url, port):
        client = Client(f"http://127.0.0.1:{port}")
        return {page: timed(repeat, lambda path=path: client.fetch(path())[:2]) for page, path in paths.items()}


def report(results: dict[str, Any]) -> str:
    """A Markdown table: the largest scale against the smallest, the empty database, the floor and the peer."""
    scales = sorted(results["scales"], key=int)
    small, large = scales[0], scales[-1]
    lines = [f"| page | p50 ms @{small} | p50 ms @{large} | p95 ms @{large} | ×@{small} | queries | floor ms "
             f"| above empty ms | above empty ÷ floor | stock p50 ms | ÷ stock | target ms |", "|---" * 12 + "|"]
    for page, figures in results["scales"][large].items():
        if "p50_ms" not in figures:
            lines.append(f"| {page} | {figures.get('skipped', '')} |" + " |" * 10)
            continue
        base = results["scales"][small].get(page, {}).get("p50_ms")
        peer = results.get("stock", {}).get(page, {}).get("p50_ms")
        extra = f" ({figures['rows']} rows, peak RSS {figures['peak_rss_mb']} MB)" if "rows" in figures else ""
        cells = [
            f"{page}{extra}", base, figures["p50_ms"], figures["p95_ms"], round(figures["p50_ms"] / base, 2) if base else "",
            figures["queries"], figures.get("floor_ms", ""), figures.get("above_empty_ms", ""),
            figures.get("above_empty_to_floor", ""), peer or "", round(figures["p50_ms"] / peer, 2) if peer else "",
            f"≤ {TARGETS_MS[page]}",
        ]
        lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", nargs="+", type=int, default=[1000, 10_000])
    parser.add_argument("--database", default="sqlite", help="sqlite, or a PostgreSQL URL whose name prefixes each scale's")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--port", type=int, default=5091)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--no-stock", action="store_true")
    args = parser.parse_args()
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"), "machine": _machine(),
        "backend": "sqlite" if args.database == "sqlite" else "postgresql", "repeat": args.repeat,
        "generated": {}, "scales": {},
    }
    urls = {}
    for scale in sorted({0, 1, *args.scales}):
        urls[scale] = scale_url(args.database, scale)
        if args.regenerate or not holds(urls[scale], scale):
            results["generated"][str(scale)] = generate(urls[scale], scale)
            print("generated", results["generated"][str(scale)], file=sys.stderr)
    for scale, pages in measure(urls, args.repeat, args.port).items():
        results["scales"][str(scale)] = pages
    print("measured", ", ".join(str(scale) for scale in urls), file=sys.stderr)
    empty = results["scales"].pop("0")
    one = results["scales"].pop("1") if 1 not in args.scales else results["scales"]["1"]
    # A page about one request has none to show on an empty database: its twin holds a single request.
    empty.update({page: one[page] for page in ONE_ROW_PAGES})
    for pages in results["scales"].values():
        for page, figures in pages.items():
            if "floor_ms" in figures and page in empty:
                above = figures["p50_ms"] - empty[page]["p50_ms"]
                figures["above_empty_ms"] = round(above, 1)
                figures["above_empty_to_floor"] = round(above / max(figures["floor_ms"], 0.01), 1)
    results["empty"] = empty
    if not args.no_stock:
        results["stock"] = stock(urls[max(args.scales)], args.repeat, args.port + len(urls))
    DATA.mkdir(parents=True, exist_ok=True)
    out = DATA / f"results-{results['backend']}-{max(args.scales)}.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(report(results))
    print(f"\nJSON: {out}")


def _machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    return f"{cpu}, {os.cpu_count()} CPUs, {int(memory) // 1024 // 1024} GB RAM, Python {platform.python_version()}"


if __name__ == "__main__":
    main()
