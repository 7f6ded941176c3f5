"""The self-test: scored by keyboard in the browser, an answer key without JavaScript, its data validated."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from site_tools import site_data
from site_pages import DOCS, url_path
from test_accessibility import serious_violations
from test_bad_data import assert_refused

PAGE = "revise/self-test/"
QUIZ = "docs/data/quiz.yml"
FOCUSED_IN = "(selector) => Boolean(document.activeElement && document.activeElement.closest(selector))"


def questions() -> list[site_data.Question]:
    return site_data.quiz_questions()


def tab_to(page, predicate: str, limit: int = 120) -> None:
    """Press Tab until `predicate` (JS about `el`, the focused element) holds, or fail saying where focus went."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return Boolean({predicate}); }}"):
            return
    pytest.fail(f"Tab never reached {predicate}; focus ended on {page.evaluate('document.activeElement.outerHTML')[:200]}")


def answer_with_keyboard(page, question: site_data.Question, choice: int) -> str:
    """Choose `choice` (1-based) in `question` with Tab, arrows and Space, check it with Enter; return the feedback."""
    tab_to(page, f"el.matches('#quiz-{question.id} input[type=radio]')")
    for _ in range(choice - 1):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    tab_to(page, f"el.matches('#quiz-{question.id} button[type=submit]')", limit=3)
    page.keyboard.press("Enter")
    return page.locator(f"#quiz-{question.id} .quiz-feedback").inner_text()


def wrong_choice(question: site_data.Question) -> int:
    return 1 if question.answer != 1 else 2


def score(page) -> str:
    return page.locator(".quiz-score").inner_text()


@pytest.fixture
def answered_quiz(open_page):
    """The self-test answered by keyboard only: odd-numbered questions right, even-numbered wrong."""
    page, visit = open_page(PAGE, color_scheme="light")
    page.wait_for_selector(".quiz--live")
    requests_while_answering = []
    page.on("request", lambda request: requests_while_answering.append(request.url))
    feedback = {}
    for number, question in enumerate(questions(), start=1):
        choice = question.answer if number % 2 else wrong_choice(question)
        feedback[question.id] = answer_with_keyboard(page, question, choice)
    return page, visit, feedback, requests_while_answering


def test_every_question_is_answered_by_keyboard_and_the_score_counts_the_right_ones(answered_quiz):
    page, _, _, _ = answered_quiz
    total = len(questions())
    assert score(page) == f"Finished: {(total + 1) // 2} of {total} right."


def test_each_answer_says_right_or_wrong_with_the_explanation_and_where_it_is_taught(answered_quiz):
    page, _, feedback, _ = answered_quiz
    for number, question in enumerate(questions(), start=1):
        text = feedback[question.id]
        verdict = "Right." if number % 2 else "Not quite"
        assert text.startswith(verdict), f"question {question.id}: feedback starts {text[:40]!r}, expected {verdict!r}"
        assert f"Answer: {question.answer}." in text and "Where it is taught" in text, f"question {question.id}: {text!r}"
        link = page.locator(f"#quiz-{question.id} .quiz-feedback a", has_text="Where it is taught")
        page_file, _, anchor = question.taught_at.partition("#")
        expected = url_path(DOCS / page_file) + (f"#{anchor}" if anchor else "")
        assert link.evaluate("a => a.href").endswith("/" + expected), f"question {question.id}: links to the wrong place"


def test_right_and_wrong_are_announced_in_live_regions(answered_quiz):
    page, _, _, _ = answered_quiz
    roles = page.evaluate("""() => [...document.querySelectorAll('.quiz-question')].map(q =>
        q.querySelector('.quiz-feedback').getAttribute('role'))""")
    assert roles == ["status"] * len(questions())
    assert page.locator(".quiz-score").get_attribute("role") == "status"


def test_every_question_is_a_fieldset_of_radio_buttons_named_by_its_question(open_page):
    page, _ = open_page(PAGE)
    page.wait_for_selector(".quiz--live")
    for number, question in enumerate(questions(), start=1):
        fieldset = page.locator(f"#quiz-{question.id} fieldset")
        assert fieldset.locator("legend").inner_text().startswith(f"{number}. ")
        assert fieldset.locator("input[type=radio]").count() == len(question.choices)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_answered_questions_stay_axe_clean(open_page, scheme):
    # axe-core goes in as an inline script, which the site's Content-Security-Policy rightly blocks.
    page, _ = open_page(PAGE, color_scheme=scheme, bypass_csp=True)
    page.wait_for_selector(".quiz--live")
    first, second = questions()[:2]
    answer_with_keyboard(page, first, first.answer)
    answer_with_keyboard(page, second, wrong_choice(second))
    # The quiz only: the rest of the page is test_accessibility.py's.
    assert serious_violations(page, ".quiz") == []


def test_answering_sends_nothing_anywhere(answered_quiz):
    _, visit, _, requests = answered_quiz
    assert requests == [] and visit.foreign_requests == []


def test_retry_reopens_only_the_missed_questions_and_focuses_the_first(answered_quiz):
    page, _, _, _ = answered_quiz
    tab_to(page, "el.matches('.quiz-panel button') && el.textContent === 'Retry the ones I missed'")
    page.keyboard.press("Enter")
    missed = [q.id for number, q in enumerate(questions(), start=1) if number % 2 == 0]
    reopened = page.evaluate("() => [...document.querySelectorAll('.quiz-question fieldset:not(:disabled)')].map(f => f.closest('.quiz-question').id)")
    assert reopened == [f"quiz-{id}" for id in missed]
    assert page.evaluate(FOCUSED_IN, f"#quiz-{missed[0]}")
    total = len(questions())
    assert score(page) == f"Score: {(total + 1) // 2} right of {(total + 1) // 2} answered; {total // 2} of {total} to go."


