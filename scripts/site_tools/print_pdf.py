"""Print a page of the built site to PDF the way a reader's Chromium prints it.

Shared by scripts/build_pdfs.py and the print tests, so the PDFs readers download and the
PDFs the tests read are made the same way: the page is loaded (its diagrams are in its HTML,
drawn at build time), `beforeprint` fires (as when a reader presses print), and Chromium prints with the page's own
print styles and page size.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAPER_SIZES = ("A4", "Letter")
# Extra CSS for print_to_pdf(style=...): only the diagrams, or all but them, printed at the same layout.
ONLY_DIAGRAMS = "body { visibility: hidden !important; } div.mermaid { visibility: visible !important; }"
NO_DIAGRAMS = "div.mermaid { visibility: hidden !important; }"


# Ready to print: the fonts loaded and, on a page with the lab, the lab built from its data (lab.js
# fetches it after `load`). Waiting for this instead of "network idle" (500 ms with no request,
# which the offline copy's downloads kept putting off) took a page's load from about 1 s to 0.3 s.
READY = """() => document.fonts.status === 'loaded' &&
  (!document.querySelector('script[src$="/lab.js"]') || !!document.querySelector('.lab-embed--live, .lab-app--live'))"""
READY_SECONDS = 15


def load_for_print(page, url: str) -> None:
    """Open `url` in a Playwright page as a reader about to print it (the page may have printed another before)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.emulate_media(media="screen")
    page.goto(url, wait_until="load")
    try:
        page.wait_for_function(READY, timeout=READY_SECONDS * 1000)
    except PlaywrightTimeout:
        raise RuntimeError(f"{url}: not ready to print within {READY_SECONDS} s: its fonts did not load, "
                           "or the lab's data (assets/javascripts/lab-data.json) did not; open it in a browser to see why") from None
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")


def print_to_pdf(page, url: str, path: Path, paper: str = "A4", style: str = "") -> Path:
    """Print `url` to a PDF file on `paper` (A4 or Letter) and return its path.

    `style`, extra CSS, lets tests print part of a page at the same layout (visibility: hidden).
    """
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {PAPER_SIZES}, not {paper!r}")
    load_for_print(page, url)
    if style:
        # A constructed stylesheet, not a <style> element: the site's Content-Security-Policy
        # (rightly) refuses inline <style>, but it does not govern the CSSOM.
        page.evaluate("css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);"
                      " document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }", style)
    page.pdf(path=str(path), format=paper, print_background=True, prefer_css_page_size=True)
    return path


@dataclass(frozen=True)
class PrintedText:
    """A run of text on a printed page: characters one after another on one baseline, at one size."""

    text: str
    size_pt: float  # font size x the character's matrix (text matrix x page transform): the size on paper
    x_pt: float  # where the text starts, from the page's left edge
    depth_mm: float  # from the page's top edge down to the text's baseline
    page_width_pt: float


@dataclass(frozen=True)
class PrintedPage:
    """What one page of a PDF draws."""

    texts: tuple[PrintedText, ...]
    empty_boxes: tuple[str, ...]  # the font of each character drawn as glyph 0 (.notdef): one no font has
    height_mm: float


MM = 72 / 25.4  # PDF points per millimetre


def page_texts(path: Path) -> list[str]:
    """The text of each page of a PDF, read by PDFium (Chromium's own PDF engine, through
    pypdfium2): the words pypdf's extract_text finds (the spaces around a code span can differ, so
    the print tests compare text with white space removed), some twenty times faster, which was most
    of the print tests' time. A word hyphenated at a line's end keeps its hyphen."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return [document[index].get_textpage().get_text_bounded().replace("\r\n", "\n").replace("\x02", "-")
                for index in range(len(document))]
    finally:
        document.close()


def read_pages(path: Path) -> list[PrintedPage]:
    """What each page of a PDF draws, read by PDFium character by character: the runs of text with
    their size on paper and place, and the characters drawn as empty boxes. pypdf, which read them
    before, parses the content in Python: 12.3 CPU-seconds for the revision pack against 1.4.

    An empty box: Chromium embeds fonts as Identity-H, one code per glyph id, and draws a character
    no font has as glyph 0, the font's .notdef; PDFium reads that glyph back as U+0000."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return [_read_page(document[index]) for index in range(len(document))]
    finally:
        document.close()


def _read_page(page) -> PrintedPage:
    import ctypes
    import pypdfium2.raw as pdfium

    width, height = page.get_size()
    textpage = page.get_textpage()
    runs: list[tuple[float, float, float, list[int]]] = []  # (size, x, baseline, UTF-16 code units)
    boxes: list[str] = []
    x, y, matrix, font = ctypes.c_double(), ctypes.c_double(), pdfium.FS_MATRIX(), ctypes.create_string_buffer(128)
    for index in range(pdfium.FPDFText_CountChars(textpage)):
        code = pdfium.FPDFText_GetUnicode(textpage, index)
        if code == 0:
            pdfium.FPDFText_GetFontInfo(textpage, index, font, len(font), None)
            boxes.append(font.value.decode(errors="replace"))
            continue
        if chr(code).isspace():  # PDFium's own spaces and line ends have no size or place
            if runs:
                runs[-1][3].append(code)
            continue
        pdfium.FPDFText_GetCharOrigin(textpage, index, x, y)
        pdfium.FPDFText_GetMatrix(textpage, index, matrix)
        size = pdfium.FPDFText_GetFontSize(textpage, index) * (matrix.c ** 2 + matrix.d ** 2) ** 0.5
        if runs and abs(runs[-1][0] - size) < 0.01 and abs(runs[-1][2] - y.value) < 0.01:
            runs[-1][3].append(code)
        else:
            runs.append((size, x.value, y.value, [code]))
    texts = tuple(PrintedText(" ".join(_utf16(codes).split()), size, left, (height - baseline) / MM, width)
                  for size, left, baseline, codes in runs)
    return PrintedPage(texts, tuple(boxes), height / MM)


def _utf16(codes: list[int]) -> str:
    """Text from PDFium's UTF-16 code units (a character beyond U+FFFF is two)."""
    return b"".join(code.to_bytes(2, "little") for code in codes).decode("utf-16-le", errors="replace")


def printed_texts(path: Path) -> list[PrintedText]:
    """Every run of text in a PDF with its size on paper and where it starts."""
    return [text for page in read_pages(path) for text in page.texts]
