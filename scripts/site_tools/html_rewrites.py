"""Rewrite the few places where the theme and print-site write HTML the W3C Nu checker rejects.

Each rewrite is narrow (it matches the markup Material 9 or mkdocs-print-site-plugin writes,
nothing else) and keeps what a reader gets. They are applied to the built pages by
`overrides/hooks/valid_html.py`, rather than by copying Material's `base.html` and
`partials/nav-item.html` into overrides/ (hundreds of lines that would drift from the theme on
every upgrade). `tests/test_valid_html.py` checks every built page with the Nu checker (vnu).
A rewrite that no longer finds its markup anywhere in a build is reported by the hook, so none
stays behind once the theme is fixed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Rewrite:
    name: str
    why: str
    apply: Callable[[str], tuple[str, int]]  # html -> (new html, number of places changed)


def _substitute(pattern: str, replacement: str) -> Callable[[str], tuple[str, int]]:
    return functools.partial(re.compile(pattern).subn, replacement)


INPUT_TAG = re.compile(r"<input\b[^>]*>")
AUTOCOMPLETE_OFF = re.compile(r'\s+autocomplete="off"')


def _drop_autocomplete_from_checkboxes(html: str) -> tuple[str, int]:
    """Attribute order varies (mermaid2 re-serialises the pages it touches), so look at whole tags."""
    changed = 0

    def fix(tag: re.Match) -> str:
        nonlocal changed
        if 'type="checkbox"' not in tag[0]:
            return tag[0]
        new, count = AUTOCOMPLETE_OFF.subn("", tag[0])
        changed += count
        return new

    return INPUT_TAG.sub(fix, html), changed


ENUMERATION_STYLE = re.compile(r"<style>\s*\.print-site-enumerate-headings.*?</style>", re.DOTALL)


def _move_enumeration_style_to_head(html: str) -> tuple[str, int]:
    styles = ENUMERATION_STYLE.findall(html)
    if not styles or "</head>" not in html:
        return html, 0
    return ENUMERATION_STYLE.sub("", html).replace("</head>", "".join(styles) + "</head>", 1), len(styles)


THEME = (
    Rewrite("empty tabindex on navigation labels",
            'Material writes tabindex="" on section labels; an empty tabindex is invalid and browsers '
            "ignore it, so dropping it changes nothing",
            _substitute(r'(<label\b[^>]*?)\s+tabindex=""', r"\1")),
    Rewrite("autocomplete on the drawer and search checkboxes",
            "HTML allows autocomplete only on text-like inputs. Material sets it so Firefox does not "
            "restore the two toggles after a reload (Mozilla bug 654072); the cost, a drawer or search "
            "left open after reloading in Firefox, is accepted for valid pages",
            _drop_autocomplete_from_checkboxes),
)
PRINT = (
    Rewrite("heading-number attribute on print sections",
            "print-site records each section's number in a made-up attribute that nothing reads (its "
            "numbering CSS selects ids); data-heading-number is the valid spelling",
            _substitute(r"(<section\b[^>]*?\s)heading-number=", r"\1data-heading-number=")),
    Rewrite("print-site numbering <style> inside <article>",
            "a <style> in the body must be its parent's first child; in <head> it styles the same page",
            _move_enumeration_style_to_head),
)


def rewrite(html: str, rewrites: tuple[Rewrite, ...]) -> tuple[str, set[str]]:
    """The page with every rewrite applied, and the names of those that changed something."""
    applied = set()
    for each in rewrites:
        html, count = each.apply(html)
        if count:
            applied.add(each.name)
    return html, applied
