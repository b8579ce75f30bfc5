"""Checks commands run before they change anything; each failure is a Dutch message."""

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from workbench.core.model import HORIZONS, STATUSES
from workbench.core.text import clean_text
from workbench.errors import ValidationError
from workbench.geo.parts import two_d
from workbench.i18n import _

INTERVENTION_TYPES = ("Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon")
_INTERVENTION_TYPE_IDS = (0, 1, 3, 4, 5, 6)  # shapely.get_type_id of INTERVENTION_TYPES


def title(value, what: str = "") -> str:
    text = clean_text(value, multiline=False)
    if not text:
        raise ValidationError(what or _("Geef een titel op."))
    return text


def intervention_geometry(geometry) -> BaseGeometry:
    if not isinstance(geometry, BaseGeometry) or geometry.is_empty:
        raise ValidationError(_("De geometrie is leeg; teken een punt, lijn of vlak."))
    geometry = shapely.force_2d(geometry)  # the file keeps x and y only; so does memory
    if geometry.geom_type not in INTERVENTION_TYPES:
        raise ValidationError(_("Een idee is een punt, lijn of vlak, geen {type}.").format(type=geometry.geom_type))
    if not geometry.is_valid:
        raise ValidationError(_("De geometrie snijdt zichzelf of is ongeldig; pas de vorm aan."))
    return geometry


def intervention_geometries(values) -> list:
    """:func:`intervention_geometry` for many values at once (an import's ten thousand):
    the 2D geometry of each value that passes, checked with shapely's vectorised
    functions; None where a value fails, for the one-by-one check to say why."""
    values = list(values)
    result = [None] * len(values)
    positions = [i for i, v in enumerate(values) if isinstance(v, BaseGeometry)]
    if not positions:
        return result
    geometries = np.empty(len(positions), dtype=object)
    geometries[:] = [values[i] for i in positions]
    flat = two_d(geometries)
    ok = ~shapely.is_empty(flat) & np.isin(shapely.get_type_id(flat), _INTERVENTION_TYPE_IDS)
    ok[ok] = shapely.is_valid(flat[ok])
    for position, geometry, passed in zip(positions, flat, ok.tolist()):
        if passed:
            result[position] = geometry
    return result


def area_geometry(geometry) -> BaseGeometry:
    if not isinstance(geometry, BaseGeometry) or geometry.is_empty:
        raise ValidationError(_("Het gebied is leeg."))
    geometry = shapely.force_2d(geometry)
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValidationError(_("Het gebied moet een vlak zijn."))
    if not geometry.is_valid:
        raise ValidationError(_("De grens van het gebied snijdt zichzelf; pas de vorm aan."))
    return geometry


def status(value: str) -> str:
    if value not in STATUSES:
        raise ValidationError(_("Onbekende status: {value}.").format(value=value))
    return value


def horizon(value: str) -> str:
    if value not in ("",) + HORIZONS:
        raise ValidationError(_("Onbekende tijdshorizon: {value}.").format(value=value))
    return value


# Counts (votes, participants) are stored as SQLite integers; far below their limit.
MAX_COUNT = 1_000_000_000


def whole_number(value, what: str) -> int:
    """``value`` as an int, or a Dutch refusal (also for infinity and NaN)."""
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        raise ValidationError(_("{what} moet een heel getal zijn.").format(what=what)) from None
    if abs(number) > MAX_COUNT:
        raise ValidationError(_("{what} is te groot.").format(what=what))
    return number


def count(value, what: str) -> int:
    number = whole_number(value, what)
    if number < 0:
        raise ValidationError(_("{what} kan niet negatief zijn.").format(what=what))
    return number


def color(value: str) -> str:
    text = str(value).strip()
    digits = text[1:]
    if not (text.startswith("#") and len(digits) == 6 and all(c in "0123456789abcdefABCDEF" for c in digits)):
        raise ValidationError(_("Kleur moet de vorm #rrggbb hebben."))
    return text.lower()


# Quantities (woningen, m² groen, bomen) and goal targets: far beyond any real plan, yet
# exact as a float and short enough to print; 1e308 printed as a 309-digit number.
MAX_QUANTITY = 1e12


def quantity(value, what: str) -> float:
    """``value`` as a float within +-:data:`MAX_QUANTITY`, or a Dutch refusal naming ``what``."""
    try:
        number = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError, OverflowError):
        raise ValidationError(_("{what} moet een getal zijn.").format(what=what)) from None
    if number != number or abs(number) == float("inf"):
        raise ValidationError(_("{what} moet een getal zijn.").format(what=what))
    if abs(number) > MAX_QUANTITY:
        raise ValidationError(_("{what} is te groot: de grens is {limit}.").format(what=what,
                                                                                 limit="1.000.000.000.000"))
    return number
