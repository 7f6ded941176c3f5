"""The site's data files, read and validated: comparison rows, glossary terms, commands, the lifecycle and the quiz."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from site_tools.data_file import ROOT, DataError, display_path, line_of, load_document, load_records

DATA = ROOT / "docs" / "data"
COMPARISON_FILE = DATA / "comparison.yml"
GLOSSARY_FILE = DATA / "glossary.yml"
COMMANDS_FILE = DATA / "commands.yml"
QUIZ_FILE = DATA / "quiz.yml"
QUIZ_PAGE = "revise/self-test.md"  # the page that holds the quiz block; `taught_at` links start from it
LIFECYCLE_FILE = DATA / "lifecycle.yml"
# Where the build publishes the flashcards for apps (made by overrides/hooks/flashcard_files.py):
# the comparison as CSV, and every card as an Anki deck.
FLASHCARDS_URI = "data/docker-image-vs-container-flashcards.csv"
FLASHCARDS_APKG_URI = "data/docker-image-vs-container-flashcards.apkg"


@dataclass(frozen=True)
class Row:
    """One row of the comparison: a feature and its value for an image and for a container."""

    feature: str
    question: str
    image: str
    container: str
    note: str | None = None
    source: str | None = None
    summary: bool = False


@dataclass(frozen=True)
class Term:
    """One glossary term: shown on the glossary page and as a tooltip where a page first mentions it."""

    term: str
    definition: str
    source: str | None = None
    also_source: str | None = None
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
    also_source: str | None = None


@dataclass(frozen=True)
class Question:
    """One self-test question: multiple choice (its choices and the number of the right one) or typed
    recall (the answers it accepts, the first shown in the key); why, and where it is taught."""

    id: str
    question: str
    explanation: str
    taught_at: str
    choices: tuple[str, ...] = ()
    answer: int | None = None
    accept: tuple[str, ...] = ()

    @property
    def typed(self) -> bool:
        return bool(self.accept)

    @property
    def key(self) -> str:
        """The right answer as the key prints it: the right choice, or the first accepted form."""
        return self.accept[0] if self.typed else self.choices[self.answer - 1]


def comparison_rows(path: Path = COMPARISON_FILE) -> list[Row]:
    """The comparison, each row's flashcard question holding {side} and ending in a question mark."""
    data, root = load_document(path, DATA / "comparison.schema.json", unique={"rows": "feature"})
    problems = [f"{display_path(path)}:{line_of(root, ['rows', index, 'question'])}: entry {index + 1}: 'question' "
                f"{record['question']!r} must name {{side}} and end with '?', e.g. 'How is {{side}} created?'"
                for index, record in enumerate(data["rows"])
                if "{side}" not in record["question"] or not record["question"].endswith("?")]
    if problems:
        raise DataError("\n".join(problems))
    return [Row(**record) for record in data["rows"]]


def glossary_terms(path: Path = GLOSSARY_FILE) -> list[Term]:
    records = load_records(path, DATA / "glossary.schema.json", key="terms", unique="term")
    return [Term(**record) for record in records]


def commands(path: Path = COMMANDS_FILE) -> list[Command]:
    records = load_records(path, DATA / "commands.schema.json", key="commands", unique="command")
    return [Command(**record) for record in records]


# The lifecycle's two pseudo-states: before `docker create`, and after the container is removed.
BEFORE, AFTER = "new", "gone"


@dataclass(frozen=True)
class State:
    """One state Docker reports for a container, what it means, and the source saying so."""

    state: str
    means: str
    source: str


@dataclass(frozen=True)
class Transition:
    """A move between states: from one state (or several moved alike) to another, and what causes it."""

    sources: tuple[str, ...]
    to: str
    label: str
    by: str
    source: str


@dataclass(frozen=True)
class Lifecycle:
    """The container lifecycle: its states and every transition between them."""

    title: str
    caption: str
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]


LIFECYCLE_SCHEMA = DATA / "lifecycle.schema.json"


def lifecycle(path: Path = LIFECYCLE_FILE) -> Lifecycle:
    """lifecycle.yml, validated. Remembered while the file and its schema stay as they are: the lab's
    checks read it on every load of lab.yml (a quarter of that time), and a Lifecycle cannot be
    changed (frozen, tuples). A file that cannot be read is left to load_document to name."""
    try:
        contents = (path.read_bytes(), LIFECYCLE_SCHEMA.read_bytes())
    except OSError:
        contents = None
    return _lifecycle(path, contents)


