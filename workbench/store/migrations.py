"""Numbered migrations of the workbench schema; each runs in its own transaction.

The schema version lives in ``workbench_meta`` (``user_version`` belongs to the
GeoPackage spec). Add a migration by appending a function to ``MIGRATIONS``; never
change one that has shipped.
"""

from workbench.store.connection import run_script, transaction
from workbench.store.schema import create_core, register_attributes, register_features

FK = "DEFERRABLE INITIALLY DEFERRED"


def _v1_initial(conn) -> None:
    create_core(conn)
    run_script(conn, f"""
    CREATE TABLE workbench_meta (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, value TEXT);
    CREATE TABLE project_info (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '',
      municipality TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
      next_steps TEXT NOT NULL DEFAULT '', credits TEXT NOT NULL DEFAULT '',
      theme_set TEXT NOT NULL DEFAULT '');
    CREATE TABLE themes (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
      color TEXT NOT NULL DEFAULT '#777777', description TEXT NOT NULL DEFAULT '',
      parent_uuid TEXT REFERENCES themes(uuid) {FK}, sort_order INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE quantity_kinds (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, key TEXT NOT NULL UNIQUE,
      label TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '', sort_order INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE goals (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '', theme_uuid TEXT REFERENCES themes(uuid) {FK},
      indicator TEXT NOT NULL DEFAULT '', unit TEXT NOT NULL DEFAULT '', target REAL,
      quantity_key TEXT);
    CREATE TABLE sessions (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
      date TEXT NOT NULL DEFAULT '', place TEXT NOT NULL DEFAULT '',
      facilitator TEXT NOT NULL DEFAULT '', participants INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE area (
      fid INTEGER PRIMARY KEY AUTOINCREMENT, geom GEOMETRY, uuid TEXT UNIQUE, name TEXT);
    CREATE TABLE interventions (
      fid INTEGER PRIMARY KEY AUTOINCREMENT, geom GEOMETRY, uuid TEXT UNIQUE, number INTEGER,
      title TEXT, description TEXT, status TEXT, horizon TEXT, primary_theme_uuid TEXT,
      created_session_uuid TEXT, changed_session_uuid TEXT, created_at TEXT, changed_at TEXT);
    CREATE TABLE intervention_themes (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
      intervention_uuid TEXT NOT NULL REFERENCES interventions(uuid) ON DELETE CASCADE {FK},
      theme_uuid TEXT NOT NULL REFERENCES themes(uuid) ON DELETE CASCADE {FK},
      UNIQUE (intervention_uuid, theme_uuid));
    CREATE TABLE intervention_goals (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
      intervention_uuid TEXT NOT NULL REFERENCES interventions(uuid) ON DELETE CASCADE {FK},
      goal_uuid TEXT NOT NULL REFERENCES goals(uuid) ON DELETE CASCADE {FK},
      UNIQUE (intervention_uuid, goal_uuid));
    CREATE TABLE intervention_quantities (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
      intervention_uuid TEXT NOT NULL REFERENCES interventions(uuid) ON DELETE CASCADE {FK},
      quantity_key TEXT NOT NULL, value REAL NOT NULL,
      UNIQUE (intervention_uuid, quantity_key));
    CREATE TABLE votes (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
      intervention_uuid TEXT NOT NULL REFERENCES interventions(uuid) ON DELETE CASCADE {FK},
      session_uuid TEXT NOT NULL REFERENCES sessions(uuid) ON DELETE CASCADE {FK},
      count INTEGER NOT NULL DEFAULT 0, UNIQUE (intervention_uuid, session_uuid));
    CREATE TABLE quotes (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, text TEXT NOT NULL,
      speaker TEXT NOT NULL DEFAULT '',
      intervention_uuid TEXT REFERENCES interventions(uuid) ON DELETE SET NULL {FK},
      session_uuid TEXT REFERENCES sessions(uuid) ON DELETE SET NULL {FK});
    CREATE TABLE tombstones (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
      deleted_at TEXT NOT NULL, session_uuid TEXT);
    CREATE TABLE reference_layers (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, table_name TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL, credit TEXT NOT NULL DEFAULT '');
    CREATE INDEX idx_votes_intervention ON votes(intervention_uuid);
    CREATE INDEX idx_quotes_intervention ON quotes(intervention_uuid);
    """)
    register_features(conn, "area", "Gebied", "De grens van het plangebied")
    register_features(conn, "interventions", "Ideeën", "Voorgestelde ingrepen")
    for table, identifier in [
        ("workbench_meta", "Werkbank: schema"), ("project_info", "Project"), ("themes", "Thema's"),
        ("quantity_kinds", "Soorten hoeveelheden"), ("goals", "Doelen"), ("sessions", "Bijeenkomsten"),
        ("intervention_themes", "Idee-thema"), ("intervention_goals", "Idee-doel"),
        ("intervention_quantities", "Idee-hoeveelheid"), ("votes", "Stemmen"), ("quotes", "Citaten"),
        ("tombstones", "Verwijderd"), ("reference_layers", "Referentielagen"),
    ]:
        register_attributes(conn, table, identifier)


