"""Set everything up (Python lock, npm lock, a Chromium, a Java runtime), then run the whole test suite.

Usage: python3 scripts/test.py [extra pytest options, e.g. -k links -x]
       python3 scripts/test.py --content [extra pytest options]

--content runs only the checks a content edit needs (about 30 s on two cores): the build, what
the site teaches (tests/spec/teaches.yml), the generated tables and sections, links and the
exam answers; no browser test. The whole suite still runs in CI on every pull request.

Every other option is pytest's: `.venv/bin/python -m pytest --help` lists them.
"""

import sys

from site_tools import dev_env

CONTENT_CHECKS = [f"tests/test_{name}.py" for name in (
    "build", "teaches", "facts", "exam_truths", "exam_answers", "links", "content", "quiz_data",
    "quiz_balance", "comparison_table", "command_tables", "beyond_sections", "lifecycle")]


def main() -> None:
    content = sys.argv[1:2] == ["--content"]
    python = dev_env.prepare(with_browser=True, with_java=not content)
    dev_env.exec_in_env(python, ["-m", "pytest", *(CONTENT_CHECKS if content else []), *sys.argv[1 + content:]])


if __name__ == "__main__":
    dev_env.answer_help(__doc__)
    dev_env.main_guard(main)
