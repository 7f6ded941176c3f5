"""mkdocs.yml read the way MkDocs reads it, for commands and tests that need one of its settings
without building the site: MkDocs' own YAML loader, so an `!ENV [NAME, default]` value is taken
from the environment (or its default), exactly as in a build.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.utils.yaml import get_yaml_loader

MKDOCS_YML = Path(__file__).resolve().parents[2] / "mkdocs.yml"


def settings(path: Path = MKDOCS_YML) -> dict:
    """Every setting of `path` (mkdocs.yml) as a build would see it now."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=get_yaml_loader())
