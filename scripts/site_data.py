"""The site's data files, read and validated: the comparison rows and the glossary terms."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from data_file import ROOT, load_records

DATA = ROOT / "docs" / "data"
COMPARISON_FILE = DATA / "comparison.yml"
GLOSSARY_FILE = DATA / "glossary.yml"
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


def comparison_rows(path: Path = COMPARISON_FILE) -> list[Row]:
    records = load_records(path, DATA / "comparison.schema.json", key="rows", unique="feature")
    return [Row(**record) for record in records]


def glossary_terms(path: Path = GLOSSARY_FILE) -> list[Term]:
    records = load_records(path, DATA / "glossary.schema.json", key="terms", unique="term")
    return [Term(**record) for record in records]
