"""Render the site's data as Markdown blocks, tooltips, flashcards (sheets, on-screen deck, CSV) and the self-test's answer key.

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
import posixpath
import re
from typing import NamedTuple

from markdown.extensions.abbr import AbbrBlockprocessor

from site_tools.data_file import CODE_SPAN, LINK, DataError, source_problem
from site_tools.site_data import AFTER, BEFORE, QUIZ_PAGE, Command, Lifecycle, Question, Row, Term

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


def linked_inline(text: str) -> str:
    """Like `inline`, but a link to a primary source (`[words](https://docs.docker.com/...)`) stays a
    link. Any other link (javascript:, another site) is shown as the text it is; data_file's
    "linked-text" format refuses those when the data is loaded."""
    parts = []
    for index, part in enumerate(CODE_SPAN.split(text)):
        if index % 2:  # a code span
            parts.append(part)
            continue
        end = 0
        for match in LINK.finditer(part):
            if source_problem(match[2]) is None:
                parts += [inline(part[end:match.start()]), f"[{inline(match[1])}]({match[2]})"]
                end = match.end()
        parts.append(inline(part[end:]))
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
    if "github.com/opencontainers" in url:
        return "OCI specification"
    return "moby source" if "github.com/moby/moby" in url else "Docker docs"


def _source_link(url: str | None) -> str:
    return f" ([{source_label(url)}]({url}))" if url else ""


def _table(rows: list[Row]) -> list[str]:
    lines = ['<div class="comparison" markdown>', "", "| " + " | ".join(HEADER) + " |", "| --- | --- | --- |"]
    lines += [f"| **{inline(r.feature)}** | {inline(r.image)} | {inline(r.container)} |" for r in rows]
    return [*lines, "", "</div>"]


def _note_line(row: Row) -> str:
    """A row's note and its source; a row without a note names just its source, as a link."""
    if not row.note:
        return f"- **{inline(row.feature)}**: [{source_label(row.source)}]({row.source})"
    return f"- **{inline(row.feature)}**: {inline(row.note)}{_source_link(row.source)}"


def comparison_table(rows: list[Row]) -> str:
    """The full table, then each row's note and source."""
    lines = _table(rows)
    annotated = [r for r in rows if r.note or r.source]
    if annotated:
        lines += ["", "Notes and sources for the rows:", ""]
        lines += [_note_line(r) for r in annotated]
    return "\n".join(lines)


def summary_table(rows: list[Row]) -> str:
    """The rows marked `summary: true`: the short version for the home page and the revision sheet."""
    picked = [r for r in rows if r.summary]
    if not picked:
        raise DataError("no comparison row has `summary: true`; mark the rows the summary should show")
    return "\n".join(_table(picked))


def glossary(terms: list[Term]) -> str:
    """The glossary in alphabetical order: each term a heading with its own anchor (glossary_anchor),
    so a link can point at it and Material's search, which splits a page at its headings, finds it
    as an entry of its own; under it, its definition and source."""
    lines, anchors = [], {}
    for term in sorted(terms, key=lambda t: t.term.casefold()):
        anchor = glossary_anchor(term.term)
        if anchor in anchors:
            raise DataError(f"glossary terms {anchors[anchor]!r} and {term.term!r} would share the anchor #{anchor}: "
                            "rename one in docs/data/glossary.yml so their letters and digits differ")
        anchors[anchor] = term.term
        sources = ", ".join(f"[{source_label(url)}]({url})" for url in (term.source, term.also_source) if url)
        lines += [f"## {line_start(inline(term.term))} {{ #{anchor} }}", "",
                  f"{line_start(inline(term.definition))}{f' ({sources})' if sources else ''}", ""]
    return "\n".join(lines).rstrip("\n")


def glossary_anchor(term: str) -> str:
    """The id of `term`'s heading on the glossary page: revise/glossary/#copy-on-write."""
    slug = _slug(term)
    return slug if slug not in ("", "glossary") else f"term-{slug}".rstrip("-")  # not the page title's id


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


# The abbr extension's markup for a term's mention (it escapes the title's quotes), and the tags
# of the interactive elements a focusable mark must not sit in (HTML forbids a tabindex there).
MENTION_OR_CONTROL = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<term>[^<]*)</abbr>'
                                r"|<(?P<open>a|button|label|summary)\b[^>]*>|</(?P<close>a|button|label|summary)>")


