"""Diagrams drawn at build time: Material's settings, the cache, and clear failures."""

from __future__ import annotations

import re

import pytest

from site_tools import diagram_cache_key
from site_tools import diagram_pages
from site_tools import mermaid_render
from conftest import ROOT, build_site
from site_pages import diagram_page_paths

FLOWCHART = 'flowchart LR\n  accTitle: Tiny\n  accDescr: A goes to B.\n  A["Start"] --> B["End"]\n'
PAGE = f'<html><body><figure><pre class="mermaid"><code>{FLOWCHART}</code></pre></figure></body></html>'

# Per diagram on a page: its name, and the selectors of the style rules in its shadow root that
# match nothing in it (mermaid_render.UNUSED_RULES_JS, the check the renderer prunes with).
UNUSED_RULES = """() => [...document.querySelectorAll('div.mermaid')].map(d => [d.getAttribute('aria-label'),
  [...d.shadowRoot.querySelectorAll('style')].flatMap(style =>
    (%s)(style.sheet, d.shadowRoot).map(index => style.sheet.cssRules[index].selectorText))])""" % mermaid_render.UNUSED_RULES_JS
# A drawing in a shadow root, and one rule of each kind the check must keep or drop.
SHADOW_DRAWING = '<svg id="d"><g class="node"><text title="a:b">t</text></g></svg>'
RULES = {
    "#d{fill:red}": "kept",  # the root svg itself
    "#d .node text{fill:red}": "kept",
    "#d .node:hover text{fill:red}": "kept",  # a pseudo-class: kept when the rest matches
    "#d :root{--x:1}": "kept",  # a pseudo-class that is a whole compound stands for any element
    "#d text::before{content:'x'}": "kept",  # a pseudo-element
    '#d [title="a:b"]{fill:red}': "kept",  # a colon in a quoted value is no pseudo-class
    "#d .node > :first-child{fill:red}": "kept",
    "@keyframes dash{to{stroke-dashoffset:0}}": "kept",
    "@media print{#d .missing{fill:red}}": "kept",  # not a style rule: kept whole
    "#d .error-icon{fill:red}": "dropped",
    "#d .missing:hover{fill:red}": "dropped",
    '#d [title="a:c"]{fill:red}': "dropped",
}


@pytest.fixture
def renderer(tmp_path, chromium):
    drawing = mermaid_render.Renderer(cache=tmp_path / "cache", browser_session=chromium)
    yield drawing
    drawing.close()


def test_material_settings_are_read_from_materials_own_bundle():
    settings = mermaid_render.material_settings()
    assert "startOnLoad:!1" in settings and "--md-mermaid-node-bg-color" in settings


def test_a_drawing_uses_materials_palette_properties_and_the_pinned_font(renderer):
    drawing = renderer.draw(FLOWCHART)
    assert drawing.svg.startswith("<svg") and "var(--md-mermaid-node-bg-color)" in drawing.svg
    assert mermaid_render.FONT_STACK in drawing.svg and drawing.min_font_px >= 12
    assert "var(--md-mermaid" in drawing.standalone and "--md-mermaid-node-bg-color:" in drawing.standalone


@pytest.mark.parametrize("source", [FLOWCHART, "stateDiagram-v2\n  [*] --> created\n  created --> running: start\n"])
def test_flowcharts_and_state_diagrams_are_drawn_in_the_classic_look_materials_colours_style(renderer, source):
    looks = set(re.findall(r'data-look="(\w+)"', renderer.draw(source).svg))
    assert looks == {"classic"}, (f"drawn with look {sorted(looks)}: Mermaid 12 defaults to 'neo', which ignores "
                                  "Material's --md-mermaid-* colours; keep `classic` in scripts/site_tools/mermaid_render.py")


