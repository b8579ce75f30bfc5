"""Writing changes back to a project file (reading is ``store/reading.py``).

Every :meth:`Repository.apply` is one transaction: all changes of a command are
committed together (fsync included, ``synchronous=FULL``) or none is.
"""

import json
import uuid as uuid_mod
from dataclasses import asdict
from operator import attrgetter

from workbench.store import gpkg_blob, replica
from workbench.store import versions as row_versions
from workbench.store.connection import transaction
from workbench.store.errors import refused_commits
from workbench.store.feature_rows import write_interventions
from workbench.store.reading import StateReader
from workbench.store.schema import register_features, unregister
from workbench.store.seal import data_version, seal
from workbench.store.tables import INFO_COLUMNS, SIMPLE_TABLES, columns_of, insert_many, link_uuid, link_uuids

def _style_json(layer):
    return layer.style.to_json() if layer.style is not None else None


class Repository(StateReader):
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
                    continue
                if new_interventions:
                    self._insert_interventions(new_interventions)
                    touched.add("intervention")
                    new_interventions = []
                if change.kind in SIMPLE_TABLES:
                    self._write_simple(change)
                else:
                    getattr(self, f"_write_{change.kind}")(change)
                touched.add(change.kind)
            if new_interventions:
                self._insert_interventions(new_interventions)
                touched.add("intervention")
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
        self._replica_record = None  # committed: stored once, not again with every write

    def _write_simple(self, change) -> None:
        table, cls = SIMPLE_TABLES[change.kind]
        if change.after is None:
            self.conn.execute(f"DELETE FROM {table} WHERE uuid = ?", (change.uuid,))
            return
        values = asdict(change.after)
        columns = columns_of(cls)
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
        """New interventions and their links, multi-row statements per table (no links exist yet:
        deleting an intervention cascades to its links)."""
        if not items:
            return
        write_interventions(self.conn, items)
        for table, column, targets_of in (("intervention_themes", "theme_uuid", attrgetter("theme_uuids")),
                                          ("intervention_goals", "goal_uuid", attrgetter("goal_uuids"))):
            links = [(i.uuid, target) for i in items for target in targets_of(i)]
            if links:
                owners, targets = zip(*links)
                insert_many(self.conn, f"INSERT INTO {table} (uuid, intervention_uuid, {column}) VALUES ", "(?, ?, ?)",
                            list(zip(link_uuids(links), owners, targets)))
        values = [(i.uuid, key, value) for i in items for key, value in i.quantities]
        if values:
            insert_many(self.conn, "INSERT INTO intervention_quantities (uuid, intervention_uuid, quantity_key, value) "
                                   "VALUES ", "(?, ?, ?, ?)",
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
