"""Geocoding configuration, read once from the environment.

| variable | meaning | default |
|---|---|---|
| ``INCIDENT_MAP_CACHE_DIR`` | where the built gazetteer index and the online cache live | ``~/.cache/incident-map`` |
| ``INCIDENT_MAP_GAZETTEERS`` | extra GeoNames files or folders, separated by ``os.pathsep`` | none |
| ``INCIDENT_MAP_ONLINE_GEOCODING`` | ``1`` lets geocoding ask Nominatim for names the offline gazetteer lacks | off |
| ``INCIDENT_MAP_USER_AGENT`` | the user agent sent to Nominatim (its usage policy requires one that identifies you) | ``incident-map-dashboard`` |
| ``INCIDENT_MAP_NOMINATIM_DOMAIN`` | a Nominatim server of your own | ``nominatim.openstreetmap.org`` |
| ``INCIDENT_MAP_MIN_SCORE`` | the match score (0-100) below which a name stays unresolved | ``85`` |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_USER_AGENT = "incident-map-dashboard"
DEFAULT_NOMINATIM_DOMAIN = "nominatim.openstreetmap.org"


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class GeocodingSettings:
    """Everything the geocoding step can be told; see the module docstring."""

    cache_dir: Path = field(default_factory=lambda: Path.home() / ".cache" / "incident-map")
    gazetteer_files: tuple[Path, ...] = ()
    online: bool = False
    user_agent: str = DEFAULT_USER_AGENT
    nominatim_domain: str = DEFAULT_NOMINATIM_DOMAIN
    min_score: float = 85.0

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> GeocodingSettings:
        """Settings from environment variables, defaults for what is unset."""
        env = os.environ if environ is None else environ
        files = tuple(
            Path(p) for p in env.get("INCIDENT_MAP_GAZETTEERS", "").split(os.pathsep) if p
        )
        cache = env.get("INCIDENT_MAP_CACHE_DIR")
        return cls(
            cache_dir=Path(cache) if cache else Path.home() / ".cache" / "incident-map",
            gazetteer_files=files,
            online=_flag(env.get("INCIDENT_MAP_ONLINE_GEOCODING")),
            user_agent=env.get("INCIDENT_MAP_USER_AGENT", DEFAULT_USER_AGENT),
            nominatim_domain=env.get("INCIDENT_MAP_NOMINATIM_DOMAIN", DEFAULT_NOMINATIM_DOMAIN),
            min_score=float(env.get("INCIDENT_MAP_MIN_SCORE", "85")),
        )
