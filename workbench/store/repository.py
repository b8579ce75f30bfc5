"""Reading a project file into a :class:`ProjectState` and writing changes back.

Every :meth:`Repository.apply` is one transaction: all changes of a command are
committed together (fsync included, ``synchronous=FULL``) or none is.
"""

import hashlib
import json
import uuid as uuid_mod
from dataclasses import asdict, fields

from workbench.core.layer_style import LayerStyle
from workbench.core.model import (
    Answer, Area, Goal, Intervention, ProjectInfo, ProjectState, Quote, QuantityKind, ReferenceFeature,
    ReferenceLayer, Session, Theme, Tombstone, Underlay, Verdict, Vote, uuid_text, uuid_texts)
from workbench.store import gpkg_blob, replica
from workbench.store import versions as row_versions
from workbench.store.connection import transaction
from workbench.store.feature_rows import write_interventions
from workbench.store.errors import refused_commits
from workbench.store.repair import repair_geometries, sanitize_state, text_columns_hold_only_text
from workbench.store.schema import register_features, unregister
from workbench.store.seal import data_version, seal

# Attribute tables whose columns are exactly the entity's fields (besides ``id``).
SIMPLE_TABLES = {
    "theme": ("themes", Theme),
    "quantity_kind": ("quantity_kinds", QuantityKind),
    "goal": ("goals", Goal),
    "session": ("sessions", Session),
    "vote": ("votes", Vote),
    "quote": ("quotes", Quote),
    "tombstone": ("tombstones", Tombstone),
    "underlay": ("underlays", Underlay),
    "verdict": ("verdicts", Verdict),
    "answer": ("answers", Answer),
}

# Columns a later migration added to an existing table (see store/migrations.py).
LATER_COLUMNS = {"sessions": {"method", "target_group", "part"}, "project_info": {"disclaimer"}, "quotes": {"theme_uuid"}}

INFO_COLUMNS = tuple(f.name for f in fields(ProjectInfo))



_URL_NAMESPACE = uuid_mod.NAMESPACE_URL.bytes


def link_uuid(a: str, b: str) -> str:
    """A stable UUID for a link row, so copies of a file agree on it when merged:
    ``str(uuid.uuid5(uuid.NAMESPACE_URL, f"{a}/{b}"))``, without the UUID object."""
    return uuid_text(hashlib.sha1(_URL_NAMESPACE + f"{a}/{b}".encode()).digest(), 5)


def link_uuids(pairs) -> list:
    """:func:`link_uuid` of many (a, b) pairs, formatted at once (an import's links)."""
    sha1, namespace = hashlib.sha1, _URL_NAMESPACE
    return uuid_texts(b"".join([sha1(namespace + f"{a}/{b}".encode()).digest()[:16] for a, b in pairs]), 5)


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


def _style_json(layer):
    return layer.style.to_json() if layer.style is not None else None


def _columns(entity_class):
    return tuple(f.name for f in fields(entity_class))


