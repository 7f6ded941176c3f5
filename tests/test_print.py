"""Printing: every page prints as clean revision notes; the sheet fits one page; the pack is whole.

Pages are printed to PDF by Chromium (as a reader's browser prints them) and read back.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

import print_pdf
import site_data
from conftest import ROOT
from site_pages import DOCS, diagram_page_paths, markdown_for, nav_pages, page_paths

CHROME_TEXT = ("Table of contents", "Skip to content", "Made with", "Previous", "example/docker-images-vs-containers",
               "Switch to dark mode", "Back to top")
MERMAID_SOURCE = ("flowchart", "stateDiagram", "-->", "accTitle", "accDescr")
LABEL = re.compile(r'\["([^"]+)"\]|\[\("([^"]+)"\)\]')


def squeeze(text: str) -> str:
    """Text with all white space removed, so words wrapped across PDF lines still match."""
    return re.sub(r"\s+", "", text)


def diagram_labels(markdown: str) -> list[str]:
    """The node labels of every diagram a page shows (its own and those it includes)."""
    sources = [markdown] + [(ROOT / "includes" / name).read_text(encoding="utf-8")
                            for name in re.findall(r'--8<-- "([^"]+)"', markdown)]
    labels = []
    for source in sources:
        for block in re.findall(r"```mermaid\n(.*?)```", source, re.DOTALL):
            labels += [a or b for a, b in LABEL.findall(block)]
            if block.lstrip().startswith("stateDiagram"):  # states, less the unlabelled join/fork bars
                bars = set(re.findall(r"^\s*state (\w+) (?:\[\[|<<)(?:join|fork|choice)", block, re.M))
                labels += [name for name in re.findall(r"^\s*(\w+) -->", block, re.M) if name not in bars]
    return labels


def title_of(markdown_file: str) -> str:
    return re.search(r"^# (.+)$", (DOCS / markdown_file).read_text(encoding="utf-8"), re.M).group(1)


@pytest.mark.parametrize("path", page_paths())
def test_printed_page_has_only_the_content(printed, path):
    text = "\n".join(printed(path))
    assert [chrome for chrome in CHROME_TEXT if chrome in text] == []


@pytest.mark.parametrize("path", page_paths())
def test_printed_page_shows_no_mermaid_source(printed, path):
    text = "\n".join(printed(path))
    assert [source for source in MERMAID_SOURCE if source in text] == []


@pytest.mark.parametrize("path", [p for p in diagram_page_paths() if p != "print_page/"])
def test_printed_diagrams_are_drawn_with_their_labels(printed, path):
    labels = diagram_labels(markdown_for(path).read_text(encoding="utf-8"))
    text = squeeze("".join(printed(path)))
    assert labels and [label for label in labels if squeeze(label) not in text] == []


ONLY_DIAGRAMS, NO_DIAGRAMS = print_pdf.ONLY_DIAGRAMS, print_pdf.NO_DIAGRAMS
MIN_DIAGRAM_LABEL_PT = 7
MIN_SHEET_TEXT_PT = 8


@pytest.fixture(scope="session")
def printed_texts(chromium, site_url, tmp_path_factory):
    """printed_texts(path, paper, style) -> the PDF's texts with their sizes, printed with extra CSS."""
    folder = tmp_path_factory.mktemp("pdf-parts")
    cache: dict = {}

    def _print(path: str, paper: str, style: str) -> list[print_pdf.PrintedText]:
        key = (path, paper, style)
        if key not in cache:
            context = chromium.new_context()
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(site_url) else r.abort())
            target = folder / f"{len(cache)}.pdf"
            print_pdf.print_to_pdf(context.new_page(), site_url + path, target, paper, style=style)
            context.close()
            cache[key] = print_pdf.printed_texts(target)
        return cache[key]

    return _print


@pytest.mark.parametrize("path", diagram_page_paths())
def test_printed_diagram_labels_are_at_least_7_pt(printed_texts, path):
    labels = printed_texts(path, "A4", ONLY_DIAGRAMS)
    small = sorted({(t.text, round(t.size_pt, 1)) for t in labels if t.size_pt < MIN_DIAGRAM_LABEL_PT})
    assert labels and small == [], (f"/{path} prints diagram labels under {MIN_DIAGRAM_LABEL_PT} pt: {small[:5]}; "
                                    "make the diagram narrower (fewer nodes side by side, shorter labels)")


@pytest.mark.parametrize("path", diagram_page_paths())
def test_printed_diagrams_stay_inside_the_page_width(printed_texts, path):
    outside = [t.text for t in printed_texts(path, "A4", ONLY_DIAGRAMS) if not 0 <= t.x_pt < t.page_width_pt]
    assert outside == [], f"/{path}: diagram labels printed outside the A4 page: {outside[:5]}"


