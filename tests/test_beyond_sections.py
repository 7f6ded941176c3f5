"""The sections issue 22 added (the questions exams ask next): each reachable, each findable, each taught and tested.

Each section is a Beyond page that opens with its exam answer, is in the navigation and therefore
the revision pack, is linked from the home page's "Where to go next", is found by the search
index under its main term, and has at least two self-test questions that send the reader to it.
"""

from __future__ import annotations

import json

import pytest

from conftest import parsed
from site_pages import DOCS, nav_section, pack_pages, url_path
from site_tools import site_data
from test_exam_answers import blocks, is_exam_answer

# Each added section and the term a student would search for to find it.
SECTIONS = {
    "beyond/run-cmd-entrypoint.md": "ENTRYPOINT",
    "beyond/save-load-export-import.md": "docker export",
    "beyond/union-filesystem.md": "whiteout",
    "beyond/expose-vs-publish.md": "EXPOSE",
    "beyond/tags-and-digests.md": "latest",
    "beyond/runtime-stack.md": "runc",
    "beyond/multi-stage-builds.md": "multi-stage",
    "beyond/pid1-signals-exit-codes.md": "SIGTERM",
    "beyond/clean-up.md": "prune",
}


@pytest.mark.parametrize("page", SECTIONS)
def test_each_section_is_in_the_beyond_navigation_and_the_revision_pack(page):
    assert page in nav_section("Beyond the notes"), f"mkdocs.yml: add docs/{page} to the 'Beyond the notes' nav"
    assert page in pack_pages(), f"mkdocs.yml: docs/{page} is excluded from the revision pack (print-site `exclude`)"


@pytest.mark.parametrize("page", SECTIONS)
def test_each_section_opens_with_its_exam_answer(built_site, page):
    assert is_exam_answer(blocks(built_site, page)[0]), (
        f"docs/{page}: open with its includes/exam-answers/ file, right under the title")


@pytest.mark.parametrize("page", SECTIONS)
def test_the_home_page_lists_each_section_where_to_go_next(built_site, page):
    home = parsed(built_site.site / "index.html")
    heading = home.find(id="where-to-go-next")
    assert heading is not None, "docs/index.md lost its 'Where to go next' heading"
    cards = heading.find_next("div", class_="grid")
    hrefs = {a["href"].rstrip("/") for a in cards.select("a[href]")}
    assert url_path(DOCS / page).rstrip("/") in hrefs, f"docs/index.md: 'Where to go next' must link to docs/{page}"


@pytest.mark.parametrize("page, term", SECTIONS.items())
def test_the_search_index_finds_each_section_by_its_main_term(built_site, page, term):
    entries = json.loads((built_site.site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    found = [e for e in entries if e["location"].startswith(url_path(DOCS / page))
             and term.casefold() in (e["title"] + " " + e["text"]).casefold()]
    assert found, f"the search index has no entry of docs/{page} with {term!r}"


@pytest.mark.parametrize("page", SECTIONS)
def test_each_section_has_at_least_two_self_test_questions(page):
    taught = [q for q in site_data.quiz_questions() if q.taught_at.split("#")[0] == page]
    assert len(taught) >= 2, (f"docs/data/quiz.yml: {len(taught)} questions with taught_at {page}; "
                              "append at least two that send the reader there")
