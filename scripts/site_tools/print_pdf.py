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
    text: str
    size_pt: float  # font size x text matrix x page transform: the size on paper
    x_pt: float  # where the text starts, from the page's left edge
    page_width_pt: float


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


def printed_texts(path: Path) -> list[PrintedText]:
    """Every piece of text in a PDF with its size on paper and where it starts."""
    from pypdf import PdfReader

    found: list[PrintedText] = []
    for pdf_page in PdfReader(path).pages:
        width = float(pdf_page.mediabox.width)

        def visit(text, cm, tm, font, size, width=width):
            if text.strip():
                c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                found.append(PrintedText(text.strip(), size * (c * c + d * d) ** 0.5, x, width))

        pdf_page.extract_text(visitor_text=visit)
    return found
