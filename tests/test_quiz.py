"""The self-test in the browser, along every path a student takes (all right, some missed, none
answered, reload at each point, Back, retry, start again, storage that is foreign or corrupt), by
keyboard; its layout at phone and desktop width; a practice sheet without JavaScript and on paper;
its data refused when bad."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from site_tools import site_data
from conftest import kept_in_storage, parsed
from site_pages import DOCS, url_path
from test_accessibility import serious_violations
from test_bad_data import assert_refused

PAGE = "revise/self-test/"
QUIZ = "docs/data/quiz.yml"
FOCUSED_IN = "(selector) => Boolean(document.activeElement && document.activeElement.closest(selector))"
QUESTIONS = site_data.quiz_questions()
TOTAL = len(QUESTIONS)
HALF = TOTAL // 2
# What the page keeps in localStorage, but for Material's own keys (`<site path>.__palette`).
STORED = ("() => Object.fromEntries(Object.keys(localStorage).filter(k => !k.includes('.__'))"
          ".map(k => [k, JSON.parse(localStorage.getItem(k))]))")


def tab_to(page, predicate: str, limit: int = 120) -> None:
    """Press Tab until `predicate` (JS about `el`, the focused element) holds, or fail saying where focus went."""
    for _ in range(limit):
        if page.evaluate(f"() => {{ const el = document.activeElement; return Boolean({predicate}); }}"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {predicate}; focus ended on {page.evaluate('document.activeElement.outerHTML')[:200]}")


def wrong_answer(question: site_data.Question) -> int | str:
    if question.typed:
        return "docker version"
    return 1 if question.answer != 1 else 2


def right_answer(question: site_data.Question) -> int | str:
    return question.accept[0] if question.typed else question.answer


def answer_with_keyboard(page, question: site_data.Question, answer: int | str) -> str:
    """Give `answer` (a 1-based choice, or text to type) with Tab, arrows, Space and typing, check it
    with Enter; return the feedback read out."""
    if question.typed:
        tab_to(page, f"el.matches('#quiz-{question.id} input[type=text]')")
        page.keyboard.type(answer)
        page.keyboard.press("Enter")
    else:
        tab_to(page, f"el.matches('#quiz-{question.id} input[type=radio]')")
        for _ in range(answer - 1):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        tab_to(page, f"el.matches('#quiz-{question.id} button[type=submit]')", limit=3)
        page.keyboard.press("Enter")
    return page.locator(f"#quiz-{question.id} .quiz-feedback").inner_text()


# Choose or type each answer in the page's own controls and press its "Check answer", all in one
# round-trip: quiz.js does the rest as it does for a click. The keyboard is
# test_every_question_is_answered_by_keyboard_...'s; this is for tests about what comes after.
ANSWER_IN_PAGE = """(answers) => Object.fromEntries(answers.map(([id, answer]) => {
    const form = document.querySelector(`#quiz-${id} form`), box = form.querySelector('input[type=text]');
    if (box) { box.value = answer; box.dispatchEvent(new Event('input', { bubbles: true })); }
    else form.querySelector(`input[type=radio][value="${answer}"]`).click();
    form.querySelector('button[type=submit]').click();
    return [id, form.querySelector('.quiz-feedback').innerText];
}))"""


def answer_in_page(page, questions, right) -> dict[str, str]:
    """Answer `questions` by clicking and typing in the page, right where `right(number)` holds
    (numbered from 1 in `questions`); return each one's feedback."""
    answers = [[q.id, str(right_answer(q) if right(number) else wrong_answer(q))]
               for number, q in enumerate(questions, start=1)]
    return page.evaluate(ANSWER_IN_PAGE, answers)


def answer_given(page, question: site_data.Question, answer: int | str) -> str:
    """Give `answer` to `question` in the page's own controls (no Tab walk from the top of the
    page: for tests about what the answer does, not how it is reached); return its feedback."""
    return page.evaluate(ANSWER_IN_PAGE, [[question.id, str(answer)]])[question.id]


def answer_all(page, right) -> dict[str, str]:
    """Answer every question in the page, right where `right(number)` holds; return each one's feedback."""
    return answer_in_page(page, QUESTIONS, right)


