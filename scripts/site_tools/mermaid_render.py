"""Draw Mermaid diagrams to SVG at build time, as Material for MkDocs would draw them in a browser.

One headless Chromium session (Playwright, the browser `browser.py` finds) draws every diagram a
build needs with the pinned Mermaid from `node_modules/` (the npm lock), initialised with the
settings Material itself passes to `mermaid.initialize()` (read from the installed Material's
JavaScript bundle, so an upgrade of Material changes them here too), plus two deliberate
additions: the diagram font is pinned to FONT_STACK, fonts metric-compatible with Arial, so the
text Mermaid measures here is the text a reader's browser shows; and Mermaid's random seed is
fixed (`handDrawnSeed`), so the same source always gives the same SVG (unseeded, a state
diagram's fork and join bars came out different on every draw).

Drawn diagrams are kept in a content-addressed cache (`.cache/diagrams/`, one JSON file per
diagram) keyed on the source and a fingerprint of every other input of a drawing, computed by
diagram_cache_key.py (this module's own code, Mermaid, Material's version, settings and
stylesheets, the fonts); a build whose diagrams are all cached launches no browser. A cache entry is
used only if it is drawn under its key's id and passes svg_check.py (nothing that runs or loads,
a size limit); otherwise it is discarded and drawn again. A source Mermaid cannot parse, or
cannot draw within MAX_DRAW_SECONDS, raises MermaidSyntaxError with Mermaid's own message; a
drawing svg_check.py refuses raises UnsafeDrawing.

Each drawing holds: `svg` (for a declarative shadow root: colours are Material's
`var(--md-mermaid-*)` custom properties, so one SVG follows the palette toggle and print CSS),
`standalone` (the same drawing as a file of its own, with the light palette's colours filled
in, for the "full size" link), `width`/`height` (the viewBox) and `min_font_px` (the smallest
label font size, from which the smallest readable width follows). Mermaid's <style> holds the
CSS of every kind of diagram (about 120 rules); both SVGs keep only the rules that match
something in the drawing, as found in the browser where it is drawn (UNUSED_RULES_JS), which
takes about three quarters of the CSS off every diagram.
"""

from __future__ import annotations

import functools
import html
import importlib.metadata
import json
import math
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from site_tools import browser
from site_tools import diagram_cache_key

ROOT = Path(__file__).resolve().parents[2]
MERMAID_DIST = ROOT / "node_modules" / "mermaid" / "dist"
MERMAID_ENTRY = "mermaid.esm.min.mjs"
CACHE = Path(os.environ.get("SITE_DIAGRAM_CACHE") or ROOT / ".cache" / "diagrams")  # env: the benchmark's cold builds
# Metric-compatible with Arial: Liberation Sans (Debian fonts-liberation) and Arimo.
FONT_STACK = 'Arial, "Liberation Sans", Arimo, sans-serif'
# The smallest label size, in CSS px, a reader gets at a desktop width and at a phone width:
# a diagram narrower than (viewBox width x size / its smallest font) scrolls sideways instead.
MIN_LABEL_PX_DESKTOP = 12
MIN_LABEL_PX_PHONE = 10
DESKTOP_MIN_WIDTH = "60em"  # Material's desktop breakpoint: the table of contents shows beside the page
# On paper a drawing is at most this tall (shrinking, centred, to keep its shape): a tall one (the
# lifecycle, 323 mm at the page's width) then fits on the page it starts, beside a few paragraphs,
# instead of leaving that page nearly blank and running over the next; its labels stay above 7 pt
# (tests/test_print.py, tests/test_print_paper.py).
PRINT_MAX_HEIGHT = "200mm"
MAX_DRAW_SECONDS = 20  # one diagram; Mermaid draws each of the site's in well under a second
ORIGIN = "http://diagrams.invalid/"  # answered by Playwright routes; never reaches a network

