"""The learning path: every nav page listed with its reading time, a start above the fold, previous/next.

Made by overrides/hooks/learning_path.py from mkdocs.yml's nav (scripts/site_tools/learning_path.py).
"""

from __future__ import annotations

import json
import posixpath
import re

import pytest
from bs4 import BeautifulSoup

from site_pages import DOCS, nav, nav_pages, url_path
from site_tools import learning_path, revision_pack
from conftest import looking_tab, parsed

READ_LINE = re.compile(r"^(\d+) min read$")


def _soup(built_site, path: str) -> BeautifulSoup:
    return parsed(built_site.site / path / "index.html")


def _path_links(built_site) -> list[tuple[str, str | None]]:
    """(URL path, reading time text or None) of each page the home page's path lists, in order."""
    path = _soup(built_site, "").select_one(".learning-path")
    assert path is not None, "the home page has no learning path; docs/index.md needs <!-- learning-path -->"
    links = []
    for item in path.select("ol > li"):
        time = item.select_one(".reading-time")
        links.append((posixpath.normpath(item.a["href"]) + "/", time.get_text() if time else None))
    return links


TEACHING_PAGES = [page for page in nav_pages() if page != "index.md"]


def test_the_path_lists_every_nav_page_in_nav_order(built_site):
    listed = [url for url, _ in _path_links(built_site)]
    expected = [url_path(DOCS / page) for page in TEACHING_PAGES] + [revision_pack.URL]
    assert listed == expected, ("the home page's learning path does not follow mkdocs.yml's nav: "
                                f"missing {sorted(set(expected) - set(listed))}, extra {sorted(set(listed) - set(expected))}")


def test_the_path_has_one_card_per_nav_section(built_site):
    titles = [card.strong.get_text() for card in _soup(built_site, "").select(".learning-path > ul > li")]
    sections = [next(iter(item)) for item in nav() if isinstance(next(iter(item.values())), list)]
    assert titles[:len(sections)] == sections, f"the path's cards {titles} do not match mkdocs.yml's nav sections {sections}"


@pytest.mark.parametrize("page", TEACHING_PAGES)
def test_each_page_shows_its_reading_time_under_its_title_and_in_the_path(built_site, page):
    url = url_path(DOCS / page)
    title = _soup(built_site, url).select_one("article h1")
    line = title.find_next_sibling()
    assert line is not None and "reading-time--page" in line.get("class", []), (
        f"docs/{page}: no reading time under the title (overrides/hooks/learning_path.py)")
    minutes = READ_LINE.match(line.get_text())
    assert minutes, f"docs/{page}: the reading time says {line.get_text()!r}, not 'N min read'"
    assert dict(_path_links(built_site))[url] == f"{minutes[1]} min", (
        f"docs/{page}: the path's reading time differs from the page's own")


def test_reading_time_is_the_words_at_200_a_minute_rounded_up():
    words = " ".join(["word"] * 400)
    assert learning_path.minutes(f"<p>{words}</p>") == 2
    assert learning_path.minutes(f"<p>{words} one</p>") == 3
    assert learning_path.minutes("<p>a</p>") == 1
    assert learning_path.minutes(f'<p>a</p><div class="mermaid">{words}</div>') == 1, "a diagram's text is not read as words"


def test_start_here_leads_to_the_first_learn_page(built_site):
    button = _soup(built_site, "").select_one(".start-here a.md-button")
    assert button is not None, "the home page has no 'Start here' button; docs/index.md needs <!-- start-here -->"
    assert posixpath.normpath(button["href"]) + "/" == url_path(DOCS / TEACHING_PAGES[0])
    assert button.get_text().startswith("Start here")


def test_the_path_is_neither_searched_nor_in_the_revision_pack(built_site):
    entries = json.loads((built_site.site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    home = " ".join(e["text"] for e in entries if e["location"].split("#")[0] == "")
    assert "Start here" not in home and " min read" not in home, "the search index holds the home page's path or button"
    pack = parsed(built_site.site / revision_pack.FILE)
    assert not pack.select(".learning-path, .start-here, .reading-time"), (
        "the revision pack repeats the learning path or reading times (it has its own contents)")


@pytest.mark.parametrize("page", TEACHING_PAGES)
def test_each_page_links_to_the_previous_and_next_at_its_foot(built_site, page):
    url = url_path(DOCS / page)
    footer = _soup(built_site, url).select_one("footer nav.md-footer__inner")
    assert footer is not None, f"docs/{page}: no previous/next at its foot; mkdocs.yml needs navigation.footer"
    order = [""] + [url_path(DOCS / p) for p in TEACHING_PAGES]
    at = order.index(url)
    for kind, expected in (("prev", order[at - 1]), ("next", order[at + 1] if at + 1 < len(order) else None)):
        link = footer.select_one(f"a.md-footer__link--{kind}")
        if expected is None:  # the last page: Material links no further (the pack is in the nav, not the footer)
            continue
        assert link is not None, f"docs/{page}: no {kind} link at its foot"
        target = posixpath.normpath(posixpath.join("/" + url, link["href"]))
        assert target == posixpath.normpath("/" + expected), f"docs/{page}: its {kind} link goes to {target}, not /{expected}"


WIDTHS = {390: 844, 1280: 800}


@pytest.fixture(scope="module")
def start_button_boxes(chromium, site_url):
    """{(width, scheme): (button's bottom edge, viewport height, visible)} on the home page."""
    boxes = {}
    for width, height in WIDTHS.items():
        for scheme in ("light", "dark"):
            page = looking_tab(chromium, viewport={"width": width, "height": height}, color_scheme=scheme)
            page.goto(site_url, wait_until="load")
            button = page.locator(".start-here a.md-button")
            box = button.bounding_box()
            boxes[(width, scheme)] = (box["y"] + box["height"] if box else None, height, button.is_visible())
            page.context.close()
    return boxes


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_start_here_is_above_the_fold(start_button_boxes, width, scheme):
    bottom, height, visible = start_button_boxes[(width, scheme)]
    assert visible and bottom is not None and bottom <= height, (
        f"at {width} px ({scheme}) the home page's 'Start here' button ends at {bottom} px, below the fold ({height} px)")
