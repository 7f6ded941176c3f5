"""Set everything up, then serve the site with live reload at http://127.0.0.1:8000.

Usage: python3 scripts/serve.py [extra `mkdocs serve` options]
"""

import sys

import dev_env


def main() -> None:
    python = dev_env.prepare(with_browser=False)
    dev_env.exec_in_env(python, ["-m", "mkdocs", "serve", "--strict", "-a", "127.0.0.1:8000", *sys.argv[1:]])


if __name__ == "__main__":
    dev_env.main_guard(main)