# JavaScript: the smallest label of the drawn diagram `svg`, in CSS px as rendered
# (font size x rendered width / viewBox width). Shared with the browser tests.
SMALLEST_LABEL_JS = """(svg) => {
  const box = svg.viewBox.baseVal;
  const scale = svg.getBoundingClientRect().width / box.width;
  const sizes = [];
  const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (walker.currentNode.data.trim() && !element.closest('style, title, desc')) {
      sizes.push(parseFloat(getComputedStyle(element).fontSize));
    }
  }
  return sizes.length ? Math.min(...sizes) * scale : null;
}"""

# JavaScript: the indexes of the style rules of `sheet` that match nothing under `root` (the shadow
# root a diagram is drawn in). Conservative: pseudo-classes and pseudo-elements (:hover, ::before,
# :root, :not(...)) are taken out before a selector is tried, so the rule counts as used whenever
# its selector without them matches; a selector the browser cannot try, a style rule holding
# nested rules and every other kind of rule (@keyframes, @media, @font-face...) count as used.
# Shared with the browser tests.
UNUSED_RULES_JS = r"""(sheet, root) => {
  const pseudo = /("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\\.)|::?[\w-]+(?:\((?:[^()]|\([^()]*\))*\))?/g;
  const alone = /^$|[\s>+~,(]$/;  // a pseudo-class that is a whole compound selector stands for `*`
  const unpseudo = (selector) => selector.replace(pseudo, (match, kept, offset) =>
    kept !== undefined ? kept : alone.test(selector.slice(0, offset)) ? '*' : '');
  const unused = [];
  [...sheet.cssRules].forEach((rule, index) => {
    if (!(rule instanceof CSSStyleRule) || rule.cssRules.length) return;
    try {
      if (!root.querySelector(unpseudo(rule.selectorText))) unused.push(index);
    } catch (error) {}  // a selector that cannot be tried is kept
  });
  return unused;
}"""

# JavaScript: the text of `style` (Mermaid's one <style> element, drawn) without the rules
# UNUSED_RULES_JS finds, each rule kept as Mermaid wrote it (a rule's cssText would be Chromium's
# rewrite of it, which drops declarations Chromium does not know and which other browsers may
# use). The text is cut at its top-level rules, and each piece must parse to the sheet's next
# rule; otherwise it throws, as Mermaid's CSS then no longer looks like what this was written for.
_PRUNED_CSS_JS = r"""(style, root) => {
  const css = style.textContent, rules = style.sheet.cssRules;
  const unused = new Set((%s)(style.sheet, root));
  const pieces = [];
  let start = 0, depth = 0;
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (c === '\\') i++;
    else if (c === '"' || c === "'") { while (++i < css.length && css[i] !== c) if (css[i] === '\\') i++; }
    else if (c === '/' && css[i + 1] === '*') i = (css.indexOf('*/', i + 2) + 1) || css.length;
    else if (c === '{') depth++;
    else if ((c === '}' && --depth === 0) || (c === ';' && depth === 0 && css.slice(start).trimStart()[0] === '@')) {
      pieces.push(css.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (pieces.length) pieces[pieces.length - 1] += css.slice(start); else pieces.push(css);
  let next = 0;
  const kept = pieces.filter(piece => {
    const probe = new CSSStyleSheet();
    probe.replaceSync(piece);
    if (probe.cssRules.length === 0) return true;  // text Chromium drops as invalid: kept for other browsers
    if (probe.cssRules.length > 1 || next >= rules.length || probe.cssRules[0].cssText !== rules[next].cssText) {
      throw new Error(`Mermaid's <style> could not be cut into its ${rules.length} rules at ${JSON.stringify(piece.slice(0, 80))}`);
    }
    return !unused.has(next++);
  });
  if (next !== rules.length) throw new Error(`Mermaid's <style> has ${rules.length} rules; its text was cut into ${next}`);
  return kept.join('');
}""" % UNUSED_RULES_JS

