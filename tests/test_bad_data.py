"""Bad data gets one clear line per problem, exit status 2, no traceback, and untouched pages."""

from __future__ import annotations

import re

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import run_script
from site_tools import renderings
from site_tools import site_data
from site_tools.data_file import DataError

DATA = "docs/data/comparison.yml"


def entry_node(repo, index: int, data: str = DATA, key: str = "rows") -> yaml.MappingNode:
    """The YAML node of entry `index` of a data file: found by structure, not by its wording."""
    root = yaml.compose((repo / data).read_text(encoding="utf-8"))
    return next(value for k, value in root.value if k.value == key).value[index]


def field_lines(entry: yaml.MappingNode, field: str) -> tuple[int, int, int]:
    """(first line, last line, column), 0-based, of `field` in an entry."""
    name, value = next((k, v) for k, v in entry.value if k.value == field)
    last = value.end_mark.line - (1 if value.end_mark.column == 0 else 0)
    return name.start_mark.line, last, name.start_mark.column


def edit_lines(repo, data: str, edit) -> None:
    path = repo / data
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    edit(lines)
    path.write_text("".join(lines), encoding="utf-8")


def set_field(repo, index: int, field: str, raw_value: str, data: str = DATA, key: str = "rows") -> int:
    """Rewrite `field` of entry `index` as `field: raw_value` (raw YAML); return its 1-based line."""
    first, last, column = field_lines(entry_node(repo, index, data, key), field)

    def edit(lines):
        lines[first:last + 1] = [f"{lines[first][:column]}{field}: {raw_value}\n"]
    edit_lines(repo, data, edit)
    return first + 1


def add_line(repo, index: int, raw_line: str, data: str = DATA, key: str = "rows") -> int:
    """Add `raw_line` (e.g. `colour: blue`) as the last line of entry `index`; return its 1-based line."""
    entry = entry_node(repo, index, data, key)
    _, last, column = field_lines(entry, entry.value[-1][0].value)
    edit_lines(repo, data, lambda lines: lines.insert(last + 1, " " * column + raw_line + "\n"))
    return last + 2


def remove_field(repo, index: int, field: str) -> None:
    first, last, _ = field_lines(entry_node(repo, index), field)

    def edit(lines):
        del lines[first:last + 1]
    edit_lines(repo, DATA, edit)


def entry_line(repo, index: int) -> int:
    """The 1-based line where entry `index` starts (its first field)."""
    return entry_node(repo, index).start_mark.line + 1


def assert_refused(repo, expected: str) -> None:
    """The generator exits 2 with `expected` in a single stderr line, and writes no page."""
    pages = {p: p.read_bytes() for p in (repo / "docs").rglob("*.md")}
    result = run_script(repo, "generate_pages.py")
    assert result.returncode == 2, f"generate_pages.py exited {result.returncode}, not 2:\n{result.stdout}{result.stderr}"
    assert "Traceback" not in result.stderr, f"generate_pages.py crashed instead of reporting:\n{result.stderr}"
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and re.search(expected, lines[0]), \
        f"generate_pages.py should print one line matching {expected!r}, printed:\n{result.stderr}"
    written = [str(p.relative_to(repo)) for p in pages if p.read_bytes() != pages[p]]
    assert written == [], f"pages were written despite the bad data: {written}"
    assert not list((repo / "docs").rglob(".*.md.*")), "a temporary file was left behind"


def test_missing_data_file_is_named_with_how_to_restore_it(scratch_repo):
    (scratch_repo / DATA).unlink()
    assert_refused(scratch_repo, rf"^{DATA}: file not found; restore it with `git checkout -- {DATA}`$")


def test_malformed_yaml_is_reported_with_line_and_column(scratch_repo):
    line = set_field(scratch_repo, 3, "image", "Read-only: layers")
    assert_refused(scratch_repo, rf"^{DATA}:{line}:\d+: malformed YAML: mapping values are not allowed")


def test_row_missing_a_field_is_reported_with_its_line(scratch_repo):
    remove_field(scratch_repo, 0, "container")
    line = entry_line(scratch_repo, 0)
    assert_refused(scratch_repo, rf"^{DATA}:{line}: entry 1: missing field 'container'")


def test_unknown_field_is_reported_with_the_allowed_ones(scratch_repo):
    line = add_line(scratch_repo, 0, "colour: blue")
    assert_refused(scratch_repo, rf"^{DATA}:{line}: entry 1: unknown field 'colour': allowed fields are feature, question, image")


def test_empty_value_is_reported(scratch_repo):
    line = set_field(scratch_repo, 3, "image", '"  "')
    assert_refused(scratch_repo, rf"^{DATA}:{line}: entry \d+: 'image' is empty")


def test_duplicate_feature_is_reported_with_both_lines(scratch_repo):
    first_feature = site_data.comparison_rows()[0].feature
    second = set_field(scratch_repo, 3, "feature", first_feature.lower())
    first = entry_line(scratch_repo, 0)
    assert_refused(scratch_repo, rf"^{DATA}:{second}: entry 4 repeats feature '{re.escape(first_feature.lower())}' "
                                 rf"\(first at line {first}\)")


