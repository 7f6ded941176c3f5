"""Keep each word of inline code on one line, so a command never breaks inside a word on a phone.

A thin adapter over scripts/site_tools/code_tokens.py, which says why and how; site.css holds
the matching style and the scroll cue of code blocks and tables.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from site_tools import code_tokens


# After glossary_tooltips.py (50) and before mkdocs-print-site-plugin's on_page_content (0) keeps
# each page's HTML for the revision pack, so the pack's commands stay whole too.
@event_priority(40)
def on_page_content(html: str, page, config, files) -> str:
    return code_tokens.kept_whole(html)
