"""The flashcards on screen (docs/assets/javascripts/flashcards.js): one card at a time on a phone,
flipped by tap, click, Space or Enter, graded into Leitner boxes kept in localStorage, with the
number of cards due today; and without JavaScript, a readable list of questions and answers."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import ROOT, kept_in_storage
from test_accessibility import serious_violations, tab_until

PAGE = "revise/flashcards/"
PHONE = {"width": 390, "height": 844}
STORAGE_KEY = "docker-images-vs-containers/flashcards/boxes"
# The first two cards, written out here (not read from the data): the comparison's first row.
FIRST_QUESTION = "What is a Docker image?"
FIRST_ANSWER = "A static, read-only template with the instructions for creating a container"
SECOND_QUESTION = "What is a Docker container?"
MONDAY = "2026-03-02T10:00:00"


def _entries(file: str, key: str) -> list:
    return yaml.safe_load((ROOT / "docs/data" / file).read_text(encoding="utf-8"))[key]


# Two cards per comparison row (image, container) and one per glossary term, counted in the YAML.
TOTAL = 2 * len(_entries("comparison.yml", "rows")) + len(_entries("glossary.yml", "terms"))


@pytest.fixture
def phone(open_page):
    """The flashcards page on a phone, its clock fixed on a Monday morning from its first script;
    loaded (wait_until="networkidle" to wait for every request it makes)."""
    def _open(wait_until="load", **options):
        return open_page(PAGE, wait_until, before_load=lambda page: page.clock.set_fixed_time(MONDAY),
                         viewport=PHONE, has_touch=True, is_mobile=True, **options)
    return _open


def shown_card(page) -> str:
    return page.locator(".flashdeck-card__text").inner_text().strip()


def due_line(page) -> str:
    return page.locator(".flashdeck-due").inner_text()


def test_a_tap_on_the_card_shows_its_answer_and_another_shows_the_question_again(phone):
    page, _ = phone()
    assert shown_card(page) == FIRST_QUESTION
    page.locator(".flashdeck-card").tap()
    assert shown_card(page) == FIRST_ANSWER
    page.locator(".flashdeck-card").tap()
    assert shown_card(page) == FIRST_QUESTION


def test_the_page_shows_one_card_and_no_list_of_cards(phone):
    page, _ = phone()
    assert page.locator(".flashdeck-card").count() == 1
    assert not page.locator(".flashdeck").is_visible(), "the list of every card shows beside the one-card view"
    assert not page.locator(".flashcard-sheet").first.is_visible(), "the print sheets show on screen"


def test_the_grade_buttons_show_only_once_the_card_is_flipped(phone):
    page, _ = phone()
    grades = page.get_by_role("button", name="I knew it")
    assert not grades.is_visible(), "'I knew it' shows before the answer"
    page.locator(".flashdeck-card").click()
    assert grades.is_visible() and page.get_by_role("button", name="Not yet").is_visible()


def test_every_card_is_due_on_a_first_visit(phone):
    page, _ = phone()
    assert due_line(page) == f"{TOTAL} cards due today, of {TOTAL}."


def test_grades_are_kept_in_boxes_across_a_reload(phone):
    page, _ = phone()
    page.locator(".flashdeck-card").tap()
    page.get_by_role("button", name="I knew it").tap()
    page.locator(".flashdeck-card").tap()
    page.get_by_role("button", name="Not yet").tap()
    page.reload()
    stored = page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})")
    assert stored is not None, f"nothing kept under {STORAGE_KEY!r}: flashcards.js must keep its boxes under this site's own key"
    boxes = json.loads(stored)
    assert boxes == {"comparison/nature/image": {"box": 2, "due": "2026-03-04"},
                     "comparison/nature/container": {"box": 1, "due": "2026-03-02"}}
    assert due_line(page) == f"{TOTAL - 1} cards due today, of {TOTAL}."
    assert shown_card(page) == SECOND_QUESTION, "the card just known is shown again today"
    assert f"box 1: {TOTAL - 1}, box 2: 1" in page.locator(".flashdeck-tally").inner_text()


# Flip the shown card and press "I knew it", `times` times, in the page's own controls in one
# round trip: flashcards.js does what it does for a click (the clicks themselves are tested above).
FLIP_AND_KNOW = """(times) => { for (let i = 0; i < times; i++) {
    document.querySelector('.flashdeck-card').click();
    document.querySelector('.flashdeck-grades .md-button--primary').click(); } }"""


def test_a_card_not_known_comes_back_in_the_same_session(phone):
    page, _ = phone()
    page.locator(".flashdeck-card").click()
    page.get_by_role("button", name="Not yet").click()
    page.evaluate(FLIP_AND_KNOW, TOTAL - 1)
    assert shown_card(page) == FIRST_QUESTION
    assert due_line(page) == f"1 card due today, of {TOTAL}."


def test_a_known_card_is_due_again_when_its_box_comes_round(phone):
    page, _ = phone()
    page.locator(".flashdeck-card").click()
    page.get_by_role("button", name="I knew it").click()
    page.clock.set_fixed_time("2026-03-03T10:00:00")
    page.reload()
    assert due_line(page) == f"{TOTAL - 1} cards due today, of {TOTAL}.", "a box 2 card came back after one day"
    page.clock.set_fixed_time("2026-03-04T10:00:00")
    page.reload()
    assert due_line(page) == f"{TOTAL} cards due today, of {TOTAL}.", "a box 2 card is not due after two days"


def test_a_known_card_stays_in_the_last_box_and_one_not_known_goes_back_to_box_1(phone, site_url):
    """Box 5 is the last: knowing a card there keeps it there, due in 16 days; "Not yet" on a card in
    box 3 sends it back to box 1, due today (not down one box)."""
    kept = {"comparison/nature/image": {"box": 5, "due": "2026-03-02"},
            "comparison/nature/container": {"box": 3, "due": "2026-03-02"}}
    page, _ = phone(storage_state=kept_in_storage(site_url, STORAGE_KEY, json.dumps(kept)))
    for grade in ("I knew it", "Not yet"):
        page.locator(".flashdeck-card").click()
        page.get_by_role("button", name=grade).click()
    boxes = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})"))
    assert boxes == {"comparison/nature/image": {"box": 5, "due": "2026-03-18"},
                     "comparison/nature/container": {"box": 1, "due": "2026-03-02"}}, (
        f"flashcards.js grade(): box 5 known must stay box 5 due in 16 days, 'Not yet' must go to box 1 due today; stored {boxes}")


def test_space_and_enter_flip_the_card_and_grading_moves_focus_to_the_next(phone):
    page, _ = phone()
    assert tab_until(page, "el.matches('.flashdeck-card')"), "80 presses of Tab never reached the card"
    page.keyboard.press("Space")
    assert shown_card(page) == FIRST_ANSWER
    page.keyboard.press("Enter")
    assert shown_card(page) == FIRST_QUESTION
    page.keyboard.press("Enter")
    assert tab_until(page, "el.textContent === 'I knew it'", limit=3), "Tab from the flipped card does not reach 'I knew it'"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.matches('.flashdeck-card')"), "focus is lost after grading"
    assert shown_card(page) == SECOND_QUESTION


def test_a_live_region_announces_the_answer_the_new_box_and_the_due_count(phone):
    page, _ = phone()
    live = page.locator(".flashdeck-view [role=status]")
    page.locator(".flashdeck-card").click()
    assert live.inner_text() == f"Answer: {FIRST_ANSWER}"
    page.get_by_role("button", name="I knew it").click()
    assert live.inner_text().startswith("Known: box 2, next on Wednesday")
    assert f"{TOTAL - 1} cards due today, of {TOTAL}." in live.inner_text() and SECOND_QUESTION in live.inner_text()


def test_the_page_makes_no_request_to_another_origin_and_logs_no_error(phone):
    page, visit = phone(wait_until="networkidle")
    page.locator(".flashdeck-card").click()
    page.get_by_role("button", name="I knew it").click()
    assert visit.foreign_requests == [] and visit.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_on_a_flipped_card(phone, scheme):
    page, _ = phone(color_scheme=scheme, bypass_csp=True)
    page.locator(".flashdeck-card").click()
    violations = serious_violations(page)
    assert violations == [], f"flipped card ({scheme} palette):\n" + "\n".join(violations)


def test_without_javascript_each_question_opens_to_its_answer_and_no_print_sheet_shows(open_page):
    page, _ = open_page(PAGE, viewport=PHONE, java_script_enabled=False)
    first = page.locator(".flashdeck__card").first
    assert page.locator(".flashdeck__card summary").count() == TOTAL
    assert first.locator("summary").inner_text().strip() == f"1. {FIRST_QUESTION}"
    assert not first.get_by_text(FIRST_ANSWER).is_visible(), "the answer shows before its question is opened"
    first.locator("summary").click()
    assert first.get_by_text(FIRST_ANSWER).is_visible()
    assert not page.locator(".flashcard-sheet").first.is_visible(), "the print sheets show on screen"


# What another script, an older version or a hand edit may have left under the flashcards' key.
CORRUPT_BOXES = {
    "not JSON": "{boxes",
    "null": "null",
    "a list": "[1, 2]",
    "a string": '"box 5"',
    "a number per card": '{"comparison/nature/image": 7}',
    "a box out of range and no date": '{"comparison/nature/image": {"box": 9, "due": "later"}}',
}


def set_stored(page, text: str | None) -> None:
    page.evaluate("([key, text]) => text === null ? localStorage.removeItem(key) : localStorage.setItem(key, text)",
                  [STORAGE_KEY, text])
    page.reload()


def test_the_live_region_is_there_and_silent_before_anything_is_said(phone):
    page, _ = phone()
    live = page.locator(".flashdeck-view [role=status]")
    assert live.count() == 1, "flashcards.js creates no role=status region, or creates it late"
    assert live.inner_text() == "", f"the live region speaks before the student does anything: {live.inner_text()!r}"


def test_foreign_or_corrupt_storage_leaves_every_card_due_in_box_1(phone):
    page, _ = phone()
    wrong = []
    for name, text in CORRUPT_BOXES.items():
        set_stored(page, text)
        if due_line(page) != f"{TOTAL} cards due today, of {TOTAL}." or shown_card(page) != FIRST_QUESTION:
            wrong.append(f"{name} ({text}): {due_line(page)!r}, showing {shown_card(page)!r}")
        elif f"box 1: {TOTAL}," not in page.locator(".flashdeck-tally").inner_text():
            wrong.append(f"{name} ({text}): {page.locator('.flashdeck-tally').inner_text()!r}")
    assert wrong == [], ("flashcards.js (load, isDue, boxOf) trusted what it found under its storage key; every card "
                         "should be due, in box 1: " + "; ".join(wrong))


def all_known_until(page, day: str) -> None:
    """Store every card of the page as known, in box 3, due again on `day`."""
    ids = page.evaluate("[...document.querySelectorAll('.flashdeck__card')].map(card => card.dataset.card)")
    set_stored(page, json.dumps({card: {"box": 3, "due": day} for card in ids}))


def test_with_every_card_known_the_day_is_done_and_practising_all_shows_every_card(phone):
    page, _ = phone()
    all_known_until(page, "2026-03-06")
    assert due_line(page) == "No cards due today."
    done = page.locator(".flashdeck-done").inner_text()
    assert re.fullmatch(r"Done for today\. The next card is due on Friday, (6 March|March 6)\.", done), done
    assert not page.locator(".flashdeck-card").is_visible(), "a card shows although none is due"
    page.get_by_role("button", name="Practise all cards anyway").click()
    assert page.locator(".flashdeck-card").is_visible() and shown_card(page) == FIRST_QUESTION, \
        "'Practise all cards anyway' did not put every card back, starting with the first"
    assert page.locator(".flashdeck-view [role=status]").inner_text() == f"All {TOTAL} cards. Question: {FIRST_QUESTION}"
    page.locator(".flashdeck-card").click()
    page.get_by_role("button", name="I knew it").click()
    assert json.loads(page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})"))["comparison/nature/image"] == \
        {"box": 4, "due": "2026-03-10"}, "practising a card not due moved it wrongly"


def test_forget_my_progress_asks_first_and_then_puts_every_card_back_in_box_1(phone):
    page, _ = phone()
    all_known_until(page, "2026-03-06")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Forget my progress").click()
    assert due_line(page) == "No cards due today.", "dismissing the question forgot the progress all the same"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Forget my progress").click()
    assert due_line(page) == f"{TOTAL} cards due today, of {TOTAL}."
    assert f"box 1: {TOTAL}," in page.locator(".flashdeck-tally").inner_text()
    kept = page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})")
    assert kept == "{}", f"'Forget my progress' left the stored boxes {str(kept)[:80]}...: flashcards.js must save() after clearing"
    page.reload()
    assert due_line(page) == f"{TOTAL} cards due today, of {TOTAL}.", "the forgotten progress came back after a reload"
