"""The comparison table, the summary and the flashcards all equal the one data file."""

from __future__ import annotations

import csv
import io

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, run_script
import renderings
import site_data

ROWS = site_data.comparison_rows()
COLUMNS = {"image": "Docker image", "container": "Docker container", "feature": "Feature"}


def table_cells(html_file) -> list[list[str]]:
    """The text of every cell, row by row, of the comparison table(s) in a built page."""
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "lxml")
    table = soup.select_one("div.comparison table")
    assert table is not None, f"{html_file}: no comparison table"
    return [[" ".join(cell.get_text().split()) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")]


def expected_cells(rows) -> list[list[str]]:
    return [list(renderings.HEADER)] + [[renderings.plain(v) for v in (r.feature, r.image, r.container)] for r in rows]


def test_generated_blocks_in_the_pages_match_the_data():
    result = run_script(ROOT, "generate_pages.py", "--check")
    assert result.returncode == 0, result.stderr


def test_built_comparison_table_equals_the_data_cell_by_cell(built_site):
    assert table_cells(built_site.site / "revise/comparison/index.html") == expected_cells(ROWS)


def test_home_summary_shows_the_summary_rows_in_data_order(built_site):
    assert table_cells(built_site.site / "index.html") == expected_cells([r for r in ROWS if r.summary])


def test_cheat_sheet_summary_shows_the_summary_rows_in_data_order(built_site):
    assert table_cells(built_site.site / "beyond/cheat-sheet/index.html") == expected_cells([r for r in ROWS if r.summary])


def test_flashcard_csv_has_one_card_per_row_and_side(built_site):
    text = (built_site.site / "data/docker-image-vs-container-flashcards.csv").read_text(encoding="utf-8")
    cards = list(csv.DictReader(io.StringIO(text)))
    expected = [(f"{side}: {renderings.plain(r.feature)}?", renderings.plain(value))
                for r in ROWS for side, value in (("Docker image", r.image), ("Docker container", r.container))]
    assert [(c["front"], c["back"]) for c in cards] == expected


def test_comparison_page_links_the_flashcard_csv(built_site):
    soup = BeautifulSoup((built_site.site / "revise/comparison/index.html").read_text(encoding="utf-8"), "lxml")
    assert soup.select_one('a[href="../../data/docker-image-vs-container-flashcards.csv"][download]') is not None


@pytest.mark.parametrize("index, field", [(0, "image"), (1, "container"), (5, "feature"), (len(ROWS) - 1, "container")])
def test_changing_one_value_without_regenerating_names_the_cell_and_the_command(scratch_repo, index, field):
    data_file = scratch_repo / "docs/data/comparison.yml"
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    data["rows"][index][field] = "Changed by the test"
    data_file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    result = run_script(scratch_repo, "generate_pages.py", "--check")

    assert result.returncode == 1
    feature = "Changed by the test" if field == "feature" else ROWS[index].feature
    assert f"column '{COLUMNS[field]}'" in result.stderr and feature in result.stderr, result.stderr
    assert "run `python3 scripts/generate_pages.py`" in result.stderr


def test_running_the_generator_brings_the_change_into_the_page(scratch_repo):
    data_file = scratch_repo / "docs/data/comparison.yml"
    data_file.write_text(data_file.read_text(encoding="utf-8").replace("Read-only layers", "Read-only layers only"))

    assert run_script(scratch_repo, "generate_pages.py").returncode == 0

    assert "| Read-only layers only |" in (scratch_repo / "docs/revise/comparison.md").read_text(encoding="utf-8")
    assert run_script(scratch_repo, "generate_pages.py", "--check").returncode == 0


def test_a_row_without_a_note_shows_its_source_as_a_link_not_a_bare_parenthesis():
    url = "https://docs.docker.com/get-started/docker-overview/"
    lines = renderings.comparison_table([site_data.Row(feature="Nature", image="a", container="b", source=url)]).splitlines()
    note_line = next(line for line in lines if line.startswith("- **Nature**"))
    assert f"[Docker docs]({url})" in note_line and "**: (" not in note_line, note_line
