"""Export to a flat GeoPackage for QGIS users.

One layer ``ideeen`` with every intervention and readable columns, among them one 0/1
column per theme (so a planner can filter "Groen = 1"); the area; the reference layers;
and a default QGIS style colouring the ideas by their primary theme.
"""

import re
from xml.sax.saxutils import quoteattr

from workbench.i18n import _
from workbench.io.export_rows import intervention_rows
from workbench.io.output import writing
from workbench.store.flat_export import FlatLayer, write_flat_geopackage


def _unique(name, taken) -> str:
    # a column is named after a label another tool may have written a NUL or control
    # character into: SQLite refuses a statement holding a NUL ("the query contains a
    # null character"), so the export failed
    name = "".join(c for c in str(name) if c.isprintable()).strip() or "kolom"
    candidate, number = name, 2
    while candidate.casefold() in taken:
        candidate = f"{name}_{number}"
        number += 1
    taken.add(candidate.casefold())
    return candidate


def _rgb(color: str) -> str:
    return ",".join(str(int(color[i:i + 2], 16)) for i in (1, 3, 5))


def theme_style(project) -> str:
    """QGIS QML: categorised by primary theme, in the theme's colour."""
    categories, symbols = [], []
    for index, theme in enumerate(project.themes()):
        categories.append(f'<category symbol="{index}" value={quoteattr(theme.name)} '
                          f'label={quoteattr(theme.name)} render="true"/>')
        symbols.append(
            f'<symbol type="fill" name="{index}" alpha="0.75" clip_to_extent="1" force_rhr="0">'
            '<layer class="SimpleFill" enabled="1" pass="0" locked="0"><Option type="Map">'
            f'<Option name="color" value="{_rgb(theme.color)},190" type="QString"/>'
            f'<Option name="outline_color" value="{_rgb(theme.color)},255" type="QString"/>'
            '<Option name="outline_width" value="0.5" type="QString"/>'
            '<Option name="style" value="solid" type="QString"/></Option></layer></symbol>')
    return ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
            '<qgis version="3.28.0" styleCategories="Symbology">'
            '<renderer-v2 type="categorizedSymbol" attr="hoofdthema" symbollevels="0" enableorderby="0" '
            f'forceraster="0"><categories>{"".join(categories)}</categories>'
            f'<symbols>{"".join(symbols)}</symbols></renderer-v2></qgis>')


def intervention_layer(project) -> FlatLayer:
    rows = intervention_rows(project)
    kinds = project.quantity_kinds()
    themes = project.themes()
    taken = set()
    fixed = [("uuid", "text"), ("nummer", "integer"), ("titel", "text"), ("omschrijving", "text"),
             ("themas", "text"), ("hoofdthema", "text"), ("kleur", "text"), ("status", "text"),
             ("horizon", "text"), ("stemmen", "integer"), ("bijeenkomsten", "text"),
             ("oppervlakte_m2", "real"), ("lengte_m", "real"), ("toets_eindoordeel", "text"),
             ("afhandeling", "text"), ("instrument", "text"), ("antwoord", "text"), ("beantwoord_op", "text"),
             ("beantwoord_door", "text")]
    for name, _kind in fixed:
        taken.add(name)
    quantity_columns = [(_unique(kind.label, taken), "real") for kind in kinds]
    theme_columns = [(_unique(theme.name, taken), "integer") for theme in themes]
    values = []
    for row in rows:
        names = set(row.themes)
        values.append((row.uuid, row.number, row.title, row.description, "; ".join(row.themes), row.primary_theme,
                       row.color, row.status, row.horizon, row.votes, "; ".join(row.sessions), row.area_m2,
                       row.length_m, row.verdict, row.disposition, row.instrument, row.answer, row.answered_on,
                       row.answered_by, *[row.quantities.get(k.key) for k in kinds],
                       *[1 if t.name in names else 0 for t in themes], row.geometry))
    return FlatLayer("ideeen", _("Ideeën"), project.info.name, fixed + quantity_columns + theme_columns, values,
                     style_qml=theme_style(project), style_name=_("Hoofdthema"))


def _table_name(name, taken) -> str:
    base = "ref_" + (re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_") or "laag")
    return _unique(base[:50], taken)


def reference_layers(project, taken, identifiers) -> list:
    layers = []
    for layer in project.reference_layers():
        keys = []
        for feature in layer.features:
            for key, _value in feature.properties:
                if key not in keys:
                    keys.append(key)
        column_taken = {"fid", "geom", "label"}
        columns = [("label", "text")] + [(_unique(key, column_taken), "text") for key in keys]
        rows = [(f.label, *[dict(f.properties).get(k) for k in keys], f.geometry) for f in layer.features]
        # gpkg_contents wants unique identifiers; a layer may be called "Gebied" too.
        identifier = _unique(layer.name, identifiers)
        layers.append(FlatLayer(_table_name(layer.name, taken), identifier, layer.credit, columns, rows))
    return layers


def export_gpkg(project, out) -> int:
    with writing(out, project.path) as temporary:  # refused before any work when out is not to be replaced
        layers = [intervention_layer(project)]
        taken = {"ideeen", "gebied"}
        area = project.area
        if area is not None:
            layers.append(FlatLayer("gebied", _("Gebied"), area.name, [("naam", "text")],
                                    [(area.name, area.geometry)]))
        identifiers = {layer.identifier.casefold() for layer in layers}
        layers += reference_layers(project, taken, identifiers)
        write_flat_geopackage(temporary, layers)
    return len(layers[0].rows)
