"""Give Material's search dialog an accessible name (axe rule aria-dialog-name).

Material renders the search overlay as `<div ... role="dialog">` with no label, so screen
readers announce an unnamed dialog. This hook adds `aria-label="Search"` to that element on
every page, and fails the build if the element is no longer there to label (Material changed).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

UNLABELLED = '<div class="md-search" data-md-component="search" role="dialog">'
LABELLED = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'


def on_post_page(output: str, page, config) -> str:
    if UNLABELLED not in output:
        raise PluginError(f"{page.file.src_uri}: Material's search dialog markup changed; "
                          "update overrides/hooks/search_dialog_label.py")
    return output.replace(UNLABELLED, LABELLED, 1)