def odd(number: int) -> bool:
    return number % 2 == 1


def score(page) -> str:
    return page.locator(".quiz-score").inner_text()


def stored(page) -> dict:
    return page.evaluate(STORED)


def state(page) -> dict:
    """The one thing the quiz keeps in this browser (failing when it keeps none or more than one)."""
    kept = stored(page)
    assert len(kept) == 1, f"the self-test keeps {sorted(kept)} in localStorage; expected one key"
    return next(iter(kept.values()))


def open_answers(page) -> list[str]:
    """Ids of the questions whose form is open for an answer."""
    return page.evaluate("() => [...document.querySelectorAll('.quiz-question')].filter(q => "
                         "!q.querySelector('fieldset').disabled).map(q => q.id.slice(5))")


def open_quiz(open_page, wait_until="load", **options):
    """The self-test once quiz.js has made it live; tests about the requests a visit makes wait
    for the network to fall idle instead (`wait_until="networkidle"`)."""
    page, visit = open_page(PAGE, wait_until=wait_until, **options)
    page.wait_for_selector(".quiz--live")
    return page, visit


@pytest.fixture
def answered_quiz(open_page):
    """(page, feedback): the self-test answered in the page, odd-numbered questions right,
    even-numbered wrong; each question's feedback."""
    page, _ = open_quiz(open_page, color_scheme="light")
    return page, answer_all(page, odd)


# ---- Answering -----------------------------------------------------------------------------

def test_a_student_answers_all_by_keyboard_reloads_half_way_retries_the_missed_and_finds_the_result(open_page):
    """The whole path in one browser, by keyboard (typed questions included): half the
    questions, a reload (the answers are still there), the other half, the score, Retry the
    missed ones (the first two by keyboard, from one reopened question to the next; the rest in
    the page, as the other tests answer to stay fast), then a reload shows the stored result with
    the retry."""
    page, _ = open_quiz(open_page)
    first, rest = list(enumerate(QUESTIONS[:HALF], start=1)), list(enumerate(QUESTIONS[HALF:], start=HALF + 1))
    feedback = {q.id: answer_with_keyboard(page, q, right_answer(q) if odd(n) else wrong_answer(q)) for n, q in first}
    page.reload()
    page.wait_for_selector(".quiz--live")
    assert open_answers(page) == [q.id for _, q in rest], "a reload half-way lost answers the student had given"
    feedback |= {q.id: answer_with_keyboard(page, q, right_answer(q) if odd(n) else wrong_answer(q)) for n, q in rest}
    assert all(feedback[q.id].startswith("Right." if odd(number) else "Not quite")
               for number, q in enumerate(QUESTIONS, start=1)), "a keyboard answer was not checked as given"
    right, missed = (TOTAL + 1) // 2, [q for number, q in enumerate(QUESTIONS, start=1) if not odd(number)]
    assert score(page) == f"Finished: {right} of {TOTAL} right."
    tab_to(page, "el.matches('.quiz-panel button') && el.textContent === 'Retry the ones I missed'", limit=10)
    page.keyboard.press("Enter")
    assert open_answers(page) == [q.id for q in missed], "Retry did not reopen exactly the missed questions"
    for question in missed[:2]:
        answer_with_keyboard(page, question, right_answer(question))
    answer_in_page(page, missed[2:], lambda number: True)
    page.reload()
    page.wait_for_selector(".quiz--live")
    assert re.search(rf"{right} of {TOTAL} right, on .*\. Retried: {len(missed)} of the {len(missed)} missed right",
                     page.locator(".quiz-last").inner_text()), "the stored result (with its retry) is not shown on return"


def test_each_answer_says_right_or_wrong_with_the_explanation_and_where_it_is_taught(answered_quiz):
    page, feedback = answered_quiz
    for number, question in enumerate(QUESTIONS, start=1):
        text = feedback[question.id]
        verdict = "Right." if odd(number) else "Not quite"
        assert text.startswith(verdict), f"question {question.id}: feedback starts {text[:40]!r}, expected {verdict!r}"
        answer = f"Answer: {question.accept[0]}" if question.typed else f"Answer: {question.answer}."
        assert answer in text and "Where it is taught" in text, f"question {question.id}: {text!r}"
        link = page.locator(f"#quiz-{question.id} .quiz-feedback a", has_text="Where it is taught")
        page_file, _, anchor = question.taught_at.partition("#")
        expected = url_path(DOCS / page_file) + (f"#{anchor}" if anchor else "")
        assert link.evaluate("a => a.href").endswith("/" + expected), f"question {question.id}: links to the wrong place"