def _v2_actor_notes_contact(conn) -> None:
    """The trekker/actor and notes of an intervention; a contact line for the handout."""
    run_script(conn, """
    ALTER TABLE interventions ADD COLUMN actor TEXT NOT NULL DEFAULT '';
    ALTER TABLE interventions ADD COLUMN notes TEXT NOT NULL DEFAULT '';
    ALTER TABLE project_info ADD COLUMN contact TEXT NOT NULL DEFAULT '';
    """)


def _v3_underlays(conn) -> None:
    """Raster underlays: the image bytes and their world-file placement, in the file."""
    run_script(conn, """
    CREATE TABLE underlays (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '',
      image BLOB NOT NULL, image_format TEXT NOT NULL DEFAULT 'png',
      a REAL NOT NULL, d REAL NOT NULL, b REAL NOT NULL, e REAL NOT NULL,
      c REAL NOT NULL, f REAL NOT NULL, opacity REAL NOT NULL DEFAULT 0.7);
    """)
    register_attributes(conn, "underlays", "Ondergronden")


def _v4_basemaps(conn) -> None:
    """Base maps: the GeoPackage tile-pyramid tables, and the attribution and licence of
    each tile table (``basemaps``). The tiles themselves go in one table per base map,
    created when one is downloaded or imported (store/tiles.py). ``IF NOT EXISTS``: QGIS
    or GDAL may already have added the standard tables to the file (and a file whose
    version number was set back by hand still opens)."""
    run_script(conn, """
    CREATE TABLE IF NOT EXISTS gpkg_tile_matrix_set (
      table_name TEXT NOT NULL PRIMARY KEY, srs_id INTEGER NOT NULL,
      min_x DOUBLE NOT NULL, min_y DOUBLE NOT NULL, max_x DOUBLE NOT NULL, max_y DOUBLE NOT NULL,
      CONSTRAINT fk_gtms_table_name FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
      CONSTRAINT fk_gtms_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
    CREATE TABLE IF NOT EXISTS gpkg_tile_matrix (
      table_name TEXT NOT NULL, zoom_level INTEGER NOT NULL,
      matrix_width INTEGER NOT NULL, matrix_height INTEGER NOT NULL,
      tile_width INTEGER NOT NULL, tile_height INTEGER NOT NULL,
      pixel_x_size DOUBLE NOT NULL, pixel_y_size DOUBLE NOT NULL,
      CONSTRAINT pk_ttm PRIMARY KEY (table_name, zoom_level),
      CONSTRAINT fk_tmm_table_name FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name));
    CREATE TABLE IF NOT EXISTS basemaps (
      id INTEGER PRIMARY KEY, table_name TEXT NOT NULL UNIQUE, title TEXT NOT NULL DEFAULT '',
      attribution TEXT NOT NULL DEFAULT '', licence TEXT NOT NULL DEFAULT '',
      source TEXT NOT NULL DEFAULT '', tiling TEXT NOT NULL DEFAULT 'rd');
    """)
    if not conn.execute("SELECT 1 FROM gpkg_contents WHERE table_name = 'basemaps'").fetchone():
        register_attributes(conn, "basemaps", "Werkbank: basiskaarten")


