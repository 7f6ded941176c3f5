"""Diagrams on a phone and a laptop (issue 20): whole or scrolling with a cue, narrow variants where
a wide drawing would scroll, no edge across a label, and the full-size view in the page.

Each diagram page is measured once per width (conftest's reader_tab); the full-size view's tests
get a page of their own per width and palette, as they open and zoom it.
"""

from __future__ import annotations

import pytest

from site_tools import mermaid_render
from site_pages import diagram_page_paths

WIDTHS = (390, 1280)
# The diagrams issue 20 found cut off on a phone: they must fit whole, with no sideways scrolling.
NARROW_PAGES = ("", "basics/relationship/", "revise/revision-sheet/")
NARROW_DIAGRAMS = ("Diagram: One image, many containers", "Diagram: Image and containers at a glance")

# Per diagram box: its name, whether its shown drawing is wider than the box, and whether the box
# then scrolls with a visible cue (site.css: shadows at its edges, drawn as background images).
CUT_OFF = """() => [...document.querySelectorAll('div.mermaid')].map(box => {
  const shown = [...box.shadowRoot.querySelectorAll('svg')].filter(svg => svg.getClientRects().length);
  const style = getComputedStyle(box);
  return {name: box.getAttribute('aria-label'), shown: shown.length,
          wider: box.scrollWidth > box.clientWidth + 1,
          fitsPage: box.getBoundingClientRect().right <= document.documentElement.clientWidth + 1,
          scrolls: ['auto', 'scroll'].includes(style.overflowX),
          cue: (style.backgroundImage.match(/gradient/g) || []).length >= 2};
})"""

# Per diagram: the labels an edge other than their own crosses (the shown drawing; an edge's label
# sits on its own edge by design). Each edge path is sampled every 2 px of its length.
CROSSED_LABELS = """() => [...document.querySelectorAll('div.mermaid')].map(box => {
  const svg = [...box.shadowRoot.querySelectorAll('svg')].find(s => s.getClientRects().length);
  const labels = [...svg.querySelectorAll('g.edgeLabel, .nodeLabel')]
    .filter(l => l.textContent.trim() && !l.closest('.cluster-label, .cluster'))
    .map(l => ({text: l.textContent.trim(), id: (l.querySelector('[data-id]') || l).getAttribute('data-id'),
                box: (l.querySelector('foreignObject, span, text') || l).getBoundingClientRect()}));
  const crossed = new Set();
  for (const path of svg.querySelectorAll('.edgePaths path, path.transition, path.flowchart-link')) {
    const matrix = path.getScreenCTM(), length = path.getTotalLength();
    for (let at = 0; at <= length; at += 2) {
      const p = path.getPointAtLength(at);
      const x = matrix.a * p.x + matrix.c * p.y + matrix.e, y = matrix.b * p.x + matrix.d * p.y + matrix.f;
      for (const label of labels) {
        if (label.id && label.id === path.getAttribute('data-id')) continue;
        const b = label.box;
        if (x > b.left + 1 && x < b.right - 1 && y > b.top + 1 && y < b.bottom - 1) crossed.add(label.text);
      }
    }
  }
  return [box.getAttribute('aria-label'), [...crossed]];
})"""


# Per diagram: its name and its smallest label, in CSS px as shown (font size x shown width / viewBox width).
SMALLEST_LABELS = """() => [...document.querySelectorAll('div.mermaid')].map(d => {
  const svg = [...d.shadowRoot.querySelectorAll('svg')].find(s => s.getClientRects().length);  // the one shown (a narrow variant)
  return [d.getAttribute('aria-label'), (%s)(svg)];
})""" % mermaid_render.SMALLEST_LABEL_JS
SMALLEST_LABEL_PX = {1280: mermaid_render.MIN_LABEL_PX_DESKTOP, 390: mermaid_render.MIN_LABEL_PX_PHONE}


@pytest.fixture(scope="module")
def measured(reader_tab):
    """measured(path, width) -> {"cut_off", "crossed", "labels"}: CUT_OFF, CROSSED_LABELS and
    SMALLEST_LABELS on the page at that width, each page loaded and measured once."""
    results = {}

    def _measure(path: str, width: int) -> dict:
        if (path, width) not in results:
            tab = reader_tab(path, width)
            results[path, width] = {name: tab.evaluate(script) for name, script in
                                    (("cut_off", CUT_OFF), ("crossed", CROSSED_LABELS), ("labels", SMALLEST_LABELS))}
        return results[path, width]

    return _measure


