"""The command cheat sheet shows every command of docs/data/commands.yml, in its group, with its reference."""

from __future__ import annotations

import pytest

from conftest import parsed
from site_tools import renderings
from site_tools import site_data

COMMANDS = site_data.commands()
# The commands students meet after build/run/rm (issue 12): each must be in the data.
NEXT_COMMANDS = ("docker tag", "docker login", "docker exec", "docker logs", "docker container inspect",
                 "docker container prune", "docker image prune", "docker save", "docker load", "docker image history")


def cheat_sheet_rows(built_site) -> dict[str, list[tuple[str, str]]]:
    """{group heading: [(command, reference link), ...]} from the built cheat sheet."""
    html = parsed(built_site.site / "beyond/cheat-sheet/index.html")
    groups = {}
    for heading in html.select("article h2"):
        table = heading.find_next_sibling()
        if table is None or table.name != "table":
            continue
        title = heading.get_text().strip().rstrip("¶").strip()
        groups[title] = [row_command_and_link(row) for row in table.select("tbody tr")]
    return groups


def row_command_and_link(row) -> tuple[str, str | None]:
    """A table row's command (its first cell's code) and its CLI reference link (the one labelled
    "reference"; a row may cite a second source after it), as far as the row has them."""
    code, links = row.select_one("td code"), row.select("td a[href]")
    reference = next((a for a in links if a.get_text(strip=True) == "reference"), links[-1] if links else None)
    return (code.get_text() if code else row.get_text(" ", strip=True), reference["href"] if reference else None)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.command)
def test_each_command_is_in_its_groups_table_with_its_reference(built_site, command):
    group = renderings.COMMAND_GROUPS[command.works_on]
    rows = cheat_sheet_rows(built_site).get(renderings.plain(group), [])  # a heading shows its code spans as text
    assert (command.command, command.source) in rows, (
        f"docs/data/commands.yml: `{command.command}` is not in the cheat sheet's '{group}' table with its "
        "reference link; run python3 scripts/generate_pages.py")


@pytest.mark.parametrize("name", NEXT_COMMANDS)
def test_the_commands_students_meet_next_are_in_the_data(name):
    assert any(c.command == name or c.command.startswith(f"{name} ") for c in COMMANDS), (
        f"docs/data/commands.yml: no entry for `{name}`; add it with its CLI reference page")