def test_all_right_finishes_with_full_marks_and_no_retry(open_page):
    page, _ = open_quiz(open_page)
    answer_all(page, lambda number: True)
    assert score(page) == f"Finished: {TOTAL} of {TOTAL} right."
    assert not page.get_by_role("button", name="Retry the ones I missed").is_visible()
    assert state(page)["result"]["right"] == TOTAL


def test_one_missed_offers_a_retry_of_that_question_only(open_page):
    page, _ = open_quiz(open_page)
    answer_all(page, lambda number: number != TOTAL)
    assert score(page) == f"Finished: {TOTAL - 1} of {TOTAL} right."
    page.get_by_role("button", name="Retry the ones I missed").click()
    assert open_answers(page) == [QUESTIONS[-1].id]


def test_with_nothing_answered_nothing_is_kept_and_no_retry_is_offered(open_page):
    page, visit = open_quiz(open_page, wait_until="networkidle")
    assert score(page) == f"Score: 0 right of 0 answered; {TOTAL} of {TOTAL} to go."
    assert not page.get_by_role("button", name="Retry the ones I missed").is_visible()
    assert not page.locator(".quiz-last").is_visible()
    assert stored(page) == {} and visit.console_errors == []


def test_an_empty_answer_is_not_checked(open_page):
    page, _ = open_quiz(open_page)
    typed = next(q for q in QUESTIONS if q.typed)
    page.locator(f"#quiz-{typed.id} button[type=submit]").click()
    assert page.locator(f"#quiz-{typed.id} .quiz-feedback").inner_text() == "Type an answer first."
    assert typed.id in open_answers(page) and stored(page) == {}


def test_enter_in_a_typed_answer_leaves_the_focus_on_its_check_button(open_page):
    """Checking locks the question's fieldset, text box included; the focus must not fall to the
    top of the page with it (a keyboard or screen reader user would lose their place)."""
    page, _ = open_quiz(open_page)
    typed = next(q for q in QUESTIONS if q.typed)
    page.locator(f"#quiz-{typed.id} input[type=text]").focus()
    page.keyboard.type(right_answer(typed))
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED_IN, f"#quiz-{typed.id} button[type=submit]"), (
        f"after Enter in question {typed.id}'s text box the focus went to "
        f"{page.evaluate('document.activeElement.outerHTML')[:120]}, not its Check answer button: "
        "see check() in docs/assets/javascripts/quiz.js")


def test_a_typed_answer_is_matched_by_quiz_js_rules(open_page):
    """The rules themselves are tests/test_quiz_answers.py's; this shows the page uses them."""
    page, _ = open_quiz(open_page)
    question = next(q for q in QUESTIONS if q.id == "list-all-containers")
    assert answer_given(page, question, "Docker container ls  --all").startswith("Right.")


def test_right_and_wrong_are_spoken_by_live_regions_present_and_empty_before(open_page):
    page, _ = open_quiz(open_page)
    regions = page.evaluate("""() => [...document.querySelectorAll('[role=status]')].map(r => {
        r.dataset.presentAtLoad = 'yes'; return r.textContent; })""")
    assert len(regions) == TOTAL + 1, f"{len(regions)} live regions at load; expected one per question and the score's"
    assert set(regions) - {""} == {f"Score: 0 right of 0 answered; {TOTAL} of {TOTAL} to go."}, "a live region spoke at load"
    for question, answer in ((QUESTIONS[0], right_answer(QUESTIONS[0])), (QUESTIONS[1], wrong_answer(QUESTIONS[1]))):
        answer_given(page, question, answer)
        spoken = page.locator(f"#quiz-{question.id} [role=status]")
        assert spoken.inner_text() and spoken.get_attribute("data-present-at-load") == "yes", (
            f"question {question.id}: its verdict went into a live region made after the page loaded")
    assert page.locator(".quiz-score").get_attribute("data-present-at-load") == "yes"


