"""Every page a role can open is Arabic, right to left, with no untranslated string.

The crawl follows each role's own menu, then the first record's details and
the create form where the role may create: what a user clicks, a test opens.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from sila.settings.presets.demo import DEMO_USERS, load_demo_requests
from tests.conftest import login, post_form

ROOT = Path(__file__).resolve().parents[2]
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Data, not interface: demo usernames, file format names, and the switch that names the other language.
# Commands quoted in <code> (the administrator's guide) are not interface text either.
ALLOWED = {"English", "PDF", "JPEG", "PNG", "CSV", "JSON", "Excel", "xlsx", "XLSX", "QR"} | {
    username for username, _, _ in DEMO_USERS
}
VISIBLE_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "data-placeholder"}


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class VisibleText(HTMLParser):
    """The Latin words a person could read: text and labelled attributes, not scripts, hidden data
    or passages marked `lang="en"` on purpose (the guide's English column)."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden: list[bool] = []
        self.words: list[str] = []
        self.html_attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.html_attrs = attributes
        hidden = (
            tag in ("script", "style", "template", "code", "pre")
            or "d-none" in attributes.get("class", "").split()
            or "display:none" in attributes.get("style", "").replace(" ", "")
            or attributes.get("lang") == "en"
        )
        if not any(self.hidden) and not hidden:
            for name in VISIBLE_ATTRIBUTES & attributes.keys():
                self.words += LATIN_WORD.findall(attributes[name])
            if tag == "input" and attributes.get("type") in ("submit", "button"):
                self.words += LATIN_WORD.findall(attributes.get("value", ""))
        if tag not in VOID:
            self.hidden.append(hidden)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.hidden:
            self.hidden.pop()

    def handle_data(self, data: str) -> None:
        if not any(self.hidden):
            self.words += LATIN_WORD.findall(data)


def untranslated(page: str) -> tuple[dict, set[str]]:
    parser = VisibleText()
    parser.feed(page)
    return parser.html_attrs, set(parser.words) - ALLOWED


def _pages_of(client) -> list[str]:
    home = client.get("/admin/").get_data(as_text=True)
    nav = home.split("<nav", 1)[1].split("</nav>", 1)[0]
    pages = ["/admin/"]
    for screen in sorted(set(re.findall(r'href="(/admin/[a-z_]+/)"', nav))):
        pages.append(screen)
        listing = client.get(screen).get_data(as_text=True)
        detail = re.search(r'href="(/admin/[a-z_]+/details/\?id=\d+[^"]*)"', listing)
        if detail:
            pages.append(detail.group(1).replace("&amp;", "&"))
        if f'href="{screen}new/' in listing:
            pages.append(f"{screen}new/")
    return pages


@pytest.mark.parametrize("role", ["admin", "staff", "researcher", "committee", "manager", "treasurer"])
def test_every_page_of_each_role_is_arabic_and_rtl(rakeen, client, role):
    load_demo_requests()
    login(client, role)
    for url in _pages_of(client):
        response = client.get(url)
        assert response.status_code == 200, url
        attrs, words = untranslated(response.get_data(as_text=True))
        assert attrs.get("lang") == "ar" and attrs.get("dir") == "rtl", url
        assert not words, f"{url}: untranslated {sorted(words)}"


def test_the_outlet_lands_on_its_one_page_and_its_answers_are_arabic(rakeen, client):
    login(client, "outlet")
    landing = client.get("/admin/")
    assert landing.status_code == 302 and landing.headers["Location"].endswith("/admin/outlet/")
    page = client.get("/admin/outlet/").get_data(as_text=True)
    answer = post_form(client, "/admin/outlet/check", {"code": "NOSUCHCODE23"}, token_from="/admin/outlet/")
    for html in (page, answer.get_data(as_text=True)):
        attrs, words = untranslated(html)
        assert attrs.get("lang") == "ar" and attrs.get("dir") == "rtl" and not words, words


def test_the_login_and_error_pages_are_arabic(rakeen, client):
    for url, status in (("/login", 200), ("/no-such-page", 404)):
        response = client.get(url)
        assert response.status_code == status
        attrs, words = untranslated(response.get_data(as_text=True))
        assert attrs == {"lang": "ar", "dir": "rtl"} and not words, (url, words)


def test_the_arabic_catalog_is_complete_and_compiled():
    catalog = read_po((ROOT / "translations/ar/LC_MESSAGES/messages.po").open("rb"))
    compiled = read_mo((ROOT / "translations/ar/LC_MESSAGES/messages.mo").open("rb"))
    template = read_po((ROOT / "translations/messages.pot").open("rb"))
    missing = [m.id for m in template if m.id and (m.id not in catalog or not catalog[m.id].string)]
    assert missing == []
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert fuzzy == []
    assert {_key(m.id) for m in template if m.id} <= {_key(m.id) for m in compiled if m.id}


def _key(message_id: str | tuple | list) -> str | tuple:
    """Plural entries come back as a tuple from the .po and as a list from the .mo."""
    return message_id if isinstance(message_id, str) else tuple(message_id)


def test_the_message_template_matches_the_source(tmp_path):
    """A string added to the code but not extracted would never be translated."""
    import subprocess
    import sys

    output = tmp_path / "messages.pot"
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "extract", "-F", "babel.cfg",
         "-k", "lazy_gettext", "-k", "_l", "--ignore-dirs=.* instance tests", "-o", str(output), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    fresh = {m.id for m in read_po(output.open("rb")) if m.id}
    stored = {m.id for m in read_po((ROOT / "translations/messages.pot").open("rb")) if m.id}
    assert fresh == stored
