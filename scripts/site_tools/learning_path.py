"""The learning path: every page of the navigation, section by section, with its reading time.

Made from the site's navigation at build time, so it can never drift from it: a page added to
mkdocs.yml's `nav` appears in the path and gets its reading time with no other edit. A page asks
for the path with `<!-- learning-path -->` and for the button to its first page with
`<!-- start-here -->` (the home page does both); every page shows its own reading time under its
title. Applied by overrides/hooks/learning_path.py when each page is written, after the search
index and the revision pack have taken the page's content: so the path is neither a second search
result for every page nor a second contents list in the pack, and neither is the reading time.
"""

from __future__ import annotations

import html as html_text
import math
import re
from dataclasses import dataclass

import lxml.html

WORDS_PER_MINUTE = 200
PATH_MARKER = "<!-- learning-path -->"
START_MARKER = "<!-- start-here -->"
# What a reader does not read as words: diagrams (drawn, or their source), scripts and styles.
NOT_READ = '//*[contains(concat(" ", normalize-space(@class), " "), " mermaid ")] | //script | //style'
TITLE_END = re.compile(r"</h1>")


@dataclass(frozen=True)
class Entry:
    title: str
    url: str  # relative to the page that shows the path
    minutes: int | None  # None: not read as a page of its own (the revision pack)


@dataclass(frozen=True)
class Group:
    title: str
    entries: tuple[Entry, ...]


def words(content_html: str) -> int:
    """How many words a reader reads in a page's content HTML."""
    if not content_html.strip():
        return 0
    root = lxml.html.fragment_fromstring(content_html, create_parent="div")
    for element in root.xpath(NOT_READ):
        element.drop_tree()
    return len(root.text_content().split())


def minutes(content_html: str) -> int:
    """Reading time in whole minutes at WORDS_PER_MINUTE, rounded up, at least one."""
    return max(1, math.ceil(words(content_html) / WORDS_PER_MINUTE))


def _minutes_text(value: int) -> str:
    return f"{value} min"


def groups(nav_items, minutes_by_page: dict[str, int], page) -> list[Group]:
    """The navigation as the path's groups, with URLs relative to `page` (which shows the path).

    Each top-level section is a group of all its pages, nested sections flattened in order; a
    top-level page other than the home page (the revision pack) is a group of its own.
    """
    def entry(item) -> Entry:
        return Entry(item.title, item.file.url_relative_to(page.file), minutes_by_page.get(item.file.src_uri))

    def pages(items) -> list:
        found = []
        for item in items:
            if item.is_section:
                found += pages(item.children)
            elif item.is_page:
                found.append(item)
        return found

    result = []
    for item in nav_items:
        if item.is_section:
            result.append(Group(item.title, tuple(entry(p) for p in pages(item.children))))
        elif item.is_page and not item.is_homepage:
            result.append(Group(item.title, (entry(item),)))
    return result


def _e(text: str) -> str:
    return html_text.escape(text, quote=True)


def path_html(path: list[Group]) -> str:
    """The path as Material's grid of cards: one card per group, its pages numbered in order."""
    cards = []
    for group in path:
        timed = [e.minutes for e in group.entries if e.minutes is not None]
        summary = f"{len(group.entries)} page{'s' if len(group.entries) != 1 else ''}"
        if timed:
            summary += f", about {_minutes_text(sum(timed))}"
        items = "".join(
            f'<li><a href="{_e(e.url)}">{_e(e.title)}</a>'
            + (f' <span class="reading-time">{_minutes_text(e.minutes)}</span>' if e.minutes is not None else "")
            + "</li>"
            for e in group.entries)
        if not timed and len(group.entries) == 1:  # a page of its own (the revision pack): its title says it
            summary = ""
        label = f' <span class="learning-path__summary">{summary}</span>' if summary else ""
        cards.append(f'<li><p><strong>{_e(group.title)}</strong>{label}</p>'
                     f"<ol>{items}</ol></li>")
    return f'<div class="grid cards learning-path"><ul>{"".join(cards)}</ul></div>'


def start_html(path: list[Group], path_anchor: str) -> str:
    """The "Start here" button to the path's first page, and a link to the whole path."""
    first = next(e for g in path for e in g.entries)
    time = f" ({_minutes_text(first.minutes)})" if first.minutes is not None else ""
    return (f'<p class="start-here"><a class="md-button md-button--primary" href="{_e(first.url)}">'
            f"Start here: {_e(first.title)}{time}</a> "
            f'<a class="start-here__path" href="#{_e(path_anchor)}">or see every page, with reading times</a></p>')


def with_reading_time(page_html: str, value: int) -> str:
    """The built page with its reading time on the line under its title (the first <h1>)."""
    line = f'<p class="reading-time reading-time--page">{_minutes_text(value)} read</p>'
    return TITLE_END.sub(lambda m: m[0] + line, page_html, count=1)
