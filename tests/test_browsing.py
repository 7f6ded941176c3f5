"""A reader browsing the built site in a real headless Chromium, with the network cut off."""

from __future__ import annotations

import pytest

from site_pages import diagram_page_paths, page_paths

DIAGRAM_SIZES = """() => [...document.querySelectorAll('div.mermaid')].map(d => {
  // the drawing shown: a diagram with a narrow variant holds two, one of them not displayed
  const svg = d.shadowRoot && [...d.shadowRoot.querySelectorAll('svg')].find(s => s.getClientRects().length);
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  return [box.width, box.height];
})"""

@pytest.mark.parametrize("path", page_paths())
def test_page_makes_no_request_to_another_origin(page_visit, path):
    visit = page_visit(path)
    assert visit.foreign_requests == [], f"/{path} tried to load from other origins: {visit.foreign_requests}"


@pytest.mark.parametrize("path", page_paths())
def test_page_logs_no_console_error(page_visit, path):
    visit = page_visit(path)
    assert visit.console_errors == [], f"/{path} logged errors: {visit.console_errors}"


@pytest.mark.parametrize("path", page_paths() + ["404.html"])
def test_page_loads_and_draws_under_its_policy_with_no_violation_or_dialog(page_visit, path):
    """Under the page's own Content-Security-Policy (tests/test_content_security_policy.py checks it
    is the site's): every script, style and drawing allowed, nothing blocked, no dialog opened."""
    problems = sorted(set(page_visit(path).policy_problems))  # a console line repeats each event
    assert problems == [], f"/{path}: {problems}"


@pytest.mark.parametrize("path", diagram_page_paths())
def test_every_diagram_shows_with_javascript_turned_off(reader_tab, path):
    """Drawn at build time: the SVG is in the page's HTML, in a declarative shadow root."""
    page = reader_tab(path, javascript=False)
    sizes = page.evaluate(DIAGRAM_SIZES)
    assert sizes and all(size and size[0] > 50 and size[1] > 50 for size in sizes), \
        f"/{path}: diagram sizes {sizes} (None: no SVG in the page; rebuild, see overrides/hooks/mermaid_diagrams.py)"
    assert page.locator("pre.mermaid").count() == 0, f"/{path} still holds Mermaid source for the browser to draw"


@pytest.mark.parametrize("path", page_paths())
def test_page_requests_no_mermaid_javascript(page_visit, path):
    visit = page_visit(path)
    assert [url for url in visit.requests if url.endswith((".js", ".mjs")) and "mermaid" in url] == []


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


def test_the_revision_pack_loads_no_search_index(open_page):
    """The pack shows no search (Find in page covers it); a hidden search still cost 38 KB gzip."""
    page, visit = open_page("print_page/")
    loaded = [url for url in visit.requests if "search_index.json" in url or "/workers/search" in url]
    assert loaded == [], f"the revision pack loads search files it has no search for: {loaded} (overrides/hooks/print_page.py)"


def test_the_revision_pack_shows_no_search_button_on_a_phone(open_page):
    page, _ = open_page("print_page/", viewport={"width": 390, "height": 800})
    buttons = page.evaluate("[...document.querySelectorAll('header label[for]')].filter(l => l.offsetParent).map(l => l.htmlFor)")
    assert "__drawer" in buttons and "__search" not in buttons, \
        f"the pack's phone header buttons open {buttons}; the pack has no search for a search button to open"


def test_the_revision_packs_menu_button_opens_the_site_navigation_on_a_phone(open_page):
    page, _ = open_page("print_page/", viewport={"width": 390, "height": 800})
    page.click("header label[for=__drawer]")
    page.wait_for_timeout(400)  # Material's drawer slides in
    links = page.locator(".md-sidebar--primary .md-nav__link").evaluate_all(
        "links => links.filter(l => l.getBoundingClientRect().width > 0 && l.getBoundingClientRect().right > 0).length")
    assert links >= 4, "the pack's menu button opens a drawer with no site navigation in it (see site.css)"
