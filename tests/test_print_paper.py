"""On paper: figures numbered across the pack, sources as notes, no screen-only blocks, every glyph drawn, a full sheet.

The pages are printed once per session by conftest's `printed_file` (Chromium, as a reader prints)
and read back with PDFium, each page once (`reading`).
"""

from __future__ import annotations

import re

import pytest

from conftest import PAGE_NUMBER, parsed
from site_tools import print_pdf, site_config


@pytest.fixture(scope="module")
def reading(printed_file):
    """reading(path) -> what each page of the page printed on A4 draws (print_pdf.read_pages), read once per module."""
    cache: dict[str, list[print_pdf.PrintedPage]] = {}

    def _read(path: str) -> list[print_pdf.PrintedPage]:
        if path not in cache:
            cache[path] = print_pdf.read_pages(printed_file(path))
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
        missing = [(number, font) for number, page in enumerate(reading(path), start=1) for font in page.empty_boxes]
        assert missing == [], (f"/{path} prints empty boxes (no glyph in the print font) on (page, font) {missing[:5]}: "
                               "replace the character (an emoji?) with text the site's fonts have")
        assert "\ufffd" not in "".join(printed(path)), f"/{path} prints the replacement character U+FFFD"


def test_a_character_no_font_has_reads_back_as_an_empty_box(chromium, tmp_path):
    """What the check above relies on: Chromium prints a character none of its fonts has (here one
    from the Private Use Area) as glyph 0, and print_pdf.read_pages names its font."""
    page = tmp_path / "box.html"
    page.write_text("<p>Fine</p><p>A box: \ue123</p>", encoding="utf-8")
    context = chromium.new_context()
    print_pdf.print_to_pdf(context.new_page(), page.as_uri(), tmp_path / "box.pdf")
    context.close()
    read = print_pdf.read_pages(tmp_path / "box.pdf")
    assert [len(p.empty_boxes) for p in read] == [1] and [t.text for t in read[0].texts] == ["Fine", "A box:"], (
        f"a page with one character no font has read back as {read}: see read_pages in scripts/site_tools/print_pdf.py")


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
    sheet = reading("revise/revision-sheet/")[0]
    body = sorted(text.size_pt for text in sheet.texts)[len(sheet.texts) // 2]
    assert body >= 9, f"the revision sheet's body text prints at {body:.1f} pt; keep it at 9 pt or more (print.css)"
    lowest = max(content_depths(sheet))
    assert lowest > 297 - 11 - 0.12 * 297, (
        f"the revision sheet's last text is {lowest:.0f} mm down its A4 page: the bottom is left empty; use the room (print.css)")
    address = site_config.settings()["site_url"].rstrip("/")
    assert address in "".join(printed("revise/revision-sheet/")).replace("\n", ""), (
        "the printed revision sheet does not show the site's address (<!-- site-address --> in docs/revise/revision-sheet.md)")


def content_depths(page: print_pdf.PrintedPage) -> list[float]:
    """How far down the page, in mm, each run of its content text sits (print-site's page number,
    in the margin, is not content)."""
    return [text.depth_mm for text in page.texts if not re.fullmatch(PAGE_NUMBER, text.text)]


def fill(page: print_pdf.PrintedPage, top_mm: float = 14, bottom_mm: float = 16) -> float:
    """How far down the page's content area (print.css margins) its last line of content text
    sits, 0 to 1."""
    return (max(content_depths(page), default=top_mm) - top_mm) / (page.height_mm - top_mm - bottom_mm)


def sparse_pages(pages: list[print_pdf.PrintedPage], texts: list[str], section_titles: list[str]) -> list[tuple[int, float]]:
    """(page number, fill) of each page under a quarter full that is not the last page of a section
    (`texts`: each page's text, as `printed` reads it)."""
    starts = {re.sub(r"\s+", "", title) for title in section_titles}
    found = []
    for number, page in enumerate(pages, start=1):
        if (full := fill(page)) >= 0.25 or number == len(pages):
            continue
        following = re.sub(r"\s+", "", re.sub(rf"\A\s*{PAGE_NUMBER}\s", "", texts[number], count=1))
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