# JavaScript: draws `source` in a shadow root, drops its unused CSS (see above) and measures it.
# `classic`: Mermaid 12 gave flowcharts and state diagrams new defaults (the "neo" look, the
# "redux-color" theme, the ELK layout, labels wrapped at 120 px in boxes at least 120 px wide),
# and sequence diagrams the neo look and redux-color theme (pastel boxes whose labels and lifelines
# vanished in the dark palette); Material's diagram CSS (its --md-mermaid-* colours for both
# palettes) is written for the classic look, so the site keeps Mermaid 11's defaults for the three
# kinds of diagram it draws.
# Material's diagram CSS leaves out a sequence diagram's `else` guard (.sectionTitle), which Mermaid
# fills black: invisible in the dark palette. It is given the colour of the other guards. And it
# writes a block's keyword (`alt`, `loop`: .labelText) in the accent colour on the accent's tint,
# 3.8:1 in the light palette and 3.4:1 in the dark, under WCAG's 4.5:1; it gets the guards' colour too
# (tests/test_accessibility.py::test_diagram_text_stands_out_from_what_is_behind_it).
_DRAW_JS = """async ({id, source, settings, font, seconds}) => {
  const MISSING_FROM_MATERIAL = '.sectionTitle,.labelText{fill:var(--md-mermaid-sequence-loop-fg-color)}';
  const mermaid = (await import('./mermaid/%s')).default;
  const classic = {look: 'classic', theme: 'default', layout: 'dagre', wrappingWidth: 200, minNodeWidth: 0};
  const material = new Function(settings)();
  mermaid.initialize({...material, themeCSS: material.themeCSS + MISSING_FROM_MATERIAL, fontFamily: font, themeVariables: {fontFamily: font}, handDrawnSeed: 1,
                      layout: 'dagre', flowchart: classic, state: classic, sequence: {...material.sequence, look: 'classic', theme: 'default'}});
  const late = new Promise((_, reject) => setTimeout(() => reject(new Error(`not drawn within ${seconds} s; simplify the diagram`)), seconds * 1000));
  let svg;
  try {
    await Promise.race([mermaid.parse(source), late]);
    ({svg} = await Promise.race([mermaid.render(id, source), late]));
  } catch (error) { return {error: String(error.message || error)}; }
  const host = document.createElement('div');
  document.body.append(host);
  try {
    host.attachShadow({mode: 'open'}).innerHTML = svg;
    const styles = host.shadowRoot.querySelectorAll('style');
    if (styles.length !== 1) return {unexpected: `Mermaid's SVG has ${styles.length} <style> elements, not one`};
    let css;
    try { css = (%s)(styles[0], host.shadowRoot); } catch (error) { return {unexpected: String(error.message)}; }
    styles[0].textContent = css;
    const drawn = host.shadowRoot.querySelector('svg');
    drawn.style.maxWidth = 'none';
    drawn.setAttribute('width', drawn.viewBox.baseVal.width);
    const smallest = (%s)(drawn);
    const names = [...new Set([...svg.matchAll(/var\\((--[\\w-]+)/g)].map(m => m[1]))];
    const style = getComputedStyle(document.body);
    const palette = Object.fromEntries(names.map(n => [n, style.getPropertyValue(n).trim()]));
    return {svg, css, palette, min_font_px: smallest, width: drawn.viewBox.baseVal.width, height: drawn.viewBox.baseVal.height};
  } finally {
    host.remove();
  }
}""" % (MERMAID_ENTRY, _PRUNED_CSS_JS, SMALLEST_LABEL_JS)


class MermaidSyntaxError(Exception):
    """Mermaid could not parse a diagram; the message is Mermaid's own."""


class UnsafeDrawing(Exception):
    """Mermaid's drawing of a source holds something beyond a drawing (svg_check.py); the message says what."""


