"""The Anki deck (site/data/*.apkg, scripts/site_tools/anki_deck.py), read back as Anki reads it:
a zip holding an SQLite collection, with every card, a fixed deck ID and note GUIDs that stay
the same from build to build, so a re-import updates a student's cards instead of copying them."""

from __future__ import annotations

import html
import io
import json
import re
import sqlite3
import zipfile

import yaml

from conftest import ROOT
from site_tools import anki_deck
from site_tools import renderings
from site_tools import site_data

# Written out here, not read from the module: changing either would make Anki see a new deck.
DECK_ID = 1_734_902_117


def collection(apkg: bytes, folder) -> sqlite3.Connection:
    """The package's SQLite collection, opened from a copy in `folder`."""
    with zipfile.ZipFile(io.BytesIO(apkg)) as package:
        path = folder / "collection.anki2"
        path.write_bytes(package.read("collection.anki2"))
    return sqlite3.connect(path)


def notes(apkg: bytes, folder) -> list[tuple[int, str, str, str]]:
    """(note id, GUID, question, answer) for every note, questions and answers as plain text."""
    text = lambda field: html.unescape(re.sub(r"</?code>", "", field))  # noqa: E731
    with collection(apkg, folder) as db:
        return [(note_id, guid, *map(text, fields.split("\x1f")))
                for note_id, guid, fields in db.execute("SELECT id, guid, flds FROM notes ORDER BY id")]


def test_the_published_deck_holds_every_answer_in_the_data_as_a_card(built_site, tmp_path):
    apkg = (built_site.site / site_data.FLASHCARDS_APKG_URI).read_bytes()
    answers = sorted(answer for *_, answer in notes(apkg, tmp_path))
    data = lambda file: yaml.safe_load((ROOT / "docs/data" / file).read_text(encoding="utf-8"))  # noqa: E731
    expected = [row[side] for row in data("comparison.yml")["rows"] for side in ("image", "container")]
    expected += [term["definition"] for term in data("glossary.yml")["terms"]]
    assert answers == sorted(text.replace("`", "") for text in expected)


def test_a_card_reads_back_with_its_question_and_its_answer(built_site, tmp_path):
    apkg = (built_site.site / site_data.FLASHCARDS_APKG_URI).read_bytes()
    cards = {question: answer for _, _, question, answer in notes(apkg, tmp_path)}
    assert cards["How is a Docker image created?"].startswith("docker build from a Dockerfile")
    assert cards["What does \u201ctag\u201d mean?"].startswith("A movable, human-readable name for an image")


def test_every_note_has_one_card_in_the_deck_of_the_fixed_id(built_site, tmp_path):
    with collection((built_site.site / site_data.FLASHCARDS_APKG_URI).read_bytes(), tmp_path) as db:
        decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
        per_note = db.execute("SELECT count(*), count(DISTINCT nid), min(did), max(did) FROM cards").fetchone()
        note_count = db.execute("SELECT count(*) FROM notes").fetchone()[0]
    assert decks[str(DECK_ID)]["name"] == "Docker images vs containers"
    assert per_note == (note_count, note_count, DECK_ID, DECK_ID)


def test_two_builds_give_every_note_the_same_id_and_guid(tmp_path):
    cards = renderings.flashcards(site_data.flashcard_sources())
    first, second = anki_deck.apkg(cards), anki_deck.apkg(cards)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert [n[:2] for n in notes(first, tmp_path / "a")] == [n[:2] for n in notes(second, tmp_path / "b")]


def test_a_notes_guid_follows_its_card_not_its_place_in_the_deck(tmp_path):
    """A card added before it, or the cards reordered, must not change a note's GUID."""
    cards = renderings.flashcards(site_data.flashcard_sources())
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    forward = {question: guid for _, guid, question, _ in notes(anki_deck.apkg(cards), tmp_path / "a")}
    backward = {question: guid for _, guid, question, _ in notes(anki_deck.apkg(cards[::-1]), tmp_path / "b")}
    assert forward == backward and len(set(forward.values())) == len(cards)


def test_a_field_shows_markup_in_the_data_as_text_and_code_spans_as_code():
    """Anki renders a field as HTML: data text must not become a tag (or a handler) there."""
    assert anki_deck.field_html("`docker ps -a` <img src=x onerror=alert(1)> & more") == \
        "<code>docker ps -a</code> &lt;img src=x onerror=alert(1)&gt; &amp; more"
