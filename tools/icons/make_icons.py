#!/usr/bin/env python3
"""Draws the viewer's icons into static/icons/: a blue tile with three rising bars.

The same shapes become every PNG size, the maskable icon (full-bleed tile, glyph inside
the 80 % safe circle) and the SVG favicon, so they always agree. Only the standard
library is used (zlib for PNG), and the output is byte-for-byte reproducible:

    python3 tools/icons/make_icons.py

Anti-aliasing comes from signed distance functions: a pixel's coverage of a rounded box
is its distance to the edge, clamped to one pixel.
"""

import math
import os
import struct
import sys
import zlib

# The app's accent colour (static/style.css --accent) and the bars.
TILE = (0x1D, 0x5F, 0xA8)
BAR = (0xFF, 0xFF, 0xFF)
HIGHLIGHT = (0xFF, 0xC8, 0x4A)

# The glyph in a unit square: (left, top, right, bottom, corner radius, colour).
GLYPH = [
    (0.215, 0.745, 0.785, 0.785, 0.02, BAR),  # baseline
    (0.255, 0.495, 0.375, 0.725, 0.03, BAR),
    (0.440, 0.375, 0.560, 0.725, 0.03, BAR),
    (0.625, 0.215, 0.745, 0.725, 0.03, HIGHLIGHT),
]

# Corner radius of the tile of the ordinary icons, as a share of its side.
TILE_RADIUS = 0.22
# The maskable icon's glyph is shrunk about the centre to stay inside the safe circle.
MASKABLE_SCALE = 0.78


def box_distance(x, y, box):
    """Signed distance (in the box's units) from (x, y) to a rounded box; negative inside."""
    left, top, right, bottom, radius = box
    cx, cy = (left + right) / 2, (top + bottom) / 2
    hx, hy = (right - left) / 2 - radius, (bottom - top) / 2 - radius
    dx, dy = abs(x - cx) - hx, abs(y - cy) - hy
    outside = math.hypot(max(dx, 0.0), max(dy, 0.0))
    inside = min(max(dx, dy), 0.0)
    return outside + inside - radius


def shapes(size, maskable):
    """The shapes in pixels, bottom first: (box, colour)."""
    tile_radius = 0.0 if maskable else TILE_RADIUS
    scale = MASKABLE_SCALE if maskable else 1.0
    result = [((0.0, 0.0, 1.0, 1.0, tile_radius), TILE)]
    for left, top, right, bottom, radius, colour in GLYPH:
        box = tuple(0.5 + (value - 0.5) * scale for value in (left, top, right, bottom)) + (radius * scale,)
        result.append((box, colour))
    return [(tuple(value * size for value in box), colour) for box, colour in result]


def render(size, maskable=False):
    """RGBA rows of the icon at `size` pixels square."""
    drawn = shapes(size, maskable)
    rows = []
    for py in range(size):
        row = bytearray()
        y = py + 0.5
        for px in range(size):
            x = px + 0.5
            red = green = blue = alpha = 0.0
            for box, colour in drawn:
                coverage = min(max(0.5 - box_distance(x, y, box), 0.0), 1.0)
                if coverage == 0.0:
                    continue
                # Source over, premultiplied.
                red = colour[0] / 255 * coverage + red * (1 - coverage)
                green = colour[1] / 255 * coverage + green * (1 - coverage)
                blue = colour[2] / 255 * coverage + blue * (1 - coverage)
                alpha = coverage + alpha * (1 - coverage)
            if alpha > 0:
                row += bytes(round(channel / alpha * 255) for channel in (red, green, blue))
            else:
                row += b"\0\0\0"
            row.append(round(alpha * 255))
        rows.append(bytes(row))
    return rows


def png(size, rows):
    """A PNG file (8-bit RGBA, no filtering) from rows of RGBA bytes."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    raw = b"".join(b"\0" + row for row in rows)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def svg():
    """The favicon as SVG, from the same shapes on a 64-unit canvas."""
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">']
    for box, colour in shapes(64, maskable=False):
        left, top, right, bottom, radius = (round(value, 2) for value in box)
        fill = "#%02x%02x%02x" % colour
        parts.append(
            f'<rect x="{left:g}" y="{top:g}" width="{right - left:g}" height="{bottom - top:g}" '
            f'rx="{radius:g}" fill="{fill}"/>'
        )
    parts.append("</svg>")
    return "".join(parts) + "\n"


# File name, size, maskable.
OUTPUTS = [
    ("icon-192.png", 192, False),
    ("icon-512.png", 512, False),
    ("icon-maskable-512.png", 512, True),
    ("apple-touch-icon.png", 180, True),
    ("favicon-32.png", 32, False),
]


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = os.path.join(root, "static", "icons")
    os.makedirs(out, exist_ok=True)
    for name, size, maskable in OUTPUTS:
        with open(os.path.join(out, name), "wb") as file:
            file.write(png(size, render(size, maskable)))
        print(f"wrote static/icons/{name}")
    with open(os.path.join(out, "favicon.svg"), "w", encoding="utf-8") as file:
        file.write(svg())
    print("wrote static/icons/favicon.svg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