def test_revision_sheet_prints_its_other_text_at_8_pt_or_more(printed_texts):
    texts = printed_texts("revise/revision-sheet/", "A4", NO_DIAGRAMS)
    small = sorted({(t.text, round(t.size_pt, 1)) for t in texts if t.size_pt < MIN_SHEET_TEXT_PT})
    assert texts and small == [], (f"the revision sheet prints text under {MIN_SHEET_TEXT_PT} pt: {small[:5]}; "
                                   "see its rules in docs/assets/stylesheets/print.css")


def printed_row(row) -> str:
    return squeeze(row.image.replace("`", "")) + squeeze(row.container.replace("`", ""))


def test_comparison_table_header_repeats_on_every_printed_page_it_spans(printed):
    rows = site_data.comparison_rows()
    pages = [squeeze(page) for page in printed("revise/comparison/")]
    spanned = [page for page in pages if any(squeeze(row.container.replace("`", "")) in page for row in rows)]
    assert len(spanned) >= 2, "the table no longer spans two pages; this test needs a longer table or a smaller page"
    assert all(squeeze("Feature Docker image Docker container") in page for page in spanned)


def test_no_comparison_row_is_split_across_printed_pages(printed):
    pages = [squeeze(page) for page in printed("revise/comparison/")]
    split = [row.feature for row in site_data.comparison_rows() if not any(printed_row(row) in page for page in pages)]
    assert split == []


def test_printed_self_test_shows_every_answer(printed, built_site):
    soup = BeautifulSoup((built_site.site / "revise/self-test/index.html").read_text(encoding="utf-8"), "lxml")
    answers = [details.select_one("p").get_text() for details in soup.select("details.question")]
    text = squeeze("".join(printed("revise/self-test/")))
    assert len(answers) >= 8 and [a for a in answers if squeeze(a) not in text] == []


def test_external_links_print_with_their_address(printed):
    text = squeeze("".join(printed("basics/container/")))
    assert "<https://docs.docker.com/reference/cli/docker/container/ls/>" in text


def test_no_printed_page_ends_with_a_heading(printed, built_site):
    for path in ("revise/comparison/", "revise/self-test/", "print_page/"):
        soup = BeautifulSoup((built_site.site / path / "index.html").read_text(encoding="utf-8"), "lxml")
        headings = {" ".join(h.get_text().split()) for h in soup.select("article h1, article h2, article h3")}
        for number, page in enumerate(printed(path)[:-1], start=1):
            lines = [line.strip() for line in page.splitlines() if line.strip() and not re.fullmatch(r"Page \d+", line.strip())]
            assert lines[-1] not in headings, f"/{path} page {number} ends with the heading {lines[-1]!r}"


def test_dark_palette_prints_dark_text_on_white_paper(open_page):
    page, _ = open_page("basics/image/", color_scheme="dark")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.emulate_media(media="print", color_scheme="dark")
    background, text = page.evaluate("""() => [getComputedStyle(document.body).backgroundColor,
        getComputedStyle(document.querySelector('article p')).color]""")
    assert background == "rgb(255, 255, 255)"
    assert text.startswith("rgba(0, 0, 0") or text.startswith("rgb(0, 0, 0")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_revision_sheet_prints_on_exactly_one_page(printed, paper):
    assert len(printed("revise/revision-sheet/", paper)) == 1


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_long_page_prints_whole_on_a4_and_us_letter(printed, paper):
    text = squeeze("".join(printed("revise/comparison/", paper)))
    rows = site_data.comparison_rows()
    assert len(printed("revise/comparison/", paper)) >= 2
    assert [row.feature for row in rows if printed_row(row) not in text] == []


def test_revision_pack_holds_every_page_title_in_reading_order(printed):
    text = squeeze("".join(printed("print_page/")))
    titles = [squeeze(title_of(page)) for page in nav_pages()]
    position = text.find(titles[0])
    assert position >= 0, "the pack has no home page"
    for title in titles[1:]:
        found = text.find(title, position + 1)
        assert found > position, f"{title!r} is missing from the revision pack or out of order"
        position = found


def test_build_pdfs_makes_both_pdfs_and_links_them(tmp_path):
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "scripts/build_pdfs.py", "--site-dir", str(site)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "pdf/revision-sheet.pdf").stat().st_size > 10_000
    assert (site / "pdf/revision-pack.pdf").stat().st_size > 100_000
    sheet = (site / "revise/revision-sheet/index.html").read_text(encoding="utf-8")
    assert 'href="../../pdf/revision-sheet.pdf"' in sheet and 'href="../../pdf/revision-pack.pdf"' in sheet
