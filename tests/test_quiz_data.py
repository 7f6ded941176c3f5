"""The self-test questions in docs/data/quiz.yml: well-formed, answerable, and each linked to where it is taught."""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup

from site_pages import ADDED_SECTIONS, DOCS, url_path

QUIZ_FILE = DOCS / "data" / "quiz.yml"
COMMON = {"id", "question", "explanation", "taught_at"}
KINDS = ({"choices", "answer"}, {"accept"})  # multiple choice, or typed recall
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ENTRIES = yaml.safe_load(QUIZ_FILE.read_text(encoding="utf-8"))


def where(index: int) -> str:
    return f"docs/data/quiz.yml, entry {index + 1} ({ENTRIES[index].get('id', 'no id')})"


def test_quiz_file_is_a_list_of_at_least_eight_questions():
    assert isinstance(ENTRIES, list) and len(ENTRIES) >= 8, "docs/data/quiz.yml: expected a YAML list of 8 or more questions"


@pytest.mark.parametrize("index", range(len(ENTRIES)))
def test_each_question_has_exactly_the_quiz_fields(index):
    entry = ENTRIES[index]
    assert set(entry) in [COMMON | kind for kind in KINDS], (
        f"{where(index)}: fields {sorted(entry)}; expected {sorted(COMMON)} with either choices and answer, or accept")
    assert SLUG.match(entry["id"]), f"{where(index)}: id must be a kebab-case slug"
    for field in ("question", "explanation", "taught_at"):
        assert isinstance(entry[field], str) and entry[field].strip(), f"{where(index)}: {field} must be non-empty text"


@pytest.mark.parametrize("index", [i for i, entry in enumerate(ENTRIES) if "choices" in entry])
def test_each_multiple_choice_question_has_three_to_five_choices_and_a_valid_one_based_answer(index):
    choices, answer = ENTRIES[index]["choices"], ENTRIES[index]["answer"]
    assert isinstance(choices, list) and 3 <= len(choices) <= 5, f"{where(index)}: give 3 to 5 choices"
    assert all(isinstance(c, str) and c.strip() for c in choices), f"{where(index)}: every choice must be non-empty text"
    assert len(set(choices)) == len(choices), f"{where(index)}: two choices are the same"
    assert type(answer) is int and 1 <= answer <= len(choices), (
        f"{where(index)}: answer {answer!r} must be the 1-based number of the right choice (1 to {len(choices)})")


@pytest.mark.parametrize("index", [i for i, entry in enumerate(ENTRIES) if "accept" in entry])
def test_each_typed_question_accepts_one_or_more_distinct_answers(index):
    accept = ENTRIES[index]["accept"]
    assert isinstance(accept, list) and accept and all(isinstance(a, str) and a.strip() for a in accept), (
        f"{where(index)}: accept must list the answers a student may type, the one the key shows first")
    assert len(set(accept)) == len(accept), f"{where(index)}: an accepted answer is listed twice"


def test_question_ids_are_unique():
    ids = [entry["id"] for entry in ENTRIES]
    assert sorted({i for i in ids if ids.count(i) > 1}) == [], "docs/data/quiz.yml: give each question its own id"


@pytest.mark.parametrize("index", range(len(ENTRIES)))
def test_each_question_links_to_a_page_and_anchor_that_exist(built_site, index):
    page, _, anchor = ENTRIES[index]["taught_at"].partition("#")
    markdown = DOCS / page
    assert markdown.is_file(), f"{where(index)}: taught_at page docs/{page} does not exist"
    html = BeautifulSoup((built_site.site / url_path(markdown) / "index.html").read_text(encoding="utf-8"), "lxml")
    assert not anchor or html.find(id=anchor), f"{where(index)}: docs/{page} has no heading or element #{anchor}"


@pytest.mark.parametrize("page", ADDED_SECTIONS)
def test_each_added_section_is_asked_about(page):
    asked = {entry["taught_at"].partition("#")[0] for entry in ENTRIES}
    assert page in asked, f"docs/data/quiz.yml: no question is taught at docs/{page}; add one"