@pytest.fixture(scope="module")
def loaded(chromium, site_url):
    """loaded(path, width, scheme="light") -> the page, opened once per module for each combination."""
    pages = {}

    def _load(path: str, width: int, scheme: str = "light"):
        if (path, width, scheme) not in pages:
            context = chromium.new_context(viewport={"width": width, "height": 844 if width < 600 else 900},
                                           color_scheme=scheme, service_workers="block")
            pages[path, width, scheme] = context.new_page()
            pages[path, width, scheme].goto(site_url + path, wait_until="load")
        return pages[path, width, scheme]

    yield _load
    for page in pages.values():
        page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", diagram_page_paths())
def test_no_diagram_is_cut_off_without_a_cue(measured, path, width):
    boxes = measured(path, width)["cut_off"]
    assert boxes, f"/{path}: no diagram"
    wrong = [box for box in boxes if box["shown"] != 1 or not box["fitsPage"] or (box["wider"] and not (box["scrolls"] and box["cue"]))]
    assert wrong == [], (f"/{path} at {width} px: diagrams cut off, or scrolling without a cue: {wrong}; "
                         "see the diagram rules in docs/assets/stylesheets/site.css")


@pytest.mark.parametrize("path", NARROW_PAGES)
def test_the_wide_relationship_diagrams_fit_a_phone_whole(measured, path):
    """Issue 20: the phone hid "Container C -> docker commit -> New image"; its narrow variant fits."""
    boxes = [box for box in measured(path, 390)["cut_off"] if box["name"] in NARROW_DIAGRAMS]
    wider = [box["name"] for box in boxes if box["wider"]]
    assert boxes and wider == [], f"/{path} at 390 px: {wider} scroll sideways; see scripts/site_tools/narrow_diagrams.py"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", diagram_page_paths())
def test_no_edge_crosses_a_label(measured, path, width):
    crossed = [(name, labels) for name, labels in measured(path, width)["crossed"] if labels]
    assert crossed == [], f"/{path} at {width} px: edges cross these labels: {crossed}; change the diagram's source"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", diagram_page_paths())
def test_every_diagram_label_is_readable_at_desktop_and_phone_width(measured, path, width):
    labels, smallest = measured(path, width)["labels"], SMALLEST_LABEL_PX[width]
    too_small = [(name, round(size, 1)) for name, size in labels if size < smallest - 0.01]
    assert labels and too_small == [], (f"/{path} at {width} px: diagram labels under {smallest} px: {too_small}; "
                                        "see MIN_LABEL_PX_* in scripts/site_tools/mermaid_render.py")


# --- The full-size view (docs/assets/javascripts/diagram-viewer.js) ---

VIEWER_PAGE = "beyond/lifecycle/"
HORIZONTAL_ROOM = """() => { const s = document.querySelector('.diagram-viewer__stage'); return s.scrollWidth - s.clientWidth; }"""

VIEW = """() => {
  const dialog = document.querySelector('dialog.diagram-viewer');
  const svg = dialog && dialog.querySelector('.diagram-viewer__drawing').shadowRoot.querySelector('svg');
  const stage = dialog && dialog.querySelector('.diagram-viewer__stage');
  return dialog && {open: dialog.open, width: svg ? svg.getBoundingClientRect().width : 0,
                    scale: Number(dialog.dataset.scale), left: stage.scrollLeft, top: stage.scrollTop,
                    background: getComputedStyle(dialog).backgroundColor,
                    ink: svg ? getComputedStyle(svg.querySelector('.nodeLabel, text, .label')).color : null,
                    active: document.activeElement && document.activeElement.className};
}"""


