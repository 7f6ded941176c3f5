"""Set everything up, then build the static site into ./site (or the folder given) for publishing.

Usage: python3 scripts/build.py [--site-dir DIR]

The build draws the diagrams with a headless Chromium (found or installed like the tests' one),
unless every diagram is already in the cache (.cache/diagrams/).
"""

import argparse

from site_tools import dev_env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default="site", help="output folder (default: site)")
    args = parser.parse_args()
    python = dev_env.prepare(with_browser=True)
    dev_env.exec_in_env(python, ["-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", args.site_dir])


if __name__ == "__main__":
    dev_env.main_guard(main)
