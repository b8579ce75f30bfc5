"""The domain entities of a project.

Entities are immutable dataclasses identified by a UUID string (``@frozen_dataclass``:
``@dataclass(frozen=True)``, cheaper to create, see core/frozen.py). A change is never made
in place: a command builds the new version with :func:`dataclasses.replace` and the
:class:`~workbench.core.project.Project` swaps it in, so the old version can be kept
for undo. Geometries are shapely objects in EPSG:28992 (metres).
"""

import os
import uuid as _uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

from shapely.geometry.base import BaseGeometry

from workbench.core.frozen import frozen_dataclass
from workbench.i18n import N_

STATUSES = ("idee", "voorstel", "uitgewerkt", "besloten")
HORIZONS = ("kort", "2030", "2040", "2050")
# How a session gathered its input; the forms the visie's participation used (seed L8604-8638).
SESSION_METHODS = ("bewonersavond", "straatgesprek", "online-vragenlijst", "stakeholdersessie",
                   "groepsgesprek", "telefonisch")
# The outcome of weighing an idea against one criterion of the visie ("Ja, mits", seed L8179-8189).
VERDICTS = ("voldoet", "mits", "strijdig", "onderzoek", "nvt")
OVERALL = "eindoordeel"  # the criterion key of the overall verdict on an idea
# What happens with an idea: the answer to "Wat doen we met uw idee?".
DISPOSITIONS = ("opgenomen", "doorgezet", "in-uitvoering", "doorgegeven", "niet-overgenomen")


_DIGIT_COLUMNS = [c for c in range(36) if c not in (8, 13, 18, 23)]  # the dashes of 8-4-4-4-12


def uuid_text(raw: bytes, version: int) -> str:
    """``str(uuid.UUID(bytes=raw[:16], version=version))`` without the UUID object, which
    costs more than making the bytes; imports make one per row."""
    raw = bytearray(raw[:16])
    raw[6] = (raw[6] & 0x0F) | (version << 4)
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def new_uuid() -> str:
    """A random (version 4) UUID, as ``str(uuid.uuid4())``."""
    return uuid_text(os.urandom(16), 4)


def uuid_texts(raw: bytes, version: int) -> list:
    """:func:`uuid_text` of every 16 bytes of ``raw``, formatted all at once with numpy
    (an import makes ten thousands; one f-string each costs more than the rest)."""
    import numpy as np

    count = len(raw) // 16
    octets = np.frombuffer(raw, dtype=np.uint8, count=16 * count).reshape(count, 16).copy()
    octets[:, 6] = (octets[:, 6] & 0x0F) | (version << 4)
    octets[:, 8] = (octets[:, 8] & 0x3F) | 0x80  # the RFC 4122 variant
    hex_digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
    digits = np.empty((count, 32), dtype=np.uint8)
    digits[:, 0::2], digits[:, 1::2] = hex_digits[octets >> 4], hex_digits[octets & 0x0F]
    text = np.full((count, 36), ord("-"), dtype=np.uint8)
    text[:, _DIGIT_COLUMNS] = digits
    joined = text.tobytes().decode("ascii")
    return [joined[i:i + 36] for i in range(0, 36 * count, 36)]


def new_uuids(count: int) -> list:
    """``count`` random UUIDs at once (an import's), from one read of the random source."""
    return uuid_texts(os.urandom(16 * count), 4)


def _system_clock() -> datetime:
    return datetime.now(timezone.utc)


# The one clock every timestamp comes from; tests swap it (set_clock) to play laptops
# whose clocks run behind or ahead. Timestamps are shown to people; merges and syncs
# never decide anything from them (see core/versions.py).
_clock = _system_clock


def set_clock(clock=None) -> None:
    """Make ``clock()`` (an aware datetime) the source of every timestamp; None: the system's."""
    global _clock
    _clock = clock or _system_clock


def now_iso() -> str:
    """UTC timestamp with millisecond precision, as stored in the project file."""
    return _clock().astimezone(timezone.utc).isoformat(timespec="milliseconds")


@frozen_dataclass
class Theme:
    """A theme of the vision; themes form a tree through ``parent_uuid``."""

    uuid: str
    name: str
    color: str = "#777777"
    description: str = ""
    parent_uuid: str | None = None
    sort_order: int = 0


@frozen_dataclass
class QuantityKind:
    """A measurable quantity interventions can carry (woningen, m2 groen, ...)."""

    uuid: str
    key: str
    label: str
    unit: str
    sort_order: int = 0


@frozen_dataclass
class Goal:
    """A goal of the area vision, optionally with an indicator and a target value.

    When ``quantity_key`` is set, progress is the sum of that quantity over the
    interventions linked to the goal.
    """

    uuid: str
    title: str
    description: str = ""
    theme_uuid: str | None = None
    indicator: str = ""
    unit: str = ""
    target: float | None = None
    quantity_key: str | None = None


@frozen_dataclass
class Session:
    """A bijeenkomst: one workshop evening."""

    uuid: str
    title: str
    date: str = ""  # ISO date, yyyy-mm-dd
    place: str = ""
    facilitator: str = ""
    participants: int = 0
    method: str = ""  # one of SESSION_METHODS, or "" when not recorded
    target_group: str = ""  # who took part: "jongeren", "ondernemers", ...
    part: str = ""  # its own part of the area: wijk names, "; "-separated ("" = the whole area)


