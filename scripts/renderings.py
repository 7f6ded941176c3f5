"""Render the site's data as Markdown blocks, tooltips and flashcard CSV.

Cell and definition text is plain text with `backtick` code spans. Outside code spans, every
character that Markdown or HTML would interpret is escaped, so a reader sees exactly the data
file's text: a `|` cannot split a table cell, `<script>` shows as text and `{ onclick=... }`
cannot become attributes (attr_list). What a value may hold at all (one line, no invisible
characters, no comment markers, no `|` inside a code span, links only to primary sources) is
checked when it is loaded (data_file.FIELD_FORMATS).

The flashcard CSV is neutralised against formula injection as OWASP's CSV Injection page
advises: every field quoted, and a field that starts with a character a spreadsheet reads as
a formula gets a leading single quote.
"""

from __future__ import annotations

import csv
import html
import io
import re

from markdown.extensions.abbr import AbbrBlockprocessor

from data_file import CODE_SPAN, DataError
from site_data import Command, Row, Term

MARKDOWN_SPECIAL = re.compile(r"([\\*_\[\]|{}`])")
# Text that would start a heading, list, quote or definition when it begins a line.
BLOCK_START = re.compile(r"[#+\-=:~]|\d+[.)]")
# OWASP "CSV Injection": cells starting with these are read as formulas by spreadsheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
HEADER = ("Feature", "Docker image", "Docker container")


def inline(text: str) -> str:
    """Markdown showing `text` literally, its code spans kept as code."""
    parts = []
    for part in CODE_SPAN.split(text):
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            parts.append(part)
        else:
            parts.append(MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(part, quote=False)))
    return "".join(parts)


def line_start(markdown: str) -> str:
    """`markdown` made safe to begin a line: a leading block marker becomes a character reference."""
    match = BLOCK_START.match(markdown)
    if match is None:
        return markdown
    marker = match.end() - 1
    return f"{markdown[:marker]}&#{ord(markdown[marker])};{markdown[marker + 1:]}"


def plain(text: str) -> str:
    """The text a reader sees: the data with code-span backticks removed."""
    return CODE_SPAN.sub(lambda m: m.group(1)[1:-1], text)


def source_label(url: str) -> str:
    """Link text naming a primary source by its publisher."""
    return "OCI specification" if "github.com/opencontainers" in url else "Docker docs"


def _source_link(url: str | None) -> str:
    return f" ([{source_label(url)}]({url}))" if url else ""


def _table(rows: list[Row]) -> list[str]:
    lines = ['<div class="comparison" markdown>', "", "| " + " | ".join(HEADER) + " |", "| --- | --- | --- |"]
    lines += [f"| **{inline(r.feature)}** | {inline(r.image)} | {inline(r.container)} |" for r in rows]
    return [*lines, "", "</div>"]


def comparison_table(rows: list[Row]) -> str:
    """The full table, then each row's note and source."""
    lines = _table(rows)
    annotated = [r for r in rows if r.note or r.source]
    if annotated:
        lines += ["", "Notes and sources for the rows:", ""]
        lines += [f"- **{inline(r.feature)}**:{' ' + inline(r.note) if r.note else ''}{_source_link(r.source)}"
                  for r in annotated]
    return "\n".join(lines)


def summary_table(rows: list[Row]) -> str:
    """The rows marked `summary: true`: the short version for the home page and the revision sheet."""
    picked = [r for r in rows if r.summary]
    if not picked:
        raise DataError("no comparison row has `summary: true`; mark the rows the summary should show")
    return "\n".join(_table(picked))


def glossary(terms: list[Term]) -> str:
    """The glossary as a definition list, in alphabetical order, each with its source."""
    lines = []
    for term in sorted(terms, key=lambda t: t.term.casefold()):
        lines += [line_start(inline(term.term)), f":   {line_start(inline(term.definition))}{_source_link(term.source)}", ""]
    return "\n".join(lines).rstrip("\n")


def abbreviations(terms: list[Term]) -> str:
    """Markdown abbreviation definitions that give each term its tooltip.

    A definition line the abbr extension would not read as one would be rendered as Markdown
    on every page, so such a term is refused.
    """
    lines = []
    for term in (t for t in terms if t.tooltip):
        line = f"*[{term.term}]: {plain(term.definition)}"
        match = AbbrBlockprocessor.RE.fullmatch(line)
        if match is None or match["abbr"] != term.term or match["title"] != plain(term.definition):
            raise DataError(f"glossary term {term.term!r} cannot have a tooltip (it holds a '\\' or ']:'); "
                            "reword it or set `tooltip: false`")
        lines.append(line)
    return "\n".join(lines)


COMMAND_GROUPS = {
    "image": "Commands on images",
    "container": "Commands on containers",
    "container to image": "The command that turns a container into an image",
}


def command_tables(commands: list[Command]) -> str:
    """The cheat sheet: one table per kind of object a command works on, each with its reference."""
    lines: list[str] = []
    for works_on, title in COMMAND_GROUPS.items():
        group = [c for c in commands if c.works_on == works_on]
        if group:
            lines += [f"## {title}", "", "| Command | What it does |", "| --- | --- |"]
            lines += [f"| `{c.command}` | {inline(c.does)} ([reference]({c.source})) |" for c in group]
            lines.append("")
    return "\n".join(lines).rstrip("\n")


def command_sheet(commands: list[Command]) -> str:
    """The commands marked `sheet: true`, in a few words each, for the one-page revision sheet."""
    picked = [c for c in commands if c.sheet]
    if not picked:
        raise DataError("no command has `sheet: true`; mark the ones the revision sheet should list")
    return "\n".join(["| Command | In short |", "| --- | --- |",
                      *[f"| `{c.command}` | {inline(c.short)} |" for c in picked]])


def spreadsheet_cell(text: str) -> str:
    """`text` as a CSV field no spreadsheet evaluates: a leading formula character gets a `'`."""
    return f"'{text}" if text.lstrip(" ").startswith(FORMULA_START) else text


def flashcards_csv(rows: list[Row]) -> str:
    """Two cards per row (one per side) as CSV with a header: front, back, tags.

    Imports into Anki and most flashcard apps (comma separated, every field quoted, first line
    as header).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["front", "back", "tags"])
    for row in rows:
        for side, value in (("Docker image", row.image), ("Docker container", row.container)):
            cells = [f"{side}: {plain(row.feature)}?", plain(value), "docker image-vs-container"]
            writer.writerow([spreadsheet_cell(cell) for cell in cells])
    return out.getvalue()
