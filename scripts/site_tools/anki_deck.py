"""The flashcards as an Anki deck (.apkg), written with genanki.

genanki (PyPI) writes Anki's own package format: a zip holding the SQLite collection Anki
imports. Writing that schema by hand would mean tracking Anki's format ourselves.

Anki recognises a note it already has by the note's GUID, and a deck by its ID. Each GUID is
derived from the card's id (renderings.Card.id, e.g. "comparison/kernel/image"), and the deck and
note type IDs are fixed numbers (picked at random once, as genanki advises; never change them),
so importing a newer deck updates the cards a student has instead of adding copies. The notes'
modification time is the last commit of the data files, so Anki's "update if newer" sees a
changed card as newer, and two builds of the same commit write the same notes.
"""

from __future__ import annotations

import html
import io

import genanki

from site_tools import freshness
from site_tools.data_file import CODE_SPAN
from site_tools.renderings import Card

DECK_ID = 1_734_902_117
MODEL_ID = 1_391_655_428
DECK_NAME = "Docker images vs containers"
TAGS = ["docker", "image-vs-container"]
SOURCES = ("docs/data/comparison.yml", "docs/data/glossary.yml")  # where the cards' text comes from

MODEL = genanki.Model(
    MODEL_ID,
    "Docker images vs containers: question and answer",
    fields=[{"name": "Question"}, {"name": "Answer"}],
    templates=[{"name": "Card", "qfmt": "{{Question}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}'}],
    css=".card { font-family: sans-serif; font-size: 20px; text-align: center; }",
)


def field_html(text: str) -> str:
    """The data's text as the HTML of an Anki field: code spans as <code>, everything else escaped."""
    parts = []
    for part in CODE_SPAN.split(text):
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            parts.append(f"<code>{html.escape(part[1:-1])}</code>")
        else:
            parts.append(html.escape(part))
    return "".join(parts)


def note_guid(card: Card) -> str:
    """The card's note GUID in Anki: the same for the same card id in every build."""
    return genanki.guid_for("docker-images-vs-containers", card.id)


def apkg(cards: list[Card], timestamp: float | None = None) -> bytes:
    """The .apkg file's bytes: one deck, one note (front and back) per card, in the cards' order."""
    deck = genanki.Deck(DECK_ID, DECK_NAME)
    for card in cards:
        deck.add_note(genanki.Note(model=MODEL, fields=[field_html(card.front), field_html(card.back)],
                                   guid=note_guid(card), tags=TAGS))
    out = io.BytesIO()
    genanki.Package(deck).write_to_file(out, timestamp=freshness.last_commit_time(*SOURCES) if timestamp is None else timestamp)
    return out.getvalue()
