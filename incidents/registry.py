"""The region's armed actors as identities: one name, one colour, every spelling.

Each dataset names a group its own way (UCDP "TTP", GTD "Tehrik-i-Taliban Pakistan
(TTP)", a reporter "the Pakistani Taliban"); drawn as written, one group was three
actors with three colours and three counts, and a group's colour moved with the
data.  ``incidents/data/actors.toml`` is the one vocabulary, kept as data with the
source of every name (as spaCy keeps an EntityRuler's patterns): the imports, the
intake, the filters and every colour read it through here.  A user's file
(``INCIDENT_MAP_ACTOR_ALIASES``, columns ``group,name``) adds names to an identity
(``group`` is its id or any of its names) or makes identities of its own.

An identity's ``kind`` keeps parties and targets apart: "civilians" is who was hit,
never a side of the Actor filter.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import pandas as pd

from ground.colours import name_colour
from incidents.participants import join_actors, split_actors

KINDS = ("armed group", "state forces", "unidentified", "civilians")
UNIDENTIFIED_GREY = "#7F7F7F"


def plain(name: object) -> str:
    """A name as aliases are compared: lower case, punctuation and runs of spaces as
    one space ("Tehrik-i-Taliban Pakistan (TTP)" -> "tehrik i taliban pakistan ttp")."""
    return re.sub(r"[^0-9a-z]+", " ", str(name).lower()).strip()


def plain_text(text: str) -> str:
    """Running text for the patterns: lower case, each punctuation mark a space, the
    same length, so a match's offsets point into the text as written."""
    return re.sub(r"[^0-9a-z]", " ", text.lower())


@dataclass(frozen=True)
class Actor:
    """One identity of the registry."""

    id: str
    name: str
    kind: str
    colour: str
    aliases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def is_party(self) -> bool:
        """A side of an event (the Actor filter's choices), not its target."""
        return self.kind != "civilians"


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: caches key on it
class Registry:
    """The identities, and a look-up from every name to its identity."""

    actors: tuple[Actor, ...]
    _by_alias: dict[str, Actor] = field(default_factory=dict, repr=False)
    _patterns: tuple[tuple[Actor, re.Pattern], ...] = field(default=(), repr=False)

    @classmethod
    def of(cls, actors: Iterable[Actor]) -> Registry:
        actors = tuple(actors)
        by_alias: dict[str, Actor] = {}
        for actor in actors:
            for name in (actor.name, actor.id, *actor.aliases, *actor.acronyms):
                by_alias.setdefault(plain(name), actor)
        patterns = tuple(
            (actor, re.compile(pattern)) for actor in actors for pattern in actor.patterns
        )
        return cls(actors, by_alias, patterns)

    def identify(self, name: object) -> Actor | None:
        """The identity a name means, or None (a name the registry does not know)."""
        if name is None or (isinstance(name, float) and name != name):
            return None
        key = plain(name)
        if not key:
            return None
        found = self._by_alias.get(key)
        if found is not None:
            return found
        for actor, pattern in self._patterns:
            if pattern.match(
                key
            ):  # from the start: "Civilians working for the Taliban" is not the Taliban
                return actor
        return None

    def canonical(self, name: object) -> str:
        """The registry's name for ``name``, or the name as written (trimmed)."""
        found = self.identify(name)
        return found.name if found else ("" if name is None else str(name).strip())

    def colour(self, name: object) -> str:
        """The identity's fixed colour, or a colour of the name's own (never grey):
        the same in every view whatever the data holds."""
        found = self.identify(name)
        if found is not None:
            return found.colour
        text = "" if name is None else str(name).strip()
        return self._own_colour(text.lower()) if text else UNIDENTIFIED_GREY

    @lru_cache(maxsize=4096)  # noqa: B019 - the registry lives as long as the process
    def _own_colour(self, name: str) -> str:
        return name_colour(name, tuple(a.colour for a in self.actors))

    def is_party(self, name: object) -> bool:
        found = self.identify(name)
        return found is None or found.is_party

    def named(self, key: str) -> Actor | None:
        """An identity by its id or any of its names."""
        return self._by_alias.get(plain(key))

    def text_actors(self) -> tuple[Actor, ...]:
        """The armed groups a report's text may name (state forces are read from
        how the text says they acted, not from their name alone)."""
        return tuple(a for a in self.actors if a.kind == "armed group")


