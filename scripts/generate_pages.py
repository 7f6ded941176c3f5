"""Write the generated blocks in the pages (comparison, glossary, commands, lifecycle) from the data files.

Usage:
  python3 scripts/generate_pages.py           rewrite every generated block in docs/
  python3 scripts/generate_pages.py --check   exit 1 naming each stale cell or line; write nothing

A generated block sits between `<!-- generated:NAME ... -->` and `<!-- end generated:NAME -->`;
NAME is one of RENDERINGS below, each drawn from a file in docs/data/. Exit status: 0 up to
date, 1 stale (with --check), 2 bad data, a bad block or a page that cannot be written, 130
interrupted. All or nothing: every block is rendered before any page is written; then each page
goes to a temporary file beside it, and the pages are swapped in together (Ctrl-C is held off
during the swap, and a failed swap puts back the pages already swapped). No temporary file is
left behind.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import re
import signal
import stat
import sys
import tempfile
import threading
from pathlib import Path

from site_tools import lab_data, lab_page
from site_tools import renderings
from site_tools import site_data
from site_tools.data_file import ROOT, DataError, display_path, read_text

DOCS = ROOT / "docs"
COMMAND = "python3 scripts/generate_pages.py"
RENDERINGS = {
    "comparison-table": (site_data.comparison_rows, renderings.comparison_table),
    "comparison-summary": (site_data.comparison_rows, renderings.summary_table),
    "glossary": (site_data.glossary_terms, renderings.glossary),
    "commands": (site_data.commands, renderings.command_tables),
    "commands-sheet": (site_data.commands, renderings.command_sheet),
    "lifecycle-diagram": (site_data.lifecycle, renderings.lifecycle_diagram),
    "lifecycle-states": (site_data.lifecycle, renderings.lifecycle_states),
    "lifecycle-transitions": (site_data.lifecycle, renderings.lifecycle_transitions),
    "quiz": (site_data.quiz_questions, renderings.quiz),
    "flashcard-sheets": (site_data.flashcard_sources, renderings.flashcard_sheets),
    "flashcard-deck": (site_data.flashcard_sources, renderings.flashcard_deck),
    "lab-exercises": (lab_data.lab, lab_page.exercises),
    "lab-refusals": (lab_data.lab, lab_page.refusals),
    "lab-embed": (lab_data.lab, lab_page.embed),
}
PER_PAGE = {"lab-embed"}  # renderers that also take the page's path relative to docs/
REQUIRED = ("comparison-table", "glossary", "commands", "lifecycle-diagram", "lifecycle-transitions", "quiz", "lab-exercises")  # each must appear on some page
BLOCK = re.compile(
    r"(?P<open><!-- generated:(?P<name>[\w-]+)\b[^>]*-->\n)(?P<body>.*?)\n*(?P<close><!-- end generated:(?P=name) -->)",
    re.DOTALL,
)
OPENING = re.compile(r"<!-- generated:([\w-]+)")
MARKER = re.compile(r"<!--\s*(end\s+)?generated:")
CELL_SPLIT = re.compile(r"(?<!\\)\|")


@functools.cache
def _data(loader):
    return loader()


def render(name: str, page: str = "") -> str:
    """The block's Markdown (on docs/`page`); refused if it would open or close a block (data_file forbids that too)."""
    loader, renderer = RENDERINGS[name]
    body = renderer(_data(loader), page) if name in PER_PAGE else renderer(_data(loader))
    if MARKER.search(body):
        raise DataError(f"docs/data/: a value in the `{name}` block would open or close a generated block; "
                        "remove the `<!-- generated:` text from the data")
    return body


def render_page(path: Path, text: str) -> str:
    """The page's text with every generated block rendered afresh from the data."""
    opened = OPENING.findall(text)
    for name in opened:
        if name not in RENDERINGS:
            raise DataError(f"{display_path(path)}: unknown generated block '{name}'; known: {', '.join(RENDERINGS)}")
    if len(opened) != len(BLOCK.findall(text)):
        raise DataError(f"{display_path(path)}: a `<!-- generated:NAME -->` block has no "
                        "`<!-- end generated:NAME -->` line; add it")
    page = path.resolve().relative_to(DOCS.resolve()).as_posix() if path.resolve().is_relative_to(DOCS.resolve()) else path.name
    return BLOCK.sub(lambda m: f"{m['open']}\n{render(m['name'], page)}\n\n{m['close']}", text)


