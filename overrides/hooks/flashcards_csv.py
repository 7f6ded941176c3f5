"""Publish the comparison data as a flashcard CSV (at site_data.FLASHCARDS_URI).

Made in memory from docs/data/comparison.yml at every build, so it cannot go stale; bad data
stops the build with the generator's one-line message.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from site_tools import renderings
from site_tools import site_data
from site_tools.data_file import DataError


def on_files(files: Files, config) -> Files:
    try:
        rows = site_data.comparison_rows()
    except DataError as error:
        raise PluginError(str(error)) from None
    files.append(File.generated(config, site_data.FLASHCARDS_URI, content=renderings.flashcards_csv(rows)))
    return files
