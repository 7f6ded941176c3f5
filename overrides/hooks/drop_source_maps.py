"""Ship no source maps: remove the theme's *.map files and their comments from the built site.

See scripts/site_tools/source_maps.py for why. Runs after every build (mkdocs build and serve).
"""

from __future__ import annotations

from pathlib import Path

from site_tools import source_maps


def on_post_build(config) -> None:
    source_maps.drop(Path(config.site_dir))
