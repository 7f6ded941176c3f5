"""Show how current the notes are where a page asks with `<!-- newest-page-date -->`.

The revision sheet and the home page (the first section of the revision pack) carry the marker,
so the printed sheet and pack say when the newest page changed (scripts/site_tools/freshness.py). Every
page also shows its own date, from mkdocs-git-revision-date-localized-plugin.
"""

from __future__ import annotations

from site_tools import freshness

MARKER = "<!-- newest-page-date -->"
_line = ""


def on_pre_build(config) -> None:
    global _line
    _line = freshness.sentence(freshness.newest_change())


def on_page_markdown(markdown: str, page, config, files) -> str:
    return markdown.replace(MARKER, f"*{_line}*\n{{: .newest-page-date }}")
