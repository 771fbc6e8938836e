"""Fifty people of every role on Sila at once, for a fixed time: throughput, latency per action, errors, connections.

Usage: .venv/bin/python bench/load.py --scale 1000 [--duration 180] [--users 50]
           [--database postgresql://postgres@127.0.0.1:5432/sila_load]
       .venv/bin/python bench/load.py --url http://127.0.0.1:5000 --database postgresql://…/sila  (a running `make serve`)

Without --url it builds the database `<database>_<scale>` as bench/run.py does
(bench/generate.py, reused while it holds exactly that many requests, so a run
that added requests makes the next one start afresh) and starts gunicorn on it as
`make serve` does (gunicorn.conf.py, `--workers`, 2 by default), with the login
and portal limits raised: every simulated person comes from 127.0.0.1. Its SMS go
to a stand-in gateway in this process (bench/load_sms.py), where each applicant
reads the code for his mobile and enters it, as a person does. A server given by
--url must have been started with those limits raised and SILA_SMS_URL pointing
at that gateway (http://127.0.0.1:<--sms-port>/sms).

Locust (headless, as a library) runs the users of bench/load_users.py: staff,
committee members, the researcher, the administrator, the manager and portal
applicants in fixed numbers, each thinking a few seconds between tasks. Meanwhile
it samples PostgreSQL's connections (pg_stat_activity) and the load average.
Afterwards it prints the throughput, p50/p95/p99 per page and action against the
targets (pages ≤ 300 ms, steps ≤ 1 s at p95), the errors (every HTTP status ≥ 400
or failed connection, 5xx apart), the consistency check (bench/load_consistency.py)
and writes the JSON to bench/.data/.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import gevent
from locust import events
from locust.env import Environment

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from bench import load_consistency  # noqa: E402
from bench.generate import generate  # noqa: E402
from bench.load_ledger import LEDGER  # noqa: E402
from bench.load_sms import Gateway  # noqa: E402
from bench.load_users import Admin, Committee, Manager, PortalApplicant, Researcher, Staff  # noqa: E402
from bench.run import DATA, _machine, holds, sample, scale_url, server  # noqa: E402
from sila.config import _normalized_database_url  # noqa: E402

# Of every 50 people at work: who they are.
MIX = {Staff: 16, Committee: 8, Researcher: 4, Admin: 3, Manager: 5, PortalApplicant: 14}
STEPS = frozenset({"login", "checklist", "verify", "attest", "submit", "decide", "register", "deliver", "portal apply",
                   "portal confirm"})
TARGET_MS = {"page": 300, "step": 1000}
READY_SECONDS, STOP_SECONDS = 180, 60
# Every simulated person comes from 127.0.0.1, which the per-address limits would soon stop.
LOAD_SETTINGS = {"SILA_LOGIN_LIMIT_PER_IP": "100000 per minute", "SILA_LOGIN_LIMIT_PER_ACCOUNT": "100000 per minute",
                 "SILA_PORTAL_LIMIT": "100000 per minute", "SILA_PORTAL_TRACK_LIMIT": "100000 per minute",
                 "SILA_PORTAL_CODE_LIMIT_PER_IP": "100000 per minute",
                 "SILA_COUNT_QUERIES": "0", "SILA_LOG_LEVEL": "WARNING"}


def mix(users: int) -> dict[type, int]:
    """MIX scaled to `users`, at least one of each kind."""
    total = sum(MIX.values())
    counts = {kind: max(1, round(count * users / total)) for kind, count in MIX.items()}
    counts[Staff] += users - sum(counts.values())
    return counts


def prepare(url: str) -> None:
    """The requests, IDs and trackable requests the users pick from, read once."""
    data = sample(url)
    LEDGER.request_ids, LEDGER.national_ids = data["ids"], data["national_ids"] or ["1000000008"]
    engine = sa.create_engine(_normalized_database_url(url))
    with engine.connect() as connection:
        LEDGER.tracked = [tuple(row) for row in connection.execute(sa.text(
            "SELECT r.id, a.national_id, a.mobile FROM requests r JOIN applicants a ON a.id = r.applicant_id "
            "WHERE r.id % 97 = 0 ORDER BY r.id DESC LIMIT 200"))]
    engine.dispose()


def _holds_at_least(url: str, scale: int) -> bool:
    """A million requests take minutes to generate; a hundred more from the previous run change nothing."""
    engine = sa.create_engine(_normalized_database_url(url))
    try:
        with engine.connect() as connection:
            return (connection.scalar(sa.text("SELECT max(id) FROM requests")) or 0) >= scale
    except sa.exc.DBAPIError:
        return False
    finally:
        engine.dispose()


class Watch:
    """PostgreSQL's connections to the database, the CPU its backends spend for the app, and the machine's
    load average, sampled every second through the run (the backends' CPU from the measure's start)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine, self.connections, self.lock_waits, self.load = engine, [], [], []
        self.load_before = os.getloadavg()
        self.backend_cpu_first: dict[int, float] = {}
        self.backend_cpu_last: dict[int, float] = {}

    def run(self) -> None:
        with self.engine.connect() as connection:
            while True:
                rows = connection.execute(sa.text(
                    "SELECT pid, wait_event_type = 'Lock' FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()")).all()
                connection.rollback()
                self.connections.append(len(rows))
                self.lock_waits.append(sum(1 for _, waiting in rows if waiting))
                for pid, _ in rows:
                    try:
                        self.backend_cpu_last[pid] = _cpu_seconds(pid, children=False)
                    except OSError:
                        continue
                    self.backend_cpu_first.setdefault(pid, self.backend_cpu_last[pid])
                self.load.append(os.getloadavg()[0])
                gevent.sleep(1)

    def start_measure(self) -> None:
        self.backend_cpu_first = dict(self.backend_cpu_last)
        self.load.clear()

    def figures(self) -> dict[str, Any]:
        return {"max_connections_seen": max(self.connections, default=0),
                "max_waiting_on_locks": max(self.lock_waits, default=0),
                "postgresql_cpu_seconds": round(sum(self.backend_cpu_last[pid] - first
                                                    for pid, first in self.backend_cpu_first.items()), 1),
                "load_average_before": [round(x, 2) for x in self.load_before],
                "load_average_max_1min": round(max(self.load, default=0.0), 2),
                "load_average_after": [round(x, 2) for x in os.getloadavg()]}


