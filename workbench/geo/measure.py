"""Honest numbers: lengths and areas computed from geometry in RD metres."""

from workbench.i18n import _


def area_m2(geometry) -> float:
    return float(geometry.area)


def length_m(geometry) -> float:
    return float(geometry.length)


# From here on a number is printed as 1,00e+15: a file edited elsewhere can hold 1e308,
# which would otherwise print as 309 digits.
HUGE = 1e15


def format_number(value: float, decimals: int = 0) -> str:
    """Dutch notation: thousands with a dot, decimals with a comma (12.345,6); "?" for
    what is not a number, and a short exponent for absurdly large values."""
    if value != value or abs(value) == float("inf"):
        return "?"
    if abs(value) >= HUGE:
        return f"{value:.2e}".replace(".", ",")
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_area(m2: float) -> str:
    if m2 >= 10_000:
        return f"{format_number(m2 / 10_000, 1)} ha"
    return f"{format_number(m2)} m²"


def format_length(metres: float) -> str:
    if metres >= 1000:
        return f"{format_number(metres / 1000, 2)} km"
    return f"{format_number(metres)} m"


def describe(geometry) -> str:
    """"Oppervlakte 1,2 ha" / "Lengte 340 m" / "Punt", for editors and reports."""
    if geometry is None:
        return _("Zonder plek (hele gebied)")
    dimension = geometry.geom_type
    if "Polygon" in dimension:
        return _("Oppervlakte {value}").format(value=format_area(area_m2(geometry)))
    if "LineString" in dimension:
        return _("Lengte {value}").format(value=format_length(length_m(geometry)))
    return _("Punt")