def test_sequence_diagrams_are_drawn_in_the_classic_look_materials_colours_style(renderer):
    """Mermaid 12 draws sequence diagrams in the neo look and redux-color theme: pastel boxes, drop
    shadows, and in the dark palette labels and lifelines that vanish (seen on the PID 1 page)."""
    svg = renderer.draw("sequenceDiagram\n  participant A as docker stop\n  A->>B: stop web1\n"
                        "  alt handled\n    B-->>A: exits\n  else still running\n    B-->>A: killed\n  end\n").svg
    neo = sorted(set(re.findall(r'data-look="(\w+)"', svg)) - {"classic"}) + (["drop-shadow"] if "drop-shadow" in svg else [])
    assert neo == [] and "var(--md-mermaid-sequence-actor" in svg, (
        f"a sequence diagram is drawn in Mermaid 12's neo look ({neo}) or without Material's actor colours; keep "
        "`sequence: {look: 'classic', theme: 'default'}` in scripts/site_tools/mermaid_render.py")
    assert 'font-size: 16px' in svg.split('class="actor actor-box"')[1][:400], "Material's sequence settings (16 px actors) were not kept"
    guards = re.search(r"\.sectionTitle,#[\w-]+ \.labelText\{fill:var\(--md-mermaid-sequence-loop-fg-color\);\}", svg)
    assert guards, ("an else guard is filled black (invisible in the dark palette), or a block's keyword in the accent "
                    "colour (3.4:1); see MISSING_FROM_MATERIAL in mermaid_render.py")


def test_a_css_rule_counts_as_unused_only_when_nothing_in_the_drawing_could_match_it(chromium):
    page = chromium.new_page()
    try:
        found = page.evaluate("""([drawing, rules]) => {
          const host = document.createElement('div');
          document.body.append(host);
          const root = host.attachShadow({mode: 'open'});
          root.innerHTML = drawing + '<style>' + rules.join('') + '</style>';
          const sheet = root.querySelector('style').sheet;
          return (%s)(sheet, root).map(index => sheet.cssRules[index].selectorText);
        }""" % mermaid_render.UNUSED_RULES_JS, [SHADOW_DRAWING, list(RULES)])
    finally:
        page.close()
    expected = [rule.split("{")[0] for rule, fate in RULES.items() if fate == "dropped"]
    assert found == expected, f"UNUSED_RULES_JS in scripts/site_tools/mermaid_render.py found {found} unused; expected {expected}"


def test_a_drawing_keeps_mermaids_css_as_written_less_the_rules_that_match_nothing_in_it(renderer):
    drawing = renderer.draw(FLOWCHART)
    for svg in (drawing.svg, drawing.standalone):
        dead = [rule for rule in (".error-icon{", ".edge-thickness-thick{", "g.stateGroup rect{") if rule in svg]
        assert dead == [], f"rules for what this flowchart does not have are still in its SVG: {dead}"
        assert "@keyframes dash{to{stroke-dashoffset:0;}}" in svg, "Mermaid's @keyframes rule is gone or rewritten"
        assert "{fill:var(--md-mermaid-node-bg-color);stroke:var(--md-mermaid-node-fg-color);}" in svg


@pytest.mark.parametrize("path", diagram_page_paths())
def test_every_css_rule_in_a_diagram_applies_to_something_in_that_diagram(reader_tab, path):
    diagrams = reader_tab(path).evaluate(UNUSED_RULES)
    unused = [(name, selectors) for name, selectors in diagrams if selectors]
    assert diagrams and unused == [], (f"/{path}: diagrams carry CSS rules that match nothing in them: {unused}; "
                                       "see the pruning in _DRAW_JS, scripts/site_tools/mermaid_render.py")


def test_the_same_source_drawn_twice_from_an_empty_cache_gives_the_same_svg(chromium, tmp_path):
    """Reproducible builds: Mermaid draws a state diagram's fork bar with random curves unless seeded."""
    source = "stateDiagram-v2\n    state fork_state <<fork>>\n    [*] --> fork_state\n    fork_state --> A\n    fork_state --> B"
    drawings = []
    for attempt in ("first", "second"):
        renderer = mermaid_render.Renderer(cache=tmp_path / attempt, browser_session=chromium)
        drawings.append(renderer.draw(source).svg)
        renderer.close()
    assert drawings[0] == drawings[1], "two fresh drawings of one diagram differ; is handDrawnSeed still set in _DRAW_JS?"


def test_a_cached_diagram_is_drawn_again_without_a_browser(renderer, tmp_path, monkeypatch):
    first = renderer.draw(FLOWCHART)
    monkeypatch.setattr(mermaid_render.browser, "find_headless_chromium", lambda python: None)
    again = mermaid_render.Renderer(cache=tmp_path / "cache")
    assert again.draw(FLOWCHART) == first
    with pytest.raises(mermaid_render.NoBrowser, match="no Chromium found"):
        again.draw(FLOWCHART.replace("End", "Finish"))