def _cpu_seconds(pid: int, children: bool) -> float:
    """User and system CPU time of a process (and, with `children`, of gunicorn's workers)."""
    pids = [pid]
    if children:
        pids += [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    ticks = 0
    for each in pids:
        fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _run_queue_seconds(pid: int) -> float:
    """Time gunicorn's master and workers spent ready to run but waiting for a CPU (/proc/…/schedstat)."""
    pids = [pid, *(int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]
    return sum(int(Path(f"/proc/{each}/schedstat").read_text().split()[1]) for each in pids) / 1e9


def drive(base: str, users: int, duration: int, spawn_rate: float, server_pid: int | None,
          watch: Watch) -> tuple[Environment, Counter, float, dict[str, float | None]]:
    """Run the users headless for `duration` seconds once all have logged in: the environment, status classes,
    seconds measured and the CPU seconds the load tool and the server (when we started it) used meanwhile."""
    codes: Counter = Counter()

    def count(response: Any = None, exception: Any = None, **_kwargs: Any) -> None:
        status = getattr(response, "status_code", 0) or 0
        codes["connection failed" if exception and not status else f"{status // 100}xx"] += 1

    events.request.add_listener(count)
    counts = mix(users)
    for kind, number in counts.items():
        kind.fixed_count = number
    # Stopping lets each user finish his task: a step cut between its POST and the page after it would be
    # done in the database and unknown to the ledger.
    environment = Environment(user_classes=list(counts), host=base, events=events, stop_timeout=STOP_SECONDS)
    runner = environment.create_local_runner()
    runner.start(sum(counts.values()), spawn_rate=spawn_rate)
    deadline = time.monotonic() + READY_SECONDS
    while LEDGER.ready < sum(counts.values()) and time.monotonic() < deadline:
        gevent.sleep(0.5)
    environment.stats.reset_all()
    codes.clear()
    watch.start_measure()
    started, tool = time.monotonic(), _cpu_seconds(os.getpid(), False)
    served, waited = (_cpu_seconds(server_pid, True), _run_queue_seconds(server_pid)) if server_pid else (0.0, 0.0)
    gevent.sleep(duration)
    runner.quit()
    elapsed = time.monotonic() - started
    cpu = {"load_tool": round(_cpu_seconds(os.getpid(), False) - tool, 1),
           "gunicorn": round(_cpu_seconds(server_pid, True) - served, 1) if server_pid else None,
           "gunicorn_waiting_for_cpu": round(_run_queue_seconds(server_pid) - waited, 1) if server_pid else None,
           "available": round(elapsed * (os.cpu_count() or 1), 1)}
    return environment, codes, elapsed, cpu


def figures(environment: Environment, elapsed: float) -> dict[str, Any]:
    rows = {}
    for (name, method), entry in sorted(environment.stats.entries.items()):
        if not entry.num_requests:
            continue
        kind = "step" if name in STEPS else "page"
        p95 = entry.get_response_time_percentile(0.95)
        rows[name] = {"method": method, "kind": kind, "requests": entry.num_requests, "failures": entry.num_failures,
                      "per_second": round(entry.num_requests / elapsed, 2),
                      "p50_ms": entry.get_response_time_percentile(0.5), "p95_ms": p95,
                      "p99_ms": entry.get_response_time_percentile(0.99), "target_ms": TARGET_MS[kind],
                      "within": p95 <= TARGET_MS[kind]}
    total = environment.stats.total
    return {"actions": rows, "requests": total.num_requests, "failures": total.num_failures,
            "throughput_per_second": round(total.num_requests / elapsed, 1), "seconds": round(elapsed, 1),
            "p50_ms": total.get_response_time_percentile(0.5), "p95_ms": total.get_response_time_percentile(0.95),
            "p99_ms": total.get_response_time_percentile(0.99),
            "errors": {f"{name}: {error.error}": error.occurrences for (name, error) in
                       ((e.name, e) for e in environment.stats.errors.values())}}


def report(results: dict[str, Any]) -> str:
    run = results["run"]
    lines = [f"{results['users']} users for {run['seconds']} s on {results['scale']:,} requests, {results['workers']} workers: "
             f"{run['requests']} requests, {run['throughput_per_second']} per second, p50/p95/p99 "
             f"{run['p50_ms']}/{run['p95_ms']}/{run['p99_ms']} ms, {run['failures']} errors "
             f"({', '.join(f'{k}: {v}' for k, v in sorted(results['status_classes'].items()))})", "",
             "| action | kind | requests | per s | p50 ms | p95 ms | p99 ms | failures | target p95 ms | within |",
             "|---" * 10 + "|"]
    for name, row in sorted(run["actions"].items(), key=lambda item: (item[1]["kind"], item[0])):
        lines.append(f"| {name} | {row['kind']} | {row['requests']} | {row['per_second']} | {row['p50_ms']} | "
                     f"{row['p95_ms']} | {row['p99_ms']} | {row['failures']} | ≤ {row['target_ms']} | "
                     f"{'yes' if row['within'] else 'NO'} |")
    for error, occurrences in run["errors"].items():
        lines.append(f"\nerror ×{occurrences}: {error}")
    watch = results["watch"]
    cpu = results["cpu_seconds"]
    lines += ["", f"CPU seconds during the measure: gunicorn (master and workers) {cpu['gunicorn']}, this load tool "
              f"{cpu['load_tool']}, PostgreSQL's backends for the app {watch['postgresql_cpu_seconds']}, of {cpu['available']} "
              "the machine had (the rest: everything else running on it); gunicorn's processes waited "
              f"{cpu.get('gunicorn_waiting_for_cpu')} s in all, ready to run, for a CPU",
              f"PostgreSQL connections to the database, most seen: {watch['max_connections_seen']}, most waiting on a lock "
              f"at once: {watch['max_waiting_on_locks']}; load average "
              f"before {watch['load_average_before']}, highest 1-min during {watch['load_average_max_1min']}, "
              f"after {watch['load_average_after']} ({os.cpu_count()} CPUs)", "",
              "| step | done | refused | audit entries | missing | unreported | doubled |", "|---" * 7 + "|"]
    consistency = results["consistency"]
    for action, row in consistency["steps"].items():
        lines.append(f"| {action} | {row['done']} | {row['refused']} | {row['in_database']} | {row['missing']} | "
                     f"{row['unreported']} | {row['doubled']} |")
    applications = consistency["applications"]
    lines.append(f"\nportal applications confirmed {applications['confirmed']}, new requests in the database "
                 f"{applications['new_requests']}, confirmed but missing {applications['missing']}")
    moved = ", ".join(f"{status} {row['before']}→{row['after']} (expected {row['expected']})"
                      for status, row in consistency["statuses"].items() if row["before"] != row["after"] or
                      row["after"] != row["expected"])
    lines.append(f"requests per status: {moved}; tallies equal the rows: {consistency['tallies_match']}")
    lines.append(f"consistency: {'OK — every step done once, none lost or doubled' if consistency['ok'] else 'FAILED'}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=1000, help="requests in the generated database")
    parser.add_argument("--database", default="postgresql://postgres@127.0.0.1:5432/sila_load",
                        help="PostgreSQL URL: with _<scale> the generated database's; with --url, the served one")
    parser.add_argument("--url", help="a running server to drive instead of starting one")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=180, help="seconds of measured load, after every user logged in")
    parser.add_argument("--spawn-rate", type=float, default=10.0, help="users started per second")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=5191)
    parser.add_argument("--sms-port", type=int, default=5192,
                        help="the stand-in SMS gateway's port; a server given by --url sends to it (SILA_SMS_URL)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep a database holding at least --scale requests (a run's additions included) as it is")
    args = parser.parse_args()
    url = args.database if args.url else scale_url(args.database, args.scale)
    generated = None
    if not args.url and not holds(url, args.scale) and not (args.reuse and _holds_at_least(url, args.scale)):
        generated = generate(url, args.scale)
        print("generated", generated, file=sys.stderr)
    prepare(url)
    engine = sa.create_engine(_normalized_database_url(url))
    before = load_consistency.mark(engine)
    base = args.url or f"http://127.0.0.1:{args.port}"
    gateway = Gateway(args.sms_port)
    gateway.start()
    PortalApplicant.gateway = gateway
    serving = nullcontext() if args.url else server(["app:create_app()"], url, args.port, workers=args.workers,
                                                    settings={**LOAD_SETTINGS, "SILA_SMS_URL": gateway.url}, timeout=())
    with serving as process:
        watch = Watch(engine)
        watcher = gevent.spawn(watch.run)
        environment, codes, elapsed, cpu = drive(base, args.users, args.duration, args.spawn_rate,
                                                 process.pid if process else None, watch)
        watcher.kill()
    gateway.stop()
    results = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "machine": _machine(), "scale": before.request_id,
               "users": args.users, "workers": args.workers, "generated": generated, "run": figures(environment, elapsed),
               "status_classes": dict(codes), "watch": watch.figures(),
               "cpu_seconds": cpu,
               "consistency": load_consistency.check(engine, before, LEDGER)}
    engine.dispose()
    DATA.mkdir(parents=True, exist_ok=True)
    out = DATA / f"load-{before.request_id}.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str))
    print(report(results))
    print(f"\nJSON: {out}")


if __name__ == "__main__":
    main()