def _v5_reference_styles(conn) -> None:
    """The style of each reference layer (JSON of core.layer_style.LayerStyle); NULL is
    "the default for what the layer holds". Skipped when the column is there already (a
    file whose version number was set back by hand or another tool)."""
    if not any(row[1] == "style" for row in conn.execute("PRAGMA table_info(reference_layers)")):
        run_script(conn, "ALTER TABLE reference_layers ADD COLUMN style TEXT;")


def _v6_toets(conn) -> None:
    """The visie-toets and the terugkoppeling: a verdict per idea and criterion, an answer
    per idea ("Wat doen we met uw idee?"), how a session gathered its input, and a line
    printed on every page (the samples: "Fictief voorbeeld"). Like 4 and 5 it can run on
    a file that has some of it already (a version number set back by hand)."""
    run_script(conn, f"""
    CREATE TABLE IF NOT EXISTS verdicts (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
      intervention_uuid TEXT NOT NULL REFERENCES interventions(uuid) ON DELETE CASCADE {FK},
      criterion TEXT NOT NULL, verdict TEXT NOT NULL, condition TEXT NOT NULL DEFAULT '',
      reason TEXT NOT NULL DEFAULT '', changed_at TEXT NOT NULL DEFAULT '',
      UNIQUE (intervention_uuid, criterion));
    CREATE TABLE IF NOT EXISTS answers (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
      intervention_uuid TEXT NOT NULL UNIQUE REFERENCES interventions(uuid) ON DELETE CASCADE {FK},
      disposition TEXT NOT NULL, text TEXT NOT NULL DEFAULT '', instrument TEXT NOT NULL DEFAULT '',
      referred_to TEXT NOT NULL DEFAULT '', answered_on TEXT NOT NULL DEFAULT '',
      answered_by TEXT NOT NULL DEFAULT '', changed_at TEXT NOT NULL DEFAULT '');
    """)
    for table, column, kind in (("sessions", "method", "TEXT NOT NULL DEFAULT ''"),
                                ("sessions", "target_group", "TEXT NOT NULL DEFAULT ''"),
                                ("sessions", "part", "TEXT NOT NULL DEFAULT ''"),
                                ("project_info", "disclaimer", "TEXT NOT NULL DEFAULT ''"),
                                ("quotes", "theme_uuid", f"TEXT REFERENCES themes(uuid) ON DELETE SET NULL {FK}")):
        if not any(row[1] == column for row in conn.execute(f"PRAGMA table_info({table})")):
            run_script(conn, f"ALTER TABLE {table} ADD COLUMN {column} {kind};")
    for table, identifier in (("verdicts", "Toetsing"), ("answers", "Terugkoppeling")):
        if not conn.execute("SELECT 1 FROM gpkg_contents WHERE table_name = ?", (table,)).fetchone():
            register_attributes(conn, table, identifier)


def _row_versions(conn) -> None:
    """The version vector of every exchanged row (core/versions.py), alive or deleted.
    Self-contained and idempotent (store/versions.py), so it may run under any number."""
    from workbench.store.versions import ensure_table

    ensure_table(conn)


MIGRATIONS = [_v1_initial, _v2_actor_notes_contact, _v3_underlays, _v4_basemaps, _v5_reference_styles,
              _v6_toets, _row_versions]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn) -> int:
    row = conn.execute("SELECT value FROM workbench_meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(conn, target: int = SCHEMA_VERSION) -> list:
    """Run the migrations from the file's version up to ``target``; returns those run."""
    has_meta = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='workbench_meta'").fetchone()
    current = schema_version(conn) if has_meta else 0
    done = []
    for number in range(current + 1, target + 1):
        with transaction(conn):  # one transaction per migration
            MIGRATIONS[number - 1](conn)
            conn.execute("INSERT INTO workbench_meta (key, value) VALUES ('schema_version', ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(number),))
        done.append(number)
    return done
