"""Source addresses on paper: each external link gets a note number, listed at the end of its page.

On screen a link is its text; on paper its address used to follow it inline, in small type,
interrupting every paragraph. Instead every external link in a page's content gets
`data-source-note="N"` (print.css shows it as a superscript number after the link, on paper
only) and the page ends with a numbered list of the addresses (`ol.source-notes`, hidden on
screen by site.css, kept out of the search index). The same address cited twice keeps its first
number. Run on each page's HTML before mkdocs-print-site copies it, so the revision pack shows
each page's notes at the end of that page's section.
"""

from __future__ import annotations

import html
import re

# An opening <a> tag whose href is an external address (as Python-Markdown writes it: double quotes).
EXTERNAL_LINK = re.compile(r'<a\b(?P<before>[^>]*?)\shref="(?P<href>https?://[^"]+)"(?P<after>[^>]*)>')
NOTES_CLASS = "source-notes"


def with_source_notes(content: str) -> str:
    """`content` (a page's HTML) with numbered external links and their list of addresses at its end."""
    numbers: dict[str, int] = {}

    def number(match: re.Match) -> str:
        if "data-source-note=" in match[0]:
            raise ValueError("source notes are already numbered in this HTML; add them once per page")
        address = html.unescape(match["href"])
        numbers.setdefault(address, len(numbers) + 1)
        return f'{match[0][:-1]} data-source-note="{numbers[address]}">'

    numbered = EXTERNAL_LINK.sub(number, content)
    if not numbers:
        return content
    items = "".join(f'<li><span class="source-note-address">{html.escape(address)}</span></li>'
                    for address in numbers)
    return (f'{numbered}\n<div class="{NOTES_CLASS}" data-search-exclude>'
            f'<p class="source-notes-title">Sources</p><ol>{items}</ol></div>\n')