def test_duplicate_key_in_a_row_is_reported(scratch_repo):
    line = add_line(scratch_repo, 0, "image: A second image value")
    assert_refused(scratch_repo, rf"^{DATA}:{line}: key 'image' appears twice")


def test_value_that_is_not_a_string_is_reported(scratch_repo):
    line = set_field(scratch_repo, 3, "image", "42")
    assert_refused(scratch_repo, rf"^{DATA}:{line}: entry \d+: 'image' must be string, not int \(42\)")


def test_line_break_in_a_value_is_refused(scratch_repo):
    line = set_field(scratch_repo, 3, "image", '"Read-only\\nlayers"')
    assert_refused(scratch_repo, rf"^{DATA}:{line}: entry \d+: 'image' contains a line break")


def test_pipe_inside_a_code_span_is_refused(scratch_repo):
    set_field(scratch_repo, 3, "image", "Read-only `a | b` layers")
    assert_refused(scratch_repo, r"'`a \| b`' has a '\|' inside backticks")


def test_source_outside_the_primary_sources_is_refused(scratch_repo):
    set_field(scratch_repo, 0, "source", "https://example.com/blog")
    assert_refused(scratch_repo, r"'source' must be an https:// link to docs.docker.com, github.com/opencontainers or github.com/moby/moby")


def test_bad_glossary_data_is_reported_the_same_way(scratch_repo):
    line = add_line(scratch_repo, 0, "colour: red", data="docs/data/glossary.yml", key="terms")
    assert_refused(scratch_repo, rf"^docs/data/glossary\.yml:{line}: entry 1: unknown field 'colour'")


@pytest.mark.parametrize("text", [
    "a | b",
    "<script>alert(1)</script>",
    "**not bold** and _not italic_ and [not](a-link)",
    "5 < 6 & 7 > 3",
    "back\\slash",
])
def test_markup_in_a_value_shows_literally_in_the_table(text):
    row = site_data.Row(feature="Feature", question="What is {side}?", image=text, container="`docker run` | plain")
    html = markdown.markdown(renderings.comparison_table([row]), extensions=["tables", "md_in_html"])
    cells = [td.get_text() for td in BeautifulSoup(html, "lxml").select("td")]
    assert cells == ["Feature", text, "docker run | plain"]
    assert "<script>" not in html


def test_generator_refuses_a_block_it_does_not_know(scratch_repo):
    page = scratch_repo / "docs/revise/conclusion.md"
    page.write_text(page.read_text() + "\n<!-- generated:made-up -->\n<!-- end generated:made-up -->\n")
    assert_refused(scratch_repo, r"^docs/revise/conclusion\.md: unknown generated block 'made-up'")


def test_loading_reports_every_problem_at_once(tmp_path):
    path = tmp_path / "comparison.yml"
    path.write_text("rows:\n  - feature: A\n    question: What is {side}?\n    image: x\n"
                    "  - feature: B\n    question: What is {side}?\n    container: y\n")
    with pytest.raises(DataError) as error:
        site_data.comparison_rows(path)
    assert len(str(error.value).splitlines()) == 2


@pytest.mark.parametrize("question", ["Nature?", "What is {side}"])
def test_a_flashcard_question_that_does_not_name_the_side_or_ask_is_refused(tmp_path, question):
    """Without {side} the image card and the container card would ask the same thing."""
    path = tmp_path / "comparison.yml"
    path.write_text(f"rows:\n  - feature: Nature\n    question: {question}\n    image: x\n    container: y\n")
    with pytest.raises(DataError, match=rf"^{re.escape(str(path))}:3: entry 1: 'question' .* must name {{side}} and end with '\?'"):
        site_data.comparison_rows(path)


# Bounded parsing: whatever a data file holds, loading it ends quickly with one line.
ALIAS_BOMB = "".join(f"{chr(97 + i)}: &{chr(97 + i)} [{', '.join([f'*{chr(96 + i)}'] * 9) if i else 'x'}]\n"
                     for i in range(9)) + "rows: [*i]\n"


def test_yaml_alias_bomb_is_refused_before_it_expands(scratch_repo):
    (scratch_repo / DATA).write_text(ALIAS_BOMB, encoding="utf-8")
    assert_refused(scratch_repo, rf"^{DATA}:1: YAML anchors and aliases \(&name, \*name\) are not allowed")


def test_self_referencing_alias_is_refused_in_one_line(scratch_repo):
    (scratch_repo / DATA).write_text("rows: &rows [*rows]\n", encoding="utf-8")
    assert_refused(scratch_repo, rf"^{DATA}:1: YAML anchors and aliases")


