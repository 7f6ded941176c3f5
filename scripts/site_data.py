"""The site's data files, read and validated: comparison rows, glossary terms and commands."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from data_file import ROOT, load_records

DATA = ROOT / "docs" / "data"
COMPARISON_FILE = DATA / "comparison.yml"
GLOSSARY_FILE = DATA / "glossary.yml"
COMMANDS_FILE = DATA / "commands.yml"
# Where the build publishes the comparison as flashcards (made by overrides/hooks/flashcards_csv.py).
FLASHCARDS_URI = "data/docker-image-vs-container-flashcards.csv"


@dataclass(frozen=True)
class Row:
    """One row of the comparison: a feature and its value for an image and for a container."""

    feature: str
    image: str
    container: str
    note: str | None = None
    source: str | None = None
    summary: bool = False


@dataclass(frozen=True)
class Term:
    """One glossary term: shown on the glossary page and as a tooltip wherever it appears."""

    term: str
    definition: str
    source: str | None = None
    tooltip: bool = True


@dataclass(frozen=True)
class Command:
    """One Docker command: what it works on, what it does, and its CLI reference page."""

    command: str
    works_on: str
    does: str
    short: str
    source: str
    sheet: bool = False


def comparison_rows(path: Path = COMPARISON_FILE) -> list[Row]:
    records = load_records(path, DATA / "comparison.schema.json", key="rows", unique="feature")
    return [Row(**record) for record in records]


def glossary_terms(path: Path = GLOSSARY_FILE) -> list[Term]:
    records = load_records(path, DATA / "glossary.schema.json", key="terms", unique="term")
    return [Term(**record) for record in records]


def commands(path: Path = COMMANDS_FILE) -> list[Command]:
    records = load_records(path, DATA / "commands.schema.json", key="commands", unique="command")
    return [Command(**record) for record in records]
