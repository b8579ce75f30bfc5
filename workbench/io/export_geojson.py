"""Export of the interventions as GeoJSON (RFC 7946: WGS84 longitude/latitude).

Coordinates get 7 decimals (about 1 cm), enough for a round trip to RD within 1 cm.
Properties are readable as they are, in QGIS or any web map: names, not UUIDs.
"""

import json

import numpy as np
import shapely
from shapely.geometry import mapping

from workbench.geo import crs
from workbench.io.export_rows import intervention_rows
from workbench.io.output import check_target, write_bytes

DECIMALS = 7


def to_wgs84_rounded(geometries) -> list:
    transformer = crs.transformer(crs.RD, crs.WGS84)

    def convert(coords):
        lon, lat = transformer.transform(coords[:, 0], coords[:, 1])
        return np.round(np.column_stack([lon, lat]), DECIMALS)

    return list(shapely.transform(np.asarray(geometries, dtype=object), convert)) if len(geometries) else []


def feature_collection(project) -> dict:
    rows = intervention_rows(project)
    geometries = to_wgs84_rounded([r.geometry for r in rows])
    features = []
    for row, geometry in zip(rows, geometries):
        properties = {
            "number": row.number, "title": row.title, "description": row.description,
            "themes": "; ".join(row.themes), "primary_theme": row.primary_theme, "color": row.color,
            "status": row.status, "horizon": row.horizon, "votes": row.votes,
            "sessions": "; ".join(row.sessions), "area_m2": row.area_m2, "length_m": row.length_m,
            "verdict": row.verdict, "disposition": row.disposition, "instrument": row.instrument,
            "answer": row.answer, "answered_on": row.answered_on, "answered_by": row.answered_by,
        }
        for key, value in row.quantities.items():
            # A quantity a user named "title" must not overwrite the title.
            properties[key if key not in properties else f"quantity_{key}"] = value
        properties["uuid"] = row.uuid
        # An idea without a place is a feature with a null geometry (RFC 7946, 3.2).
        features.append({"type": "Feature", "id": row.number,
                         "geometry": mapping(geometry) if geometry is not None else None,
                         "properties": properties})
    return {"type": "FeatureCollection", "name": project.info.name, "features": features}


def export_geojson(project, out) -> int:
    """Write the interventions to ``out``; returns how many."""
    check_target(out, project.path)  # refuse before the work, not after
    data = feature_collection(project)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    write_bytes(out, text.encode("utf-8"), project.path)
    return len(data["features"])