def luminance(css_rgb: str) -> float:
    red, green, blue = (int(float(part)) for part in css_rgb[css_rgb.index("(") + 1:-1].split(",")[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def opened(page):
    """The page with its first diagram's full-size view opened by the keyboard (focus on the link, Enter)."""
    if page.evaluate(VIEW)["open"]:
        return page
    page.locator("a.diagram-full-size").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('dialog.diagram-viewer').open")
    return page


def inline_width(page) -> float:
    return page.evaluate("""() => [...document.querySelector('div.mermaid').shadowRoot.querySelectorAll('svg')]
        .find(s => s.getClientRects().length).getBoundingClientRect().width""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_full_size_view_opens_in_the_page_at_least_as_large_as_the_inline_drawing(loaded, width, scheme):
    page = loaded(VIEWER_PAGE, width, scheme)
    inline = inline_width(page)
    view = opened(page).evaluate(VIEW)
    assert page.url.endswith(VIEWER_PAGE) and view["open"], f"the full-size view did not open in the page: {view}"
    assert view["width"] >= inline - 0.5, f"at {width} px the full-size drawing is {view['width']:.0f} px, inline {inline:.0f} px"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_full_size_view_follows_the_palette(loaded, width, scheme):
    view = opened(loaded(VIEWER_PAGE, width, scheme)).evaluate(VIEW)
    background, ink = luminance(view["background"]), luminance(view["ink"])
    if scheme == "dark":
        assert background < 0.3 and ink > 0.6, f"dark palette at {width} px: background {view['background']}, text {view['ink']}"
    else:
        assert background > 0.7 and ink < 0.4, f"light palette at {width} px: background {view['background']}, text {view['ink']}"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_full_size_view_zooms_and_pans_with_the_keyboard(loaded, width):
    page = opened(loaded(VIEWER_PAGE, width))
    start = page.evaluate(VIEW)
    page.keyboard.press("+")
    page.keyboard.press("+")
    bigger = page.evaluate(VIEW)
    assert bigger["width"] > start["width"] * 1.5, f"+ did not zoom in: {start} -> {bigger}"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    moved = page.evaluate(VIEW)
    assert moved["top"] > bigger["top"], f"ArrowDown did not pan: {bigger} -> {moved}"
    assert moved["left"] > bigger["left"] or page.evaluate(HORIZONTAL_ROOM) == 0, f"ArrowRight did not pan: {bigger} -> {moved}"
    page.keyboard.press("-")
    assert page.evaluate(VIEW)["width"] < moved["width"], "- did not zoom out"
    page.keyboard.press("0")
    assert page.evaluate(VIEW)["scale"] == 1, "0 did not go back to the natural size"


@pytest.mark.parametrize("width", WIDTHS)
def test_esc_closes_the_full_size_view_back_to_the_link(loaded, width):
    page = opened(loaded(VIEWER_PAGE, width, "dark"))
    page.keyboard.press("Escape")
    view = page.evaluate(VIEW)
    assert not view["open"] and "diagram-full-size" in view["active"].split(), f"after Esc: {view}"
    assert page.url.endswith(VIEWER_PAGE)


def test_the_full_size_link_still_opens_the_svg_file_without_javascript(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + VIEWER_PAGE)
        with page.expect_navigation():
            page.locator("a.diagram-full-size").first.click()
        assert page.url.endswith(".svg"), f"without JavaScript the full-size link led to {page.url}"
    finally:
        context.close()


# Either side of Material's desktop breakpoint (60em = 960 px): below it the page is one column
# (no table of contents beside it), so diagrams may shrink to the phone's label size.
BESIDE_THE_BREAKPOINT = (944, 976)
LAYOUT_AND_MIN_WIDTH = """() => ({
  toc: Boolean(document.querySelector('.md-sidebar--secondary').getClientRects().length),
  minWidth: parseFloat(getComputedStyle([...document.querySelector('div.mermaid').shadowRoot.querySelectorAll('svg')]
    .find(s => s.getClientRects().length)).minWidth)})"""


def test_diagram_labels_grow_to_the_desktop_size_where_materials_desktop_layout_begins(loaded):
    one_column, desktop = (loaded(VIEWER_PAGE, width).evaluate(LAYOUT_AND_MIN_WIDTH) for width in BESIDE_THE_BREAKPOINT)
    assert (one_column["toc"], desktop["toc"]) == (False, True), (
        f"Material's table of contents no longer appears between {BESIDE_THE_BREAKPOINT[0]} and "
        f"{BESIDE_THE_BREAKPOINT[1]} px: move BESIDE_THE_BREAKPOINT and DESKTOP_MIN_WIDTH to its new breakpoint")
    assert one_column["minWidth"] < desktop["minWidth"], (
        f"/{VIEWER_PAGE}: the first diagram's readable width is {one_column['minWidth']} px at "
        f"{BESIDE_THE_BREAKPOINT[0]} px (one column) and {desktop['minWidth']} px at {BESIDE_THE_BREAKPOINT[1]} px: "
        "its labels must take the phone's size only below Material's desktop layout; "
        "see DESKTOP_MIN_WIDTH in scripts/site_tools/mermaid_render.py")
