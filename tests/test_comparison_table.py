"""The comparison table, the summary and the flashcards all equal the one data file."""

from __future__ import annotations

import csv
import io

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, parsed, run_script
from site_tools import renderings
from site_tools import site_data

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


def table_differences(html_file, rows) -> list[str]:
    """Each row of the built table that differs from the data, as `row N: shown != data`."""
    shown, expected = table_cells(html_file), expected_cells(rows)
    wrong = [f"row {n}: {got} != {want}" for n, (got, want) in enumerate(zip(shown, expected)) if got != want]
    if len(shown) != len(expected):
        wrong.append(f"{len(shown) - 1} rows shown, the data has {len(expected) - 1}")
    return wrong


def drift_message(page: str, wrong: list[str]) -> str:
    return (f"{page}: the comparison table differs from docs/data/comparison.yml; run `python3 scripts/generate_pages.py` "
            "(or, if the page is up to date, check renderings.py):\n" + "\n".join(wrong))


@pytest.mark.parametrize("page, summary_only", [("revise/comparison/index.html", False), ("index.html", True),
                                                ("beyond/cheat-sheet/index.html", True),
                                                ("revise/revision-sheet/index.html", True)])
def test_built_comparison_tables_equal_the_data_cell_by_cell(built_site, page, summary_only):
    rows = [r for r in ROWS if r.summary] if summary_only else ROWS
    wrong = table_differences(built_site.site / page, rows)
    assert wrong == [], drift_message(page, wrong)


def flashcards_from_the_data() -> list[list[str]]:
    """The flashcard CSV's rows as the data file defines them, read straight from the YAML.

    Written out here, not by calling the renderer, so a change to the renderer is checked too.
    """
    data = yaml.safe_load((ROOT / "docs/data/comparison.yml").read_text(encoding="utf-8"))
    unquote = lambda text: text.replace("`", "")  # noqa: E731  (code spans show as plain text)
    # OWASP CSV injection: a cell a spreadsheet would read as a formula starts with a quote.
    inert = lambda text: f"'{text}" if text.lstrip(" ")[:1] in ("=", "+", "-", "@", "\t", "\r") else text  # noqa: E731
    cards = [["front", "back", "tags"]]
    for row in data["rows"]:
        for side, other, field in (("a Docker image", "Docker containers", "image"),
                                   ("a Docker container", "Docker images", "container")):
            question = row["question"].replace("{side}", side).replace("{other}", other)
            cards.append([inert(unquote(question)), inert(unquote(row[field])),
                          "docker image-vs-container"])
    return cards


def test_flashcard_csv_holds_a_header_and_two_cards_per_row_in_data_order(built_site):
    published = built_site.site / site_data.FLASHCARDS_URI
    cards = list(csv.reader(io.StringIO(published.read_text(encoding="utf-8"))))
    expected = flashcards_from_the_data()
    wrong = [f"line {n}: {got} should be {want}" for n, (got, want) in enumerate(zip(cards, expected), start=1) if got != want]
    if len(cards) != len(expected):
        wrong.append(f"{len(cards)} lines, should be {len(expected)} (a header and two cards per row)")
    assert wrong == [], (f"{site_data.FLASHCARDS_URI} differs from docs/data/comparison.yml; fix renderings.flashcards_csv "
                         "(the file is made at build time by overrides/hooks/flashcard_files.py):\n" + "\n".join(wrong))


def test_comparison_page_links_the_flashcard_csv(built_site):
    soup = parsed(built_site.site / "revise/comparison/index.html")
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
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    data["rows"][0]["image"] += " (changed by the test)"
    data_file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    assert run_script(scratch_repo, "generate_pages.py").returncode == 0

    cell = f"| {renderings.inline(data['rows'][0]['image'])} |"
    assert cell in (scratch_repo / "docs/revise/comparison.md").read_text(encoding="utf-8"), \
        "the generator did not bring the changed value into docs/revise/comparison.md"
    assert run_script(scratch_repo, "generate_pages.py", "--check").returncode == 0


def test_a_row_without_a_note_shows_its_source_as_a_link_not_a_bare_parenthesis():
    url = "https://docs.docker.com/get-started/docker-overview/"
    lines = renderings.comparison_table([site_data.Row(feature="Nature", question="What is {side}?", image="a", container="b", source=url)]).splitlines()
    note_line = next(line for line in lines if line.startswith("- **Nature**"))
    assert f"[Docker docs]({url})" in note_line and "**: (" not in note_line, note_line
