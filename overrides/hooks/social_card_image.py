"""Add the social card (scripts/social_card.py) to the build, drawn from site_name and site_description.

overrides/main.html points every page's og:image and twitter:image at it. Drawn in memory at
every build, so it follows the configuration and is never committed.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

try:
    import social_card
except ImportError as error:  # Pillow is in requirements.lock
    raise PluginError(f"overrides/hooks/social_card_image.py: {error}; run `python3 scripts/serve.py` "
                      "or `.venv/bin/pip install -r requirements.lock`") from None


def on_files(files: Files, config) -> Files:
    if not config.site_description:
        raise PluginError("mkdocs.yml: site_description is empty; the social card needs it (write one line)")
    png = social_card.card(config.site_name, " ".join(config.site_description.split()))
    files.append(File.generated(config, social_card.URI, content=png))
    return files
