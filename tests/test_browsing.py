"""A reader browsing the built site in a real headless Chromium, with the network cut off."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import browser
from site_pages import diagram_page_paths, page_paths

# Stricter than browser.DIAGRAMS_DRAWN: each drawn diagram holds an SVG (shadow roots opened by conftest).
DIAGRAMS_DRAWN_AS_SVG = """() => document.querySelectorAll('pre.mermaid').length === 0 &&
  [...document.querySelectorAll('div.mermaid')].every(d => d.shadowRoot && d.shadowRoot.querySelector('svg'))"""

DIAGRAM_SIZES = """() => [...document.querySelectorAll('div.mermaid')].map(d => {
  const box = d.shadowRoot.querySelector('svg').getBoundingClientRect();
  return [box.width, box.height];
})"""


def wait_for_diagrams(page) -> None:
    page.wait_for_function(DIAGRAMS_DRAWN_AS_SVG, timeout=15_000)


@pytest.mark.parametrize("path", page_paths())
def test_page_makes_no_request_to_another_origin(open_page, path):
    page, visit = open_page(path)
    assert visit.foreign_requests == [], f"/{path} tried to load from other origins: {visit.foreign_requests}"


@pytest.mark.parametrize("path", page_paths())
def test_page_logs_no_console_error(open_page, path):
    page, visit = open_page(path)
    if path in diagram_page_paths():  # errors from drawing come after the network falls idle
        try:
            page.wait_for_function(browser.DIAGRAMS_DRAWN, timeout=15_000)
        except PlaywrightTimeout:
            pass  # a diagram that fails to draw should have logged why; that is asserted below
    assert visit.console_errors == [], f"/{path} logged errors: {visit.console_errors}"


@pytest.mark.parametrize("path", diagram_page_paths())
def test_every_diagram_is_drawn_from_the_sites_own_mermaid(open_page, path):
    page, visit = open_page(path)
    try:
        wait_for_diagrams(page)
    except Exception:
        pytest.fail(f"/{path}: a diagram was left as Mermaid source (errors: {visit.console_errors})")
    sizes = page.evaluate(DIAGRAM_SIZES)
    assert sizes and all(w > 50 and h > 50 for w, h in sizes), f"/{path}: diagram sizes {sizes}"
    assert "accTitle" not in page.inner_text("article"), f"/{path} shows raw Mermaid source"


# The colour of a node's label text and of an edge, as drawn.
DIAGRAM_INK = """() => {
  const svg = document.querySelector('div.mermaid').shadowRoot.querySelector('svg');
  return [getComputedStyle(svg.querySelector('.nodeLabel')).color,
          getComputedStyle(svg.querySelector('.flowchart-link')).stroke];
}"""


def luminance(css_rgb: str) -> float:
    red, green, blue = (int(part) for part in css_rgb[css_rgb.index("(") + 1:-1].split(",")[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def test_palette_toggle_redraws_diagrams_in_dark_colours(open_page):
    page, _ = open_page("", color_scheme="light")
    wait_for_diagrams(page)
    light_ink = page.evaluate(DIAGRAM_INK)
    page.click("label[title='Switch to dark mode']")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    dark_ink = page.evaluate(DIAGRAM_INK)
    assert all(luminance(c) < 0.4 for c in light_ink), f"light palette: diagram ink {light_ink} is not dark"
    assert all(luminance(c) > 0.6 for c in dark_ink), f"dark palette: diagram ink {dark_ink} is not light"


@pytest.mark.parametrize("path", ["revise/comparison/", "", "revise/revision-sheet/"])
def test_comparison_table_fits_a_phone_screen_without_clipping(open_page, path):
    page, _ = open_page(path, wait_until="load", viewport={"width": 360, "height": 740})
    overflow = page.evaluate("""() => [...document.querySelectorAll('div.comparison table')].map(t => {
        const box = t.getBoundingClientRect();
        return [box.right <= document.documentElement.clientWidth + 1,
                [...t.querySelectorAll('td, th')].every(c => c.scrollWidth <= c.clientWidth + 1)];
    })""")
    assert overflow, f"/{path}: no comparison table found"
    wrong = [f"table {n}: " + ("wider than the screen" if not fits else "a cell's text is clipped")
             for n, (fits, no_clipped_cell) in enumerate(overflow, 1) if not (fits and no_clipped_cell)]
    assert wrong == [], f"/{path} on a 360 px phone: {wrong}; see the phone rules in docs/assets/stylesheets/site.css"
