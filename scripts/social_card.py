"""Draw the site's social card: the picture a chat or forum shows beside a shared link.

A 1200 x 630 PNG (the size Open Graph and Twitter's large card expect) with the site's name and
description, drawn with Pillow and the font Pillow bundles, so it is made offline, at every
build, the same on every machine, and never committed. overrides/hooks/social_card_image.py adds it to
the site; overrides/main.html points the og:image and twitter:image tags at it.

Usage: .venv/bin/python scripts/social_card.py OUT.png   (draws the site's card, to look at it)
"""

from __future__ import annotations

import argparse
import io
import sys
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from site_tools import site_config

SIZE = (1200, 630)
URI = "assets/images/social-card.png"
BACKGROUND = "#3f51b5"  # Material's indigo, the site's primary colour
INK = "#ffffff"
SOFT_INK = "#e8eaf6"


def card(title: str, description: str) -> bytes:
    """The card as PNG bytes: the title large, the description below it, both wrapped to fit."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    heading, body = ImageFont.load_default(size=76), ImageFont.load_default(size=36)
    draw.rectangle((0, SIZE[1] - 24, SIZE[0], SIZE[1]), fill="#303f9f")
    draw.multiline_text((80, 90), textwrap.fill(title, 26), font=heading, fill=INK, spacing=14)
    top = 90 + draw.multiline_textbbox((80, 90), textwrap.fill(title, 26), font=heading, spacing=14)[3] - 40
    draw.multiline_text((80, top), textwrap.fill(description, 56), font=body, fill=SOFT_INK, spacing=12)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the PNG file to write")
    args = parser.parse_args(argv)
    config = site_config.settings()
    args.out.write_bytes(card(config["site_name"], " ".join(config["site_description"].split())))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