def first_mentions(html: str) -> str:
    """The page's HTML with each term marked on its first mention only, focusable there.

    The abbr extension marks every mention. A dotted underline on every repeat is noise in
    revision notes, and each mark costs Material's script work as the page loads (on the
    revision pack, hundreds of marks pushed Lighthouse's total blocking time over budget). The
    first mention gets tabindex="0": Material shows its tooltip on focus too, so keyboard users
    reach the definition. A mention inside a link or another control is left unmarked (the
    control already takes the focus), so the term's first mention outside one gets the mark.
    Marks are keyed by definition, as the extension writes them.
    """
    seen: set[str] = set()
    inside_control = 0

    def mark(token: re.Match) -> str:
        nonlocal inside_control
        if token["open"] or token["close"]:
            inside_control = max(0, inside_control + (1 if token["open"] else -1))
            return token[0]
        if inside_control or token["title"] in seen:
            return token["term"]
        seen.add(token["title"])
        return f'<abbr tabindex="0" title="{token["title"]}">{token["term"]}</abbr>'

    return MENTION_OR_CONTROL.sub(mark, html)


COMMAND_GROUPS = {
    "image": "Commands on images",
    "container": "Commands on containers",
    "container to image": "`docker commit`: turning a container into an image",
    "registry": "Commands on a registry",
}


def _also(url: str | None) -> str:
    return f", [{source_label(url)}]({url})" if url else ""


def command_tables(commands: list[Command]) -> str:
    """The cheat sheet: one table per kind of object a command works on, each with its reference."""
    lines: list[str] = []
    for works_on, title in COMMAND_GROUPS.items():
        group = [c for c in commands if c.works_on == works_on]
        if group:
            lines += [f"## {title}", "", "| Command | What it does |", "| --- | --- |"]
            lines += [f"| `{c.command}` | {inline(c.does)} ([reference]({c.source}){_also(c.also_source)}) |" for c in group]
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


PSEUDO_STATES = {BEFORE: "(no container yet)", AFTER: "(removed)"}


def _state_words(names: tuple[str, ...] | list[str], code: bool) -> str:
    """`a`, `b` or `c`: state names for a table (as code) or for a description (plain)."""
    shown = [PSEUDO_STATES.get(n) or (f"`{n}`" if code else n) for n in names]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _mermaid_state(name: str) -> str:
    return "[*]" if name in PSEUDO_STATES else name


def _mermaid_text(text: str) -> str:
    """Data text for a Mermaid source. mermaid2 writes the source into the page unescaped; the
    build (diagram_pages, which finds the source up to `</code>`) or, where it cannot draw, the
    browser hands Mermaid the decoded text. So HTML is escaped here (and a backtick, which could
    close the fence)."""
    return html.escape(text, quote=False).replace("`", "&#96;")


# Mermaid front matter choosing the ELK layout for one diagram. The site draws with dagre (the
# classic look, mermaid_render.py), but dagre ran edges across the lifecycle's labels "ends",
# "policy" and "unpause" whatever the order of its 17 moves; ELK routes them orthogonally, around
# every label (tests/test_diagrams_on_a_phone.py::test_no_edge_crosses_a_label).
ELK_LAYOUT = ("---", "config:", "  layout: elk", "---")


def lifecycle_diagram(lifecycle: Lifecycle) -> str:
    """The lifecycle as a Mermaid state diagram with its caption, drawn top to bottom with short edge labels.

    A transition from several states goes through a join bar, so one label serves them all
    (written `[[join]]`: mermaid2 leaves the `<join>` of `<<join>>` unescaped in the HTML).
    The accessible description lists every transition in words (no ';' or ':', which end a
    Mermaid statement). Laid out by ELK, which Mermaid bundles (see ELK_LAYOUT).
    """
    said = " ".join(f"From {_state_words(t.sources, code=False)} to {_state_words([t.to], code=False)}, "
                    f"{_lower_first(plain(t.by))}." for t in lifecycle.transitions)
    description = ("Each arrow is labelled with its docker command, without the word docker, or with the event that causes it. " + said).replace(";", ",").replace(":", ",")
    lines = ["```mermaid", *ELK_LAYOUT, "stateDiagram-v2", "  direction TB", f"  accTitle: {_mermaid_text(lifecycle.title)}",
             f"  accDescr: {_mermaid_text(description)}"]
    joins = 0
    for t in lifecycle.transitions:
        target = _mermaid_state(t.to)
        if len(t.sources) == 1:
            lines.append(f"  {_mermaid_state(t.sources[0])} --> {target}: {t.label}")
            continue
        joins += 1
        join = f"join{joins}"
        lines.append(f"  state {join} [[join]]")
        lines += [f"  {_mermaid_state(name)} --> {join}" for name in t.sources]
        lines.append(f"  {join} --> {target}: {t.label}")
    return "\n".join([*lines, "```", "", "/// caption", line_start(inline(lifecycle.caption)), "///"])