def test_the_cache_key_changes_with_the_source_the_mermaid_version_and_the_settings():
    key = mermaid_render.cache_key(FLOWCHART, "settings", "11.0.0", "9.8.1")
    changed = {"the source": mermaid_render.cache_key(FLOWCHART + " ", "settings", "11.0.0", "9.8.1"),
               "Material's settings": mermaid_render.cache_key(FLOWCHART, "other", "11.0.0", "9.8.1"),
               "Mermaid's version": mermaid_render.cache_key(FLOWCHART, "settings", "11.0.1", "9.8.1")}
    ignored = [what for what, other in changed.items() if other == key]
    assert ignored == [], (f"the diagram cache key ignores {', '.join(ignored)}: a stale drawing would be served; "
                           "see fingerprint() in scripts/site_tools/diagram_cache_key.py")


def test_the_cache_key_changes_when_materials_installed_version_changes(tmp_path, monkeypatch):
    """An upgrade of Material may change its palette's colours, filled into the standalone SVGs."""
    installed = mermaid_render.Renderer(cache=tmp_path).key(FLOWCHART)
    monkeypatch.setattr(mermaid_render, "material_version", lambda: "0.0.0-an-upgrade")
    assert mermaid_render.Renderer(cache=tmp_path).key(FLOWCHART) != installed, \
        "cache_key() in scripts/site_tools/mermaid_render.py ignores Material's version: stale colours would be served"


RENDERER = ROOT / "scripts/site_tools/mermaid_render.py"


def fingerprint_with_renderer_code(tmp_path, code: str) -> str:
    """The fingerprint the installed inputs give when mermaid_render.py reads `code` (a copy in tmp_path)."""
    copy = tmp_path / "mermaid_render.py"
    copy.write_text(code, encoding="utf-8")
    renderer = mermaid_render.Renderer(cache=tmp_path)
    return diagram_cache_key.fingerprint(
        mermaid=renderer.mermaid, material=renderer.material, settings=renderer.settings,
        stylesheets=mermaid_render.material_stylesheets(), font_stack=mermaid_render.FONT_STACK,
        code=(copy, *diagram_cache_key.RENDERER_CODE[1:]))


def test_a_change_to_the_renderers_code_changes_every_key_but_a_comment_does_not(tmp_path):
    code = RENDERER.read_text(encoding="utf-8")
    assert diagram_cache_key.RENDERER_CODE[0] == RENDERER, "RENDERER_CODE must start with mermaid_render.py"
    installed = fingerprint_with_renderer_code(tmp_path, code)
    assert installed == mermaid_render.Renderer(cache=tmp_path).fingerprint, "the copy is not fingerprinted like the file"
    edited_js = code.replace("handDrawnSeed: 1", "handDrawnSeed: 2", 1)
    assert edited_js != code, "mermaid_render.py no longer sets handDrawnSeed: pick another line of its JavaScript"
    assert fingerprint_with_renderer_code(tmp_path, edited_js) != installed, (
        "a change to the JavaScript mermaid_render.py runs left the cache key unchanged: old drawings would be served; "
        "see fingerprint() in scripts/site_tools/diagram_cache_key.py")
    smaller = code.replace("MIN_LABEL_PX_PHONE = 10", "MIN_LABEL_PX_PHONE = 9", 1)
    assert fingerprint_with_renderer_code(tmp_path, smaller) != installed, "a changed label size kept the cache key"
    assert fingerprint_with_renderer_code(tmp_path, code + "\n# a comment\n") == installed, \
        "a comment in mermaid_render.py changed the cache key: every diagram would be drawn again for nothing"


def test_a_drawing_cached_by_other_renderer_code_is_not_served_but_drawn_again(renderer, tmp_path, monkeypatch):
    renderer.draw(FLOWCHART)
    entry = renderer.cache / f"{renderer.key(FLOWCHART)}.json"
    entry.write_text(entry.read_text(encoding="utf-8").replace("Start", "Stale"), encoding="utf-8")
    monkeypatch.setattr(diagram_cache_key, "code_digest", lambda path: "code changed since the drawing was cached")
    changed = mermaid_render.Renderer(cache=renderer.cache, browser_session=renderer._lent_browser)
    try:
        assert changed.key(FLOWCHART) != renderer.key(FLOWCHART), "the renderer's code is not part of the cache key"
        drawn = changed.draw(FLOWCHART).svg
        assert "Stale" not in drawn and "Start" in drawn, "a drawing made by other renderer code was served from the cache"
    finally:
        changed.close()