def _actor(entry: Mapping) -> Actor:
    return Actor(
        id=str(entry["id"]),
        name=str(entry["name"]),
        kind=str(entry["kind"]),
        colour=str(entry["colour"]).upper(),
        aliases=tuple(entry.get("aliases", ())),
        patterns=tuple(entry.get("patterns", ())),
        acronyms=tuple(entry.get("acronyms", ())),
        sources=tuple(entry.get("sources", ())),
    )


@lru_cache(maxsize=1)
def shipped() -> tuple[Actor, ...]:
    """The registry as shipped (``incidents/data/actors.toml``)."""
    text = (resources.files("incidents") / "data" / "actors.toml").read_text(encoding="utf-8")
    return tuple(_actor(entry) for entry in tomllib.loads(text)["actor"])


def with_user_names(actors: tuple[Actor, ...], names: Mapping[str, str]) -> Registry:
    """The shipped identities with a user's names (plain name -> plain group): a
    group that is an identity's id or name adds the name to it; another group is an
    identity of its own, coloured from its name."""
    base = Registry.of(actors)
    added: dict[str, list[str]] = {}
    for name, group in names.items():
        added.setdefault(group, []).append(name)
    extended, own = list(actors), []
    for group, more in added.items():
        known = base.named(group)
        if known is not None:
            index = extended.index(known)
            extended[index] = Actor(
                **{**known.__dict__, "aliases": (*more, *extended[index].aliases)}
            )
        else:
            colour = name_colour(group, tuple(a.colour for a in actors))
            own.append(Actor(group, group, "armed group", colour, tuple(more)))
    return Registry.of([*own, *extended])  # the user's names are looked up first


def registry(environ: Mapping[str, str] | None = None) -> Registry:
    """The registry with the user's file (``INCIDENT_MAP_ACTOR_ALIASES``) if any."""
    from incidents.actors import user_aliases

    names = user_aliases(environ).aliases
    return _cached(tuple(sorted(names.items())))


@lru_cache(maxsize=8)
def _cached(names: tuple[tuple[str, str], ...]) -> Registry:
    return with_user_names(shipped(), dict(names))


AS_WRITTEN = {"actor": "actor_as_written", "actor2": "actor2_as_written"}


def name_actors(incidents: pd.DataFrame, known: Registry | None = None) -> pd.DataFrame:
    """The incidents with their actors under the registry's names; the dataset's own
    spelling is kept beside each changed name (``actor_as_written``,
    ``actor2_as_written``), so "TTP" in UCDP's file still says "TTP" where asked."""
    known = known or registry()
    out = incidents.copy()
    for column, written in AS_WRITTEN.items():
        if column not in out.columns:
            continue
        names = out[column].fillna("").astype(str)
        lookup = {name: known.canonical(name) if name.strip() else name for name in names.unique()}
        named = names.map(lookup)
        changed = named != names.str.strip()
        out[column] = named
        if changed.any():
            kept = out[written] if written in out.columns else pd.Series("", index=out.index)
            out[written] = names.where(changed, kept.fillna("").astype(str))
    if "associated_actors" in out.columns:
        cells = out["associated_actors"].fillna("").astype(str)
        named_cells = {  # once per distinct cell: most are empty or repeat
            cell: join_actors(known.canonical(n) for n in split_actors(cell))
            for cell in cells.unique()
        }
        out["associated_actors"] = cells.map(named_cells)
    return out


def name_record(values: Mapping[str, object], known: Registry | None = None) -> dict:
    """One incident's changed fields with its actors under the registry's names
    (an editor typing "TTP" saves the group's one name)."""
    known = known or registry()
    out = dict(values)
    for column in AS_WRITTEN:
        if column in out and out[column] not in (None, ""):
            out[column] = known.canonical(out[column])
    if out.get("associated_actors") not in (None, ""):
        out["associated_actors"] = join_actors(
            known.canonical(n) for n in split_actors(str(out["associated_actors"]))
        )
    return out
