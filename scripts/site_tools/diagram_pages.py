"""Put diagrams drawn at build time into built HTML pages, in place of their Mermaid source.

mkdocs-mermaid2 writes each diagram as `<pre class="mermaid"><code>SOURCE</code></pre>` and adds
two scripts for drawing it in the reader's browser. `with_drawn_diagrams()` replaces every such
block with the drawing in a declarative shadow root (the structure Material builds with
JavaScript, so Material's diagram CSS and the palette toggle apply unchanged) followed by a
link to the drawing as a standalone SVG file, and removes the two scripts. A flowchart too wide
for a phone also gets its narrow variant beside it, shown by CSS where the wide one would
scroll (narrow_diagrams.py). Used by
overrides/hooks/mermaid_diagrams.py on every page and on the revision pack.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field

from site_tools import mermaid_render
from site_tools import narrow_diagrams

SOURCE_BLOCK = re.compile(r'<pre\s+class="mermaid"><code>(.*?)</code></pre>', re.DOTALL)
# What mermaid2 adds to a page with a diagram: the `javascript:` file of mkdocs.yml and its config.
CLIENT_SCRIPTS = (re.compile(r'<script src="[^"]*assets/javascripts/mermaid-loader\.js"></script>'),
                  re.compile(r"<script>window\.mermaidConfig = \{.*?\};</script>", re.DOTALL))
# Mermaid front matter (`---` ... `---` before the diagram's type): not what names a diagram in an error.
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.DOTALL)
FOLDER = "assets/diagrams"  # standalone SVG files, one per distinct diagram


class DiagramError(Exception):
    """A diagram could not be put in a page; the message names the page, the diagram and the fix."""


@dataclass
class Result:
    html: str
    files: dict[str, str] = field(default_factory=dict)  # site path -> standalone SVG text


def has_source_blocks(page_html: str) -> bool:
    return SOURCE_BLOCK.search(page_html) is not None


def file_name(source: str, renderer: mermaid_render.Renderer) -> str:
    return f"{FOLDER}/{renderer.key(source)[:16]}.svg"


def _with_narrow_variant(source: str, drawing: mermaid_render.Drawing, renderer: mermaid_render.Renderer,
                         key_id: str, repeat: int, wide: str) -> str:
    """The wide drawing's SVG `wide`, followed by its narrow variant and the CSS that picks one, where one helps."""
    narrow_source = narrow_diagrams.variant_source(source)
    if narrow_source is None:
        return wide
    try:
        narrow = renderer.draw(narrow_source)
    except (mermaid_render.MermaidSyntaxError, mermaid_render.UnsafeDrawing):
        return wide  # the wide drawing alone, as before; it scrolls with a cue
    if not narrow_diagrams.worth_it(drawing, narrow):
        return wide
    narrow_id = mermaid_render.diagram_id(renderer.key(narrow_source))
    narrow_svg = narrow.svg
    if repeat > 1:
        key_id, narrow_id = f"{key_id}-{repeat}", f"{narrow_id}-{repeat}"
        narrow_svg = narrow_svg.replace(mermaid_render.diagram_id(renderer.key(narrow_source)), narrow_id)
    wide_css, narrow_css = narrow_diagrams.switch_css(key_id, drawing, narrow_id)
    return wide.replace("</style>", wide_css + "</style>", 1) + narrow_svg.replace("</style>", narrow_css + "</style>", 1)


def with_drawn_diagrams(page_html: str, page_url: str, where: str, renderer: mermaid_render.Renderer) -> Result:
    """`page_html` (at site URL `page_url`) with every diagram drawn; `where` names the page in errors."""
    result = Result(page_html)
    seen: dict[str, int] = {}
    here = posixpath.dirname(page_url.rstrip("/") + "/x") if page_url else ""

    def replace(match: re.Match) -> str:
        number = sum(seen.values()) + 1
        source = html.unescape(match[1])
        try:
            drawing = renderer.draw(source)
        except (mermaid_render.MermaidSyntaxError, mermaid_render.UnsafeDrawing) as error:
            first = next(iter(FRONT_MATTER.sub("", source.strip(), count=1).strip().splitlines()), "(empty)")
            says = "Mermaid says: " if isinstance(error, mermaid_render.MermaidSyntaxError) else ""
            raise DiagramError(f"{where}: diagram {number} ({first}): {says}{error}") from None
        key_id = mermaid_render.diagram_id(renderer.key(source))
        seen[key_id] = seen.get(key_id, 0) + 1
        wide = drawing.svg if seen[key_id] == 1 else drawing.svg.replace(key_id, f"{key_id}-{seen[key_id]}")
        svg = _with_narrow_variant(source, drawing, renderer, key_id, seen[key_id], wide)
        title = TITLE.search(svg)
        name = html.escape(html.unescape(title[1]).strip(), quote=True) if title else "Diagram"
        if seen[key_id] > 1:  # landmarks of one page need names of their own (the pack repeats a diagram)
            name += f" (repeat {seen[key_id] - 1})"
        path = file_name(source, renderer)
        result.files[path] = drawing.standalone
        href = posixpath.relpath(path, here or ".")
        return (f'<div class="mermaid" role="region" tabindex="0" aria-label="Diagram: {name}">'
                f'<template shadowrootmode="open">{svg}</template></div>\n'
                f'<a class="diagram-full-size" href="{href}">Open the diagram full size</a>')

    drawn = SOURCE_BLOCK.sub(replace, page_html)
    if drawn == page_html:
        return result
    for script in CLIENT_SCRIPTS:  # on mermaid2's pages; the revision pack has neither
        drawn, count = script.subn("", drawn)
        if count > 1:
            raise DiagramError(f"{where}: mermaid2's script {script.pattern!r} is there {count} times, not once; "
                               "update CLIENT_SCRIPTS in scripts/site_tools/diagram_pages.py")
    result.html = drawn
    return result