def test_every_question_is_a_fieldset_named_by_its_question(open_page):
    page, _ = open_quiz(open_page)
    for number, question in enumerate(QUESTIONS, start=1):
        fieldset = page.locator(f"#quiz-{question.id} fieldset")
        assert fieldset.locator("legend").inner_text().startswith(f"{number}. ")
        if question.typed:
            assert fieldset.get_by_role("textbox", name="Your answer").count() == 1
        else:
            assert fieldset.locator("input[type=radio]").count() == len(question.choices)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_answered_questions_stay_axe_clean(open_page, scheme):
    # axe-core goes in as an inline script, which the site's Content-Security-Policy rightly blocks.
    page, _ = open_quiz(open_page, color_scheme=scheme, bypass_csp=True)
    typed = next(q for q in QUESTIONS if q.typed)
    for question, answer in ((QUESTIONS[0], right_answer(QUESTIONS[0])), (QUESTIONS[1], wrong_answer(QUESTIONS[1])),
                             (typed, wrong_answer(typed))):
        answer_given(page, question, answer)
    # The quiz only: the rest of the page is test_accessibility.py's.
    assert serious_violations(page, ".quiz") == []


def test_answering_sends_nothing_anywhere(open_page):
    page, visit = open_quiz(open_page, wait_until="networkidle")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    answer_all(page, odd)
    assert requests == [] and visit.foreign_requests == [] and visit.console_errors == []


# ---- Kept across reloads, Back, retry and start again --------------------------------------

def test_a_reload_half_way_keeps_every_answer_and_stores_no_result(open_page):
    page, _ = open_quiz(open_page)
    answer_in_page(page, QUESTIONS[:HALF], odd)
    before = {q.id: page.locator(f"#quiz-{q.id} .quiz-feedback").inner_text() for q in QUESTIONS[:HALF]}
    page.reload()
    page.wait_for_selector(".quiz--live")
    after = {q.id: page.locator(f"#quiz-{q.id} .quiz-feedback").inner_text() for q in QUESTIONS[:HALF]}
    assert after == before
    assert open_answers(page) == [q.id for q in QUESTIONS[HALF:]]
    right = (HALF + 1) // 2
    assert score(page) == f"Score: {right} right of {HALF} answered; {TOTAL - HALF} of {TOTAL} to go."
    assert page.locator(".quiz-progress").inner_text().startswith(f"{HALF} of {TOTAL} answered, {right} right")
    assert state(page)["result"] is None and not page.locator(".quiz-last").is_visible()
    assert not page.get_by_role("button", name="Retry the ones I missed").is_visible()


def test_the_chosen_and_typed_answers_come_back_after_a_reload(open_page):
    page, _ = open_quiz(open_page)
    choice = next(q for q in QUESTIONS if not q.typed)
    typed = next(q for q in QUESTIONS if q.typed)
    answer_given(page, choice, wrong_answer(choice))
    answer_given(page, typed, "docker  version")
    page.reload()
    page.wait_for_selector(".quiz--live")
    assert page.locator(f"#quiz-{choice.id} input:checked").get_attribute("value") == str(wrong_answer(choice))
    assert page.locator(f"#quiz-{typed.id} input[type=text]").input_value() == "docker  version"


def test_back_keeps_the_answers(open_page):
    page, _ = open_quiz(open_page)
    answer_given(page, QUESTIONS[0], right_answer(QUESTIONS[0]))
    page.locator(f"#quiz-{QUESTIONS[0].id} .quiz-feedback a", has_text="Where it is taught").click()
    page.wait_for_load_state()
    page.go_back()
    page.wait_for_selector(".quiz--live")
    assert page.locator(f"#quiz-{QUESTIONS[0].id} .quiz-feedback").inner_text().startswith("Right.")


