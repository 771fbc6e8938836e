"""Synthetic data at a chosen scale, for the benchmark: people, requests and their audit rows.

Usage: .venv/bin/python bench/generate.py --requests 100000 --database-url sqlite:////tmp/sila-bench/100000.db

The database is emptied and built by the real migrations, the rakeen preset and
its demo users are seeded through the app, then rows go in bulk (COPY on
PostgreSQL, executemany on SQLite; never the ORM row by row): one applicant per
five requests, four-part Arabic names spelled the ways people type them (hamza
forms, taa marbuta or haa, alef maqsura or yaa, some diacritics and tatweel),
valid national IDs and mobiles, statuses and channels in plausible proportions,
and one or two audit rows per request. The files are spread evenly over ten
branches (the main office and nine more), each request at its file's branch;
the demo staff members `staff` and `staff2` work at all ten (their lists read the whole table), and
`staff_branch` and `manager_branch` at one (their lists read a tenth). Ends
with ANALYZE, as a live database would have run by then.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.request_tally import BACKFILL  # noqa: E402
from sila.core.arabic import normalize  # noqa: E402
from sila.core.national_id import check_digit  # noqa: E402

MALE = ["محمد", "أحمد", "احمد", "إحمد", "عبدالله", "عبد الله", "خالد", "سعد", "يوسف", "مصطفى", "مصطفي", "عيسى",
        "إبراهيم", "ابراهيم", "فهد", "سلطان", "عبدالرحمن", "مُحَمَّد", "حمـــد", "ناصر", "تركي", "بندر", "إسماعيل"]
FEMALE = ["فاطمة", "فاطمه", "نورة", "نوره", "مريم", "عائشة", "عائشه", "سارة", "ساره", "هيفاء", "ليلى", "ليلي",
          "أسماء", "اسماء", "منى", "مني", "رُقيّة", "هند", "خديجة", "آمنة", "امنه"]
FAMILY = ["الحربي", "العتيبي", "القحطاني", "الغامدي", "الزهراني", "الشهري", "المطيري", "الدوسري", "الشمري",
          "العنزي", "آل سعود", "الأحمدي", "الاحمدي", "البقمي", "السُّبيعي", "الهاجري", "المالكي", "اليامي"]
CITIES = ["مكة المكرمة", "جدة", "الرياض", "المدينة المنورة", "الطائف", "الدمام"]
MOBILE_PREFIXES = ("50", "53", "54", "55", "56", "59")
STATUS_WEIGHTS = {"received": 20, "verified": 10, "attested": 8, "submitted": 15, "returned": 4, "accepted": 8,
                  "rejected": 6, "registered": 5, "closed": 12, "withdrawn": 3, "cancelled": 2}
PAST_SUBMITTED = {"submitted", "returned", "accepted", "rejected", "registered", "closed"}
PAST_VERIFIED = PAST_SUBMITTED | {"verified", "attested"}
DECIDED = {"returned", "accepted", "rejected", "registered", "closed"}
LAST_STEP = {"verified": "verify", "attested": "attest", "returned": "decide", "accepted": "decide", "rejected": "decide",
             "registered": "register", "closed": "deliver", "withdrawn": "withdraw", "cancelled": "cancel"}
CHANNEL_WEIGHTS = (60, 25, 10, 5)  # walk-in, phone, portal, referral...: the first channels carry most
DAYS = 3 * 365
BATCH = 20_000
BRANCHES = 10
# Users who work at one branch only (the second), timed beside the demo users who reach all of them.
# The clerks whose lists read the whole table (bench/run.py's `staff`, and both of the load test's).
ALL_BRANCH_STAFF = ("staff", "staff2")
BRANCH_USERS = (("staff_branch", "موظف فرع واحد", "staff"), ("manager_branch", "مدير فرع واحد", "manager"))


def national_ids(count: int, rng: random.Random) -> list[str]:
    """Distinct valid IDs, citizens (1…) and residents (2…), in random order."""
    serials = rng.sample(range(1, 99_999_999), count)
    ids = []
    for index, serial in enumerate(serials):
        stem = f"{'2' if index % 7 == 0 else '1'}{serial:08d}"
        ids.append(stem + check_digit(stem))
    return ids


def branch_of(applicant_id: int, branches: list[int]) -> int:
    """The branch a generated file is at: the ids taken in turn, so each branch holds a tenth."""
    return branches[applicant_id % len(branches)]


def applicants(count: int, rng: random.Random, start: datetime, branches: list[int]) -> Iterator[dict]:
    for index, national_id in enumerate(national_ids(count, rng), start=1):
        female = rng.random() < 0.45
        first = rng.choice(FEMALE if female else MALE)
        father, grandfather, family = rng.choice(MALE), rng.choice(MALE), rng.choice(FAMILY)
        created = start + timedelta(seconds=DAYS * 86400 * index / max(count, 1))
        yield {
            "id": index, "national_id": national_id, "first_name": first, "father_name": father,
            "grandfather_name": grandfather, "family_name": family,
            "name_search": normalize(f"{first} {father} {grandfather} {family}"),
            "gender": "female" if female else "male",
            "birth_date": date(1950, 1, 1) + timedelta(days=rng.randrange(20_000)),
            "mobile": f"+966{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**7):07d}",
            "city": rng.choice(CITIES), "preferred_contact": "sms", "file_status": "active",
            "version": 1, "created_at": created, "branch_id": branch_of(index, branches),
        }


def requests_and_audit(count: int, people: int, rng: random.Random, start: datetime, channels: list[int],
                       services: list[int], staff: list[int], branches: list[int],
                       audit_id: int = 0) -> Iterator[tuple[dict, list[dict]]]:
    """Each request with its audit rows; audit ids follow `audit_id`, the last one the seed itself wrote."""
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    channel_weights = [CHANNEL_WEIGHTS[i] if i < len(CHANNEL_WEIGHTS) else 2 for i in range(len(channels))]
    for index in range(1, count + 1):
        status = rng.choices(statuses, weights)[0]
        created = start + timedelta(seconds=DAYS * 86400 * index / count)
        actor = rng.choice(staff)
        applicant_id = rng.randint(1, people)
        row = {
            "id": index, "applicant_id": applicant_id, "service_type_id": rng.choice(services),
            "channel_id": rng.choices(channels, channel_weights)[0], "status": status,
            "details": f"طلب رقم {index} — الحالة {rng.randint(1, 9)}", "received_by_id": actor,
            "verified_at": created + timedelta(days=2) if status in PAST_VERIFIED else None,
            "verified_by_id": actor if status in PAST_VERIFIED else None,
            "submitted_at": created + timedelta(days=4) if status in PAST_SUBMITTED else None,
            "submitted_by_id": actor if status in PAST_SUBMITTED else None,
            "earliest_answer_on": (created + timedelta(days=14)).date(),
            "decided_at": created + timedelta(days=10) if status in DECIDED else None,
            "version": 1, "created_at": created, "branch_id": branch_of(applicant_id, branches),
        }
        audit_id += 1
        entries = [{"id": audit_id, "at": created, "actor_id": actor, "action": "create", "entity_type": "request",
                    "entity_id": index, "field": None, "old_value": None, "new_value": None}]
        if status != "received":
            audit_id += 1
            entries.append({"id": audit_id, "at": created + timedelta(days=4), "actor_id": actor,
                            "action": LAST_STEP.get(status, "submit"),
                            "entity_type": "request", "entity_id": index, "field": "status",
                            "old_value": "received", "new_value": status})
        yield row, entries


def _batches(rows: Iterator[dict], size: int = BATCH) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _sqlite_value(value: object) -> object:
    """As SQLAlchemy's SQLite dialect stores it, so the app reads the rows back unchanged."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


