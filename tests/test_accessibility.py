"""Accessibility: axe-core finds nothing serious, the keyboard reaches everything, pages are named."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from site_tools import renderings, revision_pack
from site_tools import site_data
from conftest import ROOT, html_pages, parsed
from site_pages import DOCS, diagram_page_paths, markdown_for, pack_pages, page_paths, url_path

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def add_axe(page) -> None:
    """axe-core in the page, once: a page read by several checks keeps the copy the first added
    (adding its 0.5 MB again cost 0.1 to 0.3 CPU-seconds each time)."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))


def serious_violations(page, selector: str | None = None, rules: tuple[str, ...] = ()) -> list[str]:
    """axe-core's serious and critical findings on the page, or only inside `selector`; only
    `rules` when given.

    Tables lose the scroll shadows Material paints over them (a gradient from the page's own
    background colour to clear): axe cannot measure text over a gradient and files it under
    "incomplete", so no table cell's contrast was checked before.

    The page is laid out whole first. The revision pack lays out each of its pages only as it
    nears the screen (content-visibility in site.css), and axe measures colour contrast by
    hit-testing the layout, which a section not laid out yet does not have, and Chromium reports
    stale computed styles inside one (the light palette's link colour on a dark page) until a
    frame has laid it out; a reader only ever sees a section laid out.

    Colours are measured as they settle: transitions are turned off, so an element fading in or out
    (Material's header swaps the site's name and the page's title with a 0.15 s fade) is measured
    at its end, not mid-fade (once, in a whole-suite run, the fading title read as 3.42:1, #aeb5e0
    on #4051b5).
    """
    page.add_style_tag(content="* { content-visibility: visible !important; } "
                               "*, *::before, *::after { transition: none !important; } "
                               ".md-typeset__scrollwrap { background-image: none !important; }")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    add_axe(page)
    result = page.evaluate("""async ([selector, rules]) => {
        const options = {resultTypes: ['violations']};
        if (rules.length) options.runOnly = {type: 'rule', values: rules};
        const r = await axe.run(selector || document, options);
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => `${v.id} (${v.impact}): ${v.nodes.length} element(s): ${v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.any[0] || {}).message).join('; ')}`);
    }""", [selector, list(rules)])
    return result


# The dark palette changes colours only, so in it axe runs the rules about colour; every rule runs
# in the light palette, on every page.
COLOUR_RULES = ("color-contrast", "link-in-text-block")
# Pages whose content a script draws or changes (the self-test, the flashcards, the lab and its embeds).
SCRIPT_BLOCK = re.compile(r"<!-- generated:(quiz|flashcard|lab)")


def dark_palette_paths() -> list[str]:
    """Where the dark palette can show colours the light run did not check in it: the revision pack
    (every page it holds, in one page, under the same stylesheet), the pages it does not hold, and
    the pages whose content a script draws (the pack runs neither the self-test nor the lab).
    Seen red: a dark-only colour for the comparison table's cells fails on the pack."""
    pack = {url_path(DOCS / page) for page in pack_pages()}
    return [path for path in page_paths() if path == revision_pack.URL or path not in pack
            or SCRIPT_BLOCK.search(markdown_for(path).read_text(encoding="utf-8"))]