class Repository:
    def __init__(self, conn, read_only=False):
        self.conn = conn
        self.read_only = read_only
        self.warnings = []  # what the last load() repaired or could not use
        self.clean = False  # opened checked, nothing left unusable: our commits may seal (store/seal.py)
        self.data_version = None  # PRAGMA data_version when it was checked
        # The replica id edits are counted under (core/versions.py): fresh here; a file
        # opened for writing under its lock reuses its own (store/replica.py).
        self.replica = uuid_mod.uuid4().hex[:16]
        self._replica_record = None  # to store with the first write (store/replica.py)
        self._versions_ready = False

    def versions(self) -> dict:
        """{uuid: (kind, version vector, alive)} of the rows replicas exchange."""
        return row_versions.load(self.conn)

    # -- reading ----------------------------------------------------------------

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
            columns = _columns(cls)
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

    def setting(self, key, default=None):
        row = self.conn.execute("SELECT value FROM workbench_meta WHERE key = ?", (f"setting.{key}",)).fetchone()
        return row[0] if row else default

    # -- writing ----------------------------------------------------------------

    def set_setting(self, key, value) -> None:
        if self.read_only:
            return
        with refused_commits(self.conn):
            with transaction(self.conn):
                self.conn.execute("INSERT INTO workbench_meta (key, value) VALUES (?, ?) "
                                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                                  (f"setting.{key}", value))

    def apply(self, changes) -> None:
        if self.read_only:
            from workbench.errors import ProjectFileError
            from workbench.i18n import _

            raise ProjectFileError(_("Dit project is alleen-lezen geopend; wijzigingen worden niet bewaard."))
        with refused_commits(self.conn):
            self._apply(changes)

    def _apply(self, changes) -> None:
        touched = set()
        new_interventions = []  # consecutive additions are written in bulk (imports, merges)
        with transaction(self.conn):
            for change in changes:
                if change.kind == "intervention" and change.before is None and change.after is not None:
                    new_interventions.append(change.after)
                    touched.add(change.kind)
                    continue
                self._insert_interventions(new_interventions)
                new_interventions = []
                if change.kind in SIMPLE_TABLES:
                    self._write_simple(change)
                else:
                    getattr(self, f"_write_{change.kind}")(change)
                touched.add(change.kind)
            self._insert_interventions(new_interventions)
            row_versions.record(self.conn, self.replica, changes, self._versions_ready)
            if self._replica_record is not None:
                replica.remember(self.conn, self._replica_record)
            self._versions_ready = True
            if "intervention" in touched:
                self.conn.execute("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
                                  "WHERE table_name = 'interventions'")
            if self.clean and data_version(self.conn) == self.data_version:
                seal(self.conn)  # our own write to a checked file: the next open need not check again
            else:
                self.clean = False  # another program wrote meanwhile: the next open checks everything

    def _write_simple(self, change) -> None:
        table, cls = SIMPLE_TABLES[change.kind]
        if change.after is None:
            self.conn.execute(f"DELETE FROM {table} WHERE uuid = ?", (change.uuid,))
            return
        values = asdict(change.after)
        columns = _columns(cls)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "uuid")
        self.conn.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT(uuid) DO UPDATE SET {updates}", [values[c] for c in columns])

    def _write_info(self, change) -> None:
        info = change.after
        values = [getattr(info, c) for c in INFO_COLUMNS]
        if self.conn.execute("SELECT 1 FROM project_info").fetchone():
            self.conn.execute(f"UPDATE project_info SET {', '.join(c + ' = ?' for c in INFO_COLUMNS)}", values)
        else:
            self.conn.execute(f"INSERT INTO project_info (uuid, {', '.join(INFO_COLUMNS)}) "
                              f"VALUES (?, {', '.join('?' * len(INFO_COLUMNS))})",
                              [str(uuid_mod.uuid4())] + values)

    def _write_area(self, change) -> None:
        if change.after is None:
            self.conn.execute("DELETE FROM area WHERE uuid = ?", (change.uuid,))
            return
        area = change.after
        blob = gpkg_blob.encode(area.geometry)
        if self.conn.execute("UPDATE area SET geom = ?, name = ? WHERE uuid = ?",
                             (blob, area.name, area.uuid)).rowcount == 0:
            self.conn.execute("INSERT INTO area (uuid, name, geom) VALUES (?, ?, ?)", (area.uuid, area.name, blob))
        self._set_extent("area", area.geometry.bounds)

    def _set_extent(self, table, bounds) -> None:
        self.conn.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? "
                          "WHERE table_name = ?", (*bounds, table))

    def _insert_interventions(self, items) -> None:
        """New interventions and their links, a statement per table (no links exist yet:
        deleting an intervention cascades to its links)."""
        if not items:
            return
        write_interventions(self.conn, items)
        for table, column, field in (("intervention_themes", "theme_uuid", "theme_uuids"),
                                     ("intervention_goals", "goal_uuid", "goal_uuids")):
            links = [(i.uuid, target) for i in items for target in getattr(i, field)]
            self.conn.executemany(
                f"INSERT INTO {table} (uuid, intervention_uuid, {column}) VALUES (?, ?, ?)",
                [(uuid, owner, target) for uuid, (owner, target) in zip(link_uuids(links), links)])
        values = [(i.uuid, key, value) for i in items for key, value in i.quantities]
        self.conn.executemany(
            "INSERT INTO intervention_quantities (uuid, intervention_uuid, quantity_key, value) VALUES (?,?,?,?)",
            [(uuid, *row) for uuid, row in zip(link_uuids([row[:2] for row in values]), values)])

    def _write_intervention(self, change) -> None:
        uuid = change.uuid
        if change.after is None:
            self.conn.execute("DELETE FROM interventions WHERE uuid = ?", (uuid,))
            return
        item = change.after
        write_interventions(self.conn, [item])
        before = change.before
        if before.theme_uuids != item.theme_uuids:
            self._replace_links("intervention_themes", "theme_uuid", uuid, item.theme_uuids)
        if before.goal_uuids != item.goal_uuids:
            self._replace_links("intervention_goals", "goal_uuid", uuid, item.goal_uuids)
        if before.quantities != item.quantities:
            self.conn.execute("DELETE FROM intervention_quantities WHERE intervention_uuid = ?", (uuid,))
            self.conn.executemany(
                "INSERT INTO intervention_quantities (uuid, intervention_uuid, quantity_key, value) VALUES (?,?,?,?)",
                [(link_uuid(uuid, key), uuid, key, value) for key, value in item.quantities])

    def _replace_links(self, table, column, owner, targets) -> None:
        self.conn.execute(f"DELETE FROM {table} WHERE intervention_uuid = ?", (owner,))
        self.conn.executemany(
            f"INSERT INTO {table} (uuid, intervention_uuid, {column}) VALUES (?, ?, ?)",
            [(link_uuid(owner, target), owner, target) for target in targets])

    def _write_reference_layer(self, change) -> None:
        if change.after is None:
            row = self.conn.execute("SELECT table_name FROM reference_layers WHERE uuid = ?",
                                    (change.uuid,)).fetchone()
            if row:
                self.conn.execute(f'DROP TABLE IF EXISTS "{row[0]}"')
                unregister(self.conn, row[0])
                self.conn.execute("DELETE FROM reference_layers WHERE uuid = ?", (change.uuid,))
            return
        layer = change.after
        if change.before is not None:  # same features (read-only in the app): name, credit, style
            self.conn.execute("UPDATE reference_layers SET name = ?, credit = ?, style = ? WHERE uuid = ?",
                              (layer.name, layer.credit, _style_json(layer), layer.uuid))
            return
        table = "ref_" + layer.uuid.replace("-", "")[:12]
        self.conn.execute(f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom GEOMETRY, '
                          "uuid TEXT UNIQUE, label TEXT, properties TEXT)")
        register_features(self.conn, table, self._free_identifier(layer.name), layer.credit)
        self.conn.executemany(
            f'INSERT INTO "{table}" (uuid, label, properties, geom) VALUES (?, ?, ?, ?)',
            [(f.uuid, f.label, json.dumps(dict(f.properties), ensure_ascii=False), gpkg_blob.encode(f.geometry))
             for f in layer.features])
        if layer.features:
            import shapely

            bounds = shapely.total_bounds([f.geometry for f in layer.features])
            self._set_extent(table, [float(b) for b in bounds])
        self.conn.execute("INSERT INTO reference_layers (uuid, table_name, name, credit, style) VALUES (?, ?, ?, ?, ?)",
                          (layer.uuid, table, layer.name, layer.credit, _style_json(layer)))

    def _free_identifier(self, name: str) -> str:
        """``name``, or ``name (2)``...: gpkg_contents identifiers are unique, and a
        reference layer may be called like one of our own tables ("Gebied")."""
        candidate, number = name, 1
        while self.conn.execute("SELECT 1 FROM gpkg_contents WHERE identifier = ?", (candidate,)).fetchone():
            number += 1
            candidate = f"{name} ({number})"
        return candidate

    def close(self) -> None:
        self.conn.close()
