"""The printable flashcards: every card, a page of fronts then a page of mirrored backs per sheet,
each answer behind its question when printed double-sided (long-edge flip) on A4 and US Letter."""

from __future__ import annotations

import math
import re

import pytest
from pypdf import PdfReader

from site_tools import print_pdf
from site_tools import renderings
from site_tools import site_data
from conftest import looking_tab, parsed

PAGE = "revise/flashcards/"
LABEL = re.compile(r"Card (\d+)")
PER_SHEET = renderings.CARD_COLUMNS * renderings.CARD_ROWS


def cards() -> list[tuple[str, str]]:
    return [(card.front, card.back) for card in renderings.flashcards(site_data.flashcard_sources())]


@pytest.fixture(scope="module")
def printed_cards(chromium, site_url, tmp_path_factory):
    """printed_cards(paper) -> (page width, [{card number: (x, y) of its label} for each PDF page]).

    Printed in the dark palette, as a reader with a dark screen prints it.
    """
    folder = tmp_path_factory.mktemp("flashcards")
    cache = {}

    def _print(paper: str):
        if paper not in cache:
            tab = looking_tab(chromium, color_scheme="dark")
            pdf = print_pdf.print_to_pdf(tab, site_url + PAGE, folder / f"{paper}.pdf", paper)
            tab.context.close()
            reader = PdfReader(pdf)
            pages = []
            for page in reader.pages:
                labels = {}

                def visit(text, cm, tm, font, size, labels=labels):
                    match = LABEL.fullmatch(text.strip())
                    if match:
                        labels[int(match.group(1))] = (tm[4] * cm[0] + tm[5] * cm[2] + cm[4],
                                                       tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

                page.extract_text(visitor_text=visit)
                pages.append(labels)
            cache[paper] = (float(reader.pages[0].mediabox.width), pages)
        return cache[paper]

    return _print


def test_every_comparison_side_and_glossary_term_is_a_card_with_its_answer(built_site):
    soup = parsed(built_site.site / PAGE / "index.html")

    def side(name):
        return {int(LABEL.search(card.get_text()).group(1)): card.select_one(".flashcard__text").get_text()
                for card in soup.select(f".flashcard-sheet--{name} .flashcard:not(.flashcard--blank)")}

    expected = {number: (renderings.plain(front), renderings.plain(back)) for number, (front, back) in enumerate(cards(), start=1)}
    fronts, backs = side("front"), side("back")
    assert {n: (fronts.get(n), backs.get(n)) for n in expected} == expected


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_each_sheet_prints_as_one_page_of_fronts_and_one_of_backs(printed_cards, paper):
    _, pages = printed_cards(paper)
    sheets = math.ceil(len(cards()) / PER_SHEET)
    assert len(pages) == 2 * sheets, f"{paper}: {len(pages)} pages for {sheets} sheets"
    for sheet in range(sheets):
        numbers = set(range(sheet * PER_SHEET + 1, min((sheet + 1) * PER_SHEET, len(cards())) + 1))
        assert set(pages[2 * sheet]) == numbers and set(pages[2 * sheet + 1]) == numbers, f"{paper}: sheet {sheet + 1}"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_each_back_lines_up_behind_its_front_with_a_long_edge_flip(printed_cards, paper):
    """A long-edge flip mirrors a page left to right: a label starting at x on the front must
    start at width - x - (label width) on the back, at the same height. So front x + back x is
    the page width less one label's width (under 40 pt), the same for every card."""
    width, pages = printed_cards(paper)
    sums = {}
    for front, back in zip(pages[0::2], pages[1::2]):
        for number, (x, y) in front.items():
            back_x, back_y = back[number]
            assert abs(y - back_y) < 1, f"{paper}: card {number} is {abs(y - back_y):.1f} pt higher or lower on the back"
            sums.setdefault(len(str(number)), []).append(x + back_x)
    for digits, values in sums.items():
        assert max(values) - min(values) < 1, f"{paper}: the backs of {digits}-digit cards are not mirrored alike: {values}"
        assert 0 < width - values[0] < 40, f"{paper}: backs are not mirrored across the page's centre"


def test_the_dark_palette_prints_the_cards_dark_on_white(open_page):
    page, _ = open_page(PAGE, color_scheme="dark")
    page.emulate_media(media="print", color_scheme="dark")
    background, text = page.evaluate("""() => [getComputedStyle(document.body).backgroundColor,
        getComputedStyle(document.querySelector('.flashcard__text')).color]""")
    assert background == "rgb(255, 255, 255)"
    assert re.match(r"rgba?\(0, 0, 0", text), f"card text prints in {text}"
