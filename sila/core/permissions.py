"""Who may see and change what: the one table every screen and action consults.

Areas are the staff screens; each names the roles that may read it and the
smaller set that may change it. Menus, views, direct URLs and POSTs all ask
`can_read` / `can_write`, so hiding a menu and refusing a request never disagree.
"""
from __future__ import annotations

from models.enums import Role

ALL = frozenset(Role)
# A partner outlet is not of the association: it sees its one page (redeeming vouchers) and nothing else.
ASSOCIATION = ALL - {Role.outlet}
_ADMIN = frozenset({Role.admin})
# Branch representatives register files, requests and contacts and follow them; nothing they may not see
# (decisions, the committee, settings, exports) names them, and the steps refuse them (step_permissions.py).
_REGISTERS = frozenset({Role.staff, Role.representative})
_FOLLOWS = frozenset({Role.staff, Role.representative, Role.manager})

AREAS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "applicants": (_FOLLOWS, _REGISTERS),
    "requests": (_FOLLOWS, _REGISTERS),
    "contacts": (_FOLLOWS, _REGISTERS),
    # The sending branch's staff ask (from the file's page), the receiving branch's answer; managers oversee.
    "transfers": (frozenset({Role.staff, Role.manager}), frozenset({Role.staff})),
    "outbox": (frozenset({Role.staff, Role.manager}), frozenset({Role.staff})),
    "group_messages": (frozenset({Role.staff, Role.manager}), frozenset({Role.staff, Role.manager})),
    "committee_queue": (frozenset({Role.committee, Role.manager}), frozenset()),
    "decisions": (frozenset({Role.committee, Role.staff, Role.manager}), frozenset()),
    "referrals": (
        frozenset({Role.researcher, Role.staff, Role.manager}),
        frozenset({Role.researcher, Role.staff}),
    ),
    "documents": (ASSOCIATION, _ADMIN),
    "channels": (frozenset({Role.admin, Role.manager}), _ADMIN),
    "service_types": (frozenset({Role.admin, Role.manager}), _ADMIN),
    "referral_reasons": (frozenset({Role.admin, Role.manager}), _ADMIN),
    "organization": (frozenset({Role.admin, Role.manager}), _ADMIN),
    "users": (frozenset({Role.admin, Role.manager}), _ADMIN),
    "audit": (frozenset({Role.admin, Role.manager}), frozenset()),
    "jobs": (_ADMIN, frozenset()),
    "imports": (frozenset({Role.admin, Role.staff}), frozenset({Role.admin, Role.staff})),
    "guide": (frozenset({Role.admin, Role.manager}), frozenset()),
    "file_rules": (frozenset({Role.admin, Role.manager}), _ADMIN),
    "research_teams": (frozenset({Role.admin, Role.manager}), _ADMIN),
    "visits": (
        frozenset({Role.staff, Role.researcher, Role.manager}), frozenset({Role.staff, Role.researcher}),
    ),
    "restudy": (
        frozenset({Role.staff, Role.researcher, Role.manager}), frozenset({Role.staff, Role.researcher}),
    ),
    "meetings": (frozenset({Role.committee, Role.staff, Role.manager}), frozenset({Role.committee, Role.staff})),
    "committees": (frozenset({Role.admin, Role.manager}), _ADMIN),
    "survey_results": (frozenset({Role.admin, Role.manager, Role.staff}), frozenset()),
    "text_templates": (frozenset({Role.admin, Role.manager}), _ADMIN),
    "branches": (frozenset({Role.admin, Role.manager}), _ADMIN),
    "funding_sources": (frozenset({Role.admin, Role.manager, Role.treasurer}), frozenset({Role.admin, Role.manager})),
    # A manager prepares; a different manager or the treasurer approves and marks paid (sila/aid/batches.py).
    "batches": (frozenset({Role.manager, Role.treasurer}), frozenset({Role.manager, Role.treasurer})),
    # Sums only, no person in them (sila/aid/dashboard.py); its exports are open to whoever reads it.
    "aid_dashboard": (frozenset({Role.admin, Role.manager, Role.treasurer}), frozenset()),
    "catalogue": (frozenset({Role.admin, Role.manager, Role.treasurer}), frozenset({Role.admin, Role.manager})),
    # Staff issue and cancel vouchers on their branches' requests (sila/aid/vouchers.py); others read them.
    "vouchers": (frozenset({Role.staff, Role.manager, Role.treasurer}), frozenset({Role.staff})),
    "voucher_report": (frozenset({Role.manager, Role.treasurer}), frozenset()),
    "outlet": (frozenset({Role.outlet}), frozenset({Role.outlet})),
}


def can_read(role: str | None, area: str) -> bool:
    return role is not None and role in AREAS[area][0]


def can_write(role: str | None, area: str) -> bool:
    return role is not None and role in AREAS[area][1]


# Lists leave the system only with those who oversee (managers; administrators where they may read):
# a bulk copy of personal data is the riskiest one (PDPL), so staff work record by record instead.
EXPORT_ROLES = frozenset({Role.manager, Role.admin})


def may_export(role: str | None, area: str) -> bool:
    return role in EXPORT_ROLES and can_read(role, area)
