"""Number each page's external links and list their addresses at the page's end, for paper.

A thin adapter over scripts/site_tools/source_notes.py. It runs before mkdocs-print-site's
on_page_content (a higher priority), which copies each page's HTML into the revision pack.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from site_tools.source_notes import with_source_notes


@event_priority(50)
def on_page_content(html: str, page, config, files) -> str:
    return with_source_notes(html)