def lifecycle_states(lifecycle: Lifecycle) -> str:
    """The states table: each state, what it means, and its source."""
    return "\n".join(["| State | What it means |", "| --- | --- |",
                      *[f"| `{s.state}` | {inline(s.means)}{_source_link(s.source)} |" for s in lifecycle.states]])


def lifecycle_transitions(lifecycle: Lifecycle) -> str:
    """The transitions table: from which states, to which, and what moves the container."""
    return "\n".join(["| From | To | What moves it |", "| --- | --- | --- |",
                      *[f"| {_state_words(t.sources, code=True)} | {_state_words([t.to], code=True)} | "
                        f"{inline(t.by)}{_source_link(t.source)} |" for t in lifecycle.transitions]])


SIDES = (("image", "a Docker image", "Docker containers"), ("container", "a Docker container", "Docker images"))


class Card(NamedTuple):
    """One flashcard: `id` names it for good (the on-screen boxes and the Anki note are keyed by
    it), `front` is a question and `back` its answer, in the data's text (code spans kept)."""

    id: str
    front: str
    back: str


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def comparison_cards(rows: list[Row]) -> list[Card]:
    """Two cards per comparison row, one per side: the row's question asked of that side."""
    return [Card(f"comparison/{_slug(row.feature)}/{field}",
                 row.question.replace("{side}", side).replace("{other}", other), getattr(row, field))
            for row in rows for field, side, other in SIDES]


def glossary_cards(terms: list[Term]) -> list[Card]:
    """One card per glossary term, in alphabetical order, asking what the term means."""
    return [Card(f"glossary/{_slug(term.term)}", f"What does “{term.term}” mean?", term.definition)
            for term in sorted(terms, key=lambda t: t.term.casefold())]


def flashcards(sources: tuple[list[Row], list[Term]]) -> list[Card]:
    """Every flashcard, comparison first; DataError if two would share an id."""
    rows, terms = sources
    cards = comparison_cards(rows) + glossary_cards(terms)
    seen = set()
    for card in cards:
        if card.id in seen:
            raise DataError(f"two flashcards are both named {card.id!r}: rename a comparison feature or a "
                            "glossary term in docs/data/ so their letters and digits differ")
        seen.add(card.id)
    return cards