class Loader:
    """Bulk insert into one table through the raw driver connection."""

    def __init__(self, raw: object, postgres: bool) -> None:
        self.raw, self.postgres = raw, postgres

    def load(self, table: str, batch: list[dict]) -> None:
        columns = list(batch[0])
        cursor = self.raw.cursor()  # type: ignore[attr-defined]
        if self.postgres:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in batch:
                    copy.write_row([row[column] for column in columns])
        else:
            marks = ", ".join("?" for _ in columns)
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                               [[_sqlite_value(row[column]) for column in columns] for row in batch])
        cursor.close()


def _empty_database(url: str) -> None:
    if url.startswith("sqlite"):
        Path(url.split("sqlite:///", 1)[1]).unlink(missing_ok=True)
        return
    import sqlalchemy as sa

    from sila.config import _normalized_database_url

    engine = sa.create_engine(_normalized_database_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        # The job queue keeps its tables in a schema of its own (migration 0010).
        connection.execute(sa.text("DROP SCHEMA IF EXISTS procrastinate CASCADE"))
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def generate(url: str, count: int, seed: int = 7) -> dict:
    """Build the database at `url` with `count` requests; return what was written and how long it took."""
    from flask_migrate import upgrade

    from app import create_app
    from models import AuditEntry, Channel, ServiceType, User
    from models.base import db
    from sila.settings.presets import PRESETS
    from sila.settings.presets.demo import ensure_demo_users
    from sila.settings.presets.seed import apply_preset

    started = time.perf_counter()
    _empty_database(url)
    # The load and its VACUUM ANALYZE run longer than a page's statement may.
    app = create_app({"SQLALCHEMY_DATABASE_URI": _driver_url(url), "TESTING": True, "SILA_DB_STATEMENT_TIMEOUT_MS": 0})
    rng = random.Random(seed)
    start = datetime.now(UTC) - timedelta(days=DAYS + 1)
    people = max(count // 5, 1)
    written = {"applicants": 0, "requests": 0, "audit_log": 0}
    with app.app_context():
        upgrade()
        apply_preset(PRESETS["rakeen"])
        ensure_demo_users()
        db.session.commit()
        channels = list(db.session.scalars(db.select(Channel.id).order_by(Channel.position)))
        services = list(db.session.scalars(db.select(ServiceType.id).order_by(ServiceType.position)))
        branches = _branches_and_their_staff()
        staff = list(db.session.scalars(db.select(User.id).where(User.role.in_(("staff", "manager")))))
        # Loading the preset audits its configuration: the generated entries come after those.
        seeded_audit = db.session.scalar(db.select(db.func.max(AuditEntry.id))) or 0
        # An open transaction would hold back VACUUM's visibility map, and with it index-only scans.
        db.session.close()
        postgres = db.engine.dialect.name == "postgresql"
        connection = db.engine.raw_connection()
        if not postgres:
            connection.driver_connection.execute("PRAGMA synchronous = OFF")
        loader = Loader(connection.driver_connection, postgres)
        if postgres:
            # The deferred tally trigger would update the same few rows a million times at commit, each
            # update walking the versions the transaction made before it: count once after the load instead.
            connection.cursor().execute("ALTER TABLE requests DISABLE TRIGGER request_tallies_follow")
        if count:
            for batch in _batches(applicants(people, rng, start, branches)):
                loader.load("applicants", batch)
                written["applicants"] += len(batch)
            audit: list[dict] = []
            pairs = requests_and_audit(count, people, rng, start, channels, services, staff, branches, seeded_audit)
            for batch in _batches(pair for pair in _collect(pairs, audit)):
                loader.load("requests", batch)
                loader.load("audit_log", audit)
                written["requests"] += len(batch)
                written["audit_log"] += len(audit)
                audit.clear()
        if postgres:
            cursor = connection.cursor()
            cursor.execute("DELETE FROM request_tallies")
            cursor.execute(BACKFILL)
            cursor.execute("ALTER TABLE requests ENABLE TRIGGER request_tallies_follow")
        connection.commit()
        _finish(connection, postgres)
        connection.close()
        db.engine.dispose()
    return {"requests": count, **written, "seconds": round(time.perf_counter() - started, 1)}


def _branches_and_their_staff() -> list[int]:
    """The main office and nine more branches; the demo staff members at every one, the branch users at the
    second. Returns the branch ids, the main office first."""
    from models import Branch, User
    from models.base import db
    from models.branch import UserBranch
    from sila.settings.presets.demo import _demo_password_hash

    main = db.session.scalar(db.select(Branch).where(Branch.is_main.is_(True)))
    others = [Branch(name=f"فرع {number}", city=CITIES[number % len(CITIES)], is_active=True)
              for number in range(2, BRANCHES + 1)]
    db.session.add_all(others)
    db.session.flush()
    branches = [main, *others]
    for staff in db.session.scalars(db.select(User).where(User.username.in_(ALL_BRANCH_STAFF))):
        have = {link.branch_id for link in staff.branch_links}
        staff.branch_links.extend(UserBranch(branch_id=branch.id) for branch in branches if branch.id not in have)
    for username, full_name, role in BRANCH_USERS:
        person = User(username=username, full_name=full_name, role=role, session_version=1)
        person.password_hash = _demo_password_hash(username)
        person.branch_links.append(UserBranch(branch_id=branches[1].id))
        db.session.add(person)
    db.session.commit()
    return [branch.id for branch in branches]


def _collect(pairs: Iterator[tuple[dict, list[dict]]], audit: list[dict]) -> Iterator[dict]:
    for row, entries in pairs:
        audit.extend(entries)
        yield row


def _finish(connection: object, postgres: bool) -> None:
    """Sequences past the ids we wrote, and planner statistics."""
    cursor = connection.cursor()  # type: ignore[attr-defined]
    if postgres:
        for table in ("applicants", "requests", "audit_log"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                           f"GREATEST((SELECT COALESCE(MAX(id), 0) FROM {table}), 1))")
        connection.commit()  # type: ignore[attr-defined]
        connection.driver_connection.autocommit = True  # type: ignore[attr-defined]
        cursor = connection.driver_connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("VACUUM ANALYZE")
        connection.driver_connection.autocommit = False  # type: ignore[attr-defined]
    else:
        cursor.execute("ANALYZE")
        connection.commit()  # type: ignore[attr-defined]


def _driver_url(url: str) -> str:
    from sila.config import _normalized_database_url

    return _normalized_database_url(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(generate(args.database_url, args.requests, args.seed))


if __name__ == "__main__":
    main()