def pages_with_blocks() -> dict[Path, str]:
    """{page: its text} for every page in docs/ with a generated block."""
    texts = {page: read_text(page) for page in sorted(DOCS.rglob("*.md"))}
    return {page: text for page, text in texts.items() if OPENING.search(text)}


def stale_pages() -> dict[Path, tuple[str, str]]:
    """{page: (its text, its text as the data renders it)} for every page whose blocks are out of date."""
    pages = pages_with_blocks()
    present = {name for text in pages.values() for name in OPENING.findall(text)}
    for name in REQUIRED:
        if name not in present:
            raise DataError(f"docs/: no page has a `<!-- generated:{name} -->` block; put one back where it belongs")
    rendered = {page: (text, render_page(page, text)) for page, text in pages.items()}
    return {page: (old, new) for page, (old, new) in rendered.items() if old != new}


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in CELL_SPLIT.split(line.strip())[1:-1]]


def describe_drift(path: Path, old: str, new: str) -> list[str]:
    """One line per stale cell (or line) of a page: where, what the page has, what the data gives."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    if len(old_lines) != len(new_lines):
        return [f"{display_path(path)}: its generated blocks have {len(old_lines)} lines, the data gives {len(new_lines)}"]
    header = renderings.HEADER
    report = []
    for number, (was, wanted) in enumerate(zip(old_lines, new_lines), start=1):
        if was == wanted:
            continue
        was_cells, wanted_cells = _cells(was), _cells(wanted)
        if was.startswith("|") and len(was_cells) == len(wanted_cells) == len(header):
            report += [f"{display_path(path)}:{number}: row {wanted_cells[0]}, column '{header[column]}': "
                       f"page has {a!r}, data has {b!r}"
                       for column, (a, b) in enumerate(zip(was_cells, wanted_cells)) if a != b]
        else:
            report.append(f"{display_path(path)}:{number}: page has {was!r}, data gives {wanted!r}")
    return report


def _stage(path: Path, text: str, staged: list[Path]) -> Path:
    """Write `text` to a new temporary file beside `path` (recorded in `staged`), with path's mode."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    staged.append(Path(name))
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(name, stat.S_IMODE(path.stat().st_mode))
    return Path(name)


@contextlib.contextmanager
def _ctrl_c_held():
    """Hold off Ctrl-C (SIGINT) inside the block; raise KeyboardInterrupt after it if one came."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received = []
    previous = signal.signal(signal.SIGINT, lambda *_: received.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt


def _writable(page: Path) -> None:
    if not stat.S_IMODE(page.stat().st_mode) & stat.S_IWUSR or not os.access(page, os.W_OK):
        raise DataError(f"{display_path(page)}: the page is read-only, so its generated blocks cannot be updated; "
                        f"make it writable (`chmod u+w {display_path(page)}`) and run `{COMMAND}` again")


def write_pages(pages: dict[Path, tuple[str, str]]) -> None:
    """Replace each page's text (old, new) with new, all or none; DataError naming a page that cannot be written."""
    for page in pages:
        _writable(page)
    staged: list[Path] = []
    swapped: list[Path] = []
    current = next(iter(pages), DOCS)  # the page being written, for the message
    try:
        temporaries = {}
        for current, (_, new) in pages.items():
            temporaries[current] = _stage(current, new, staged)
        with _ctrl_c_held():
            for current, temporary in temporaries.items():
                os.replace(temporary, current)
                swapped.append(current)
    except BaseException as error:
        with _ctrl_c_held():
            for page in swapped:
                os.replace(_stage(page, pages[page][0], staged), page)
        if isinstance(error, OSError):
            raise DataError(f"{display_path(current)}: cannot be written ({error.strerror}); no page was changed; "
                            f"make it and its folder writable and run `{COMMAND}` again") from None
        raise
    finally:
        for temporary in staged:
            temporary.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale blocks and exit 1; write nothing")
    args = parser.parse_args(argv)
    try:
        stale = stale_pages()
        if args.check:
            for page, (old, new) in stale.items():
                for line in describe_drift(page, old, new):
                    print(line, file=sys.stderr)
            if stale:
                print(f"The pages are out of date with docs/data/: run `{COMMAND}`", file=sys.stderr)
                return 1
            return 0
        write_pages(stale)
    except DataError as error:
        print(error, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"Interrupted: no page was changed; run `{COMMAND}` again", file=sys.stderr)
        return 130
    for page in stale:
        print(f"updated {display_path(page)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
