"""A GIF draws each actor in its own colour on every frame: one palette for all
frames, holding the actors' colours exactly (per-frame adaptive palettes turned
BLA's orange maroon and IS's purple into the grey of the unidentified)."""

from __future__ import annotations

import io

from PIL import Image

from engine.slides.animate import encode_gif

BLA, ISKP, PURPLE = "#E69F00", "#0072B2", "#5D3A9B"


def _frame(shift: int) -> bytes:
    """A busy map-like frame: a gradient of many colours, and three actor markers."""
    image = Image.new("RGB", (240, 160))
    image.putdata(
        [
            ((x * 3 + shift) % 256, (y * 5 + x) % 256, (x * y + shift) % 256)
            for y in range(160)
            for x in range(240)
        ]
    )
    for n, colour in enumerate((BLA, ISKP, PURPLE)):
        square = Image.new("RGB", (12, 12), colour)
        image.paste(square, (20 + 40 * n, 20 + shift % 50))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def test_every_frame_keeps_the_actor_colours_exactly():
    shots = [_frame(shift) for shift in (0, 37, 90)]
    gif = Image.open(io.BytesIO(encode_gif(shots, 2.0, [BLA, ISKP, PURPLE])))
    for k, shift in enumerate((0, 37, 90)):
        gif.seek(k)
        frame = gif.convert("RGB")
        for n, colour in enumerate((BLA, ISKP, PURPLE)):
            assert frame.getpixel((26 + 40 * n, 26 + shift % 50)) == _rgb(colour), (k, colour)
