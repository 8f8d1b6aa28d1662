"""Pictures for the demo content, drawn with Pillow at run time so the repository ships no binary files.

Each function takes a `seed` (the item's slug) and draws the same picture for the same seed.
"""

import io
import random
import textwrap

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

# Calm clinical colours: backgrounds, then accents.
BACKGROUNDS = ["#1f4e5f", "#2d6a4f", "#3d405b", "#5c4d7d", "#7a4e2d", "#264653", "#6d597a", "#355070"]
ACCENTS = ["#f2cc8f", "#e9c46a", "#a8dadc", "#f4a261", "#b7e4c7", "#ffddd2", "#e0fbfc", "#ffd6a5"]
INK = "#222222"
PAPER = "#fbfaf7"


def _font(size):
    return ImageFont.load_default(size=size)


def _encode(image, name, fmt):
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=85)
    else:
        image.save(buffer, "PNG", optimize=False)
    return ContentFile(buffer.getvalue(), name=name)


def _wrap(draw, text, font, max_width):
    """Split `text` into lines no wider than `max_width` pixels."""
    for width in range(60, 5, -2):
        lines = textwrap.wrap(text, width=width)
        if all(draw.textlength(line, font=font) <= max_width for line in lines):
            return lines
    return textwrap.wrap(text, width=6)


def _text_block(draw, lines, font, x, y, fill, spacing=1.25, anchor="la"):
    """Draw `lines` from (x, y) downwards; return the y below the last line."""
    step = int(font.size * spacing)
    for line in lines:
        draw.text((x, y), line, font=font, fill=fill, anchor=anchor)
        y += step
    return y