# Every run of text in each shown drawing, with the colour it is drawn in and what is behind it:
# the label's own HTML background, the shapes under its centre (each label scrolled into view, as
# hit-testing sees only the screen), then the page. Colours with transparency are laid over what is
# under them (a group's opacity is not); axe-core's own WCAG contrast formula compares them. Returns
# how many runs were measured and each one under 4.5:1, or whose colour could not be read.
DIAGRAM_TEXT_UNDER_4_5 = r"""() => {
  const rgba = s => { const m = /rgba?\(([^)]+)\)/.exec(s || ''); if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const backdrop = el => { const stack = []; for (let e = el; e; e = e.parentElement || (e.getRootNode() && e.getRootNode().host)) {
      const c = rgba(getComputedStyle(e).backgroundColor); if (c && c[3] > 0) { stack.push(c); if (c[3] >= 1) break; } }
    return stack.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]); };
  const SHAPES = 'rect, path, polygon, circle, ellipse';
  const out = [];
  let measured = 0;
  for (const box of document.querySelectorAll('div.mermaid')) {
    const svg = [...box.shadowRoot.querySelectorAll('svg')].find(s => s.getClientRects().length);
    if (!svg) { out.push(`${box.getAttribute('aria-label')}: no drawing shown`); continue; }
    const page = backdrop(box);
    const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement, text = node.textContent.trim();
      if (!text || el.closest('style, title, desc')) continue;
      const html = el.closest('foreignObject') !== null;
      const style = getComputedStyle(el);
      const ink = rgba(html ? style.color : style.fill);
      if (!ink) { out.push(`${box.getAttribute('aria-label')}: "${text}" has a colour this test cannot read`); continue; }
      el.scrollIntoView({block: 'center', inline: 'center'});  // hit-testing sees only what is on screen
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      let under = page;
      const layers = [];
      if (html) for (let e = el; e && e.tagName.toLowerCase() !== 'foreignobject'; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor); if (c && c[3] > 0) layers.push(c); }
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      const shapes = box.shadowRoot.elementsFromPoint(x, y).filter(e => e.matches && e.matches(SHAPES) && !e.closest('marker'));
      for (const shape of shapes.reverse()) {
        const s = getComputedStyle(shape), fill = rgba(s.fill);
        if (fill && fill[3] > 0 && s.fill !== 'none') under = over([fill[0], fill[1], fill[2], fill[3] * Number(s.fillOpacity) * Number(s.opacity)], under);
      }
      for (const layer of layers.reverse()) under = over(layer, under);
      const [a, b] = [over(ink, under), under].map(c => new axe.commons.color.Color(c[0], c[1], c[2], 1));
      const ratio = axe.commons.color.getContrast(b, a);
      measured += 1;
      if (ratio < 4.5) out.push(`${box.getAttribute('aria-label')}: "${text}" ${ratio.toFixed(2)}:1`);
    }
  }
  return {measured, out};
}"""
# Each diagram's SVG role, the texts its aria-labelledby and aria-describedby name, and its box's name.
TEXT_ALTERNATIVES = """() => [...document.querySelectorAll('div.mermaid')].map(d => {
    const svg = d.shadowRoot.querySelector('svg');
    const named = id => (d.shadowRoot.getElementById(id || '') || {}).textContent;
    return {role: svg.getAttribute('role'), title: named(svg.getAttribute('aria-labelledby')),
            desc: named(svg.getAttribute('aria-describedby')), box: d.getAttribute('aria-label')};
})"""
DIAGRAM_TEXT_PAGES = [path for path in diagram_page_paths() if path != revision_pack.URL]  # the pack repeats them


def read_diagram_text(page) -> dict:
    add_axe(page)  # for its WCAG contrast formula
    return page.evaluate(DIAGRAM_TEXT_UNDER_4_5)


@pytest.fixture(scope="module")
def examined(reader_tab):
    """examined(path, scheme) -> what this file's checks read from the page in that palette:
    "alternatives" (TEXT_ALTERNATIVES), "diagram_text" (DIAGRAM_TEXT_UNDER_4_5) and "axe"
    (serious_violations), each where its test asks for it.

    Each page is loaded once per palette and read by each tool in turn, as the tests come to it:
    loading it again for each check cost about a fifth of this file's time. The readings that only look
    come first; axe's, which lays the whole page out and adds its script, comes last. axe-core goes
    in as an inline script, which the site's Content-Security-Policy rightly blocks (bypass_csp)."""
    diagram_pages, dark_pages, results = set(diagram_page_paths()), set(dark_palette_paths()), {}

    def _examine(path: str, scheme: str) -> dict:
        if (path, scheme) not in results:
            page, found = reader_tab(path, scheme=scheme, bypass_csp=True), {}
            if scheme == "light" and path in diagram_pages:
                found["alternatives"] = page.evaluate(TEXT_ALTERNATIVES)
            if path in DIAGRAM_TEXT_PAGES:
                found["diagram_text"] = read_diagram_text(page)
            if scheme == "light" or path in dark_pages:
                found["axe"] = serious_violations(page, rules=COLOUR_RULES if scheme == "dark" else ())
            results[path, scheme] = found
        return results[path, scheme]

    return _examine


@pytest.mark.parametrize("path, scheme", [(path, "light") for path in page_paths()]
                         + [(path, "dark") for path in dark_palette_paths()])
