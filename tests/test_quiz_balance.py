"""The self-test measures knowledge: over the whole of docs/data/quiz.yml (future questions too), the
key cannot be found by its shape or place, enough questions ask for recall, and every Learn and
Beyond page is asked about. The rules are in the comment at the top of quiz.yml and in CONTRIBUTING."""

from __future__ import annotations

from collections import Counter

import pytest

from site_pages import nav_section
from site_tools import site_data
from site_tools.renderings import plain

QUIZ = "docs/data/quiz.yml"
MOST_KEYED_AT_ONE_PLACE = 0.40  # share of multiple-choice questions whose key is at one position
MOST_KEYED_LONGEST = 0.40       # share whose key is the longest choice (a tie counts as longest)
QUESTIONS = site_data.quiz_questions()
MULTIPLE_CHOICE = [q for q in QUESTIONS if not q.typed]


def keyed_longest(question: site_data.Question) -> bool:
    """Whether the key is at least as long as every other choice, in the characters a reader sees."""
    return len(plain(question.key)) >= max(len(plain(choice)) for choice in question.choices)


def test_the_self_test_has_at_least_45_questions():
    assert len(QUESTIONS) >= 45, f"{QUIZ}: {len(QUESTIONS)} questions; the self-test needs at least 45, add some"


def test_at_least_eight_questions_ask_for_a_typed_answer():
    typed = [q.id for q in QUESTIONS if q.typed]
    assert len(typed) >= 8, f"{QUIZ}: {len(typed)} typed questions ({typed}); add recall questions with 'accept:' to reach 8"


@pytest.mark.parametrize("question", MULTIPLE_CHOICE, ids=lambda q: q.id)
def test_every_multiple_choice_question_has_at_least_three_choices(question):
    assert len(question.choices) >= 3, (
        f"{QUIZ}: {question.id} has {len(question.choices)} choices; add a wrong one a student might believe")


def test_no_choice_position_holds_the_key_in_more_than_40_percent_of_questions():
    positions = Counter(q.answer for q in MULTIPLE_CHOICE)
    position, count = positions.most_common(1)[0]
    assert count <= MOST_KEYED_AT_ONE_PLACE * len(MULTIPLE_CHOICE), (
        f"{QUIZ}: choice {position} is the key in {count} of {len(MULTIPLE_CHOICE)} multiple-choice questions "
        f"(over 40 %; by position {dict(sorted(positions.items()))}); put some keys at other positions")


def test_the_key_is_the_longest_choice_in_at_most_40_percent_of_questions():
    longest = [q.id for q in MULTIPLE_CHOICE if keyed_longest(q)]
    assert len(longest) <= MOST_KEYED_LONGEST * len(MULTIPLE_CHOICE), (
        f"{QUIZ}: the key is the longest choice in {len(longest)} of {len(MULTIPLE_CHOICE)} questions (over 40 %); "
        f"make a wrong choice as long and careful as the key in some of {longest}")


# Practice pages teach nothing new of their own: the lab's exercises ask about what other pages teach.
PRACTICE_PAGES = {"beyond/lab.md"}


@pytest.mark.parametrize("page", [p for p in nav_section("Learn") + nav_section("Beyond the notes") if p not in PRACTICE_PAGES])
def test_every_learn_and_beyond_page_is_asked_about(page):
    asked = {q.taught_at.partition("#")[0] for q in QUESTIONS}
    assert page in asked, f"{QUIZ}: no question has taught_at docs/{page}; add one on what that page teaches"


def test_the_longest_choice_is_counted_in_the_characters_a_reader_sees():
    question = site_data.Question(id="x", question="?", explanation=".", taught_at="index.md",
                                  choices=("`docker ps`", "docker ps -"), answer=1)
    assert not keyed_longest(question)  # "docker ps" (9) is shorter than "docker ps -" (11): backticks are not seen
