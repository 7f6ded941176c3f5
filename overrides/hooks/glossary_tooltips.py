"""Give glossary terms a tooltip, from docs/data/glossary.yml: on each term's first mention per page.

Appends Markdown abbreviation definitions (`*[term]: definition`) to each page before it is
rendered; the `abbr` extension then marks every mention, and this hook keeps the mark on the
first mention of each term only, made focusable, so Material's `content.tooltips` shows the
definition on hover or keyboard focus (renderings.first_mentions says why only the first).
A page whose front matter says `glossary_tooltips: false` gets none: the flashcards and the
self-test ask for the very definitions a tooltip would give away, and the glossary shows them.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from site_tools import renderings
from site_tools import site_data
from site_tools.data_file import DataError

_definitions: str | None = None
SWITCH = "glossary_tooltips"


def on_pre_build(config) -> None:
    global _definitions
    try:
        _definitions = renderings.abbreviations(site_data.glossary_terms(Path(config.docs_dir) / "data" / site_data.GLOSSARY_FILE.name))
    except DataError as error:
        raise PluginError(str(error)) from None


def _wanted(page) -> bool:
    value = page.meta.get(SWITCH, True)
    if not isinstance(value, bool):
        raise PluginError(f"docs/{page.file.src_uri}: front matter `{SWITCH}: {value!r}` must be true or false")
    return value


def on_page_markdown(markdown: str, page, config, files) -> str:
    return f"{markdown}\n\n{_definitions}\n" if _wanted(page) else markdown


# Before mkdocs-print-site-plugin's on_page_content (priority 0) keeps each page's HTML for the
# revision pack, so every section of the pack marks first mentions the same way.
@event_priority(50)
def on_page_content(html: str, page, config, files) -> str:
    return renderings.first_mentions(html)
