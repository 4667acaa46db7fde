"""Colour arithmetic for the map's palette: how far apart two colours look.

CIEDE2000 (Sharma, Wu and Dalal 2005) over CIELAB (D65), and the colours a viewer
with a red-green colour vision deficiency sees (Machado, Oliveira and Fernandes
2009, severity 1.0).  The actor registry's colours are tested with both: two actors
a briefer must tell apart should not be two greens, to anyone.
"""

from __future__ import annotations

import colorsys
import hashlib
import math

# Machado et al. (2009), severity 1.0, applied to linear RGB.
DEFICIENCIES: dict[str, tuple[tuple[float, float, float], ...]] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
}


def rgb(hex_colour: str) -> tuple[float, float, float]:
    """'#RRGGBB' -> (r, g, b) in 0..1."""
    value = hex_colour.lstrip("#")
    return tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def hex_of(colour: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}" for c in colour)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def lab(hex_colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour."""
    r, g, b = (_linear(c) for c in rgb(hex_colour))
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(first: str, second: str) -> float:
    """CIEDE2000 between two sRGB colours: about 1 is just noticeable, 10 clearly
    different at a glance."""
    l1, a1, b1 = lab(first)
    l2, a2, b2 = lab(second)
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    g = 0.5 * (1 - math.sqrt(((c1 + c2) / 2) ** 7 / (((c1 + c2) / 2) ** 7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    dh = h2p - h1p
    if c1p * c2p == 0:
        dh = 0.0
    elif dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    dH = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lbar, cbar = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hbar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hbar = (h1p + h2p) / 2
    else:
        hbar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hbar - 30))
        + 0.24 * math.cos(math.radians(2 * hbar))
        + 0.32 * math.cos(math.radians(3 * hbar + 6))
        - 0.20 * math.cos(math.radians(4 * hbar - 63))
    )
    sl = 1 + 0.015 * (lbar - 50) ** 2 / math.sqrt(20 + (lbar - 50) ** 2)
    sc, sh = 1 + 0.045 * cbar, 1 + 0.015 * cbar * t
    rt = (
        -2
        * math.sqrt(cbar**7 / (cbar**7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((hbar - 275) / 25) ** 2))))
    )
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dH / sh) ** 2 + rt * (dc / sc) * (dH / sh))


def as_seen_with(deficiency: str, hex_colour: str) -> str:
    """The colour as a viewer with ``deficiency`` (protanopia, deuteranopia) sees it."""
    matrix = DEFICIENCIES[deficiency]
    linear = [_linear(c) for c in rgb(hex_colour)]
    seen = [sum(m * c for m, c in zip(row, linear, strict=False)) for row in matrix]
    return hex_of(tuple(_gamma(c) for c in seen))  # type: ignore[arg-type]


def name_colour(name: str, avoid: tuple[str, ...] = (), distance: float = 15.0) -> str:
    """A stable colour for a name the registry does not know: the same name gets the
    same colour in every view, on every machine (a hash, never the order of the
    data), saturated enough never to pass for the grey of the unidentified, and (of
    32 tries) the first at least ``distance`` from every colour in ``avoid`` (the
    registry's own: "Kashmir insurgents" came out in ISIS-K's blue)."""
    tries = [_hashed(name, salt) for salt in range(32)]
    for colour in tries:
        if all(delta_e(colour, other) >= distance for other in avoid):
            return colour
    return max(tries, key=lambda c: min((delta_e(c, o) for o in avoid), default=0.0))


def _hashed(name: str, salt: int) -> str:
    key = name.strip().lower() + ("" if salt == 0 else f"#{salt}")
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=4).digest()
    number = int.from_bytes(digest, "big")
    hue = (number % 360) / 360
    lightness = 0.38 + (number >> 9) % 3 * 0.08
    return hex_of(colorsys.hls_to_rgb(hue, lightness, 0.62))