def _verified(cached: Path, id_: str) -> Drawing | None:
    """The cached drawing, or None when the entry is not one this module wrote for its key: unreadable,
    of another shape, drawn under another id, or holding anything svg_check.py refuses."""
    from site_tools import svg_check  # here, not at the top: benchmark.py imports this module before .venv exists
    try:
        drawing = Drawing(**json.loads(cached.read_text(encoding="utf-8")))
    except (ValueError, TypeError, OSError):
        return None
    if not (isinstance(drawing.svg, str) and isinstance(drawing.standalone, str)) or f'id="{id_}"' not in drawing.svg:
        return None
    if svg_check.svg_problems(drawing.svg) or svg_check.svg_problems(drawing.standalone):
        return None
    return drawing


class NoBrowser(Exception):
    """No Chromium to draw with; the message says what to install."""


@dataclass(frozen=True)
class Drawing:
    svg: str
    standalone: str
    width: float
    height: float
    min_font_px: float


def mermaid_version() -> str:
    manifest = MERMAID_DIST.parent / "package.json"
    if not (MERMAID_DIST / MERMAID_ENTRY).is_file() or not manifest.is_file():
        raise FileNotFoundError(f"{MERMAID_DIST / MERMAID_ENTRY} is missing: run `npm ci` (or python3 scripts/serve.py)")
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


def material_version() -> str:
    return importlib.metadata.version("mkdocs-material")


def material_assets() -> Path:
    import material

    return Path(material.__file__).resolve().parent / "templates" / "assets"


