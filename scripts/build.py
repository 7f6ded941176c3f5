"""Set everything up, then build the static site into ./site (or the folder given) for publishing.

Usage: python3 scripts/build.py [--site-dir DIR]

The build draws the diagrams with a headless Chromium (found or installed like the tests' one),
unless every diagram is already in the cache (.cache/diagrams/). The site is built into a
temporary folder and swapped in whole (site_tools/whole_site.py): a failed or interrupted build
leaves the previous site as it was.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

from site_tools import dev_env
from site_tools import whole_site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default="site", help="output folder (default: site)")
    args = parser.parse_args()
    python = dev_env.prepare(with_browser=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # the README's Lifespan section says it once

    def mkdocs_build(folder: Path) -> int:
        return subprocess.run([str(python), "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(folder)],
                              cwd=dev_env.ROOT, env=env).returncode

    sys.exit(whole_site.build_whole(mkdocs_build, dev_env.ROOT / args.site_dir))


if __name__ == "__main__":
    dev_env.main_guard(main)
