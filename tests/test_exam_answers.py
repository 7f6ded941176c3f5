"""Exam answers: each added section ends in one, Learn pages open with theirs, and each is cited."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from site_pages import ADDED_SECTIONS, nav_section, url_path, DOCS

EXAM_ANSWER = "div.admonition.abstract"
EXAM_ANSWER_TITLE = "Exam answer"
PRIMARY_SOURCES = ("https://docs.docker.com/", "https://github.com/opencontainers/")


def blocks(built_site, markdown: str) -> list:
    """The top-level blocks of a built page's article, after its title."""
    html = BeautifulSoup((built_site.site / url_path(DOCS / markdown) / "index.html").read_text(encoding="utf-8"), "lxml")
    children = html.select_one("article").find_all(recursive=False)
    title = next(i for i, child in enumerate(children) if child.name == "h1")
    return children[title + 1:]


def is_exam_answer(block) -> bool:
    title = block.select_one(".admonition-title")
    return block.name == "div" and {"admonition", "abstract"} <= set(block.get("class", [])) \
        and title is not None and title.get_text(strip=True) == EXAM_ANSWER_TITLE


@pytest.mark.parametrize("page", ADDED_SECTIONS)
def test_each_added_section_ends_in_an_exam_answer(built_site, page):
    last = blocks(built_site, page)[-1]
    assert is_exam_answer(last), (
        f"docs/{page}: the page must end in `!!! abstract \"{EXAM_ANSWER_TITLE}\"` "
        f"(include includes/exam-answers/ as its last line); it ends in <{last.name}>")


@pytest.mark.parametrize("page", ADDED_SECTIONS)
def test_each_added_section_cites_a_primary_source(built_site, page):
    links = [a["href"] for block in blocks(built_site, page) for a in block.select("a[href]")]
    assert any(href.startswith(PRIMARY_SOURCES) for href in links), (
        f"docs/{page}: no link to docs.docker.com or the OCI specs; cite the source of its claims")


@pytest.mark.parametrize("page", nav_section("Learn"))
def test_a_learn_page_with_an_exam_answer_opens_with_the_same_answer(built_site, page):
    answers = [block for block in blocks(built_site, page) if is_exam_answer(block)]
    if not answers:
        assert page not in ADDED_SECTIONS, f"docs/{page}: has no exam answer"
        return
    first = blocks(built_site, page)[0]
    assert is_exam_answer(first), f"docs/{page}: a Learn page's exam answer must also come first, right under its title"
    assert " ".join(first.get_text().split()) == " ".join(answers[-1].get_text().split()), (
        f"docs/{page}: the opening and closing exam answers differ; include the same includes/exam-answers/ file twice")
