"""Whether an SVG drawing holds only what Mermaid draws: shapes, text and CSS, nothing that runs or loads.

A drawing reaches readers twice: inside a page (in a declarative shadow root) and as a full-size
file (assets/diagrams/*.svg) that no Content-Security-Policy governs. It comes from the diagram
cache (.cache/diagrams/, which a contributor could forge) or from Mermaid drawing a contributor's
source (labels may hold HTML, `click` may add links). So every drawing is checked, whichever way
it came: tags from the allow-list of what Mermaid draws, no event attribute, addresses only within
the drawing (`#id`) or to a primary source, CSS whose url() and @import stay within the drawing,
and a size limit. Mermaid's own output passes as it is.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from site_tools.css_urls import css_references
from site_tools.data_file import source_problem

MAX_BYTES = 400_000  # the largest drawing today is about 50 KB (its two SVGs together about 105 KB)
# What Mermaid 11 draws (flowcharts, state, sequence, class, ER, pie, gantt, timeline diagrams), and
# the HTML of its labels. No script, image, media, frame, form, link or `use` of another file.
TAGS = {"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textpath",
        "title", "desc", "defs", "marker", "style", "filter", "fedropshadow", "feflood", "fegaussianblur", "feoffset",
        "femerge", "femergenode", "fecomposite", "feblend", "lineargradient", "radialgradient", "stop", "clippath",
        "mask", "pattern", "symbol", "switch", "foreignobject", "a",
        "div", "span", "p", "br", "b", "strong", "i", "em", "code", "sub", "sup", "small", "u", "s", "table", "tr", "td", "th"}
URL_ATTRIBUTES = {"href", "xlink:href", "src", "srcset", "poster", "action", "formaction", "data", "background",
                  "ping", "cite", "lowsrc", "dynsrc", "codebase", "archive", "manifest"}


def _address_problem(url: str) -> str | None:
    url = url.strip()
    if url.startswith("#"):
        return None
    return source_problem(url) and f"links to {url!r}; a diagram may link only to a primary source over https://"


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.problems.append(f"<{tag}>, which Mermaid does not draw")
        self._in_style = tag == "style"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"an event attribute {name}=")
            elif name in URL_ATTRIBUTES and _address_problem(value):
                self.problems.append(f"<{tag} {name}>: {_address_problem(value)}")
            elif _may_load(value):  # a style attribute, or a presentation attribute (fill, filter, ...)
                self.problems += _css_problems(f"x{{{value}}}" if name == "style" else f"x{{y:{value}}}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.problems += _css_problems(data)


# A transform and nothing else, as Mermaid writes thousands of them: no name in it could load.
ONLY_TRANSFORMS = re.compile(r"(\s*(translate|scale|rotate|matrix|skewX|skewY)\([-+\d.,\se]*\))+\s*")


def _may_load(value: str) -> bool:
    """Whether an attribute's value, read as CSS, could load a file. CSS loads only through a function
    (url(), image-set(), ...) or @import, whose tokens need a "(" or an "@" as written, escapes or
    not (u\\72l( is url(): the value goes to the CSS parser, which decodes them). Mermaid's plain
    `fill:#fff` styles and its transforms, most of a drawing's attributes, skip the parser."""
    return ("(" in value or "@" in value) and not ONLY_TRANSFORMS.fullmatch(value)


def _css_problems(css: str) -> list[str]:
    return [f"CSS that loads {url!r}" for _, url in css_references(css) if not url.strip().startswith("#")]


def svg_problems(svg: str) -> list[str]:
    """Everything in `svg` beyond what Mermaid draws, one phrase each (empty when it is only a drawing)."""
    if len(svg.encode("utf-8")) > MAX_BYTES:
        return [f"{len(svg.encode('utf-8'))} bytes, over the {MAX_BYTES}-byte limit for one drawing; split the diagram"]
    scan = _Scan()
    scan.feed(svg)
    scan.close()
    return list(dict.fromkeys(scan.problems))
