"""Exam answers: every Learn page opens with one, each added section ends in one, each is short and cited."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from site_pages import ADDED_SECTIONS, nav_section, url_path, DOCS
from site_tools import data_file

EXAM_ANSWER = "div.admonition.abstract"
EXAM_ANSWER_TITLE = "Exam answer"
PRIMARY_SOURCES = data_file.PRIMARY_SOURCE_URLS  # the ones the data files accept too


def blocks(built_site, markdown: str) -> list:
    """The top-level blocks of a built page's article, after its title."""
    html = BeautifulSoup((built_site.site / url_path(DOCS / markdown) / "index.html").read_text(encoding="utf-8"), "lxml")
    # The page's own content: not the "Last updated" line Material adds after it, the reading
    # time overrides/hooks/learning_path.py adds under the title, nor the list of sources
    # overrides/hooks/source_notes.py adds at the end (shown on paper only).
    added = {"md-source-file", "reading-time--page", "source-notes"}
    children = [c for c in html.select_one("article").find_all(recursive=False) if not added & set(c.get("class", []))]
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
def test_every_learn_page_opens_with_its_exam_answer(built_site, page):
    page_blocks = blocks(built_site, page)
    assert is_exam_answer(page_blocks[0]), (
        f"docs/{page}: a Learn page starts with its exam answer, right under its title "
        "(include its includes/exam-answers/ file there)")
    answers = [block for block in page_blocks if is_exam_answer(block)]
    assert " ".join(answers[0].get_text().split()) == " ".join(answers[-1].get_text().split()), (
        f"docs/{page}: the opening and closing exam answers differ; include the same includes/exam-answers/ file twice")


@pytest.mark.parametrize("answer", sorted((DOCS.parent / "includes" / "exam-answers").glob("*.md")), ids=lambda p: p.stem)
def test_every_exam_answer_is_one_to_three_sentences(answer):
    """What a student writes down in an exam: short enough to learn, at most 75 words."""
    body = " ".join(line.strip() for line in answer.read_text(encoding="utf-8").splitlines()[1:] if line.strip())
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", body) if s]
    assert 1 <= len(sentences) <= 3 and len(body.split()) <= 75, (
        f"includes/exam-answers/{answer.name}: {len(sentences)} sentences, {len(body.split())} words; "
        "keep it to one to three sentences and 75 words")
