"""What every page carries: its last-updated date, a report-a-mistake link, a social card, breadcrumbs."""

from __future__ import annotations

import datetime
import re
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from site_tools import freshness
from site_tools import site_config
from conftest import ROOT, parsed
from site_pages import DOCS, url_path

SITE_URL = site_config.settings()["site_url"]
CARD = "assets/images/social-card.png"
ISSUE_FORM = ROOT / ".github/ISSUE_TEMPLATE/factual-error.yml"
DATE = re.compile(r"Last updated (\d{2} \w+ \d{4})")


def markdown_pages() -> list[str]:
    return [md.relative_to(DOCS).as_posix() for md in sorted(DOCS.rglob("*.md"))]


def soup_of(built_site, path: str) -> BeautifulSoup:
    return parsed(built_site.site / path / "index.html")


def meta(soup: BeautifulSoup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


def last_commit_date(markdown: str) -> datetime.date:
    """The page's last commit date (UTC), or today when it has none, as the plugin falls back."""
    out = subprocess.run(["git", "log", "-1", "--format=%at", "--", f"docs/{markdown}"], cwd=ROOT,
                         capture_output=True, text=True).stdout.strip()
    stamp = datetime.datetime.fromtimestamp(int(out), datetime.timezone.utc) if out else datetime.datetime.now(datetime.timezone.utc)
    return stamp.date()


def shown_date(soup: BeautifulSoup, where: str) -> datetime.date:
    aside = soup.select_one("article .md-source-file")
    assert aside is not None, f"{where} shows no last-updated date"
    match = DATE.search(aside.get_text(" ", strip=True))
    assert match, f"{where}: the date reads {aside.get_text(' ', strip=True)!r}, not 'Last updated DD Month YYYY'"
    return datetime.datetime.strptime(match.group(1), "%d %B %Y").date()


@pytest.mark.parametrize("markdown", markdown_pages())
def test_every_page_shows_the_date_of_its_last_commit(built_site, markdown):
    soup = soup_of(built_site, url_path(DOCS / markdown))
    assert shown_date(soup, f"docs/{markdown}") == last_commit_date(markdown)


def test_the_last_updated_date_prints(printed):
    assert DATE.search(" ".join(printed("basics/image/"))), "the printed page lost its 'Last updated' line"


def test_revision_sheet_and_pack_show_the_date_of_the_newest_page(built_site, printed):
    newest = max(shown_date(soup_of(built_site, url_path(DOCS / md)), md) for md in markdown_pages())
    line = freshness.sentence(newest)
    for path in ("revise/revision-sheet/", "print_page/"):
        shown = soup_of(built_site, path).select_one(".newest-page-date")
        assert shown is not None and shown.get_text() == line, f"/{path} does not say {line!r}"
    assert re.sub(r"\s+", "", line) in re.sub(r"\s+", "", " ".join(printed("revise/revision-sheet/")))


@pytest.mark.parametrize("markdown", markdown_pages())
def test_every_page_links_to_the_factual_error_form_with_the_page_filled_in(built_site, markdown):
    soup = soup_of(built_site, url_path(DOCS / markdown))
    link = soup.find("a", attrs={"aria-label": "Report a mistake on this page"})
    assert link is not None, f"docs/{markdown}: no 'Report a mistake on this page' link"
    address = urlsplit(link["href"])
    query = parse_qs(address.query)
    assert f"{address.scheme}://{address.netloc}{address.path}".endswith("/issues/new")
    assert query["template"] == [ISSUE_FORM.name]
    assert query["page"] == [soup.find("link", rel="canonical")["href"]]
    assert query["title"] == [f"Factual error: {meta(soup, 'og:title')}"]


def test_the_report_link_fills_a_field_the_issue_form_has():
    fields = {item.get("id") for item in yaml.safe_load(ISSUE_FORM.read_text(encoding="utf-8"))["body"]}
    assert "page" in fields, f"{ISSUE_FORM.relative_to(ROOT)} has no field with id 'page'; overrides/main.html fills it"


@pytest.mark.parametrize("markdown", markdown_pages())
def test_every_page_has_open_graph_and_twitter_card_tags(built_site, markdown):
    soup = soup_of(built_site, url_path(DOCS / markdown))
    canonical = soup.find("link", rel="canonical")["href"]
    description = meta(soup, "description")
    expected = {
        "og:type": "website" if markdown == "index.md" else "article",
        "og:url": canonical,
        "og:description": description,
        "og:image": SITE_URL + CARD,
        "twitter:card": "summary_large_image",
        "twitter:description": description,
        "twitter:image": SITE_URL + CARD,
    }
    found = {name: meta(soup, name) for name in expected}
    where = f"{markdown}: the social tags overrides/main.html writes"
    assert found == expected, f"{where} differ from the page's own: " + ", ".join(
        f"{name} is {found[name]!r}, expected {expected[name]!r}" for name in expected if found[name] != expected[name])
    title, twitter = meta(soup, "og:title"), meta(soup, "twitter:title")
    assert title and title == twitter and soup.title.get_text().startswith(title), (
        f"{where}: og:title {title!r} and twitter:title {twitter!r} must both be how the page's <title> "
        f"({soup.title.get_text()!r}) begins")


def test_the_social_card_is_a_1200_by_630_png_drawn_at_build_time(built_site):
    with Image.open(built_site.site / CARD) as card:
        assert (card.format, card.size) == ("PNG", (1200, 630))
    committed = subprocess.run(["git", "ls-files", "*.png"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert committed == [], f"binary images are committed ({committed}); draw them at build time instead"


def test_nested_pages_show_breadcrumbs(built_site):
    crumbs = soup_of(built_site, "basics/image/").select("nav.md-path .md-path__item")
    assert [c.get_text(strip=True) for c in crumbs] == ["Home", "Learn"]


def test_search_suggests_completions(open_page):
    page, _ = open_page("")
    page.keyboard.press("/")
    page.keyboard.type("contai")
    page.wait_for_function("() => (document.querySelector('.md-search__suggest') || {}).textContent", timeout=10_000)
    assert page.locator(".md-search__suggest").inner_text().lower().startswith("contai")
