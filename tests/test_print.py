"""Printing: every page prints as clean revision notes; the sheet fits one page; the pack is whole.

Pages are printed to PDF by Chromium (as a reader's browser prints them) and read back.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys

import pytest
from mkdocs.utils.meta import get_data
from pypdf import PdfReader

from site_tools import diagram_pages
from site_tools import print_pdf
from site_tools import renderings
from site_tools import site_data
from command_failure import failed
from conftest import PAGE_NUMBER, ROOT, parsed
from site_pages import DOCS, diagram_page_paths, markdown_for, pack_pages, page_paths

CHROME_TEXT = ("Table of contents", "Skip to content", "Made with", "Previous", "example/docker-images-vs-containers",
               "Switch to dark mode", "Back to top")
MERMAID_SOURCE = ("flowchart", "stateDiagram", "-->", "accTitle", "accDescr")
LABEL = re.compile(r'\["([^"]+)"\]|\[\("([^"]+)"\)\]')


def squeeze(text: str) -> str:
    """Text with all white space removed, so words wrapped across PDF lines still match."""
    return re.sub(r"\s+", "", text)


def with_note_numbers(element):
    """A copy of `element` with each external link's source-note number after its text, as paper
    prints it (print.css: `a[data-source-note]::after`); the page's parse is shared (conftest's
    `parsed`), so `element` itself is left as it is."""
    element = copy.copy(element)
    for link in element.select("a[data-source-note]"):
        link.append(link["data-source-note"])
    return element


def diagram_labels(markdown: str) -> list[str]:
    """The node labels of every diagram a page shows (its own and those it includes)."""
    sources = [markdown] + [(ROOT / "includes" / name).read_text(encoding="utf-8")
                            for name in re.findall(r'--8<-- "([^"]+)"', markdown)]
    labels = []
    for source in sources:
        for block in re.findall(r"```mermaid\n(.*?)```", source, re.DOTALL):
            block = diagram_pages.FRONT_MATTER.sub("", block)  # the lifecycle's layout setting
            labels += [a or b for a, b in LABEL.findall(block)]
            if block.lstrip().startswith("stateDiagram"):  # states, less the unlabelled join/fork bars
                bars = set(re.findall(r"^\s*state (\w+) (?:\[\[|<<)(?:join|fork|choice)", block, re.M))
                labels += [name for name in re.findall(r"^\s*(\w+) -->", block, re.M) if name not in bars]
            if block.lstrip().startswith("sequenceDiagram"):  # participants' names and the messages
                labels += re.findall(r"^\s*participant \w+ as (.+)$", block, re.M)
                labels += re.findall(r"^\s*\w+\s*-{1,2}>>?\s*\w+\s*:\s*(.+)$", block, re.M)
    return labels


def title_of(markdown_file: str) -> str:
    """The page's first heading as printed: after its front matter (which may hold YAML comments),
    without the backticks of its code spans."""
    body, _ = get_data((DOCS / markdown_file).read_text(encoding="utf-8"))
    return re.search(r"^# (.+)$", body, re.M).group(1).replace("`", "")


@pytest.mark.parametrize("path", page_paths())
def test_printed_page_has_only_the_content(printed, path):
    text = "\n".join(printed(path))
    shown = [chrome for chrome in CHROME_TEXT if chrome in text]
    assert shown == [], f"/{path} prints the site's navigation {shown}; hide it in docs/assets/stylesheets/print.css"


def test_the_breadcrumb_is_not_printed(open_page):
    """Material hides the breadcrumb from print only in some versions; print.css hides it here."""
    page, _ = open_page("basics/image/", wait_until="load")
    page.emulate_media(media="print")
    shown = page.evaluate("() => [...document.querySelectorAll('.md-path')].filter(n => getComputedStyle(n).display !== 'none').length")
    assert shown == 0, "the breadcrumb (.md-path) prints on paper: hide it in docs/assets/stylesheets/print.css"


@pytest.mark.parametrize("path", page_paths())
def test_printed_page_shows_no_mermaid_source(printed, path):
    text = "\n".join(printed(path))
    shown = [source for source in MERMAID_SOURCE if source in text]
    assert shown == [], f"/{path} prints Mermaid source {shown} instead of a drawn diagram; see scripts/site_tools/print_pdf.py"


@pytest.mark.parametrize("path", [p for p in diagram_page_paths() if p != "print_page/"])
def test_printed_diagrams_are_drawn_with_their_labels(printed, path):
    labels = diagram_labels(markdown_for(path).read_text(encoding="utf-8"))
    text = squeeze("".join(printed(path)))
    missing = [label for label in labels if squeeze(label) not in text]
    assert labels and missing == [], f"/{path}: printed without these diagram labels (a diagram not drawn or cut): {missing}"


ONLY_DIAGRAMS, NO_DIAGRAMS = print_pdf.ONLY_DIAGRAMS, print_pdf.NO_DIAGRAMS
MIN_DIAGRAM_LABEL_PT = 7
MIN_SHEET_TEXT_PT = 8


@pytest.fixture(scope="session")
def printed_texts(print_tab, site_url, tmp_path_factory):
    """printed_texts(path, paper, style) -> the PDF's texts with their sizes, printed with extra CSS."""
    folder = tmp_path_factory.mktemp("pdf-parts")
    cache: dict = {}

    def _print(path: str, paper: str, style: str) -> list[print_pdf.PrintedText]:
        key = (path, paper, style)
        if key not in cache:
            target = folder / f"{len(cache)}.pdf"
            print_pdf.print_to_pdf(print_tab(), site_url + path, target, paper, style=style)
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
    spanned = [number for number, page in enumerate(pages, start=1)
               if any(squeeze(row.container.replace("`", "")) in page for row in rows)]
    assert len(spanned) >= 2, "the table no longer spans two pages; this test needs a longer table or a smaller page"
    header = squeeze(" ".join(renderings.HEADER))
    without = [number for number in spanned if header not in pages[number - 1]]
    assert without == [], (f"/revise/comparison/ printed pages {without} show table rows without the header "
                           f"{renderings.HEADER}; the header must repeat (a <thead> the browser repeats: do not "
                           "change the table's or thead's display in print)")


