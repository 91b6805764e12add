"""Draw the site's link-preview card: theme/static/og-image.png (1200x630, Open Graph's size).

Link previews (og:image) must be PNG or JPEG, so the card is a committed PNG; pages with a cover
image use that instead (theme/templates/partials/meta.html). It shows the logo and the programme's
name in English and Chinese, in the site's green. Needs a CJK font (Debian: fonts-noto-cjk).

Run from the repository root:  .venv/bin/python tools/draw_og_image.py
"""

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "theme" / "static" / "og-image.png"
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
HK_FACE = 2  # the Traditional (Hong Kong) face of the collection: SC, TC, HK ... differ by index
GREEN, GREEN_DARK, WHITE, TINT = (11, 110, 79), (7, 81, 58), (255, 255, 255), (230, 242, 237)
WIDTH, HEIGHT = 1200, 630


def font(size, index=0):
    return ImageFont.truetype(str(CJK_FONT), size, index=index)


def draw():
    image = Image.new("RGB", (WIDTH, HEIGHT), GREEN)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=GREEN_DARK)
    # The logo of the site header (a leaf in a circle), drawn larger.
    cx, cy, r = 150, 200, 80
    pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill=WHITE)
    leaf = [(cx - 36, cy + 13), (cx - 20, cy - 25), (cx + 5, cy - 40), (cx + 36, cy - 40), (cx + 30, cy - 5), (cx + 5, cy + 25), (cx - 30, cy + 27)]
    pen.polygon(leaf, fill=GREEN)
    pen.text((270, 130), "Cleaner Production", font=font(64), fill=WHITE)
    pen.text((270, 210), "Partnership Programme", font=font(64), fill=WHITE)
    pen.text((100, 360), "清潔生產伙伴計劃", font=font(80, HK_FACE), fill=WHITE)
    pen.text((100, 480), "Hong Kong · Guangdong", font=font(40), fill=TINT)
    return image


def main():
    if not CJK_FONT.is_file():
        sys.exit(f"{CJK_FONT}: missing; install fonts-noto-cjk")
    draw().save(TARGET, optimize=True)
    print(f"{TARGET.relative_to(ROOT)}: {TARGET.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
