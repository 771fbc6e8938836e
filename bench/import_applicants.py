"""How long a 50,000-row spreadsheet import takes, against the floor of inserting the same rows raw.

Usage: .venv/bin/python bench/import_applicants.py [--rows 50000] [--database-url URL]
Prints the time to read+check (dry run), to import, the floor (a plain executemany
of the same rows through the same driver), the ratio, and the peak RSS.
"""
from __future__ import annotations

import argparse
import io
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from app import create_app  # noqa: E402
from models import Applicant  # noqa: E402
from models.base import db  # noqa: E402
from sila.core.national_id import _luhn_ok  # noqa: E402

FIRST = ["محمد", "أحمد", "احمد", "فاطمة", "فاطمه", "عبدالله", "نورة", "سعد", "مريم", "خالد", "عائشة", "يوسف"]
FAMILY = ["الحربي", "العتيبي", "القحطاني", "الغامدي", "الزهراني", "الشهري", "المطيري", "الدوسري"]


def _national_ids(count: int) -> list[str]:
    ids, serial = [], 0
    while len(ids) < count:
        serial += 1
        stem = f"1{serial:08d}"
        ids.extend(stem + digit for digit in "0123456789" if _luhn_ok(stem + digit))
    return ids[:count]


def _workbook(count: int) -> bytes:
    rng = random.Random(7)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["الاسم", "رقم الهوية", "الجوال", "الجنس", "تاريخ الميلاد", "المدينة"])
    for national_id in _national_ids(count):
        name = f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(FAMILY)}"
        sheet.append([name, national_id, f"055{rng.randrange(10**7):07d}", rng.choice(["ذكر", "أنثى"]),
                      f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(1380, 1425)}", "مكة المكرمة"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    from sila.applicants.spreadsheet.columns import guess_all
    from sila.applicants.spreadsheet.plan import apply, plan
    from sila.applicants.spreadsheet.reader import rows

    folder = tempfile.mkdtemp()
    url = args.database_url or f"sqlite:///{folder}/import.db"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    data = _workbook(args.rows)
    with app.app_context():
        db.drop_all()
        db.create_all()
        started = time.perf_counter()
        mapping = guess_all(next(rows(data, "bench.xlsx")))
        result = plan(data, "bench.xlsx", mapping)
        checked = time.perf_counter()
        counts = apply(result)
        imported = time.perf_counter()
        floor_rows = [
            {**row.values, "national_id": "2" + row.values["national_id"][1:], "name_search": "", "version": 1,
             "preferred_contact": "sms", "father_name": row.values.get("father_name", ""),
             "grandfather_name": row.values.get("grandfather_name", "")}
            for row in result.rows
        ]
        floor_started = time.perf_counter()
        for start in range(0, len(floor_rows), 1000):
            db.session.execute(insert(Applicant), floor_rows[start:start + 1000])
        db.session.commit()
        floor = time.perf_counter() - floor_started
        db.drop_all()
    figures = {
        "rows": args.rows, "backend": url.split(":")[0], "created": counts["create"],
        "dry_run_s": round(checked - started, 2), "import_s": round(imported - checked, 2),
        "total_s": round(imported - started, 2), "floor_insert_s": round(floor, 2),
        "import_to_floor": round((imported - checked) / floor, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    for key, value in figures.items():
        print(f"{key:>16}: {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