def test_the_cache_key_changes_with_materials_stylesheets_and_the_fonts(tmp_path, monkeypatch):
    installed = mermaid_render.Renderer(cache=tmp_path).fingerprint
    palette = tmp_path / "palette.css"
    palette.write_text(":root{--md-mermaid-node-bg-color:red}")
    monkeypatch.setattr(mermaid_render, "material_stylesheets", lambda: [palette])
    assert mermaid_render.Renderer(cache=tmp_path).fingerprint != installed, "Material's stylesheets are not in the key"
    monkeypatch.undo()
    monkeypatch.setattr(diagram_cache_key, "font_files", lambda stack: ["/usr/share/fonts/Arimo-Regular.ttf 1"])
    assert mermaid_render.Renderer(cache=tmp_path).fingerprint != installed, "the installed fonts are not in the key"


def test_an_updated_font_file_changes_the_fonts_part_of_the_key(tmp_path, monkeypatch):
    """A font package update keeps the file's path and changes its contents (and so its size):
    Mermaid measures text with the new glyphs, so drawings cached with the old ones are stale."""
    font = tmp_path / "Arimo-Regular.ttf"
    fc_list = tmp_path / "fc-list"
    fc_list.write_text(f"#!/bin/sh\necho '{font}: Arimo'\necho '{tmp_path}/Other.ttf: Other'\n", encoding="utf-8")
    fc_list.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    font.write_bytes(b"glyphs, version 1")
    before = diagram_cache_key.font_files(mermaid_render.FONT_STACK)
    font.write_bytes(b"glyphs, version 2 with more")
    after = diagram_cache_key.font_files(mermaid_render.FONT_STACK)
    assert len(before) == 1 and before != after, (
        f"fonts part of the cache key before and after a font file grew: {before} / {after}; expected one line, "
        "changed: font_files() in scripts/site_tools/diagram_cache_key.py must list each file with its size")


def test_the_key_names_no_version_set_by_hand():
    assert not hasattr(mermaid_render, "RENDERER_VERSION"), \
        "RENDERER_VERSION is back: the cache key is computed by scripts/site_tools/diagram_cache_key.py"


def test_a_page_gets_the_drawing_in_a_declarative_shadow_root_and_a_full_size_link(renderer):
    result = diagram_pages.with_drawn_diagrams(PAGE, "basics/x/", "basics/x.md", renderer)
    assert '<div class="mermaid" role="region" tabindex="0" aria-label="Diagram: Tiny"><template shadowrootmode="open"><svg' in result.html
    assert "<pre" not in result.html
    [(path, svg)] = result.files.items()
    assert f'href="../../{path}"' in result.html and svg.startswith("<?xml")


def test_one_diagram_twice_on_a_page_gets_its_own_ids_each_time(renderer):
    twice = PAGE.replace("</figure>", "</figure>" + PAGE[PAGE.index("<figure>"):PAGE.index("</body>")])
    html = diagram_pages.with_drawn_diagrams(twice, "", "index.md", renderer).html
    first_id = mermaid_render.diagram_id(renderer.key(FLOWCHART))
    assert html.count(f'id="{first_id}"') == 1 and html.count(f'id="{first_id}-2"') == 1


def test_a_mermaid_syntax_error_names_the_page_the_diagram_and_mermaids_message(renderer):
    broken = PAGE.replace("--&gt;", "--&gt;&gt;&gt;").replace("-->", "-->>>")
    with pytest.raises(diagram_pages.DiagramError, match=r"^basics/x\.md: diagram 1 \(flowchart LR\): Mermaid says: .*Parse error"):
        diagram_pages.with_drawn_diagrams(broken, "basics/x/", "basics/x.md", renderer)


def test_the_build_fails_on_a_broken_diagram_naming_the_page(scratch_repo):
    for shared in ("node_modules", ".cache"):  # the pinned Mermaid, and the other diagrams already drawn
        (ROOT / shared).mkdir(exist_ok=True)
        (scratch_repo / shared).symlink_to(ROOT / shared)
    (scratch_repo / "package.json").symlink_to(ROOT / "package.json")
    lifecycle = scratch_repo / "docs" / "beyond" / "lifecycle.md"
    lifecycle.write_text(lifecycle.read_text(encoding="utf-8").replace("stateDiagram-v2\n", "stateDiagram-v2\n  [*] --> --> x\n", 1),
                         encoding="utf-8")
    result = build_site(scratch_repo / "site", scratch_repo / "mkdocs.yml")
    assert result.returncode != 0
    assert "beyond/lifecycle.md: diagram 1 (stateDiagram-v2): Mermaid says: Parse error" in result.stderr, result.stderr[-2000:]
