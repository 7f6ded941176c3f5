"""The exam-critical truths of the summary: a swapped or miswritten side of a summary row fails.

The drift tests prove every page equals docs/data/comparison.yml; these prove the data itself
still says the right thing where a wrong answer costs marks. The terms each side of a
`summary: true` row must say and must never say are the spec's (tests/spec/teaches.yml,
comparison), the one statement of what the site teaches; tests/test_teaches.py applies them to
every row and page, and this file keeps the summary's own guarantees.
"""

from __future__ import annotations

import pytest

from site_tools import site_data
from teaches import SPEC, says, spec


def exam_truths() -> dict[str, dict[str, tuple[list[str], list[str]]]]:
    """feature -> side -> (terms it must say, terms it must never say), for the summary rows, from the spec."""
    summary = {row.feature for row in site_data.comparison_rows() if row.summary}
    return {feature: {side: (rule.get("must_say", []), rule.get("must_never_say", [])) for side, rule in sides.items()}
            for feature, sides in spec()["comparison"].items() if feature in summary}


EXAM_TRUTHS = exam_truths()


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
        f"docs/data/comparison.yml summary rows {summary} have no rule in {SPEC} (comparison) for "
        f"{sorted(set(summary) - set(EXAM_TRUTHS))}: give a new summary row its terms there, and rename the key when a "
        "feature is renamed")


def test_each_side_of_each_summary_row_says_what_is_true_and_nothing_it_must_not():
    problems = truth_problems(ROWS)
    assert problems == [], ("docs/data/comparison.yml: a summary row says something wrong (an exam answer):\n"
                            + "\n".join(problems) + "\nFix the value; if it is right and only reworded, "
                            f"change its rule in {SPEC} (comparison) in the same pull request")


def test_swapping_the_sides_of_any_summary_row_is_caught():
    for row in ROWS:
        if row.feature in EXAM_TRUTHS and not truth_problems([row]):  # a wrong row is reported above
            swapped = site_data.Row(row.feature, row.question, image=row.container, container=row.image)
            assert truth_problems([swapped]), \
                f"{SPEC} cannot tell the {row.feature!r} row swapped; give its sides terms the other side lacks"


@pytest.mark.parametrize("text, term, expected", [
    ("Immutable; a change makes a new image", "mutable", False),
    ("Mutable; its writable layer changes", "mutable", True),
    ("Read and  write", "read and write", True),
    ("Read-only layers", "read-only", True),
    ("`docker run` (create and start)", "docker run", True),
])
def test_terms_match_whole_words_only(text, term, expected):
    assert says(text, term) is expected
