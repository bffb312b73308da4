"""Charts as PNG images for the files we write (Word, PDF), drawn with Pillow: no browser, no network.

The web page draws the same data with Chart.js (vendored); a file cannot run a script, so its charts are
pictures. One kind is enough for the consolidated pack: labelled horizontal bars, with some bars marked
(outliers, the presenting provinces). Pure: values in, bytes out. See docs/decisions/0031-pack-files.md.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from rightstrack.exchange.document import format_number

# Fonts that cover Vietnamese, in the order tried (Debian's fonts-dejavu-core, which WeasyPrint uses too).
FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)
WIDTH = 1600
BAR_HEIGHT = 30
GAP = 10
MARGIN = 24
MAX_BARS = 80  # more than this would be unreadable on a page; the caller gets the first MAX_BARS
COLOUR = (44, 110, 170)
MARKED = (200, 80, 30)
TEXT = (20, 20, 20)
GRID = (200, 200, 200)


@dataclass(frozen=True)
class BarChart:
    title: str
    labels: Sequence[str]
    values: Sequence[Decimal | float | int | None]
    marked: frozenset[int] = field(default_factory=frozenset)  # indexes drawn in the second colour
    language: str = "vi"
    legend: str = ""  # what the second colour means ("Outlier"), shown under the title when any is marked


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _fit(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int
) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def bar_chart_png(chart: BarChart) -> bytes:
    """Horizontal bars, one per label, the value written at the end of each; missing values show "—"."""
    labels = list(chart.labels)[:MAX_BARS]
    values = [None if v is None else float(v) for v in list(chart.values)[:MAX_BARS]]
    dense = len(labels) > 25  # a bar per province of a region: smaller bars keep the chart on one page
    bar, gap = (18, 5) if dense else (BAR_HEIGHT, GAP)
    title_font, font = _font(30), _font(17 if dense else 22)
    header = 60 + (34 if chart.marked and chart.legend else 0)
    height = header + len(labels) * (bar + gap) + MARGIN
    image = Image.new("RGB", (WIDTH, max(height, 120)), "white")
    draw = ImageDraw.Draw(image)
    draw.text(
        (MARGIN, 14), _fit(draw, chart.title, title_font, WIDTH - 2 * MARGIN), font=title_font, fill=TEXT
    )
    if chart.marked and chart.legend:
        draw.rectangle((MARGIN, 62, MARGIN + 22, 84), fill=MARKED)
        draw.text((MARGIN + 32, 60), chart.legend, font=font, fill=TEXT)
    label_width = min(460, max([int(draw.textlength(label, font=font)) for label in labels] + [80]) + 12)
    value_width = 190
    left = MARGIN + label_width
    span = WIDTH - left - value_width - MARGIN
    present = [v for v in values if v is not None]
    top = max([*present, 0.0])
    bottom = min([*present, 0.0])
    scale = span / (top - bottom) if top > bottom else 0.0
    zero = left + int(-bottom * scale)
    draw.line((zero, header - 4, zero, height - MARGIN + 4), fill=GRID, width=2)
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = header + index * (bar + gap)
        draw.text(
            (MARGIN, y + (0 if dense else 2)), _fit(draw, label, font, label_width - 12), font=font, fill=TEXT
        )
        if value is None:
            draw.text((zero + 8, y), "—", font=font, fill=TEXT)
            continue
        end = zero + int(value * scale)
        colour = MARKED if index in chart.marked else COLOUR
        draw.rectangle((min(zero, end), y, max(zero, end, min(zero, end) + 2), y + bar), fill=colour)
        text = format_number(
            Decimal(str(value)).normalize() if value != int(value) else int(value), chart.language
        )
        draw.text((max(zero, end) + 8, y), text, font=font, fill=TEXT)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")  # optimize=True tripled the time of a pack's charts for 3% smaller files
    return buffer.getvalue()
