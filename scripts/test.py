"""Set everything up (Python lock, npm lock, a Chromium, a Java runtime), then run the whole test suite.

Usage: python3 scripts/test.py [extra pytest options, e.g. -k links -x]
"""

import sys

from site_tools import dev_env


def main() -> None:
    python = dev_env.prepare(with_browser=True, with_java=True)
    dev_env.exec_in_env(python, ["-m", "pytest", *sys.argv[1:]])


if __name__ == "__main__":
    dev_env.main_guard(main)