@frozen_dataclass
class Intervention:
    """A proposed intervention drawn on the map."""

    uuid: str
    number: int
    title: str
    geometry: BaseGeometry
    description: str = ""
    status: str = "idee"
    horizon: str = ""
    theme_uuids: tuple = ()
    primary_theme_uuid: str | None = None
    goal_uuids: tuple = ()
    quantities: tuple = ()  # sorted ((quantity key, value), ...)
    actor: str = ""
    notes: str = ""
    created_session_uuid: str | None = None
    changed_session_uuid: str | None = None
    created_at: str = ""
    changed_at: str = ""

    def quantity(self, key: str) -> float | None:
        return dict(self.quantities).get(key)


@frozen_dataclass
class Vote:
    """The dot votes one intervention got in one session."""

    uuid: str
    intervention_uuid: str
    session_uuid: str
    count: int


@frozen_dataclass
class Quote:
    """Something a resident said, as reported: "..." - Bewoner uit Heerlerheide."""

    uuid: str
    text: str
    speaker: str = ""
    intervention_uuid: str | None = None
    session_uuid: str | None = None
    theme_uuid: str | None = None  # input that is about a theme rather than one idea


@frozen_dataclass
class Verdict:
    """How an idea weighs against one criterion of the visie (or, with criterion
    :data:`OVERALL`, overall). One per idea and criterion: the UUID is derived from both
    (:func:`verdict_uuid`), so two laptops that weigh the same pair meet in a merge."""

    uuid: str
    intervention_uuid: str
    criterion: str  # a criterion key of the theme set ("water-en-bodem"), or OVERALL
    verdict: str  # one of VERDICTS
    condition: str = ""  # the voorwaarde of "ja, mits"
    reason: str = ""
    changed_at: str = ""


@frozen_dataclass
class Answer:
    """What happens with an idea, told back to the resident who gave it."""

    uuid: str
    intervention_uuid: str
    disposition: str  # one of DISPOSITIONS
    text: str  # the answer to the resident, plain Dutch (B1)
    instrument: str = ""  # an instrument key of the theme set, for "doorgezet"
    referred_to: str = ""  # to whom, for "doorgegeven"
    answered_on: str = ""  # ISO date
    answered_by: str = ""
    changed_at: str = ""


def verdict_uuid(intervention_uuid: str, criterion: str) -> str:
    return str(_uuid.uuid5(_uuid.NAMESPACE_URL, f"workbench-verdict/{intervention_uuid}/{criterion}"))


def answer_uuid(intervention_uuid: str) -> str:
    return str(_uuid.uuid5(_uuid.NAMESPACE_URL, f"workbench-answer/{intervention_uuid}"))


@frozen_dataclass
class Area:
    """The boundary of the area the vision is about (polygon or multipolygon)."""

    uuid: str
    name: str
    geometry: BaseGeometry


@frozen_dataclass
class ReferenceFeature:
    uuid: str
    label: str
    geometry: BaseGeometry
    properties: tuple = ()  # ((name, value), ...)


@frozen_dataclass
class ReferenceLayer:
    """A background vector layer, such as the CBS wijken; read-only in the app."""

    uuid: str
    name: str
    credit: str = ""
    features: tuple = ()  # ReferenceFeature, ...
    style: object = None  # a core.layer_style.LayerStyle; None: the default for its contents


@frozen_dataclass
class Tombstone:
    """What remains of a deleted row, so that a merge can tell deleted from unseen."""

    uuid: str
    kind: str
    deleted_at: str
    session_uuid: str | None = None


@frozen_dataclass
class ProjectInfo:
    """Project metadata shown on the handout."""

    name: str = ""
    municipality: str = ""
    description: str = ""
    next_steps: str = ""  # "Wat gebeurt er nu?"
    contact: str = ""
    credits: str = ""  # reference-data credits
    theme_set: str = ""
    disclaimer: str = ""  # printed on every PDF page: "Fictief voorbeeld: ..." for the samples


@frozen_dataclass
class Underlay:
    """A raster image under the map (a scanned plan, an aerial photo), kept in the
    project so it opens the same on another laptop. Placed in RD like a world file:
    the centre of pixel (col, row) lies at x = a*col + b*row + c, y = d*col + e*row + f.
    """

    uuid: str
    name: str
    image: bytes
    image_format: str = "png"
    a: float = 1.0
    d: float = 0.0
    b: float = 0.0
    e: float = -1.0
    c: float = 0.0
    f: float = 0.0
    opacity: float = 0.7


# The kinds of entity the project keeps in memory, keyed by the name commands use.
ENTITY_KINDS = {
    "theme": Theme,
    "quantity_kind": QuantityKind,
    "goal": Goal,
    "session": Session,
    "intervention": Intervention,
    "vote": Vote,
    "quote": Quote,
    "verdict": Verdict,
    "answer": Answer,
    "area": Area,
    "reference_layer": ReferenceLayer,
    "tombstone": Tombstone,
    "underlay": Underlay,
}

# Standard quantities every project starts with: (key, label, unit). Labels and words
# are Dutch source text, stored as such and translated where they are shown.
STANDARD_QUANTITIES = (
    ("homes", N_("Woningen"), N_("woningen")),
    ("green_m2", N_("Groen"), "m²"),
    ("cycle_path_m", N_("Fietspad"), "m"),
    ("trees", N_("Bomen"), N_("bomen")),
)


@dataclass
class ProjectState:
    """Everything a project holds, in memory; the store loads and saves it."""

    info: ProjectInfo = field(default_factory=ProjectInfo)
    entities: dict = field(default_factory=lambda: {k: {} for k in ENTITY_KINDS})