def test_the_last_result_is_kept_in_this_browser_and_shown_on_return(answered_quiz):
    page, _, _, _ = answered_quiz
    page.reload()
    total = len(questions())
    assert re.match(rf"Your last result in this browser: {(total + 1) // 2} of {total} right, on \d+ \w+ \d{{4}}\.$",
                    page.locator(".quiz-last").inner_text())


def test_without_javascript_the_page_is_an_answer_key(open_page):
    page, _ = open_page(PAGE, java_script_enabled=False)
    for question in questions():
        key = page.locator(f"#quiz-{question.id} .quiz-answer")
        assert key.is_visible(), f"question {question.id}: its answer is hidden without JavaScript"
        assert key.inner_text().startswith(f"Answer: {question.answer}.")
    assert page.locator(".quiz input[type=radio]").count() == 0


def test_the_quiz_runs_from_a_site_file_without_inline_code(built_site):
    html = (built_site.site / PAGE / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "lxml")
    scripts = [s["src"] for s in soup.select("script[src]") if "quiz" in s["src"]]
    assert scripts == ["../../assets/javascripts/quiz.js"]
    quiz = soup.select_one("div.quiz")
    handlers = [f"{tag.name}[{name}]" for tag in quiz.find_all(True) for name in tag.attrs if name.startswith("on")]
    assert handlers == [] and quiz.find("script") is None


def test_the_quiz_script_is_loaded_on_the_self_test_page_only(built_site):
    loaded = sorted(p.relative_to(built_site.site).as_posix() for p in built_site.site.rglob("*.html")
                    if "quiz.js" in p.read_text(encoding="utf-8"))
    assert loaded == [f"{PAGE}index.html"]


def test_printed_self_test_is_an_answer_key(printed):
    text = re.sub(r"\s+", "", "".join(printed(PAGE)))
    missing = [q.id for q in questions() if f"Answer:{q.answer}." not in text]
    assert missing == [], f"the printed self-test lacks the answers to {missing}"
    assert "Checkanswer" not in text and "Score:" not in text


# Bad question data: one line naming the file, the line and the fix, exit 2, no page written.

FIRST = "- id: stop-keeps-files\n"


def break_quiz(repo, old: str, new: str) -> int:
    """Replace `old` (first occurrence) in the scratch copy of quiz.yml; return the line of `new`."""
    path = repo / QUIZ
    text = path.read_text(encoding="utf-8")
    assert old in text, "the test's anchor text is no longer in docs/data/quiz.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


BAD_QUESTIONS = {  # what is wrong: (text in quiz.yml, replaced by, the one line expected; {line} is where)
    "an answer beyond the choices": ("  answer: 2\n", "  answer: 4\n",
                                     "entry 1: 'answer' is 4 but there are 3 choices"),
    "an answer that is not a number": ("  answer: 2\n", '  answer: "2"\n',
                                       r"entry 1: 'answer' must be integer, not str \('2'\); write it as integer"),
    "a repeated id": ("- id: ps-lists-running-only\n", "- id: stop-keeps-files\n",
                      r"entry 2 repeats id 'stop-keeps-files' \(first at line \d+\)"),
    "taught_at naming a missing page": ("  taught_at: revise/conclusion.md\n", "  taught_at: revise/conclusions.md\n",
                                        "entry 12: 'taught_at' names docs/revise/conclusions.md, which does not exist"),
    "taught_at climbing out of docs/": ("  taught_at: revise/conclusion.md\n", "  taught_at: ../docs/index.md\n",
                                        "entry 12: 'taught_at' must be a page path relative to docs/"),
    "a link that is not to a primary source": ("(https://docs.docker.com/reference/cli/docker/container/create/)",
                                               "(javascript:alert%281%29)",
                                               r"entry \d+: 'explanation' links to 'javascript:alert%281%29'; a link must go to"),
}


@pytest.mark.parametrize("problem", BAD_QUESTIONS)
def test_a_bad_question_is_refused_with_its_line_and_the_fix(scratch_repo, problem):
    old, new, expected = BAD_QUESTIONS[problem]
    line = break_quiz(scratch_repo, old, new)
    assert_refused(scratch_repo, rf"^{QUIZ}:{line}: {expected}")


def test_too_many_choices_are_refused(scratch_repo):
    extra = "".join(f"    - Choice {n}.\n" for n in range(4, 7))
    break_quiz(scratch_repo, "    - It is saved into the image the container was made from.\n",
               "    - It is saved into the image the container was made from.\n" + extra)
    assert_refused(scratch_repo, rf"^{QUIZ}:\d+: entry 1: 'choices' has 6 entries; it needs 2 to 5")


def test_a_question_missing_its_explanation_is_refused(scratch_repo):
    path = scratch_repo / QUIZ
    text = path.read_text(encoding="utf-8")
    explanation = re.search(r"^  explanation: .*\n", text, re.M).group(0)
    path.write_text(text.replace(explanation, "", 1), encoding="utf-8")
    assert_refused(scratch_repo, rf"^{QUIZ}:\d+: entry 1: missing field 'explanation'")
