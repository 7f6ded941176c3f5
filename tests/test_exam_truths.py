"""The exam-critical truths of the summary: a swapped or miswritten side of a summary row fails.

The drift tests prove every page equals docs/data/comparison.yml; these prove the data itself
still says the right thing where a wrong answer costs marks. For each `summary: true` row, the
table below gives terms each side must say and terms it must never say (whole words, any
case). The terms are the core of each fact, so a correct rewording keeps them; a value moved to
the other side, or a claim turned around, trips them.
"""

from __future__ import annotations

import re

import pytest

from site_tools import site_data

# feature -> side -> (terms it must say, terms it must never say)
EXAM_TRUTHS = {
    "Nature": {
        "image": (["template"], ["instance", "runnable"]),
        "container": (["instance"], ["template"]),
    },
    "State": {
        "image": (["stored"], ["running", "exited", "paused"]),
        "container": (["running", "exited"], ["stored", "no run state"]),
    },
    "Mutability": {
        "image": (["immutable"], ["mutable", "writable"]),
        "container": (["mutable", "writable"], ["immutable"]),
    },
    "Access": {
        "image": (["read-only"], ["writable", "read and write"]),
        "container": (["writable"], ["immutable"]),
    },
    "Purpose": {
        "image": (["blueprint"], ["execution", "process"]),
        "container": (["process"], ["blueprint"]),
    },
    "Resources": {
        "image": (["disk"], ["while running"]),
        "container": (["CPU", "disk"], ["no CPU"]),
    },
}


def says(text: str, term: str) -> bool:
    """Whether `text` has `term` as whole words, in any case (`mutable` is not in `immutable`)."""
    words = r"\s+".join(re.escape(word) for word in term.split())
    return re.search(rf"(?<![\w-]){words}(?![\w-])", text.replace("`", ""), re.IGNORECASE) is not None


def truth_problems(rows: list[site_data.Row]) -> list[str]:
    """Every summary-row side that lacks a required term or has a forbidden one."""
    problems = []
    for row in rows:
        if row.feature not in EXAM_TRUTHS:
            continue
        for side, (required, forbidden) in EXAM_TRUTHS[row.feature].items():
            text = getattr(row, side)
            problems += [f"row {row.feature!r}, {side}: must say {term!r}" for term in required if not says(text, term)]
            problems += [f"row {row.feature!r}, {side}: must never say {term!r}" for term in forbidden if says(text, term)]
    return problems


ROWS = site_data.comparison_rows()


def test_every_summary_row_has_its_exam_truths_and_every_truth_a_summary_row():
    summary = [row.feature for row in ROWS if row.summary]
    assert sorted(summary) == sorted(EXAM_TRUTHS), (
        f"docs/data/comparison.yml summary rows {summary} != EXAM_TRUTHS keys {list(EXAM_TRUTHS)}: give a new summary "
        "row its terms in tests/test_exam_truths.py, and rename the key there when a feature is renamed")


def test_each_side_of_each_summary_row_says_what_is_true_and_nothing_it_must_not():
    problems = truth_problems(ROWS)
    assert problems == [], ("docs/data/comparison.yml: a summary row says something wrong (an exam answer):\n"
                            + "\n".join(problems) + "\nFix the value; if it is right and only reworded, "
                            "update EXAM_TRUTHS in tests/test_exam_truths.py")


def test_swapping_the_sides_of_any_summary_row_is_caught():
    for row in ROWS:
        if row.feature in EXAM_TRUTHS and not truth_problems([row]):  # a wrong row is reported above
            swapped = site_data.Row(row.feature, row.question, image=row.container, container=row.image)
            assert truth_problems([swapped]), \
                f"EXAM_TRUTHS cannot tell the {row.feature!r} row swapped; give its sides terms the other side lacks"


@pytest.mark.parametrize("text, term, expected", [
    ("Immutable; a change makes a new image", "mutable", False),
    ("Mutable; its writable layer changes", "mutable", True),
    ("Read and  write", "read and write", True),
    ("Read-only layers", "read-only", True),
    ("`docker run` (create and start)", "docker run", True),
])
def test_terms_match_whole_words_only(text, term, expected):
    assert says(text, term) is expected