def test_the_finished_attempt_is_the_stored_result_shown_on_return(answered_quiz):
    page, _ = answered_quiz
    kept = state(page)["result"]
    assert (kept["right"], kept["total"]) == ((TOTAL + 1) // 2, TOTAL)
    assert kept["missed"] == [f"quiz-{q.id}" for number, q in enumerate(QUESTIONS, start=1) if not odd(number)]
    page.reload()
    assert re.match(rf"Your last result in this browser: {(TOTAL + 1) // 2} of {TOTAL} right, on \d+ \w+ \d{{4}}\.$",
                    page.locator(".quiz-last").inner_text())


def test_retry_is_offered_after_a_reload_and_reopens_only_the_missed_questions(answered_quiz):
    page, _ = answered_quiz
    page.reload()
    page.wait_for_selector(".quiz--live")
    # From the last question's check (Tab through all 69 is the keyboard test's), Tab reaches Retry.
    page.locator(f"#quiz-{QUESTIONS[-1].id} button[type=submit]").focus()
    tab_to(page, "el.matches('.quiz-panel button') && el.textContent === 'Retry the ones I missed'", limit=10)
    page.keyboard.press("Enter")
    missed = [q for number, q in enumerate(QUESTIONS, start=1) if not odd(number)]
    assert open_answers(page) == [q.id for q in missed]
    assert page.evaluate(FOCUSED_IN, f"#quiz-{missed[0].id}")
    right = (TOTAL + 1) // 2
    assert score(page) == f"Score: {right} right of {right} answered; {TOTAL // 2} of {TOTAL} to go."


def test_a_finished_retry_is_recorded_as_a_retry_not_as_a_new_score(answered_quiz):
    page, _ = answered_quiz
    page.get_by_role("button", name="Retry the ones I missed").click()
    missed = [q for number, q in enumerate(QUESTIONS, start=1) if not odd(number)]
    answer_in_page(page, missed, lambda number: True)
    kept = state(page)
    assert kept["result"]["right"] == (TOTAL + 1) // 2, "a retry changed the stored result of the finished attempt"
    assert [(r["right"], r["of"]) for r in kept["retries"]] == [(len(missed), len(missed))]
    page.reload()
    assert re.search(rf"{(TOTAL + 1) // 2} of {TOTAL} right, on .*\. Retried: {len(missed)} of the {len(missed)} missed right",
                     page.locator(".quiz-last").inner_text())


def test_a_reload_during_a_retry_keeps_the_retry_going(answered_quiz):
    page, _ = answered_quiz
    page.get_by_role("button", name="Retry the ones I missed").click()
    missed = [q for number, q in enumerate(QUESTIONS, start=1) if not odd(number)]
    answer_given(page, missed[0], right_answer(missed[0]))
    page.reload()
    page.wait_for_selector(".quiz--live")
    assert open_answers(page) == [q.id for q in missed[1:]]
    answer_in_page(page, missed[1:], lambda number: False)
    recorded = [(r["right"], r["of"]) for r in state(page)["retries"]]
    assert recorded == [(1, len(missed))], (f"one retry with 1 of {len(missed)} right was recorded as {recorded} "
                                            "(right, of); quiz.js must store the retry's own answers")


def test_start_again_clears_every_answer_and_what_was_kept(answered_quiz):
    page, _ = answered_quiz
    page.get_by_role("button", name="Start again").click()
    assert open_answers(page) == [q.id for q in QUESTIONS], "Start again left some questions answered"
    assert page.evaluate("""() => [...document.querySelectorAll('.quiz-question')].filter(q =>
        q.querySelector('input:checked') || [...q.querySelectorAll('input[type=text]')].some(i => i.value)
        || q.querySelector('.quiz-feedback').textContent || q.className.includes('--')).map(q => q.id)""") == []
    assert stored(page) == {}, f"Start again left {stored(page)} in localStorage; quiz.js must forget the answers, result and retries"
    assert score(page) == f"Score: 0 right of 0 answered; {TOTAL} of {TOTAL} to go."
    page.reload()
    page.wait_for_selector(".quiz--live")
    assert open_answers(page) == [q.id for q in QUESTIONS] and not page.locator(".quiz-last").is_visible()


def test_the_storage_key_is_this_sites_own(open_page, site_url):
    page, _ = open_quiz(open_page)
    answer_given(page, QUESTIONS[0], right_answer(QUESTIONS[0]))
    assert list(stored(page)) == [f"{urlsplit(site_url).path}self-test"]


def test_another_site_on_the_same_origin_keeps_its_own_answers(open_page, built_site, site_url):
    # The offline worker would answer /other/ itself, out of page.route's reach.
    page, _ = open_quiz(open_page, service_workers="block")
    answer_given(page, QUESTIONS[0], right_answer(QUESTIONS[0]))
    # The same site published at /other/ on the same origin (as user.github.io/other/ would be).
    page.route(f"{site_url}other/**", lambda route: serve_from(built_site.site, "/other/", route))
    page.goto(f"{site_url}other/revise/self-test/")
    page.wait_for_selector(".quiz--live")
    assert open_answers(page) == [q.id for q in QUESTIONS]
    assert sorted(stored(page)) == sorted([f"{urlsplit(site_url).path}self-test"])


def serve_from(site, prefix: str, route) -> None:
    """Answer `route` with the built site's file for its path after `prefix` (a folder's index.html)."""
    file = site / urlsplit(route.request.url).path.removeprefix(prefix)
    file = file / "index.html" if file.is_dir() else file
    route.fulfill(path=file) if file.is_file() else route.fulfill(status=404)


CORRUPT = {
    "not JSON": "{answers: ",
    "JSON but not an object": "[1, 2, 3]",
    "answers of another quiz": json.dumps({"answers": {"quiz-no-such-question": "1", "quiz-stop-keeps-files": "9"}}),
    "answers of the wrong type": json.dumps({"answers": {f"quiz-{QUESTIONS[0].id}": 2, f"quiz-{QUESTIONS[1].id}": ["x"]}}),
    "a result that cannot be": json.dumps({"answers": {}, "result": {"right": 60, "total": 3, "date": "yesterday"}}),
    "retries without a result": json.dumps({"answers": {}, "result": None, "retries": [{"right": 1, "of": 1}], "retrying": ["quiz-x"]}),
}


@pytest.mark.parametrize("kept", CORRUPT.values(), ids=CORRUPT)
def test_foreign_or_corrupt_storage_is_ignored(open_page, site_url, kept):
    page, visit = open_quiz(open_page, storage_state=kept_in_storage(site_url, f"{urlsplit(site_url).path}self-test", kept))
    assert visit.console_errors == [] and open_answers(page) == [q.id for q in QUESTIONS]
    assert not page.locator(".quiz-last").is_visible()
    assert score(page) == f"Score: 0 right of 0 answered; {TOTAL} of {TOTAL} to go."
    assert answer_given(page, QUESTIONS[0], right_answer(QUESTIONS[0])).startswith("Right.")


def test_another_sites_result_under_a_shared_key_is_not_read(open_page, site_url):
    foreign = {"answers": {f"quiz-{q.id}": "1" for q in QUESTIONS}, "right": 1, "total": 2, "date": "2026-01-01T00:00:00Z"}
    page, _ = open_quiz(open_page, storage_state=kept_in_storage(
        site_url, "docker-images-vs-containers/self-test/last-result", json.dumps(foreign)))
    assert open_answers(page) == [q.id for q in QUESTIONS] and not page.locator(".quiz-last").is_visible()


# ---- Layout ----------------------------------------------------------------------------------

CODE_RUNS_ON = """(code) => {
    // What is wrong with the text beside a code span: it must run on from the code, on its line,
    // with no gap (only a line break at a space may part them).
    const span = code.closest('.quiz-choice > span'), spanLeft = span.getBoundingClientRect().left;
    const rectOf = (node, start, end) => { const r = document.createRange(); r.setStart(node, start); r.setEnd(node, end);
                                           return r.getClientRects()[0]; };
    const rects = code.getClientRects(), first = rects[0], last = rects[rects.length - 1];
    const problems = [], before = code.previousSibling, after = code.nextSibling;
    if (before && before.nodeType === 3 && before.length) {
        const r = rectOf(before, before.length - 1, before.length);
        const beside = r && Math.abs(r.bottom - first.bottom) < 4 && Math.abs(first.left - r.right) < 1.5;
        const startsLine = /\\s/.test(before.data.slice(-1)) && first.left - spanLeft < 2;
        if (!beside && !startsLine) problems.push(`text before it ends ${r ? Math.round(first.left - r.right) : '?'} px away`);
    }
    if (after && after.nodeType === 3 && after.length) {
        const r = rectOf(after, 0, 1), space = /\\s/.test(after.data[0]);
        const beside = r ? Math.abs(r.bottom - last.bottom) < 4 && Math.abs(r.left - last.right) < 1.5 : space;
        const wrapsAtSpace = space && r && r.top >= last.bottom - 1;
        if (!beside && !wrapsAtSpace) problems.push(`text after it starts ${r ? Math.round(r.left - last.right) : '?'} px away`);
    }
    if (code.getClientRects().length > 2) problems.push('it breaks into pieces');
    return problems;
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_a_choice_with_code_reads_as_one_line_of_running_text(open_page, width):
    page, _ = open_quiz(open_page, viewport={"width": width, "height": 900})
    # Every code span in one call: a round trip per span was most of this test's time.
    read = page.eval_on_selector_all(".quiz-choice code", f"codes => codes.map(code => [code.closest('label')"
                                                          f".textContent.trim(), ({CODE_RUNS_ON})(code)])")
    assert len(read) >= 10
    problems = {choice: found for choice, found in read if found}
    assert problems == {}, f"at {width} px these choices are not one run of text (see quiz.css .quiz-choice): {problems}"


@pytest.mark.parametrize("width", [390, 1280])
def test_no_hidden_control_is_visible(open_page, width):
    page, _ = open_quiz(open_page, viewport={"width": width, "height": 900})
    shown = page.evaluate("() => [...document.querySelectorAll('article [hidden]')].filter(e => e.getClientRects().length)"
                          ".map(e => e.outerHTML.slice(0, 80))")
    assert shown == []
    assert not page.get_by_role("button", name="Retry the ones I missed").is_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_progress_and_score_stay_in_view_while_answering(open_page, width):
    page, _ = open_quiz(open_page, viewport={"width": width, "height": 700})
    middle = QUESTIONS[TOTAL // 2]
    for question in QUESTIONS[:3]:
        answer_with_keyboard(page, question, right_answer(question))
    page.locator(f"#quiz-{middle.id}").scroll_into_view_if_needed()
    page.locator(f"#quiz-{middle.id} input").first.focus()
    progress = page.locator(".quiz-progress")
    box = progress.bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= 700, f"at {width} px the progress bar is out of view: {box}"
    header = page.locator(".md-header").bounding_box()
    assert box["y"] >= header["y"] + header["height"] - 1, f"at {width} px the header covers the progress bar"
    assert progress.inner_text().startswith(f"3 of {TOTAL} answered, 3 right")


# ---- Without JavaScript, on paper, under the policy ----------------------------------------

def test_without_javascript_the_page_is_a_practice_sheet_with_the_key_at_the_end(open_page):
    page, _ = open_page(PAGE, java_script_enabled=False)
    order = page.evaluate("""() => [...document.querySelectorAll('.quiz-question, .quiz-key')].map(e => e.className)""")
    assert order == ["quiz-question"] * TOTAL + ["quiz-key"], "the answer key must come after the last question"
    for question in QUESTIONS:
        key = page.locator(f"#quiz-{question.id}-answer")
        assert key.is_visible(), f"question {question.id}: its answer is hidden without JavaScript"
        expected = f"Answer: {question.accept[0]}" if question.typed else f"Answer: {question.answer}."
        assert expected in key.inner_text()
        assert "Answer" not in page.locator(f"#quiz-{question.id}").inner_text()
    assert page.locator(".quiz input").count() == 0


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


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_printed_self_test_asks_every_question_before_any_answer(printed):
    pages = [squeeze(text) for text in printed(PAGE)]
    last_question = max(index for index, text in enumerate(pages) if squeeze(QUESTIONS[-1].question.replace("`", ""))[:40] in text)
    key_starts = next(index for index, text in enumerate(pages) if "Answerkey" in text)
    assert key_starts > last_question, "the printed answer key starts on the page of the last question; it needs its own page"
    early = [index + 1 for index, text in enumerate(pages[:key_starts]) if re.search(r"Answer:|Right\.|Notquite", text)]
    assert early == [], f"printed pages {early} show an answer before the answer key"
    assert pages[key_starts].startswith("Answerkey") or re.match(r"^(Page\d+)?Answerkey", pages[key_starts])


def test_each_typed_question_has_a_line_to_write_on(built_site):
    soup = parsed(built_site.site / PAGE / "index.html")
    lines = soup.select(".quiz-question > .quiz-write")
    assert len(lines) == sum(q.typed for q in QUESTIONS), "a typed question has no .quiz-write line; run generate_pages.py"


# ---- Bad question data: one line naming the file, the line and the fix, exit 2, no page written.

FIRST = "- id: stop-keeps-files\n"


def break_quiz(repo, old: str, new: str) -> int:
    """Replace `old` (first occurrence) in the scratch copy of quiz.yml; return the line of `new`."""
    path = repo / QUIZ
    text = path.read_text(encoding="utf-8")
    assert old in text, "the test's anchor text is no longer in docs/data/quiz.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


BAD_QUESTIONS = {  # what is wrong: (text in quiz.yml, replaced by, the one line expected; {line} is where)
    "an answer beyond the choices": ("  answer: 3\n", "  answer: 4\n",
                                     "entry 1: 'answer' is 4 but there are 3 choices"),
    "an answer that is not a number": ("  answer: 3\n", '  answer: "3"\n',
                                       r"entry 1: 'answer' must be integer, not str \('3'\); write it as integer"),
    "a repeated id": ("- id: ps-lists-running-only\n", "- id: stop-keeps-files\n",
                      r"entry 2 repeats id 'stop-keeps-files' \(first at line \d+\)"),
    "taught_at naming a missing page": ("  taught_at: revise/conclusion.md\n", "  taught_at: revise/conclusions.md\n",
                                        r"entry \d+: 'taught_at' names docs/revise/conclusions.md, which does not exist"),
    "taught_at climbing out of docs/": ("  taught_at: revise/conclusion.md\n", "  taught_at: ../docs/index.md\n",
                                        r"entry \d+: 'taught_at' must be a page path relative to docs/"),
    "a link that is not to a primary source": ("(https://docs.docker.com/reference/cli/docker/container/create/)",
                                               "(javascript:alert%281%29)",
                                               r"entry \d+: 'explanation' links to 'javascript:alert%281%29'; a link must go to"),
    "an accepted answer with a backtick": ("    - docker ps -a\n", "    - docker `ps` -a\n",
                                           r"entry \d+: 'accept' .*contains a '`' or '\|'"),
}


@pytest.mark.parametrize("problem", BAD_QUESTIONS)
def test_a_bad_question_is_refused_with_its_line_and_the_fix(scratch_repo, problem):
    old, new, expected = BAD_QUESTIONS[problem]
    line = break_quiz(scratch_repo, old, new)
    assert_refused(scratch_repo, rf"^{QUIZ}:{line}: {expected}")


def test_too_many_choices_are_refused(scratch_repo):
    extra = "".join(f"    - Choice {n}.\n" for n in range(4, 7))
    break_quiz(scratch_repo, "    - No, it stays until the container is removed with `docker rm`.\n",
               "    - No, it stays until the container is removed with `docker rm`.\n" + extra)
    assert_refused(scratch_repo, rf"^{QUIZ}:\d+: entry 1: 'choices' has 6 entries; it needs 3 to 5")


def test_a_question_with_both_choices_and_typed_answers_is_refused(scratch_repo):
    break_quiz(scratch_repo, "  answer: 3\n", "  answer: 3\n  accept:\n    - docker stop\n")
    line = break_quiz(scratch_repo, FIRST, FIRST)
    assert_refused(scratch_repo, rf"^{QUIZ}:{line}: entry 1: give either 'choices' with 'answer' \(multiple choice\) "
                                 r"or 'accept' \(a typed answer\), not both")


def test_a_question_missing_its_explanation_is_refused(scratch_repo):
    path = scratch_repo / QUIZ
    text = path.read_text(encoding="utf-8")
    explanation = re.search(r"^  explanation: .*\n", text, re.M).group(0)
    path.write_text(text.replace(explanation, "", 1), encoding="utf-8")
    assert_refused(scratch_repo, rf"^{QUIZ}:\d+: entry 1: missing field 'explanation'")
