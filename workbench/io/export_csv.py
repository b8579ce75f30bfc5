"""Export of the interventions as CSV for Dutch Excel: UTF-8 with BOM, semicolons,
decimal commas, one row per intervention, the shape as WKT in RD and the centroid as
latitude/longitude (with decimal points, as GPS coordinates are written, so that GIS
tools such as GDAL can make points of them)."""

import csv
import io

from workbench.geo import crs
from workbench.i18n import _
from workbench.io.export_rows import intervention_rows
from workbench.io.output import check_target, write_bytes


def _decimal(value, decimals=1) -> str:
    if value is None:
        return ""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _safe(text: str) -> str:
    """Text that Excel will not run as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def export_csv(project, out) -> int:
    check_target(out, project.path)  # refuse before the work, not after
    rows = intervention_rows(project)
    kinds = project.quantity_kinds()
    header = [_("nummer"), _("titel"), _("omschrijving"), _("themas"), _("hoofdthema"), _("kleur"), _("status"),
              _("horizon"), _("stemmen"), _("bijeenkomsten"), _("oppervlakte_m2"), _("lengte_m"),
              _("toets_eindoordeel"), _("afhandeling"), _("instrument"), _("antwoord"), _("beantwoord_op"),
              _("beantwoord_door")]
    taken = {name.casefold() for name in header + ["lat", "lon", "wkt_rd", "uuid"]}
    for kind in kinds:  # a quantity labelled like a fixed column gets a distinct header
        label = kind.label if kind.label.casefold() not in taken else f"{kind.label} ({kind.unit or kind.key})"
        taken.add(label.casefold())
        header.append(label)
    header += ["lat", "lon", "wkt_rd", "uuid"]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    to_wgs84 = crs.transformer(crs.RD, crs.WGS84)
    for row in rows:
        lat = lon = None
        if row.geometry is not None:  # an idea without a place has no coordinates
            centroid = row.geometry.centroid if row.geometry.geom_type != "Point" else row.geometry
            lon, lat = to_wgs84.transform(centroid.x, centroid.y)
        values = [row.number, _safe(row.title), _safe(row.description), "; ".join(row.themes), row.primary_theme,
                  row.color, row.status, row.horizon, row.votes, "; ".join(row.sessions),
                  _decimal(row.area_m2), _decimal(row.length_m), row.verdict, row.disposition, row.instrument,
                  _safe(row.answer), row.answered_on, _safe(row.answered_by)]
        values += [_decimal(row.quantities.get(kind.key), 2) for kind in kinds]
        values += [f"{lat:.7f}" if lat is not None else "", f"{lon:.7f}" if lon is not None else "",
                   row.geometry.wkt if row.geometry is not None else "", row.uuid]
        writer.writerow(values)
    write_bytes(out, buffer.getvalue().encode("utf-8-sig"), project.path)
    return len(rows)
