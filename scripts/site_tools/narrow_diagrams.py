"""A second drawing, made for narrow screens, of each flowchart too wide to stay readable on a phone.

The diagrams are drawn at build time, so a narrow variant costs the reader nothing but its
bytes. `variant_source()` turns a flowchart's source into a top-to-bottom one with labels
wrapped at NARROW_WRAP_PX and tighter spacing (Mermaid front matter, so the page's source stays
the one source of the diagram). diagram_pages.py puts both drawings in the diagram's shadow
root; `switch_css()` writes the rules that show one of them: the narrow one only on screen and
only while the diagram's box (a CSS size container, site.css) is narrower than the width where
the wide one stays readable (mermaid_render.readable_widths, 10 px labels on a phone, 12 px
from Material's desktop width up). Printed, the wide drawing is always the one shown.
"""

from __future__ import annotations

import re

from site_tools import mermaid_render

NARROW_WRAP_PX = 100  # labels wrap at this width (Mermaid 11's default is 200)
NARROW_SPACING = {"nodeSpacing": 16, "rankSpacing": 30, "wrappingWidth": NARROW_WRAP_PX}
PHONE_COLUMN_PX = 350  # the text column of a 390 px wide phone (Material's margins taken off)
HEADER = re.compile(r"^(\s*)(flowchart|graph)\s+(LR|RL|TB|TD|BT)\b", re.MULTILINE)


def variant_source(source: str) -> str | None:
    """The flowchart `source` drawn top to bottom, narrow; None for other kinds of diagram or front matter of their own."""
    if source.lstrip().startswith("---") or "%%{" in source:
        return None
    if re.search(r"^\s*subgraph\b", source, re.MULTILINE):
        return None  # drawn tighter, subgraph titles collide with their nodes; such a diagram scrolls with a cue
    match = HEADER.search(source)
    if match is None or source[:match.start()].strip():
        return None
    settings = "\n".join(f"    {name}: {value}" for name, value in NARROW_SPACING.items())
    body = source[:match.start()] + f"{match[1]}flowchart TB" + source[match.end():]
    return f"---\nconfig:\n  flowchart:\n{settings}\n---\n{body}"


def worth_it(wide: mermaid_render.Drawing, narrow: mermaid_render.Drawing) -> bool:
    """Whether the narrow drawing is needed (the wide one scrolls on a phone) and narrower at its readable size."""
    wide_phone = mermaid_render.readable_widths(wide.width, wide.min_font_px)[0]
    narrow_phone = mermaid_render.readable_widths(narrow.width, narrow.min_font_px)[0]
    return wide_phone > PHONE_COLUMN_PX and narrow_phone < wide_phone


def switch_css(wide_id: str, wide: mermaid_render.Drawing, narrow_id: str) -> tuple[str, str]:
    """CSS for the wide and for the narrow drawing's <style>: on screen, the narrow one shows where the wide one would scroll."""
    phone, desktop = mermaid_render.readable_widths(wide.width, wide.min_font_px)

    # "not (min-width: ...)" for "width < ...": inside an SVG a <style> is not raw text, so an
    # HTML parser (and the Nu HTML checker) reads a "<" there as the start of a tag.
    def where_narrow(rule: str) -> str:
        return (f"@media screen and (not (min-width: {mermaid_render.DESKTOP_MIN_WIDTH})){{"
                f"@container not (min-width: {phone}px){{{rule}}}}}"
                f"@media screen and (min-width: {mermaid_render.DESKTOP_MIN_WIDTH}){{"
                f"@container not (min-width: {desktop}px){{{rule}}}}}")

    return where_narrow(f"#{wide_id}{{display:none}}"), f"#{narrow_id}{{display:none}}" + where_narrow(f"#{narrow_id}{{display:block}}")
