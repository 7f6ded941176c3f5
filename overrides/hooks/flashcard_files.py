"""Publish the flashcards as files for flashcard apps: the comparison as a CSV (at
site_data.FLASHCARDS_URI) and every card as an Anki deck (at site_data.FLASHCARDS_APKG_URI).

Made in memory from docs/data/comparison.yml and glossary.yml at every build, so they cannot go
stale; bad data stops the build with the generator's one-line message.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from site_tools import anki_deck
from site_tools import renderings
from site_tools import site_data
from site_tools.data_file import DataError


def on_files(files: Files, config) -> Files:
    try:
        rows, terms = site_data.flashcard_sources(Path(config.docs_dir) / "data")  # the build's own data
        cards = renderings.flashcards((rows, terms))
    except DataError as error:
        raise PluginError(str(error)) from None
    files.append(File.generated(config, site_data.FLASHCARDS_URI, content=renderings.flashcards_csv(rows)))
    files.append(File.generated(config, site_data.FLASHCARDS_APKG_URI, content=anki_deck.apkg(cards)))
    return files
