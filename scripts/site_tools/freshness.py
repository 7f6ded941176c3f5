"""How current the notes are: the date of the newest page.

The date of the last commit that touched a page (docs/**/*.md), from the same history that
gives each page its own "Last updated" date (mkdocs-git-revision-date-localized-plugin), so
it equals the newest of those dates. Without git or history (a downloaded copy), the build
date, as the plugin does with `fallback_to_build_date`.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

from site_tools.data_file import ROOT

PAGES = ":(glob)docs/**/*.md"


def last_commit_time(*paths: str, root: Path = ROOT) -> int:
    """Seconds since the epoch of the last commit that touched `paths` (git pathspecs); the
    current time without git or history."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%at", "--", *paths], cwd=root,
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        out = None
    if out is None or out.returncode != 0 or not out.stdout.strip():
        return int(datetime.datetime.now(datetime.timezone.utc).timestamp())
    return int(out.stdout)


def newest_change(root: Path = ROOT) -> datetime.date:
    return datetime.datetime.fromtimestamp(last_commit_time(PAGES, root=root), datetime.timezone.utc).date()


def sentence(day: datetime.date) -> str:
    """The line a page shows for it, in the words and date format of the per-page dates."""
    return f"Notes last updated {day.day:02d} {day:%B %Y} (the newest page)."