def test_data_file_over_the_size_limit_is_refused(scratch_repo):
    from site_tools import data_file

    (scratch_repo / DATA).write_text("rows:\n" + "  - feature: x\n" * (data_file.MAX_BYTES // 14 + 1), encoding="utf-8")
    assert_refused(scratch_repo, rf"^{DATA}: \d+ bytes, over the {data_file.MAX_BYTES}-byte limit for a data file")


def test_deeply_nested_value_is_refused(scratch_repo):
    (scratch_repo / DATA).write_text("rows: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert_refused(scratch_repo, rf"^{DATA}:1: values nested more than \d+ levels deep")


def test_many_broken_entries_are_reported_as_the_first_few(tmp_path):
    from site_tools import data_file

    path = tmp_path / "comparison.yml"
    path.write_text("rows:\n" + "  - 1\n" * 5000, encoding="utf-8")
    with pytest.raises(DataError) as error:
        site_data.comparison_rows(path)
    assert len(str(error.value).splitlines()) == data_file.MAX_PROBLEMS


def test_data_file_that_is_not_utf8_is_named_with_its_line(scratch_repo):
    path = scratch_repo / DATA
    path.write_bytes(path.read_bytes().replace("Read-only layers".encode(), "Read-only layers \xe9".encode("latin-1"), 1))
    line = next(n for n, text in enumerate(path.read_bytes().split(b"\n"), start=1) if b"\xe9" in text)
    assert_refused(scratch_repo, rf"^{DATA}:{line}: not UTF-8 \(byte 0xe9\); save the file as UTF-8$")


def test_control_character_in_the_file_is_refused_in_one_line(scratch_repo):
    line = set_field(scratch_repo, 3, "image", "Read-only\x07 layers")
    assert_refused(scratch_repo, rf"^{DATA}:{line}: the character U\+0007 is not allowed in YAML; delete it$")


def test_unreadable_data_file_is_named_with_the_fix(tmp_path, monkeypatch):
    path = tmp_path / "comparison.yml"
    path.write_text("rows: []\n", encoding="utf-8")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(type(path), "read_bytes", refuse)
    with pytest.raises(DataError, match=r"comparison\.yml: cannot be read \(Permission denied\); make it readable "
                                        r"with `chmod u\+r .*comparison\.yml`$"):
        site_data.comparison_rows(path)


def test_schema_string_field_without_a_format_is_refused(scratch_repo):
    schema = scratch_repo / "docs/data/comparison.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"format": "source-url",', ""), encoding="utf-8")
    assert_refused(scratch_repo, r"^docs/data/comparison\.schema\.json: string field 'source' has no \"format\"")


def test_schema_reference_to_no_definition_is_refused(scratch_repo):
    schema = scratch_repo / "docs/data/comparison.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"#/$defs/cell"', '"#/$defs/sell"', 1), encoding="utf-8")
    assert_refused(scratch_repo, r'^docs/data/comparison\.schema\.json: "\$ref": "#/\$defs/sell" names no definition in this '
                                 r"schema's \$defs; point it at one of #/\$defs/cell, #/\$defs/record$")


# Writing pages: all or nothing, whatever happens.
def test_read_only_page_is_named_with_the_fix_and_no_page_is_written(scratch_repo):
    set_field(scratch_repo, 3, "image", "Read-only layers only")
    page = scratch_repo / "docs/revise/comparison.md"
    page.chmod(0o444)
    try:
        assert_refused(scratch_repo, r"^docs/revise/comparison\.md: the page is read-only, .*`chmod u\+w "
                                     r"docs/revise/comparison\.md`")
    finally:
        page.chmod(0o644)


def pages_of(repo) -> dict:
    return {p: p.read_bytes() for p in (repo / "docs").rglob("*") if p.is_file()}


@pytest.mark.parametrize("failure", [KeyboardInterrupt, OSError(28, "No space left on device", "docs/index.md")])
def test_failure_while_swapping_pages_leaves_every_page_as_it_was(scratch_repo, monkeypatch, capsys, failure):
    """Ctrl-C or a full disk between two page swaps: the swapped pages are put back, no temp file stays."""
    import os

    import generate_pages

    set_field(scratch_repo, 3, "image", "Read-only layers only")
    monkeypatch.setattr(generate_pages, "DOCS", scratch_repo / "docs")
    monkeypatch.setattr(site_data.comparison_rows, "__defaults__", (scratch_repo / DATA,))
    generate_pages._data.cache_clear()
    before = pages_of(scratch_repo)
    real_replace, calls = os.replace, []

    def replace_then_fail(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise failure
        real_replace(source, target)

    monkeypatch.setattr(generate_pages.os, "replace", replace_then_fail)
    status = generate_pages.main([])
    generate_pages._data.cache_clear()

    err = capsys.readouterr().err.strip().splitlines()
    assert status == (130 if failure is KeyboardInterrupt else 2) and len(err) == 1, err
    assert "no page was changed" in err[0]
    if failure is not KeyboardInterrupt:
        assert err[0].startswith(f"{calls[1]}: cannot be written (No space left on device)"), err[0]
    assert len(calls) >= 3, "the first page was swapped in, then put back"
    assert pages_of(scratch_repo) == before, "a page was left changed, or a temporary file left behind"