def test_axe_finds_no_serious_violation(examined, path, scheme):
    violations = examined(path, scheme)["axe"]
    assert violations == [], f"/{path} ({scheme} palette): axe-core found serious problems:\n" + "\n".join(violations)


def test_axe_measures_colours_as_they_settle_not_mid_fade(open_page):
    """Material fades the header's site name and page title into each other as the page scrolls; a
    reader reads them once settled. Slowed to a minute here, so axe would meet the fade."""
    page, _ = open_page("basics/image/", wait_until="load", bypass_csp=True)
    page.add_style_tag(content=".md-header__topic { transition-duration: 60s !important; }")
    page.evaluate("() => document.querySelector('[data-md-component=header-title]').classList.toggle('md-header__title--active')")
    assert serious_violations(page, ".md-header", rules=("color-contrast",)) == [], (
        "axe measured the header's text mid-fade: serious_violations must turn transitions off first")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", DIAGRAM_TEXT_PAGES)
def test_diagram_text_stands_out_from_what_is_behind_it(examined, path, scheme):
    """WCAG 1.4.3's 4.5:1 for every label of every diagram. axe does not look inside the shadow
    root a diagram is drawn in, so the colours are read here."""
    found = examined(path, scheme)["diagram_text"]
    low = found["out"]
    assert found["measured"] and low == [], (f"/{path} ({scheme} palette): diagram text under 4.5:1 against what is behind it: {low}; "
                       "give it Material's colours (MISSING_FROM_MATERIAL in scripts/site_tools/mermaid_render.py)")


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["basics/image/", "print_page/"])
def test_landmarks_of_one_kind_have_names_of_their_own(open_page, path, width):
    """A screen reader lists landmarks by name: the breadcrumb and the site navigation must differ
    (overrides/partials/path.html), and so must a diagram the pack shows twice. A page with a
    breadcrumb and the pack, at desktop and phone width."""
    page, _ = open_page(path, wait_until="load", viewport={"width": width, "height": 900}, bypass_csp=True)
    add_axe(page)
    found = page.evaluate("""async () => (await axe.run(document, {runOnly: ['landmark-unique']})).violations
        .flatMap(v => v.nodes.map(n => n.target.join(' ')))""")
    assert found == [], f"/{path}: landmarks sharing a role and a name at {width} px: {found}"


@pytest.mark.parametrize("path", diagram_page_paths())
def test_every_drawn_diagram_has_a_text_alternative(examined, path):
    """The SVG is named and described by its own <title> and <desc> (accTitle, accDescr), and the
    focusable box around it is named after the diagram."""
    alternatives = examined(path, "light")["alternatives"]
    assert alternatives, f"/{path} has no drawn diagram"
    for alternative in alternatives:
        assert alternative["role"] == "graphics-document document" and alternative["title"] and alternative["desc"], \
            f"/{path}: a diagram's SVG is not named and described by its title and desc: {alternative}"
        assert alternative["box"].startswith(f"Diagram: {alternative['title']}"), f"/{path}: diagram box name {alternative}"


def test_a_diagram_opens_full_size_with_the_keyboard(open_page):
    page, _ = open_page("beyond/lifecycle/")
    assert tab_until(page, "el.matches('a.diagram-full-size')"), "Tab never reaches the diagram's full-size link"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('dialog.diagram-viewer').open")
    assert page.evaluate("document.activeElement.closest('dialog.diagram-viewer') !== null"), \
        "Enter on the full-size link opened the view, but the focus did not move into it"


@pytest.mark.parametrize("width", [1280, 390])
def test_a_diagrams_full_size_link_is_a_touch_target_of_at_least_24_px(reader_tab, width):
    """WCAG 2.2's minimum target size (axe target-size); site.css sets its line height."""
    box = reader_tab("beyond/lifecycle/", width).locator("a.diagram-full-size").first.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24, f"the full-size link is {box['width']:.0f} x {box['height']:.1f} px at {width} px"


