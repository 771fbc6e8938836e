"""axe-core run in the page, as the check every browser test applies to the pages it reaches.

The script is the one bundled in axe-playwright-python (installed from the
requirements, never fetched at run time). Serious and critical violations
count; each is reported with its page, rule, first elements and axe's advice.
The check that a control's visible label is part of its accessible name (WCAG
2.5.3, still marked experimental in axe) is switched on: speech users say what
they see.
"""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

BLOCKING = {"serious", "critical"}
_AXE = Axe()
OPTIONS = {"resultTypes": ["violations"], "rules": {"label-content-name-mismatch": {"enabled": True}}}


def axe_violations(page: Page) -> list[str]:
    results = _AXE.run(page, options=OPTIONS).response
    return [
        f"{page.url} {violation['id']} ({violation['impact']}): "
        + "; ".join(str(node["target"][0]) for node in violation["nodes"][:3])
        + " — " + " ".join(violation["nodes"][0].get("failureSummary", "").split())
        for violation in results["violations"] if violation["impact"] in BLOCKING
    ]
