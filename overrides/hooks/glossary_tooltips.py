"""Give glossary terms a tooltip on every page, from docs/data/glossary.yml.

Appends Markdown abbreviation definitions (`*[term]: definition`) to each page before it is
rendered; with the `abbr` extension and Material's `content.tooltips`, each occurrence of a
term shows its definition on hover or keyboard focus.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

import _scripts  # noqa: F401  (puts scripts/ on sys.path)
from site_tools import renderings
from site_tools import site_data
from site_tools.data_file import DataError

_definitions: str | None = None


def on_pre_build(config) -> None:
    global _definitions
    try:
        _definitions = renderings.abbreviations(site_data.glossary_terms())
    except DataError as error:
        raise PluginError(str(error)) from None


def on_page_markdown(markdown: str, page, config, files) -> str:
    return f"{markdown}\n\n{_definitions}\n"
