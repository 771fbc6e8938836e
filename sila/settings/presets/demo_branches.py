"""Demo branches beside the main office, what each serves, a staff member at each and a representative at
Jeddah, so the demo shows the boundary and the service area.

Loaded before the demo files, which are then spread over every active branch.
Idempotent, as every demo loader.
"""
from __future__ import annotations

from models.base import db
from models.branch import Branch, UserBranch
from models.enums import Role
from models.user import User
from sila.settings.presets.demo import _demo_password_hash, demo_password

# (name, city, districts or cities served, one per line)
DEMO_BRANCHES = (
    ("فرع جدة", "جدة", "جدة\nرابغ\nالكامل"),
    ("فرع المدينة المنورة", "المدينة المنورة", "المدينة المنورة\nينبع\nبدر"),
    ("فرع الدمام", "الدمام", "الدمام\nالخبر\nالقطيف"),
)
# What the main office serves beside its own city, so the demo's applicants from Riyadh, Abha or Tabuk
# show the service-area warning.
MAIN_OFFICE_AREAS = "مكة المكرمة\nالطائف\nالجموم\nالليث"
# (username, full name, branch name)
DEMO_BRANCH_STAFF = (
    ("staff_jeddah", "ريم موظفة فرع جدة", "فرع جدة"),
    ("staff_madinah", "ماجد موظف فرع المدينة", "فرع المدينة المنورة"),
    ("staff_dammam", "نوف موظفة فرع الدمام", "فرع الدمام"),
)
# (username, full name, branch name): a representative registering for his branch.
DEMO_BRANCH_REPRESENTATIVES = (
    ("rep_jeddah", "بندر مندوب فرع جدة", "فرع جدة"),
)


def ensure_demo_branches() -> list[tuple[str, str, str]]:
    """Create the demo branches and their staff that are missing; (username, password, role) for each."""
    branches = {}
    main = db.session.scalar(db.select(Branch).where(Branch.is_main.is_(True)))
    if main is not None and not main.served_areas:
        main.served_areas = MAIN_OFFICE_AREAS
    for name, city, areas in DEMO_BRANCHES:
        branch = db.session.scalar(db.select(Branch).where(Branch.name == name))
        if branch is None:
            branch = Branch(name=name, city=city, served_areas=areas, is_active=True, is_main=False)
            db.session.add(branch)
        branches[name] = branch
    db.session.flush()
    logins = []
    for people, role in ((DEMO_BRANCH_STAFF, Role.staff), (DEMO_BRANCH_REPRESENTATIVES, Role.representative)):
        for username, full_name, branch_name in people:
            user = db.session.scalar(db.select(User).where(User.username == username))
            if user is None:
                user = User(username=username, full_name=full_name, role=role, session_version=1)
                user.password_hash = _demo_password_hash(username)
                user.branch_links.append(UserBranch(branch_id=branches[branch_name].id))
                db.session.add(user)
            logins.append((username, demo_password(username), role))
    db.session.commit()
    return logins