def test_a_table_row_or_list_item_at_a_page_break_moves_whole_to_the_next_page(chromium, tmp_path):
    """Today's pages happen to have no row at a page break, so this prints long ones under print.css."""
    from site_tools import print_pdf
    from pypdf import PdfReader

    filler = "words that fill the line " * 50
    rows = "".join(f"<tr><td>row{n}start {filler} row{n}end</td></tr>" for n in range(12))
    items = "".join(f"<li>item{n}start {filler} item{n}end</li>" for n in range(12))
    css = (ROOT / "docs/assets/stylesheets/print.css").as_uri()
    page = tmp_path / "long.html"
    page.write_text(f'<link rel="stylesheet" href="{css}"><article class="md-typeset"><table>{rows}</table>'
                    f"<ul>{items}</ul></article>", encoding="utf-8")
    context = chromium.new_context()
    print_pdf.print_to_pdf(context.new_page(), page.as_uri(), tmp_path / "long.pdf")
    context.close()
    pages = [squeeze(p.extract_text()) for p in PdfReader(tmp_path / "long.pdf").pages]
    split = [f"{kind}{n}" for kind in ("row", "item") for n in range(12)
             if not any(f"{kind}{n}start" in text and f"{kind}{n}end" in text for text in pages)]
    assert len(pages) >= 3 and split == [], (f"split across printed pages: {split}; keep `break-inside: avoid` on "
                                             ".md-typeset tr and li in docs/assets/stylesheets/print.css")


def test_no_comparison_row_is_split_across_printed_pages(printed):
    pages = [squeeze(page) for page in printed("revise/comparison/")]
    split = [row.feature for row in site_data.comparison_rows() if not any(printed_row(row) in page for page in pages)]
    assert split == [], f"/revise/comparison/: these rows are split across printed pages: {split} (`break-inside: avoid` in print.css)"


@pytest.mark.parametrize("path", [p for p in page_paths() if p != "print_page/"
                                  and re.search(r"^\|", markdown_for(p).read_text(encoding="utf-8"), re.M)])
def test_every_table_cell_prints_whole(printed, built_site, path):
    soup = parsed(built_site.site / path / "index.html")
    cells = soup.select("article table td, article table th")
    plain = [cell.get_text().strip() for cell in cells]
    numbered = [squeeze(with_note_numbers(cell).get_text()) for cell in cells]
    text = squeeze("".join(printed(path)))
    unnumbered = [bare for bare, full in zip(plain, numbered) if full not in text and squeeze(bare) in text]
    missing = [bare for bare, full in zip(plain, numbered) if full not in text and squeeze(bare) not in text]
    assert cells and unnumbered == [], (f"/{path}: these table cells print without their links' source-note "
                                        f"numbers: {unnumbered} (see a[data-source-note]::after in "
                                        "docs/assets/stylesheets/print.css)")
    assert missing == [], f"/{path}: these table cells are cut or missing on paper (see print.css): {missing}"


