"""On paper: figures numbered across the pack, sources as notes, no screen-only blocks, every glyph drawn, a full sheet.

The pages are printed once per session by conftest's `printed_pdf` (Chromium, as a reader prints)
and read back with pypdf, each page once (`reading`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from conftest import parsed
from site_tools import site_config

MM = 72 / 25.4


@dataclass
class PageReading:
    """What one printed page draws: each run of text as (size on paper in pt, mm from the page's top
    edge to its baseline, whether it is drawn from the paper's corner, as Chromium draws the margin
    boxes: print-site's "Page N"), the font of each run that draws glyph 0, and the paper's height."""

    runs: list[tuple[float, float, bool]]
    notdef_fonts: list[str]
    height_mm: float


def read_page(page) -> PageReading:
    """The page's text runs and empty boxes, in one pass over its content (pypdf reads it in Python,
    a second or more for a page of the pack).

    An empty box: Chromium embeds fonts as Identity-H (two bytes per glyph id); a character no font
    has is drawn as glyph 0, the font's .notdef, and reads back as nothing, so only the glyph ids
    show it.
    """
    height, runs, notdef, font = float(page.mediabox.height), [], [], {"name": None}

    def visit(text, cm, tm, font_dict, size):
        if text.strip():
            c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
            baseline = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            corner = abs(cm[4]) < 0.01 and abs(cm[5] - height) < 0.01
            runs.append((size * (c * c + d * d) ** 0.5, (height - baseline) / MM, corner))

    def before(operator, operands, cm, tm):
        if operator == b"Tf":
            font["name"] = operands[0]
        shown = [operands[-1]] if operator in (b"Tj", b"'", b'"') else (
            [run for run in operands[0] if not isinstance(run, (int, float))] if operator == b"TJ" else [])
        for run in shown:
            raw = run.get_original_bytes() if hasattr(run, "get_original_bytes") else bytes(run)
            if any(raw[i:i + 2] == b"\0\0" for i in range(0, len(raw) - 1, 2)):
                notdef.append(str(font["name"]))

    page.extract_text(visitor_operand_before=before, visitor_text=visit)
    return PageReading(runs, notdef, height / MM)


@pytest.fixture(scope="module")
def reading(printed_pdf):
    """reading(path) -> a PageReading of each page of the page printed (A4), read once per module."""
    cache: dict[str, list[PageReading]] = {}

    def _read(path: str) -> list[PageReading]:
        if path not in cache:
            cache[path] = [read_page(page) for page in printed_pdf(path)]
        return cache[path]

    return _read


def test_pack_numbers_its_figures_in_order_across_the_pack(printed):
    numbers = [int(n) for n in re.findall(r"Figure (\d+):", "\n".join(printed("print_page/")))]
    assert len(numbers) >= 5, "the pack prints fewer than 5 figure captions; pick a check that still means something"
    assert numbers == list(range(1, len(numbers) + 1)), (
        f"the pack numbers its figures {numbers}: reset print-site's `figurecounter` once on #print-site-page "
        "(docs/assets/stylesheets/print.css), not per figure")


def test_printed_pdfs_draw_every_glyph(reading, printed):
    for path in ("print_page/", "revise/revision-sheet/"):
        missing = [(number, font) for number, page in enumerate(reading(path), start=1) for font in page.notdef_fonts]
        assert missing == [], (f"/{path} prints empty boxes (no glyph in the print font) on (page, font) {missing[:5]}: "
                               "replace the character (an emoji?) with text the site's fonts have")
        assert "\ufffd" not in "".join(printed(path)), f"/{path} prints the replacement character U+FFFD"


def test_external_links_print_as_numbered_notes_at_the_page_end(printed, built_site):
    soup = parsed(built_site.site / "basics/container/index.html")
    addresses = list(dict.fromkeys(a["href"] for a in soup.select("article a[data-source-note]")))
    pages = printed("basics/container/")
    text = "".join(pages)
    notes = text[text.rfind("Sources"):]
    assert len(addresses) >= 3 and text.rfind("Sources") > len(text) / 2, "/basics/container/ prints no list of sources at its end"
    missing = [address for address in addresses if re.sub(r"\s+", "", address) not in re.sub(r"\s+", "", notes)]
    assert missing == [], f"/basics/container/'s printed notes lack these addresses: {missing}"
    inline = re.sub(r"\s+", "", text[:text.rfind("Sources")])
    assert not any(re.sub(r"\s+", "", address) in inline for address in addresses), (
        "/basics/container/ still prints addresses inline; print.css should show only the note number")


def test_every_download_link_is_screen_only(built_site):
    outside = []
    for page in built_site.site.rglob("*.html"):
        soup = parsed(page)
        for link in soup.select("article a[download]"):
            if link.find_parent(class_="screen-only") is None:
                outside.append(f"{page.relative_to(built_site.site)}: {link.get('href')}")
    assert outside == [], f"download links that would print (wrap their block in <div class=\"screen-only\" markdown>): {outside}"


def test_screen_only_blocks_do_not_print(printed, built_site):
    soup = parsed(built_site.site / "revise/comparison/index.html")
    blocks = [" ".join(block.get_text().split())[:40] for block in soup.select("article .screen-only p")]
    text = re.sub(r"\s+", "", "".join(printed("revise/comparison/")))
    assert blocks, "/revise/comparison/ has no screen-only block left to check"
    printed_anyway = [block for block in blocks if re.sub(r"\s+", "", block) in text]
    assert printed_anyway == [], f"/revise/comparison/ prints screen-only blocks: {printed_anyway} (.screen-only in print.css)"


def test_revision_sheet_fills_its_page_at_9_pt_and_says_where_the_site_is(reading, printed, built_site):
    runs = [(size, depth) for size, depth, _ in reading("revise/revision-sheet/")[0].runs]
    body = sorted(size for size, _ in runs)[len(runs) // 2]
    assert body >= 9, f"the revision sheet's body text prints at {body:.1f} pt; keep it at 9 pt or more (print.css)"
    lowest = max(depth for size, depth in runs if size > 6)  # not print-site's "Page 1" in the margin
    assert lowest > 297 - 11 - 0.12 * 297, (
        f"the revision sheet's last text is {lowest:.0f} mm down its A4 page: the bottom is left empty; use the room (print.css)")
    address = site_config.settings()["site_url"].rstrip("/")
    assert address in "".join(printed("revise/revision-sheet/")).replace("\n", ""), (
        "the printed revision sheet does not show the site's address (<!-- site-address --> in docs/revise/revision-sheet.md)")


def fill(page: PageReading, top_mm: float = 14, bottom_mm: float = 16) -> float:
    """How far down the page's content area (print.css margins) its last line of content text
    sits (not the margin boxes), 0 to 1."""
    depths = [depth for _, depth, corner in page.runs if not corner]
    return (max(depths, default=top_mm) - top_mm) / (page.height_mm - top_mm - bottom_mm)


# print-site's page number, in the bottom margin box, is the first text of a page of the pack.
PAGE_NUMBER = re.compile(r"\A\s*Page \d+\s")


def sparse_pages(pages: list[PageReading], texts: list[str], section_titles: list[str]) -> list[tuple[int, float]]:
    """(page number, fill) of each page under a quarter full that is not the last page of a section
    (`texts`: each page's text, as `printed` reads it)."""
    starts = {re.sub(r"\s+", "", title) for title in section_titles}
    found = []
    for number, page in enumerate(pages, start=1):
        if (full := fill(page)) >= 0.25 or number == len(pages):
            continue
        following = re.sub(r"\s+", "", PAGE_NUMBER.sub("", texts[number], count=1))
        if not any(following.startswith(title) for title in starts):
            found.append((number, round(full, 2)))
    return found


def test_pack_has_no_page_under_a_quarter_full_except_where_a_section_ends(reading, printed, built_site):
    soup = parsed(built_site.site / "print_page/index.html")
    titles = [" ".join(h1.get_text().replace("¶", "").split()) for h1 in soup.select("section.print-page h1")]
    sparse = sparse_pages(reading("print_page/"), printed("print_page/"), titles)
    assert sparse == [], (f"the pack has pages under a quarter full mid-section (page, fill): {sparse}; a figure too tall for the "
                         "page's rest (PRINT_MAX_HEIGHT in scripts/site_tools/mermaid_render.py) or a break rule in print.css")


def test_lifecycle_page_prints_without_a_mostly_blank_first_page(reading):
    first = fill(reading("beyond/lifecycle/")[0])
    assert first >= 0.25, f"/beyond/lifecycle/ prints its first page {first:.0%} full; its diagram leaves the rest blank"
