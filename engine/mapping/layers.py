"""The map's layers, declared once: the key a link, the sidebar and ``--layers`` use,
the name a reader sees in the layer control and the sidebar, and whether it is on
when nothing says otherwise.  The map's elements register their layers in the
browser under these names (``map_elements``); ``build_map`` switches them on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MapLayer:
    name: str  # "heat": in links, the sidebar's state and --layers
    label: str  # "Heat map": in the layer control and the sidebar
    default: bool = False  # on when the link or the command says nothing


CATALOGUE: tuple[MapLayer, ...] = (
    MapLayer("incidents", "Incidents", default=True),
    MapLayer("clusters", "Clustered markers"),
    MapLayer("heat", "Heat map"),
    MapLayer("areas", "Counts per province"),
    MapLayer("districts", "Counts per district"),
    MapLayer("cities", "City names", default=True),
    MapLayer("borders", "Country borders", default=True),
    MapLayer("provinces", "Province borders", default=True),
)
LAYERS: dict[str, str] = {layer.name: layer.label for layer in CATALOGUE}
DEFAULT_LAYERS: frozenset[str] = frozenset(layer.name for layer in CATALOGUE if layer.default)


def label_of(name: str) -> str:
    """The name a reader sees for the layer ``name`` (a KeyError for an unknown one)."""
    return LAYERS[name]
