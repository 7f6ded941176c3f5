"""Bad data gets one clear line per problem, exit status 2, no traceback, and untouched pages."""

from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import run_script
import renderings
import site_data
from data_file import DataError

DATA = "docs/data/comparison.yml"
FIRST_ROW = """  - feature: Nature
    image: A static, read-only template with the instructions for creating a container
    container: A runnable instance of an image, with its own writable layer
"""


def break_data(repo, old: str, new: str) -> None:
    path = repo / DATA
    text = path.read_text(encoding="utf-8")
    assert old in text, "the test's anchor text is no longer in the data file"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def row_line(repo, text: str) -> int:
    lines = (repo / DATA).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def assert_refused(repo, expected: str) -> None:
    """The generator exits 2 with `expected` in a single stderr line, and writes no page."""
    pages = {p: p.read_bytes() for p in (repo / "docs").rglob("*.md")}
    result = run_script(repo, "generate_pages.py")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and re.search(expected, lines[0]), result.stderr
    assert {p: p.read_bytes() for p in pages} == pages, "a page was written despite the bad data"
    assert not list((repo / "docs").rglob(".*.md.*")), "a temporary file was left behind"


def test_missing_data_file_is_named_with_how_to_restore_it(scratch_repo):
    (scratch_repo / DATA).unlink()
    assert_refused(scratch_repo, rf"^{DATA}: file not found; restore it with `git checkout -- {DATA}`$")


def test_malformed_yaml_is_reported_with_line_and_column(scratch_repo):
    break_data(scratch_repo, "    image: Read-only layers\n", "    image: Read-only: layers\n")
    line = row_line(scratch_repo, "Read-only: layers")
    assert_refused(scratch_repo, rf"^{DATA}:{line}:\d+: malformed YAML: mapping values are not allowed here")


def test_row_missing_a_field_is_reported_with_its_line(scratch_repo):
    break_data(scratch_repo, FIRST_ROW, FIRST_ROW.replace(
        "    container: A runnable instance of an image, with its own writable layer\n", ""))
    line = row_line(scratch_repo, "feature: Nature")
    assert_refused(scratch_repo, rf"^{DATA}:{line}: entry 1: missing field 'container'")


def test_unknown_field_is_reported_with_the_allowed_ones(scratch_repo):
    break_data(scratch_repo, FIRST_ROW, FIRST_ROW + "    colour: blue\n")
    line = row_line(scratch_repo, "colour: blue")
    assert_refused(scratch_repo, rf"^{DATA}:{line}: entry 1: unknown field 'colour': allowed fields are feature, image")


def test_empty_value_is_reported(scratch_repo):
    break_data(scratch_repo, "    image: Read-only layers\n", '    image: "  "\n')
    line = row_line(scratch_repo, 'image: "  "')
    assert_refused(scratch_repo, rf"^{DATA}:{line}: entry \d+: 'image' is empty")


def test_duplicate_feature_is_reported_with_both_lines(scratch_repo):
    break_data(scratch_repo, "  - feature: Access\n", "  - feature: nature\n")
    first, second = row_line(scratch_repo, "feature: Nature"), row_line(scratch_repo, "feature: nature")
    assert_refused(scratch_repo, rf"^{DATA}:{second}: entry 4 repeats feature 'nature' \(first at line {first}\)")


def test_duplicate_key_in_a_row_is_reported(scratch_repo):
    break_data(scratch_repo, FIRST_ROW, FIRST_ROW + "    image: A second image value\n")
    line = row_line(scratch_repo, "A second image value")
    assert_refused(scratch_repo, rf"^{DATA}:{line}: key 'image' appears twice")


def test_value_that_is_not_a_string_is_reported(scratch_repo):
    break_data(scratch_repo, "    image: Read-only layers\n", "    image: 42\n")
    line = row_line(scratch_repo, "image: 42")
    assert_refused(scratch_repo, rf"^{DATA}:{line}: entry \d+: 'image' must be string, not int \(42\)")


def test_line_break_in_a_value_is_refused(scratch_repo):
    break_data(scratch_repo, "    image: Read-only layers\n", '    image: "Read-only\\nlayers"\n')
    line = row_line(scratch_repo, 'image: "Read-only')
    assert_refused(scratch_repo, rf"^{DATA}:{line}: entry \d+: 'image' contains a line break")


def test_pipe_inside_a_code_span_is_refused(scratch_repo):
    break_data(scratch_repo, "    image: Read-only layers\n", "    image: Read-only `a | b` layers\n")
    assert_refused(scratch_repo, r"'`a \| b`' has a '\|' inside backticks")


def test_source_outside_the_primary_sources_is_refused(scratch_repo):
    break_data(scratch_repo, "source: https://docs.docker.com/get-started/docker-overview/",
               "source: https://example.com/blog")
    assert_refused(scratch_repo, r"'source' must be an https:// link to docs.docker.com, github.com/opencontainers or github.com/moby/moby")


def test_bad_glossary_data_is_reported_the_same_way(scratch_repo):
    path = scratch_repo / "docs/data/glossary.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - term: layer\n", "  - term: layer\n    colour: red\n"))
    result = run_script(scratch_repo, "generate_pages.py")
    assert result.returncode == 2 and "docs/data/glossary.yml:" in result.stderr and "unknown field 'colour'" in result.stderr


@pytest.mark.parametrize("text", [
    "a | b",
    "<script>alert(1)</script>",
    "**not bold** and _not italic_ and [not](a-link)",
    "5 < 6 & 7 > 3",
    "back\\slash",
])
def test_markup_in_a_value_shows_literally_in_the_table(text):
    row = site_data.Row(feature="Feature", image=text, container="`docker run` | plain")
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
    path.write_text("rows:\n  - feature: A\n    image: x\n  - feature: B\n    container: y\n")
    with pytest.raises(DataError) as error:
        site_data.comparison_rows(path)
    assert len(str(error.value).splitlines()) == 2


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
    import data_file

    (scratch_repo / DATA).write_text("rows:\n" + "  - feature: x\n" * (data_file.MAX_BYTES // 14 + 1), encoding="utf-8")
    assert_refused(scratch_repo, rf"^{DATA}: \d+ bytes, over the {data_file.MAX_BYTES}-byte limit for a data file")


def test_deeply_nested_value_is_refused(scratch_repo):
    (scratch_repo / DATA).write_text("rows: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert_refused(scratch_repo, rf"^{DATA}:1: values nested more than \d+ levels deep")


def test_many_broken_entries_are_reported_as_the_first_few(tmp_path):
    import data_file

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
    break_data(scratch_repo, "    image: Read-only layers\n", "    image: Read-only\x07 layers\n")
    line = row_line(scratch_repo, "Read-only\x07")
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


# Writing pages: all or nothing, whatever happens.
def test_read_only_page_is_named_with_the_fix_and_no_page_is_written(scratch_repo):
    break_data(scratch_repo, "    image: Read-only layers\n", "    image: Read-only layers only\n")
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

    break_data(scratch_repo, "    image: Read-only layers\n", "    image: Read-only layers only\n")
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
