"""The site's data files, read and validated: comparison rows, glossary terms, commands, quiz questions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from data_file import ROOT, DataError, display_path, line_of, load_records

DATA = ROOT / "docs" / "data"
COMPARISON_FILE = DATA / "comparison.yml"
GLOSSARY_FILE = DATA / "glossary.yml"
COMMANDS_FILE = DATA / "commands.yml"
QUIZ_FILE = DATA / "quiz.yml"
QUIZ_PAGE = "revise/self-test.md"  # the page that holds the quiz block; `taught_at` links start from it
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


@dataclass(frozen=True)
class Question:
    """One self-test question: its choices, the number of the right one, why, and where it is taught."""

    id: str
    question: str
    choices: tuple[str, ...]
    answer: int
    explanation: str
    taught_at: str


def comparison_rows(path: Path = COMPARISON_FILE) -> list[Row]:
    records = load_records(path, DATA / "comparison.schema.json", key="rows", unique="feature")
    return [Row(**record) for record in records]


def glossary_terms(path: Path = GLOSSARY_FILE) -> list[Term]:
    records = load_records(path, DATA / "glossary.schema.json", key="terms", unique="term")
    return [Term(**record) for record in records]


def commands(path: Path = COMMANDS_FILE) -> list[Command]:
    records = load_records(path, DATA / "commands.schema.json", key="commands", unique="command")
    return [Command(**record) for record in records]


def flashcard_sources() -> tuple[list[Row], list[Term]]:
    """What the printable flashcards are made of: the comparison rows and the glossary terms."""
    return comparison_rows(), glossary_terms()


def quiz_questions(path: Path = QUIZ_FILE, docs: Path = ROOT / "docs") -> list[Question]:
    """The self-test, with each answer among its choices and each `taught_at` page present in docs/."""
    records = load_records(path, DATA / "quiz.schema.json", key=None, unique="id")
    problems = []
    for index, record in enumerate(records):
        if record["answer"] > len(record["choices"]):
            problems.append(f"{display_path(path)}:{line_of(path, [index, 'answer'])}: entry {index + 1}: "
                            f"'answer' is {record['answer']} but there are {len(record['choices'])} choices; "
                            "give the number of the right choice, counting from 1")
        page = record["taught_at"].split("#")[0]
        if not (docs / page).is_file():
            problems.append(f"{display_path(path)}:{line_of(path, [index, 'taught_at'])}: entry {index + 1}: "
                            f"'taught_at' names docs/{page}, which does not exist; give a page path relative to docs/")
    if problems:
        raise DataError("\n".join(problems))
    return [Question(**{**record, "choices": tuple(record["choices"])}) for record in records]