def test_printed_self_test_shows_every_answer(printed, built_site):
    soup = parsed(built_site.site / "revise/self-test/index.html")
    answers = [with_note_numbers(key).get_text() for key in soup.select(".quiz-key > .quiz-answer")]
    text = squeeze("".join(printed("revise/self-test/")))
    missing = [a for a in answers if squeeze(a) not in text]
    assert len(answers) >= 8 and missing == [], f"/revise/self-test/ prints without these answers (closed <details>?): {missing}"


def test_no_printed_page_ends_with_a_heading(printed, built_site):
    for path in ("revise/comparison/", "revise/self-test/", "print_page/"):
        soup = parsed(built_site.site / path / "index.html")
        headings = {" ".join(h.get_text().split()) for h in soup.select("article h1, article h2, article h3")}
        for number, page in enumerate(printed(path)[:-1], start=1):
            lines = [line.strip() for line in page.splitlines() if line.strip() and not re.fullmatch(PAGE_NUMBER, line.strip())]
            assert lines[-1] not in headings, (f"/{path} page {number} ends with the heading {lines[-1]!r}, its text on the next page: keep "
                                                  "headings with what follows (break-after: avoid in print.css)")


# What ink goes where on paper: every colour the site sets, on the comparison page (which has
# text, links, a correction box and the comparison table).
PRINTED_COLOURS = """() => {
  const style = (selector) => getComputedStyle(document.querySelector(selector));
  return {
    "paper": style('body').backgroundColor,
    "text": style('article p').color,
    "link": style('article a[href^="http"]').color,
    "correction box border": style('.admonition.correction').borderLeftColor,
    "table header": style('.comparison th').backgroundColor,
    "image column border": style('.comparison td:nth-child(2)').borderLeftColor,
    "container column border": style('.comparison td:nth-child(3)').borderLeftColor,
  };
}"""


def printed_colours(open_page, scheme: str) -> dict:
    page, _ = open_page("revise/comparison/", color_scheme=scheme)
    on_screen = page.evaluate("document.body.dataset.mdColorScheme")
    assert on_screen == {"light": "default", "dark": "slate"}[scheme], f"the {scheme} palette did not apply on screen"
    page.emulate_media(media="print", color_scheme=scheme)
    return page.evaluate(PRINTED_COLOURS)


def test_dark_palette_prints_with_the_light_palettes_colours_on_white_paper(open_page):
    light, dark = printed_colours(open_page, "light"), printed_colours(open_page, "dark")
    assert light["paper"] == "rgb(255, 255, 255)", f"the page prints on {light['paper']}, not white paper"
    different = [f"{name}: {dark[name]} (light palette: {light[name]})" for name in light if dark[name] != light[name]]
    assert different == [], ("printed from the dark palette, these colours differ from the light palette's; scope "
                             "the dark colours in docs/assets/stylesheets/site.css to `@media screen`, as Material "
                             "does:\n" + "\n".join(different))


MM = 72 / 25.4  # PDF points per millimetre
PAPER_MM = {"A4": (210, 297), "Letter": (215.9, 279.4)}
# The page margins print.css sets (top, left, bottom), in mm: the site's pages, and the revision
# sheet's named page `revision-sheet`, narrower so the sheet fits one page.
PAGE_MARGINS_MM = {"basics/image/": (14, 14, 16), "revise/revision-sheet/": (9, 11, 11)}


def content_text_positions(pdf_page) -> list[tuple[float, float, float]]:
    """(left, top, baseline) in mm from the page's left and top edges of every run of content text.

    Chromium draws a page's content from the corner of its page area (inside the margins) and
    the @page margin boxes (print-site's "Page N") from the corner of the paper: runs drawn from
    the paper's corner are margin boxes, not content.
    """
    height = float(pdf_page.mediabox.height)
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip() and not (abs(cm[4]) < 0.01 and abs(cm[5] - height) < 0.01):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            baseline = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            ascent = abs(size * tm[3] * cm[3])
            found.append((x / MM, (height - baseline - ascent) / MM, (height - baseline) / MM))

    pdf_page.extract_text(visitor_text=visit)
    return found