@functools.lru_cache(maxsize=8)
def _lifecycle(path: Path, contents: tuple[bytes, bytes] | None) -> Lifecycle:
    """lifecycle(path), read from the file; `contents` (what it and its schema held) is the cache key."""
    data, root = load_document(path, LIFECYCLE_SCHEMA, unique={"states": "state", "transitions": "by"})
    states = tuple(State(**record) for record in data["states"])
    transitions = tuple(Transition(sources=tuple(r["from"]) if isinstance(r["from"], list) else (r["from"],),
                                   to=r["to"], label=r["label"], by=r["by"], source=r["source"])
                        for r in data["transitions"])
    _check_state_names(path, root, states, transitions)
    return Lifecycle(title=data["title"], caption=data["caption"], states=states, transitions=transitions)


def _check_state_names(path: Path, root, states: tuple[State, ...], transitions: tuple[Transition, ...]) -> None:
    """Every transition joins known states, and every state is reached and left by some transition."""
    names = [s.state for s in states]
    known = f"one of {', '.join(names)}"
    problems = []
    for index, t in enumerate(transitions):
        for field, allowed, values in (("from", [BEFORE, *names], t.sources), ("to", [*names, AFTER], (t.to,))):
            for value in values:
                if value not in allowed:
                    line = line_of(root, ["transitions", index, field])
                    extra = BEFORE if field == "from" else AFTER
                    problems.append((line, f"{display_path(path)}:{line}: entry {index + 1}: '{field}' names "
                                           f"unknown state '{value}'; use {known}, or {extra}"))
    if problems:  # an unknown name also leaves a state unreached: report the cause only
        raise DataError("\n".join(message for _, message in sorted(problems)))
    for index, name in enumerate(names):
        line = line_of(root, ["states", index, "state"])
        if not any(name == t.to for t in transitions):
            problems.append((line, f"{display_path(path)}:{line}: entry {index + 1}: no transition leads to state "
                                   f"'{name}'; add one under transitions or remove the state"))
        if not any(name in t.sources for t in transitions):
            problems.append((line, f"{display_path(path)}:{line}: entry {index + 1}: no transition leaves state "
                                   f"'{name}'; add one under transitions or remove the state"))
    if problems:
        raise DataError("\n".join(message for _, message in sorted(problems)))


def flashcard_sources(data: Path = DATA) -> tuple[list[Row], list[Term]]:
    """What the printable flashcards are made of: the comparison rows and the glossary terms (of `data`, a docs/data/ folder)."""
    return comparison_rows(data / COMPARISON_FILE.name), glossary_terms(data / GLOSSARY_FILE.name)


def quiz_questions(path: Path = QUIZ_FILE, docs: Path = ROOT / "docs") -> list[Question]:
    """The self-test: each question multiple choice (`choices` and `answer`, the answer among the
    choices) or typed (`accept`), never both, and each `taught_at` page present in docs/."""
    records, root = load_document(path, DATA / "quiz.schema.json", unique={None: "id"})
    problems = []
    for index, record in enumerate(records):
        where = f"{display_path(path)}:{line_of(root, [index])}: entry {index + 1}: "
        kinds = [field for field in ("choices", "accept") if field in record]
        if len(kinds) != 1:
            problems.append(where + ("give either 'choices' with 'answer' (multiple choice) or 'accept' (a typed "
                                     "answer)" + (", not both" if kinds else "")))
        elif ("answer" in record) != (kinds == ["choices"]):
            problems.append(where + ("'choices' needs 'answer', the number of the right choice" if "choices" in kinds
                                     else "'answer' belongs to 'choices'; a typed question lists what it accepts "
                                          "under 'accept' only"))
        elif "choices" in record and record["answer"] > len(record["choices"]):
            problems.append(f"{display_path(path)}:{line_of(root, [index, 'answer'])}: entry {index + 1}: "
                            f"'answer' is {record['answer']} but there are {len(record['choices'])} choices; "
                            "give the number of the right choice, counting from 1")
        page = record["taught_at"].split("#")[0]
        if not (docs / page).is_file():
            problems.append(f"{display_path(path)}:{line_of(root, [index, 'taught_at'])}: entry {index + 1}: "
                            f"'taught_at' names docs/{page}, which does not exist; give a page path relative to docs/")
    if problems:
        raise DataError("\n".join(problems))
    return [Question(**{**record, "choices": tuple(record.get("choices", ())), "accept": tuple(record.get("accept", ()))})
            for record in records]
