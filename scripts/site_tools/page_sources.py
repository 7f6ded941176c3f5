"""Check what a contributor writes outside docs/data/ before any plugin reads it.

A pull request is untrusted input as a whole, so the Markdown pages, the shared includes and the
theme overrides pass the same kind of checks as the data files (scripts/site_tools/data_file.py),
each problem one line naming the file, the line and the fix:

- no symbolic link anywhere in docs/, includes/ or overrides/: a link can publish a file from
  outside the project (`/proc/self/environ`, `.git/config`); file names in lowercase letters,
  digits, '.', '_' and '-' only (a name becomes a URL and an edit link); no HTML or XML file in
  docs/ (DOCS_SUFFIXES), as it would be published without the checks pages pass;
- a page or include is at most MAX_PAGE_BYTES and no line is longer than MAX_LINE_CHARS (a
  plugin's regex is quadratic in the length of a line: a 1 MB line hung the build);
- no invisible or reordering character (the data files' INVISIBLE categories; a tab is allowed);
- front matter is parsed with the data files' bounded loader (no anchors or aliases, bounded
  size and depth) and validated against front_matter.schema.json beside this file, so an
  unknown key such as `template` and a description that could close an HTML attribute are refused.

overrides/hooks/page_sources.py runs these checks on every build before anything else.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from mkdocs.utils import meta

from site_tools.data_file import INVISIBLE, ROOT, DataError, display_path, load_mapping, read_text

CHECKED_FOLDERS = ("docs", "includes", "overrides")
MARKDOWN_FOLDERS = ("docs", "includes")
FRONT_MATTER_SCHEMA = Path(__file__).with_name("front_matter.schema.json")
# Today's largest page is under 20 KB and its longest line 1,400 characters (a generated table row).
MAX_PAGE_BYTES = 200_000
MAX_LINE_CHARS = 4_000
MAX_FRONT_MATTER_BYTES = 4_000
ALLOWED_CONTROLS = "\t"
FILE_NAME = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-")
# What docs/ may hold. No .html or .xml: a file published as it is would bypass the HTML allow-list
# (scripts are refused by the policy anyway, but not a <meta> refresh). Scripts and SVGs are checked
# again in the built site (site_files.py).
DOCS_SUFFIXES = {".md", ".css", ".js", ".json", ".yml", ".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".ico",
                 ".webmanifest", ".txt", ".csv"}


def unsafe_paths(root: Path = ROOT) -> list[str]:
    """One line for every symbolic link (file or folder) under CHECKED_FOLDERS, and every name
    with a character beyond FILE_NAME (names become URLs and edit links that templates write as they are)."""
    found = [f"{folder}: a symbolic link; make it a folder of the repository" for folder in CHECKED_FOLDERS
             if (root / folder).is_symlink()]
    for folder in (folder for folder in CHECKED_FOLDERS if not (root / folder).is_symlink()):
        for here, folders, files in os.walk(root / folder):  # never follows a linked folder
            for name in sorted(folders + files):
                path = Path(here) / name
                if folder == "docs" and path.is_file() and path.suffix not in DOCS_SUFFIXES:
                    found.append(f"{path.relative_to(root)}: a {path.suffix or 'suffix-less'} file would be published as it is; "
                                 "pages are Markdown (.md), and other files one of " + " ".join(sorted(DOCS_SUFFIXES)))
                elif not set(name) <= FILE_NAME:
                    found.append(f"{path.relative_to(root)}: the name has a character other than lowercase letters, digits, "
                                 "'.', '_' and '-'; rename it")
                elif path.is_symlink():
                    found.append(f"{path.relative_to(root)}: a symbolic link (to {os.readlink(path)}); the site publishes "
                                 "only files kept in the repository: replace the link with the file itself or remove it")
    return found


def front_matter_problems(text: str, name: str) -> list[str]:
    """One line per problem of the front matter of the page `text` (MkDocs' two ways of writing it)."""
    block = meta.YAML_RE.match(text)  # the very pattern MkDocs reads front matter with
    if block is None:
        _, keys = meta.get_data(text)  # MultiMarkdown style: `key: value` lines at the top, no '---'
        return [f"{name}:1: front matter without '---' lines ({', '.join(keys)}); put it between two '---' lines, "
                "or start the page with its heading"] if keys else []
    if len(block[1].encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        return [f"{name}:2: front matter of {len(block[1].encode('utf-8'))} bytes, over the limit of {MAX_FRONT_MATTER_BYTES}; "
                "it holds a title and a description, not content"]
    try:
        load_mapping("\n" + block[1], name, FRONT_MATTER_SCHEMA)  # "\n": line numbers count the opening '---'
    except DataError as error:
        return str(error).splitlines()
    return []


def page_problems(path: Path, *, page: bool) -> list[str]:
    """One line per problem of the Markdown file `path`: a page of docs/ (`page`) or an include."""
    name = display_path(path)
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        return [f"{name}: {size} bytes, over the {MAX_PAGE_BYTES}-byte limit for a page; split it in two pages"]
    try:
        text = read_text(path)
    except DataError as error:
        return [str(error)]
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            problems.append(f"{name}:{number}: a line of {len(line)} characters, over the limit of {MAX_LINE_CHARS}; "
                            "break it into shorter lines")
        odd = next((c for c in line if unicodedata.category(c) in INVISIBLE and c not in ALLOWED_CONTROLS + "\r"), None)
        if odd is not None:
            problems.append(f"{name}:{number}: the invisible character U+{ord(odd):04X} "
                            f"({unicodedata.name(odd, 'a control character')}), which can hide or reorder text; delete it")
    if problems:
        return problems
    return front_matter_problems(text, name) if page else []


def source_problems(root: Path = ROOT) -> list[str]:
    """Every problem of the project's pages, includes and overrides, one line each."""
    problems = unsafe_paths(root)
    for folder in MARKDOWN_FOLDERS:
        for path in sorted((root / folder).rglob("*.md")):
            if not path.is_symlink():
                problems += page_problems(path, page=folder == "docs")
    return problems