def test_a_page_size_set_in_css_wins_over_the_paper_asked_for(chromium, tmp_path):
    """As in a reader's browser, where @page size overrides the print dialog's paper."""
    from site_tools import print_pdf
    from pypdf import PdfReader

    page = tmp_path / "postcard.html"
    page.write_text("<style>@page { size: 100mm 150mm; margin: 0 }</style><p>A postcard</p>", encoding="utf-8")
    context = chromium.new_context()
    print_pdf.print_to_pdf(context.new_page(), page.as_uri(), tmp_path / "postcard.pdf", "A4")
    context.close()
    box = PdfReader(tmp_path / "postcard.pdf").pages[0].mediabox
    size = (round(float(box.width) / MM), round(float(box.height) / MM))
    assert size == (100, 150), f"printed on {size} mm, not the page's own 100 x 150 mm: scripts/site_tools/print_pdf.py must pass prefer_css_page_size=True"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("path", PAGE_MARGINS_MM)
def test_a_page_prints_on_the_readers_paper_size(printed_pdf, path, paper):
    box = printed_pdf(path, paper)[0].mediabox
    size = (round(float(box.width) / MM), round(float(box.height) / MM))
    assert size == tuple(round(mm) for mm in PAPER_MM[paper]), (
        f"/{path} printed on {size} mm paper, not the reader's {paper}: @page in docs/assets/stylesheets/print.css "
        "must leave the size to the reader (`size: auto`)")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("path", PAGE_MARGINS_MM)
def test_a_page_prints_with_the_margins_print_css_sets(printed_pdf, path, paper):
    top, left, bottom = PAGE_MARGINS_MM[path]
    pages = printed_pdf(path, paper)
    page_height = float(pages[0].mediabox.height) / MM
    everywhere = [position for page in pages for position in content_text_positions(page)]
    content_left = min(x for x, _, _ in everywhere)
    content_top = min(y for _, y, _ in content_text_positions(pages[0]))
    space_below = page_height - max(y for _, _, y in everywhere)
    where, fix = f"/{path} on {paper}: ", " (see @page in docs/assets/stylesheets/print.css, and `page:` for the revision sheet)"
    assert abs(content_left - left) < 1, where + f"text starts {content_left:.1f} mm from the left edge, not {left} mm" + fix
    assert top - 0.5 < content_top < top + 4, where + f"text starts {content_top:.1f} mm from the top edge, not ~{top} mm" + fix
    assert space_below > bottom - 0.5, where + f"text comes within {space_below:.1f} mm of the bottom edge, inside the {bottom} mm margin" + fix


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_revision_sheet_prints_on_exactly_one_page(printed, paper):
    pages = len(printed("revise/revision-sheet/", paper))
    assert pages == 1, (f"the revision sheet prints on {pages} pages on {paper}; shorten it, or tighten the "
                        "revision sheet's rules in docs/assets/stylesheets/print.css")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_long_page_prints_whole_on_a4_and_us_letter(printed, paper):
    text = squeeze("".join(printed("revise/comparison/", paper)))
    rows = site_data.comparison_rows()
    assert len(printed("revise/comparison/", paper)) >= 2, "the comparison no longer spans pages; pick a longer page"
    missing = [row.feature for row in rows if printed_row(row) not in text]
    assert missing == [], f"/revise/comparison/ on {paper}: these rows are missing or cut on paper: {missing}"


def test_revision_pack_holds_every_page_title_in_reading_order(printed):
    pages = printed("print_page/")
    text = squeeze("".join(pages))
    titles = [squeeze(title_of(page)) for page in pack_pages()]
    shown = [title for title in titles if title in text]
    assert shown, (f"the printed revision pack (/print_page/, {len(pages)} page(s), {len(text)} characters: "
                   f"{text[:80]!r}...) holds none of its {len(titles)} page titles: a print rule hides the pack's "
                   "content; look for `display: none` under @media print in docs/assets/stylesheets/*.css")
    position = text.find(titles[0])
    assert position >= 0, (f"the printed revision pack lacks the home page's title {titles[0]!r} although it prints "
                           f"{len(shown)} other titles: see the home page's print rules, and print_page in mkdocs.yml")
    for title in titles[1:]:
        found = text.find(title, position + 1)
        assert found > position, f"{title!r} is missing from the revision pack or out of order"
        position = found


def test_build_pdfs_makes_both_pdfs_and_links_them(tmp_path):
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "scripts/build_pdfs.py", "--site-dir", str(site)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, failed("scripts/build_pdfs.py", result)
    assert (site / "pdf/revision-sheet.pdf").stat().st_size > 10_000
    assert (site / "pdf/revision-pack.pdf").stat().st_size > 100_000
    assert len(PdfReader(site / "pdf/flashcards.pdf").pages) % 2 == 0, "the flashcards PDF has a front without its back"
    sheet = (site / "revise/revision-sheet/index.html").read_text(encoding="utf-8")
    assert 'href="../../pdf/revision-sheet.pdf"' in sheet and 'href="../../pdf/revision-pack.pdf"' in sheet