def lead_image(seed, title, size=(1200, 750)):
    """An abstract banner: soft circles, a heartbeat line and the item's title on a band."""
    rng = random.Random(seed)
    width, height = size
    background, accent = rng.choice(BACKGROUNDS), rng.choice(ACCENTS)
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(7):
        radius = rng.randint(60, 260)
        cx, cy = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=(255, 255, 255, rng.randint(12, 40)))
    # A heartbeat trace across the picture.
    baseline = int(height * 0.42)
    points, x = [], 0
    while x < width:
        points.append((x, baseline))
        x += rng.randint(90, 180)
        spike = rng.randint(60, 160)
        points += [(x, baseline), (x + 15, baseline - spike), (x + 30, baseline + spike // 2), (x + 45, baseline)]
        x += 45
    draw.line(points, fill=accent, width=6, joint="curve")
    # A medical cross in one corner.
    cx, cy, arm = width - 140, 120, 28
    draw.rectangle((cx - arm, cy - 3 * arm, cx + arm, cy + 3 * arm), fill=accent)
    draw.rectangle((cx - 3 * arm, cy - arm, cx + 3 * arm, cy + arm), fill=accent)
    font = _font(54)
    lines = _wrap(draw, title, font, width - 160)[:3]
    band_top = height - 90 - len(lines) * int(font.size * 1.25)
    draw.rectangle((0, band_top - 30, width, height), fill=(0, 0, 0, 110))
    _text_block(draw, lines, font, 80, band_top, fill="white")
    return _encode(image, f"{seed}.jpg", "JPEG")


def portrait(seed, name, size=(400, 400)):
    """A friendly silhouette with the person's initials, for author photos and interview pictures."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, rng.choice(ACCENTS))
    draw = ImageDraw.Draw(image)
    colour = rng.choice(BACKGROUNDS)
    draw.ellipse((width * 0.15, height * 0.62, width * 0.85, height * 1.25), fill=colour)  # shoulders
    draw.ellipse((width * 0.3, height * 0.14, width * 0.7, height * 0.58), fill=colour)  # head
    initials = "".join(part[0] for part in name.replace("Dr ", "").split()[:2]).upper()
    draw.text((width / 2, height * 0.36), initials, font=_font(72), fill="white", anchor="mm")
    return _encode(image, f"{seed}.jpg", "JPEG")


def book_cover(seed, title, authors, size=(600, 900)):
    """A plain typographic cover: coloured panel, a simple emblem, the title and the author."""
    rng = random.Random(seed)
    width, height = size
    background, accent = rng.choice(BACKGROUNDS), rng.choice(ACCENTS)
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 30, width - 30, height - 30), outline=accent, width=4)
    emblem = rng.choice(["circle", "diamond", "bars"])
    cx, cy, r = width / 2, height * 0.62, 90
    if emblem == "circle":
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=accent, width=10)
    elif emblem == "diamond":
        draw.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=accent)
    else:
        for i in range(5):
            bar = rng.randint(30, 2 * r)
            draw.rectangle((cx - r + i * 38, cy + r - bar, cx - r + i * 38 + 24, cy + r), fill=accent)
    font = _font(52)
    y = _text_block(draw, _wrap(draw, title, font, width - 120), font, width / 2, 110, fill="white", anchor="ma")
    draw.line((width / 2 - 60, y + 10, width / 2 + 60, y + 10), fill=accent, width=4)
    author_font = _font(30)
    _text_block(draw, _wrap(draw, authors, author_font, width - 120), author_font, width / 2, height - 150, accent,
                anchor="ma")  # fmt: skip
    return _encode(image, f"{seed}.jpg", "JPEG")


def _figure(draw, x, ground, scale=1.0, coat=False):
    """A stick figure standing on `ground` at `x`; returns the top of its head."""
    head = 34 * scale
    top = ground - 250 * scale
    draw.ellipse((x - head, top, x + head, top + 2 * head), outline=INK, width=5)
    neck, hip = top + 2 * head, ground - 110 * scale
    if coat:  # a doctor's or nurse's coat
        draw.polygon([(x - 40 * scale, neck + 15), (x + 40 * scale, neck + 15), (x + 50 * scale, hip + 30),
                      (x - 50 * scale, hip + 30)], fill="white", outline=INK, width=4)  # fmt: skip
    draw.line((x, neck, x, hip), fill=INK, width=5)
    draw.line((x - 55 * scale, neck + 60 * scale, x, neck + 25 * scale, x + 55 * scale, neck + 60 * scale),
              fill=INK, width=5)  # fmt: skip
    draw.line((x - 40 * scale, ground, x, hip, x + 40 * scale, ground), fill=INK, width=5)
    return top


PROPS = {
    "clock": lambda d, x, y: (d.ellipse((x - 50, y - 50, x + 50, y + 50), outline=INK, width=5),
                              d.line((x, y, x, y - 35, x, y, x + 25, y + 10), fill=INK, width=5)),
    "screen": lambda d, x, y: (d.rectangle((x - 80, y - 55, x + 80, y + 45), outline=INK, width=5),
                               d.line((x, y + 45, x, y + 80, x - 40, y + 80, x + 40, y + 80), fill=INK, width=5)),
    "bed": lambda d, x, y: (d.rectangle((x - 110, y + 40, x + 110, y + 80), outline=INK, width=5),
                            d.rectangle((x - 110, y + 10, x - 70, y + 40), outline=INK, width=5)),
    "fruit": lambda d, x, y: (d.arc((x - 60, y - 40, x + 60, y + 80), 200, 340, fill="#d4a017", width=18),),
    "chart": lambda d, x, y: (d.rectangle((x - 80, y - 60, x + 80, y + 60), outline=INK, width=5),
                              d.line((x - 60, y + 40, x - 20, y, x + 10, y + 20, x + 60, y - 40), fill=INK, width=5)),
    "cup": lambda d, x, y: (d.rectangle((x - 30, y, x + 30, y + 70), outline=INK, width=5),
                            d.arc((x + 15, y + 15, x + 55, y + 55), 270, 90, fill=INK, width=5)),
}  # fmt: skip


def cartoon(seed, speech, prop, figures=2, size=(900, 700)):
    """A single-panel cartoon: figures on a floor, one prop, and a speech bubble from the left figure."""
    width, height = size
    image = Image.new("RGB", size, PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, width - 8, height - 8), outline=INK, width=6)
    ground = height - 80
    draw.line((8, ground, width - 8, ground), fill=INK, width=4)
    speaker_x = 230
    head_top = _figure(draw, speaker_x, ground, coat=figures > 1)
    if figures > 1:
        _figure(draw, 470, ground, scale=0.95)
    PROPS[prop](draw, 700, ground - 260)
    font = _font(34)
    lines = _wrap(draw, speech, font, 520)
    line_height = int(font.size * 1.3)
    box = (60, 40, 60 + 600, 40 + len(lines) * line_height + 60)
    draw.rounded_rectangle(box, radius=40, fill="white", outline=INK, width=5)
    tail = [(speaker_x - 30, box[3] - 3), (speaker_x + 20, box[3] - 3), (speaker_x - 5, head_top - 12)]
    draw.polygon(tail, fill="white")
    draw.line((tail[0], tail[2], tail[1]), fill=INK, width=5)
    _text_block(draw, lines, font, (box[0] + box[2]) / 2, box[1] + 30, fill=INK, spacing=1.3, anchor="ma")
    return _encode(image, f"{seed}.png", "PNG")


def ward_plan(seed, size=(1400, 900)):
    """A ward seen from above: beds along two walls and the nurses' station in the middle, for the library."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, width - 40, height - 40), outline=INK, width=8)  # the walls
    accent = rng.choice(ACCENTS)
    bed_w, bed_h, gap = 150, 230, 60
    for row, top in enumerate((70, height - 70 - bed_h)):
        for n in range(6):
            left = 100 + n * (bed_w + gap)
            draw.rounded_rectangle((left, top, left + bed_w, top + bed_h), radius=18, fill="white", outline=INK,
                                   width=5)  # fmt: skip
            pillow_top = top + 15 if row == 0 else top + bed_h - 65
            draw.rounded_rectangle((left + 25, pillow_top, left + bed_w - 25, pillow_top + 50), radius=12,
                                   fill=accent, outline=INK, width=3)  # fmt: skip
    cx, cy = width / 2, height / 2
    for n in range(6):  # lines of sight from the desk to each bed's foot, under the desk
        x = 100 + n * (bed_w + gap) + bed_w / 2
        for y in (70 + bed_h + 10, height - 70 - bed_h - 10):
            draw.line((cx, cy, x, y), fill="#b9b2a5", width=2)
    draw.rounded_rectangle((cx - 220, cy - 70, cx + 220, cy + 70), radius=30, fill=rng.choice(BACKGROUNDS))
    draw.text((cx, cy), "Nurses' station", font=_font(44), fill="white", anchor="mm")
    return _encode(image, f"{seed}.png", "PNG")


def bar_chart(seed, size=(1400, 800)):
    """Call bells answered per hour of a night shift, as a plain bar chart, for the library."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    hours = ["22", "23", "00", "01", "02", "03", "04", "05", "06", "07"]
    calls = [9, 12, 10, 8, 14, 6, 5, 7, 15, 11]
    left, bottom, top = 120, height - 110, 80
    step = (width - left - 60) / len(hours)
    colour = rng.choice(BACKGROUNDS)
    draw.line((left, top, left, bottom, width - 40, bottom), fill=INK, width=4)
    font = _font(30)
    for n, (hour, count) in enumerate(zip(hours, calls, strict=True)):
        x = left + n * step + step * 0.2
        bar_top = bottom - (bottom - top) * count / 16
        draw.rectangle((x, bar_top, x + step * 0.6, bottom), fill=colour)
        draw.text((x + step * 0.3, bar_top - 10), str(count), font=font, fill=INK, anchor="mb")
        draw.text((x + step * 0.3, bottom + 20), f"{hour}:00", font=font, fill=INK, anchor="ma")
    draw.text((left, 30), "Call bells answered per hour", font=_font(40), fill=INK)
    return _encode(image, f"{seed}.png", "PNG")
