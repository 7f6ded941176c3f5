"""Write the generated blocks in the pages (comparison, glossary, commands, lifecycle) from the data files.

Usage:
  python3 scripts/generate_pages.py           rewrite every generated block in docs/
  python3 scripts/generate_pages.py --check   exit 1 naming each stale cell or line; write nothing

A generated block sits between `<!-- generated:NAME ... -->` and `<!-- end generated:NAME -->`;
NAME is one of RENDERINGS below, each drawn from a file in docs/data/. Exit status: 0 up to
date, 1 stale (with --check), 2 bad data or a bad block. Nothing is written unless every block
renders, and each page is replaced atomically.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import renderings  # noqa: E402
import site_data  # noqa: E402
from data_file import ROOT, DataError, display_path  # noqa: E402

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
}
REQUIRED = ("comparison-table", "glossary", "commands", "lifecycle-diagram", "lifecycle-transitions", "quiz")  # each must appear on some page
BLOCK = re.compile(
    r"(?P<open><!-- generated:(?P<name>[\w-]+)\b[^>]*-->\n)(?P<body>.*?)\n*(?P<close><!-- end generated:(?P=name) -->)",
    re.DOTALL,
)
OPENING = re.compile(r"<!-- generated:([\w-]+)")
CELL_SPLIT = re.compile(r"(?<!\\)\|")


@functools.cache
def _data(loader):
    return loader()


def render(name: str) -> str:
    loader, renderer = RENDERINGS[name]
    return renderer(_data(loader))


def render_page(path: Path) -> str:
    """The page's text with every generated block rendered afresh from the data."""
    text = path.read_text(encoding="utf-8")
    opened = OPENING.findall(text)
    for name in opened:
        if name not in RENDERINGS:
            raise DataError(f"{display_path(path)}: unknown generated block '{name}'; known: {', '.join(RENDERINGS)}")
    if len(opened) != len(BLOCK.findall(text)):
        raise DataError(f"{display_path(path)}: a `<!-- generated:NAME -->` block has no "
                        "`<!-- end generated:NAME -->` line; add it")
    return BLOCK.sub(lambda m: f"{m['open']}\n{render(m['name'])}\n\n{m['close']}", text)


def pages_with_blocks() -> list[Path]:
    return [p for p in sorted(DOCS.rglob("*.md")) if OPENING.search(p.read_text(encoding="utf-8"))]


def stale_pages() -> dict[Path, str]:
    """{page: its text as the data renders it} for every page whose blocks are out of date."""
    pages = pages_with_blocks()
    present = {name for page in pages for name in OPENING.findall(page.read_text(encoding="utf-8"))}
    for name in REQUIRED:
        if name not in present:
            raise DataError(f"docs/: no page has a `<!-- generated:{name} -->` block; put one back where it belongs")
    rendered = {page: render_page(page) for page in pages}
    return {page: text for page, text in rendered.items() if text != page.read_text(encoding="utf-8")}


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


def write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(temporary, path.stat().st_mode)
    os.replace(temporary, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale blocks and exit 1; write nothing")
    args = parser.parse_args(argv)
    try:
        stale = stale_pages()
    except DataError as error:
        print(error, file=sys.stderr)
        return 2
    if args.check:
        for page, text in stale.items():
            for line in describe_drift(page, page.read_text(encoding="utf-8"), text):
                print(line, file=sys.stderr)
        if stale:
            print(f"The pages are out of date with docs/data/: run `{COMMAND}`", file=sys.stderr)
            return 1
        return 0
    for page, text in stale.items():
        write_atomically(page, text)
        print(f"updated {display_path(page)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