def material_settings() -> str:
    """The JavaScript object Material passes to `mermaid.initialize()`, as a function body returning it.

    Read from Material's bundle: `mermaid.initialize({...themeCSS:NAME...})`, where NAME is a
    string constant defined elsewhere in the bundle. Raises ValueError when the bundle no
    longer looks like that (a Material upgrade changed it: update this function).
    """
    bundles = sorted((material_assets() / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise ValueError(f"expected one Material bundle.*.min.js in {material_assets()}, found {len(bundles)}")
    code = bundles[0].read_text(encoding="utf-8")
    call = re.search(r"mermaid\.initialize\((\{startOnLoad:[^()]*?themeCSS:(\w+)[^()]*?\})\)", code)
    if call is None:
        raise ValueError(f"{bundles[0].name}: no mermaid.initialize({{startOnLoad..., themeCSS...}}) call; "
                         "update material_settings() in scripts/site_tools/mermaid_render.py")
    css = re.search(r"\b%s=(\"(?:[^\"\\\\]|\\\\.)*\")" % re.escape(call[2]), code)
    if css is None or "--md-mermaid-" not in css[1]:
        raise ValueError(f"{bundles[0].name}: themeCSS constant {call[2]} not found; update material_settings()")
    return f"const {call[2]} = {css[1]}; return {call[1]};"


def material_stylesheets() -> list[Path]:
    """Material's two stylesheets the drawing page loads (see _answer): their palette colours the standalone SVG."""
    stylesheets = material_assets() / "stylesheets"
    return [path for pattern in ("main.*.min.css", "palette.*.min.css") for path in sorted(stylesheets.glob(pattern))[:1]]


def cache_key(source: str, settings: str, mermaid: str, material: str) -> str:
    """The drawing's key: its source and everything else a drawing depends on (diagram_cache_key.py)."""
    return diagram_cache_key.cache_key(source, diagram_cache_key.fingerprint(
        mermaid=mermaid, material=material, settings=settings, stylesheets=material_stylesheets(), font_stack=FONT_STACK))


def diagram_id(key: str) -> str:
    """The element id Mermaid draws a diagram under; every id inside its SVG starts with it."""
    return f"mermaid-{key[:12]}"


def root_tag(svg: str, id_: str) -> tuple[str, str]:
    """Mermaid's `<svg ...>` opening tag and the rest; ValueError when the SVG does not start with one."""
    match = re.match(r"<svg\b[^>]*>", svg)
    if match is None:
        raise ValueError(f"{id_}: Mermaid's output does not start with an <svg> tag")
    return match[0], svg[match.end():]


def with_css(svg: str, id_: str, css: str) -> str:
    """The SVG with `css` as the text of its one <style> element (escaped as Mermaid's SVG escapes it)."""
    pruned, count = re.subn(r"(<style\b[^>]*>).*?(</style>)", lambda match: match[1] + html.escape(css, quote=False) + match[2],
                            svg, flags=re.DOTALL)
    if count != 1:
        raise ValueError(f"{id_}: Mermaid's SVG has {count} <style> elements, not one")
    return pruned


def sized(svg: str, id_: str, width: float, height: float) -> str:
    """The SVG with its natural size as width/height attributes instead of Mermaid's 100% and max-width style."""
    tag, rest = root_tag(svg, id_)
    tag = re.sub(r' (?:width|height)="[^"]*"| style="[^"]*"', "", tag)
    return tag.replace("<svg", f'<svg width="{width:.0f}" height="{height:.0f}"', 1) + rest


def readable_widths(width: float, min_font_px: float) -> tuple[int, int]:
    """The narrowest a drawing `width` wide may be shown, in whole CSS px, at a phone's and at a desktop's label size."""
    return (math.ceil(min(width, width * MIN_LABEL_PX_PHONE / min_font_px)),
            math.ceil(min(width, width * MIN_LABEL_PX_DESKTOP / min_font_px)))


def fitted(svg: str, id_: str, width: float, height: float, min_font_px: float) -> str:
    """The SVG for a page: natural size at most, shrinking with the column but never below a readable size.

    Narrower than the readable width, the SVG keeps that width and the page's diagram box
    scrolls sideways (site.css). On paper it fits the page width and PRINT_MAX_HEIGHT.
    """
    phone, desktop = readable_widths(width, min_font_px)
    rules = (f"#{id_}{{--md-mermaid-font-family:{FONT_STACK};display:block;margin:0 auto;max-width:100%;"
             f"height:auto;min-width:{phone}px}}"
             f"@media (min-width:{DESKTOP_MIN_WIDTH}){{#{id_}{{min-width:{desktop}px}}}}"
             f"@media print{{#{id_}{{min-width:0;max-height:{PRINT_MAX_HEIGHT}}}}}")
    if "</style>" not in svg:
        raise ValueError(f"{id_}: Mermaid's SVG has no <style> element")
    return sized(svg, id_, width, height).replace("</style>", rules + "</style>", 1)


def standalone(svg: str, id_: str, palette: dict[str, str], width: float, height: float) -> str:
    """The drawing as an SVG file of its own: the light palette's colours it uses filled in, on white, at natural size."""
    values = "".join(f"{name}:{value};" for name, value in sorted(palette.items()) if value and f"var({name}" in svg)
    body = sized(svg, id_, width, height).replace("<style>", f"<style>:root{{{values}background:#fff}}", 1)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _page_html() -> str:
    """The drawing page: Material's stylesheets (for the light palette's colours), nothing else."""
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>diagrams</title>'
            '<link rel="stylesheet" href="material/main.css"><link rel="stylesheet" href="material/palette.css">'
            '</head><body data-md-color-scheme="default"></body></html>')


def _answer(route) -> None:
    """Serve the drawing page, Material's stylesheets and Mermaid's files; refuse anything else."""
    path = route.request.url[len(ORIGIN):] if route.request.url.startswith(ORIGIN) else None
    stylesheets = material_assets() / "stylesheets"
    files = {"material/main.css": next(stylesheets.glob("main.*.min.css"), None),
             "material/palette.css": next(stylesheets.glob("palette.*.min.css"), None)}
    if path == "":
        route.fulfill(body=_page_html(), content_type="text/html")
    elif path in files and files[path] is not None:
        route.fulfill(path=str(files[path]), content_type="text/css")
    elif path and path.startswith("mermaid/") and (MERMAID_DIST / path[len("mermaid/"):]).is_file():
        route.fulfill(path=str(MERMAID_DIST / path[len("mermaid/"):]), content_type="text/javascript")
    else:
        route.abort()


class Renderer:
    """Draws diagrams, from the cache when it can, else in one browser session opened on first need.

    `browser_session` lends an already running Playwright browser (the test suite's own: a second
    Playwright sync session cannot start inside the first); without it the renderer starts one.
    """

    def __init__(self, cache: Path = CACHE, browser_session=None):
        self.cache = cache
        self.mermaid = mermaid_version()
        self.settings = material_settings()
        self.material = material_version()
        self.fingerprint = diagram_cache_key.fingerprint(mermaid=self.mermaid, material=self.material, settings=self.settings,
                                                         stylesheets=material_stylesheets(), font_stack=FONT_STACK)
        self._lent_browser = browser_session
        self._playwright = None
        self._page = None

    def key(self, source: str) -> str:
        """The drawing's cache key (see cache_key), also the name of its SVG id and standalone file."""
        return diagram_cache_key.cache_key(source, self.fingerprint)

    def draw(self, source: str) -> Drawing:
        key = self.key(source)
        cached = self.cache / f"{key}.json"
        if cached.is_file():
            drawing = _verified(cached, diagram_id(key))
            if drawing is not None:
                return drawing
            cached.unlink()  # forged, corrupt or unsafe: drawn again below
        raw = self._page_ready().evaluate(_DRAW_JS, {"id": diagram_id(key), "source": source, "settings": self.settings,
                                                    "font": FONT_STACK, "seconds": MAX_DRAW_SECONDS})
        id_ = diagram_id(key)
        if "error" in raw:
            raise MermaidSyntaxError(raw["error"])
        if "unexpected" in raw:
            raise ValueError(f"{id_}: {raw['unexpected']}")
        if not raw["min_font_px"]:
            raise MermaidSyntaxError("the diagram has no text label")
        svg, width, height = with_css(raw["svg"], id_, raw["css"]), raw["width"], raw["height"]
        drawing = Drawing(svg=fitted(svg, id_, width, height, raw["min_font_px"]),
                          standalone=standalone(svg, id_, {**raw["palette"], "--md-mermaid-font-family": FONT_STACK},
                                                width, height),
                          width=raw["width"], height=raw["height"], min_font_px=raw["min_font_px"])
        from site_tools import svg_check  # see _verified
        problems = svg_check.svg_problems(drawing.svg) + svg_check.svg_problems(drawing.standalone)
        if problems:
            raise UnsafeDrawing(f"the drawing holds {problems[0]}; remove it from the diagram's source")
        self.cache.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        try:
            temporary.write_text(json.dumps(drawing.__dict__), encoding="utf-8")
            os.replace(temporary, cached)
        finally:
            temporary.unlink(missing_ok=True)  # interrupted or disk full: no stray file in the cache
        return drawing

    def _page_ready(self):
        if self._page is not None:
            return self._page
        chrome = self._lent_browser or self._launch()
        page = chrome.new_page()
        page.route("**/*", _answer)
        page.goto(ORIGIN)
        self._page = page
        return page

    def _launch(self):
        executable = browser.find_headless_chromium(sys.executable)
        if executable is None:
            raise NoBrowser(browser.INSTALL_HINT)
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        return self._playwright.chromium.launch(executable_path=executable, args=browser.PLAYWRIGHT_LAUNCH_ARGS)

    def close(self) -> None:
        if self._page is not None and self._lent_browser is not None:
            self._page.close()
        if self._playwright is not None:
            self._playwright.stop()
        self._playwright = self._page = None


@functools.lru_cache(maxsize=None)
def can_draw() -> bool:
    """Whether a Chromium is there to draw with (asked once per process)."""
    return browser.find_headless_chromium(sys.executable) is not None


def client_side_fallback(command: str) -> bool:
    """Diagrams are left to Mermaid in the reader's browser only under `mkdocs serve` with no Chromium.

    A build for publishing (`mkdocs build`, `gh-deploy`) never falls back: it fails instead.
    """
    return command == "serve" and not can_draw()
