"""Reading a project file into a :class:`ProjectState` (a mixin of ``Repository``, which
writes): the attribute tables, ideas with their links, the area and reference layers,
then the checks for what other tools wrote (skipped when the file is trusted)."""

import json

from workbench.core.layer_style import LayerStyle
from workbench.core.model import Area, Intervention, ProjectInfo, ProjectState, ReferenceFeature, ReferenceLayer
from workbench.store import gpkg_blob
from workbench.store.repair import repair_geometries, sanitize_state, text_columns_hold_only_text
from workbench.store.tables import INFO_COLUMNS, LATER_COLUMNS, SIMPLE_TABLES, columns_of, link_uuid


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value if isinstance(value, str) else str(value)


def _properties(text) -> tuple:
    """A reference feature's properties column (JSON object); anything else is none."""
    try:
        values = json.loads(text or "{}")
    except (TypeError, ValueError):
        return ()
    if not isinstance(values, dict):
        return ()
    return tuple(sorted(values.items()))


class StateReader:
    """``load`` and its parts; expects ``conn``, ``read_only``, ``warnings`` and ``apply``."""

    def load(self, trusted=False) -> ProjectState:
        """The project in memory. ``trusted``: only the workbench wrote the file since it
        last checked it (``store/seal.py``), so the checks for foreign edits are skipped."""
        self._trusted = trusted
        state = ProjectState()
        info_columns = [c for c in INFO_COLUMNS if c not in LATER_COLUMNS["project_info"]
                        or any(r[1] == c for r in self.conn.execute("PRAGMA table_info(project_info)"))]
        row = self.conn.execute(f"SELECT {', '.join(info_columns)} FROM project_info LIMIT 1").fetchone()
        if row:
            state.info = ProjectInfo(**{c: value or "" for c, value in zip(info_columns, row)})
        existing = {row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for kind, (table, cls) in SIMPLE_TABLES.items():
            if table not in existing:
                continue  # an older file opened read-only, not migrated (e.g. no underlays yet)
            columns = columns_of(cls)
            present = {row[1] for row in self.conn.execute(f"PRAGMA table_info({table})")}
            if set(columns) - present and set(columns) - present <= LATER_COLUMNS.get(table, set()):
                # an older file opened read-only (not migrated): the later columns' defaults
                columns = [c for c in columns if c in present]
                for values in self.conn.execute(f"SELECT {', '.join(columns)} FROM {table}"):
                    entity = cls(**dict(zip(columns, values)))
                    state.entities[kind][entity.uuid] = entity
                continue
            for values in self.conn.execute(f"SELECT {', '.join(columns)} FROM {table}"):
                entity = cls(*values)
                state.entities[kind][entity.uuid] = entity
        state.entities["intervention"] = self._load_interventions()
        areas = self.conn.execute("SELECT uuid, name, geom FROM area WHERE geom IS NOT NULL").fetchall()
        for (uuid, name, _blob), geometry in zip(areas, gpkg_blob.decode_many([r[2] for r in areas])):
            if geometry is None or geometry.is_empty or uuid is None:
                from workbench.i18n import _

                self.warnings.append(_("Het gebied heeft een onleesbare vorm en wordt niet getoond."))
                continue
            state.entities["area"][uuid] = Area(uuid, name or "", geometry)
        for layer in self._load_reference_layers():
            state.entities["reference_layer"][layer.uuid] = layer
        if trusted:
            return state
        changes, warnings = sanitize_state(state, check_text=not text_columns_hold_only_text(self.conn))
        self.warnings += warnings
        if changes and not self.read_only:
            self.apply(changes)  # so links (a theme's parent) agree with memory in the file
        return state

    def _links(self, table, column):
        links = {}
        for owner, value in self.conn.execute(f"SELECT intervention_uuid, {column} FROM {table} ORDER BY id"):
            links.setdefault(owner, []).append(value)
        return links

    def _load_interventions(self) -> dict:
        # Columns in the order of the Intervention fields, NULLs (from QGIS) as defaults,
        # so each row becomes an entity without per-field Python work.
        rows = self.conn.execute(
            "SELECT uuid, number, COALESCE(title, ''), COALESCE(description, ''), COALESCE(status, 'idee'), "
            "COALESCE(horizon, ''), primary_theme_uuid, COALESCE(actor, ''), COALESCE(notes, ''), "
            "created_session_uuid, changed_session_uuid, COALESCE(created_at, ''), COALESCE(changed_at, ''), geom "
            "FROM interventions WHERE uuid IS NOT NULL").fetchall()
        geometries = gpkg_blob.decode_many([row[-1] for row in rows])
        # A NULL geometry is an idea without a place (a wish for the whole area); only a
        # blob that is there but unusable is repaired or reported.
        if getattr(self, "_trusted", False):
            fixed = {}  # every shape was checked when it was written
        else:
            fixed, self.warnings = repair_geometries(
                None if self.read_only else self.conn,
                [(r[0], r[1], g) for r, g in zip(rows, geometries) if r[-1] is not None])
        themes = self._links("intervention_themes", "theme_uuid")
        goals = self._links("intervention_goals", "goal_uuid")
        quantities = {}
        for owner, key, value in self.conn.execute(
                "SELECT intervention_uuid, quantity_key, value FROM intervention_quantities"):
            # a key that is not text (a BLOB written by another tool) becomes text; sorted by
            # key alone, so an unusable value (text, fixed by sanitize_state) cannot break it
            quantities.setdefault(owner, []).append((_text(key), value))
        result = {}
        for row, geometry in zip(rows, geometries):
            uuid = row[0]
            if uuid in fixed:
                geometry = fixed[uuid]
                if geometry is None:
                    continue  # unusable; reported in self.warnings
            result[uuid] = Intervention(
                uuid, row[1], row[2], geometry, row[3], row[4], row[5], tuple(themes.get(uuid, ())), row[6],
                tuple(goals.get(uuid, ())), tuple(sorted(quantities.get(uuid, ()), key=lambda kv: kv[0])), row[7], row[8],
                row[9], row[10], row[11], row[12])
        return result

    def _load_reference_layers(self) -> list:
        import sqlite3

        from workbench.i18n import _

        layers = []
        has_style = any(row[1] == "style" for row in self.conn.execute("PRAGMA table_info(reference_layers)"))
        for uuid, table, name, credit, stored_style in self.conn.execute(
                f"SELECT uuid, table_name, name, credit, {'style' if has_style else 'NULL'} "
                "FROM reference_layers ORDER BY id").fetchall():
            try:
                rows = self.conn.execute(f'SELECT uuid, label, properties, geom FROM "{table}" '
                                         "WHERE geom IS NOT NULL ORDER BY fid").fetchall()
            except sqlite3.OperationalError:  # its table was deleted (or renamed) in QGIS
                self.warnings.append(_("De referentielaag '{name}' ontbreekt in het bestand en wordt niet "
                                       "getoond.").format(name=name))
                continue
            geometries = gpkg_blob.decode_many([r[3] for r in rows])
            features = tuple(
                ReferenceFeature(r[0] or link_uuid(uuid, str(i)), r[1] or "", g, _properties(r[2]))
                for i, (r, g) in enumerate(zip(rows, geometries)) if g is not None)
            layer_style = LayerStyle.from_json(stored_style) if isinstance(stored_style, str) else None
            if stored_style is not None and layer_style is None:
                self.warnings.append(_("De opmaak van referentielaag '{name}' is onleesbaar; de standaardopmaak "
                                       "wordt gebruikt.").format(name=name))
            layers.append(ReferenceLayer(uuid, name, credit, features, layer_style))
        return layers