def tab_until(page, predicate: str, limit: int = 80) -> bool:
    """Press Tab until `predicate` (JS, about document.activeElement) holds; False if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return Boolean({predicate}); }}"):
            return True
    return False


def test_a_glossary_definition_shows_when_its_term_is_reached_with_the_keyboard(open_page):
    page, _ = open_page("basics/image/")
    assert tab_until(page, "el.localName === 'abbr'"), "80 presses of Tab never reached a glossary term"
    term = page.evaluate("document.activeElement.textContent")
    definitions = {t.term: renderings.plain(t.definition) for t in site_data.glossary_terms()}
    tooltip = page.wait_for_selector(".md-tooltip2--active", timeout=5_000)
    assert tooltip.text_content().strip() == definitions[term], \
        f"focusing the glossary term {term!r} shows {tooltip.text_content()!r}, not its definition"


def test_the_edit_link_keeps_its_name_once_its_tooltip_shows(open_page):
    """Material's tooltip takes the link's title, its only name unless overrides/partials/actions.html adds one."""
    page, _ = open_page("basics/image/", bypass_csp=True)
    assert tab_until(page, "el.matches('a[rel=edit]')"), "80 presses of Tab never reached the edit link"
    page.wait_for_selector(".md-tooltip2--active", timeout=5_000)
    assert serious_violations(page, "a[rel=edit]") == []


def test_search_is_usable_with_the_keyboard(open_page):
    page, _ = open_page("")
    home = page.url
    page.keyboard.press("/")  # Material's shortcut; Tab reaches the same field
    page.keyboard.type(next(term.term for term in site_data.glossary_terms() if term.tooltip))  # a word the site uses
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url != home, timeout=10_000)  # the chosen result opened


def test_search_field_is_reachable_with_tab(open_page):
    page, _ = open_page("")
    assert tab_until(page, "el.matches('label.md-search__icon, input.md-search__input, label[for=__search]')"), \
        "80 presses of Tab never reached the search field"


def test_palette_toggle_is_usable_with_the_keyboard(open_page):
    page, _ = open_page("", color_scheme="light")
    assert tab_until(page, "el.matches('input[name=__palette]') || el.closest('form[data-md-component=palette]')"), \
        "80 presses of Tab never reached the palette toggle"
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'", timeout=5_000)


def test_self_test_choices_are_reached_and_checked_with_the_keyboard(open_page):
    """The whole quiz by keyboard, with its score, is in tests/test_quiz.py; this is the first step."""
    page, _ = open_page("revise/self-test/")
    assert tab_until(page, "el.matches('.quiz-question input[type=radio]')"), "80 presses of Tab never reached a self-test choice"
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is True, "Space on a self-test choice did not choose it"


def test_every_table_column_has_a_named_header(built_site):
    """A column under an empty header leaves its cells with no header (axe td-has-header, empty-table-header)."""
    empty = sorted({f"{page.relative_to(built_site.site)}: table after {th.find_previous(['h1', 'h2', 'h3']).get_text(' ', strip=True).rstrip('¶ ')!r}"
                    for page in html_pages(built_site.site)
                    for th in parsed(page).select("article thead th")
                    if not th.get_text(strip=True)})
    assert empty == [], f"tables with an empty column header; name the column in the Markdown table: {empty}"


def test_the_not_found_page_is_kept_out_of_search_engines(built_site):
    soup = parsed(built_site.site / "404.html")
    assert soup.find("meta", attrs={"name": "robots", "content": "noindex"}) is not None, \
        "404.html lacks <meta name=robots content=noindex>; see overrides/404.html"


def test_every_page_has_a_unique_title(built_site):
    titles = Counter(parsed(p).title.get_text() for p in html_pages(built_site.site))
    repeated = [title for title, count in titles.items() if count > 1]
    assert repeated == [], f"several pages share these <title>s; give each page its own `# Heading`: {repeated}"


def test_every_page_has_its_own_meta_description(built_site):
    """Every content page; the 404 page is kept out of search engines (noindex) instead."""
    descriptions = {}
    for page in html_pages(built_site.site):
        if page.name == "404.html":
            continue
        tag = parsed(page).find("meta", attrs={"name": "description"})
        descriptions[page.relative_to(built_site.site).as_posix()] = tag["content"] if tag else None
    missing = [p for p, d in descriptions.items() if not d]
    repeated = [d for d, n in Counter(descriptions.values()).items() if n > 1]
    assert missing == [], f"pages without a meta description; add `description:` to their front matter: {missing}"
    assert repeated == [], f"pages share these meta descriptions; give each its own: {repeated}"