def flashcards_csv(rows: list[Row]) -> str:
    """Two cards per row (one per side) as CSV with a header: front, back, tags.

    Imports into Anki and most flashcard apps (comma separated, every field quoted, first line
    as header).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["front", "back", "tags"])
    for _, front, back in comparison_cards(rows):
        writer.writerow([spreadsheet_cell(cell) for cell in (plain(front), plain(back), "docker image-vs-container")])
    return out.getvalue()


# Material's search leaves out an element with this attribute, and a heading's whole section: the
# self-test's questions and answer key and the flashcards would otherwise fill every result list
# with answers. The mark goes on innermost blocks: Material's index stops leaving a marked <div>
# out where the first <div> inside it ends (scripts/site_tools/search_index.py).
NOT_SEARCHED = "data-search-exclude"

CARD_COLUMNS, CARD_ROWS = 2, 4  # cards per printed sheet; docs/assets/stylesheets/flashcards.css sizes them


def _sheet_side(cards: list[tuple[int, str] | None], side: str, sheet: int, total: int) -> list[str]:
    label = {"front": "questions", "back": "answers, mirrored so each lands behind its question"}[side]
    lines = [f'<div class="flashcard-sheet flashcard-sheet--{side}" markdown>', "",
             f'<div class="flashcard-sheet__label" {NOT_SEARCHED}>Sheet {sheet} of {total}, {side}: {label}</div>', ""]
    for card in cards:
        if card is None:
            lines.append('<div class="flashcard flashcard--blank"></div>')
        else:
            number, text = card
            lines.append(f'<div class="flashcard" {NOT_SEARCHED} markdown="span"><span class="flashcard__text">{inline(text)}</span> '
                         f'<span class="flashcard__number">Card {number}</span></div>')
    return [*lines, "", "</div>", ""]


def flashcard_sheets(sources: tuple[list[Row], list[Term]]) -> str:
    """The comparison and the glossary as printable cards: for every sheet, a page of questions,
    then a page of answers with each row mirrored, so that printing double-sided (flip on the
    long edge) puts every answer behind its question."""
    cards = [(card.front, card.back) for card in flashcards(sources)]
    per_sheet = CARD_COLUMNS * CARD_ROWS
    numbered = [(number, front, back) for number, (front, back) in enumerate(cards, start=1)]
    sheets = [numbered[start:start + per_sheet] for start in range(0, len(numbered), per_sheet)]
    lines = ['<div class="flashcards" markdown>', ""]
    for index, sheet in enumerate(sheets, start=1):
        slots = [*sheet, *[None] * (per_sheet - len(sheet))]
        fronts = [(card[0], card[1]) if card else None for card in slots]
        backs = [(card[0], card[2]) if card else None for card in slots]
        mirrored = [card for row in range(CARD_ROWS)
                    for card in reversed(backs[row * CARD_COLUMNS:(row + 1) * CARD_COLUMNS])]
        lines += _sheet_side(fronts, "front", index, len(sheets)) + _sheet_side(mirrored, "back", index, len(sheets))
    return "\n".join([*lines, "</div>"])


def flashcard_deck(sources: tuple[list[Row], list[Term]]) -> str:
    """Every card on screen: a list of questions, each opening to show its answer (no script
    needed); docs/assets/javascripts/flashcards.js shows them one at a time to flip and grade,
    keyed by `data-card`."""
    lines = [f'<div class="flashdeck" {NOT_SEARCHED} markdown>', ""]
    for number, card in enumerate(flashcards(sources), start=1):
        lines += [f'<details class="question flashdeck__card" data-card="{card.id}" markdown>',
                  f'<summary markdown="span">{number}. {inline(card.front)}</summary>',
                  f'<p markdown="span">{inline(card.back)}</p>', "</details>", ""]
    return "\n".join([*lines, "</div>"])


def quiz(questions: list[Question]) -> str:
    """The self-test as a practice sheet: the questions with their numbered choices (a typed
    question, a line to write on), then the answer key under its own heading.

    Readable as it is (no JavaScript, on paper, on GitHub), with no answer before the last
    question; docs/assets/javascripts/quiz.js turns each `.quiz-question` into a scored question,
    reading the right choice from `data-answer` and a typed question's accepted forms from its key.
    """
    lines = ['<div class="quiz" markdown>', ""]
    for number, q in enumerate(questions, start=1):
        kind = 'data-typed="true"' if q.typed else f'data-answer="{q.answer}"'
        lines += [f'<div class="quiz-question" id="quiz-{q.id}" {kind} {NOT_SEARCHED} markdown>', "",
                  f"**{number}. {linked_inline(q.question)}**", ""]
        if q.typed:
            lines += ['<p class="quiz-write">Your answer:</p>']
        else:
            lines += [f"{index}. {line_start(linked_inline(choice))}" for index, choice in enumerate(q.choices, start=1)]
        lines += ["", "</div>", ""]
    lines += ["</div>", "", '<div class="quiz-key" markdown>', "", f"## Answer key {{ {NOT_SEARCHED} }}", ""]
    for number, q in enumerate(questions, start=1):
        lines += [f'<div class="quiz-answer" id="quiz-{q.id}-answer" markdown>', "", _quiz_key_line(number, q), "",
                  f"{line_start(linked_inline(q.explanation))} [Where it is taught]({_taught_at_link(q)}).", "",
                  "</div>", ""]
    return "\n".join([*lines, "</div>"])


def _quiz_key_line(number: int, q: Question) -> str:
    """The key's first line for question `number`: the right choice, or every answer a typed question accepts."""
    label = f'<span class="quiz-number">{number}.</span>'
    if not q.typed:
        return f"{label} **Answer: {q.answer}.** {linked_inline(q.key)}"
    also = f" (also accepted: {', '.join(f'`{form}`' for form in q.accept[1:])})" if len(q.accept) > 1 else ""
    return f"{label} **Answer:** `{q.key}`{also}"


def _taught_at_link(q: Question) -> str:
    """The question's `taught_at` page as a link from the self-test page."""
    page, _, anchor = q.taught_at.partition("#")
    return posixpath.relpath(page, posixpath.dirname(QUIZ_PAGE)) + (f"#{anchor}" if anchor else "")
