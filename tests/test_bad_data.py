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
