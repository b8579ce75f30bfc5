"""The shared database's schema: numbered migrations (``init`` runs those missing).

Table and view names are Dutch (the municipality's GIS team reads them in QGIS); all
statements here are fixed text, no user value is ever part of them.
"""

SCHEMA = "werkbank"
FACILITATOR, VIEWER = "werkbank_facilitator", "werkbank_viewer"


def _reader(column) -> str:
    """SQL true when the querying role may read the project in ``column``: a viewer (the
    summaries are the public face), a superuser, the schema's owner, or a role with a
    grant for it. Views run as their owner, so without this a facilitator would read
    every project through them; ``current_user`` in a view is the querying role."""
    return (f"({column} IN (SELECT g.project_uuid FROM {SCHEMA}.toegang g JOIN pg_roles o ON o.rolname = g.rol "
            f"WHERE pg_has_role(current_user, o.oid, 'MEMBER')) "
            f"OR pg_has_role(current_user, '{VIEWER}', 'MEMBER') "
            f"OR (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) "
            f"OR pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = '{SCHEMA}.rijen'::regclass), "
            "'MEMBER'))")


def _ideas_view(reader="") -> str:
    return f"""    CREATE OR REPLACE VIEW {SCHEMA}.ideeen AS
      SELECT r.project_uuid, r.uuid, (r.gegevens->>'number')::int AS nummer, r.gegevens->>'title' AS titel,
             r.gegevens->>'description' AS omschrijving, r.gegevens->>'status' AS status,
             r.gegevens->>'horizon' AS horizon,
             (SELECT t.gegevens->>'name' FROM {SCHEMA}.rijen t WHERE t.project_uuid = r.project_uuid
                AND t.uuid = r.gegevens->>'primary_theme_uuid' AND t.levend) AS hoofdthema,
             (SELECT string_agg(t.gegevens->>'name', '; ' ORDER BY t.gegevens->>'name') FROM {SCHEMA}.rijen t
                WHERE t.project_uuid = r.project_uuid AND t.levend AND t.soort = 'theme'
                AND r.gegevens->'theme_uuids' ? t.uuid) AS themas,
             r.geom
      FROM {SCHEMA}.rijen r WHERE r.soort = 'intervention' AND r.levend{reader};"""


def _migration_1(cur) -> None:
    cur.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    cur.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    cur.execute(f"""
    CREATE TABLE IF NOT EXISTS {SCHEMA}.projecten (uuid text PRIMARY KEY, naam text NOT NULL DEFAULT '');
    CREATE TABLE IF NOT EXISTS {SCHEMA}.toegang (
      project_uuid text NOT NULL, rol name NOT NULL, PRIMARY KEY (project_uuid, rol));
    CREATE TABLE IF NOT EXISTS {SCHEMA}.rijen (
      project_uuid text NOT NULL, uuid text NOT NULL, soort text NOT NULL,
      versie jsonb NOT NULL DEFAULT '{{}}', levend boolean NOT NULL DEFAULT true,
      gegevens jsonb NOT NULL DEFAULT '{{}}', geom geometry(Geometry, 28992),
      gewijzigd timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (project_uuid, uuid));
    CREATE INDEX IF NOT EXISTS rijen_geom ON {SCHEMA}.rijen USING gist (geom);
    CREATE INDEX IF NOT EXISTS rijen_soort ON {SCHEMA}.rijen (project_uuid, soort);
    """)
    # Views QGIS opens directly; they hold no names or contact details of residents
    # (quotes and their speakers, session facilitators stay out).
    cur.execute(f"""
    {_ideas_view()}
    CREATE OR REPLACE VIEW {SCHEMA}.stemmen_per_idee AS
      SELECT i.project_uuid, i.uuid, i.nummer, i.titel,
             COALESCE((SELECT sum((v.gegevens->>'count')::int) FROM {SCHEMA}.rijen v
                WHERE v.project_uuid = i.project_uuid AND v.soort = 'vote' AND v.levend
                AND v.gegevens->>'intervention_uuid' = i.uuid), 0) AS stemmen,
             i.geom
      FROM {SCHEMA}.ideeen i;
    """)
    # Roles: a facilitator writes only the projects granted to it (row-level security),
    # a viewer reads the views only.
    for role in (FACILITATOR, VIEWER):
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
        if cur.fetchone() is None:
            cur.execute(f"CREATE ROLE {role} NOLOGIN")
    cur.execute(f"""
    GRANT USAGE ON SCHEMA {SCHEMA} TO {FACILITATOR}, {VIEWER};
    GRANT SELECT ON {SCHEMA}.ideeen, {SCHEMA}.stemmen_per_idee TO {FACILITATOR}, {VIEWER};
    GRANT SELECT, INSERT, UPDATE ON {SCHEMA}.rijen, {SCHEMA}.projecten TO {FACILITATOR};
    GRANT SELECT ON {SCHEMA}.toegang TO {FACILITATOR};
    ALTER TABLE {SCHEMA}.rijen ENABLE ROW LEVEL SECURITY;
    ALTER TABLE {SCHEMA}.projecten ENABLE ROW LEVEL SECURITY;
    DROP POLICY IF EXISTS lezen ON {SCHEMA}.rijen;
    DROP POLICY IF EXISTS schrijven ON {SCHEMA}.rijen;
    DROP POLICY IF EXISTS wijzigen ON {SCHEMA}.rijen;
    CREATE POLICY lezen ON {SCHEMA}.rijen FOR SELECT USING (true);
    CREATE POLICY schrijven ON {SCHEMA}.rijen FOR INSERT WITH CHECK (EXISTS (
      SELECT 1 FROM {SCHEMA}.toegang g WHERE g.project_uuid = rijen.project_uuid
      AND pg_has_role(current_user, g.rol, 'MEMBER')));
    CREATE POLICY wijzigen ON {SCHEMA}.rijen FOR UPDATE USING (EXISTS (
      SELECT 1 FROM {SCHEMA}.toegang g WHERE g.project_uuid = rijen.project_uuid
      AND pg_has_role(current_user, g.rol, 'MEMBER')));
    DROP POLICY IF EXISTS alle ON {SCHEMA}.projecten;
    DROP POLICY IF EXISTS eigen ON {SCHEMA}.projecten;
    DROP POLICY IF EXISTS eigen_wijzigen ON {SCHEMA}.projecten;
    CREATE POLICY alle ON {SCHEMA}.projecten FOR SELECT USING (true);
    CREATE POLICY eigen ON {SCHEMA}.projecten FOR INSERT WITH CHECK (EXISTS (
      SELECT 1 FROM {SCHEMA}.toegang g WHERE g.project_uuid = projecten.uuid
      AND pg_has_role(current_user, g.rol, 'MEMBER')));
    CREATE POLICY eigen_wijzigen ON {SCHEMA}.projecten FOR UPDATE USING (EXISTS (
      SELECT 1 FROM {SCHEMA}.toegang g WHERE g.project_uuid = projecten.uuid
      AND pg_has_role(current_user, g.rol, 'MEMBER')));
    """)



def _migration_2(cur) -> None:
    """The gap and toets summaries as views (docs/toets.md: the app's gap view and
    ``workbench toets``), computed from the synced rows so QGIS shows them live. Every
    view shows a role only the projects it may read (``_reader``)."""
    cur.execute(_ideas_view(f" AND {_reader('r.project_uuid')}"))
    cur.execute(f"""
    CREATE OR REPLACE VIEW {SCHEMA}.thema_telling AS
      WITH RECURSIVE thema AS (
        SELECT project_uuid, uuid, gegevens->>'name' AS naam, gegevens->>'parent_uuid' AS ouder,
               COALESCE((gegevens->>'sort_order')::int, 0) AS volgorde
        FROM {SCHEMA}.rijen WHERE soort = 'theme' AND levend),
      pad AS (  -- every theme under a pillar (a theme whose parent is gone is in no tree, as in the app)
        SELECT project_uuid, uuid, uuid AS pijler, 0 AS niveau FROM thema WHERE ouder IS NULL
        UNION
        SELECT t.project_uuid, t.uuid, p.pijler, p.niveau + 1 FROM pad p
          JOIN thema t ON t.project_uuid = p.project_uuid AND t.ouder = p.uuid),
      boom AS (  -- (theme, itself or a theme below it); UNION stops on a loop of parents
        SELECT project_uuid, uuid AS boven, uuid AS onder FROM thema
        UNION
        SELECT b.project_uuid, b.boven, t.uuid FROM boom b
          JOIN thema t ON t.project_uuid = b.project_uuid AND t.ouder = b.onder),
      getagd AS (  -- (idea, theme) for each theme an idea is tagged with, the main theme too
        SELECT r.project_uuid, r.uuid AS idee, t.value AS thema FROM {SCHEMA}.rijen r,
          jsonb_array_elements_text(COALESCE(r.gegevens->'theme_uuids', '[]')) t
        WHERE r.soort = 'intervention' AND r.levend
        UNION
        SELECT project_uuid, uuid, gegevens->>'primary_theme_uuid' FROM {SCHEMA}.rijen
        WHERE soort = 'intervention' AND levend AND gegevens->>'primary_theme_uuid' IS NOT NULL),
      telling AS (  -- each idea once per theme, also when tagged with several themes below it
        SELECT b.project_uuid, b.boven AS uuid, count(DISTINCT g.idee) AS ideeen FROM boom b
          JOIN getagd g ON g.project_uuid = b.project_uuid AND g.thema = b.onder
        GROUP BY b.project_uuid, b.boven)
      SELECT t.project_uuid, pr.naam AS project, t.uuid AS thema_uuid, t.naam AS thema, pt.naam AS pijler,
             pad.niveau, t.ouder AS bovenliggend_uuid, t.volgorde, COALESCE(n.ideeen, 0) AS ideeen
      FROM thema t JOIN pad ON pad.project_uuid = t.project_uuid AND pad.uuid = t.uuid
        JOIN thema pt ON pt.project_uuid = t.project_uuid AND pt.uuid = pad.pijler
        LEFT JOIN telling n ON n.project_uuid = t.project_uuid AND n.uuid = t.uuid
        LEFT JOIN {SCHEMA}.projecten pr ON pr.uuid = t.project_uuid
      WHERE {_reader('t.project_uuid')};

    CREATE OR REPLACE VIEW {SCHEMA}.toets_per_idee AS
      SELECT i.project_uuid, i.uuid, (i.gegevens->>'number')::int AS nummer, i.gegevens->>'title' AS titel,
             (SELECT v.gegevens->>'verdict' FROM {SCHEMA}.rijen v WHERE v.project_uuid = i.project_uuid
                AND v.soort = 'verdict' AND v.levend AND v.gegevens->>'intervention_uuid' = i.uuid
                AND v.gegevens->>'criterion' = 'eindoordeel' LIMIT 1) AS eindoordeel,
             o.voldoet, o.mits, o.strijdig, o.onderzoek, o.nvt,
             a.gegevens->>'disposition' AS afhandeling, NULLIF(a.gegevens->>'instrument', '') AS instrument,
             i.geom
      FROM {SCHEMA}.rijen i
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE v.gegevens->>'verdict' = 'voldoet') AS voldoet,
               count(*) FILTER (WHERE v.gegevens->>'verdict' = 'mits') AS mits,
               count(*) FILTER (WHERE v.gegevens->>'verdict' = 'strijdig') AS strijdig,
               count(*) FILTER (WHERE v.gegevens->>'verdict' = 'onderzoek') AS onderzoek,
               count(*) FILTER (WHERE v.gegevens->>'verdict' = 'nvt') AS nvt
        FROM {SCHEMA}.rijen v WHERE v.project_uuid = i.project_uuid AND v.soort = 'verdict' AND v.levend
          AND v.gegevens->>'intervention_uuid' = i.uuid AND v.gegevens->>'criterion' <> 'eindoordeel') o
      LEFT JOIN LATERAL (
        SELECT a.gegevens FROM {SCHEMA}.rijen a WHERE a.project_uuid = i.project_uuid AND a.soort = 'answer'
          AND a.levend AND a.gegevens->>'intervention_uuid' = i.uuid LIMIT 1) a ON true
      WHERE i.soort = 'intervention' AND i.levend AND {_reader('i.project_uuid')};

    CREATE OR REPLACE VIEW {SCHEMA}.toets_samenvatting AS
      SELECT p.uuid AS project_uuid, p.naam AS project,
             (SELECT count(*) FROM {SCHEMA}.toets_per_idee t WHERE t.project_uuid = p.uuid) AS ideeen,
             (SELECT count(*) FROM {SCHEMA}.toets_per_idee t WHERE t.project_uuid = p.uuid
                AND t.eindoordeel IS NULL) AS niet_gewogen,
             (SELECT count(*) FROM {SCHEMA}.toets_per_idee t WHERE t.project_uuid = p.uuid
                AND t.afhandeling IS NULL) AS niet_beantwoord,
             (SELECT count(*) FROM {SCHEMA}.toets_per_idee t WHERE t.project_uuid = p.uuid
                AND (t.geom IS NULL OR ST_IsEmpty(t.geom))) AS zonder_plek,
             (SELECT count(*) FROM {SCHEMA}.rijen g WHERE g.project_uuid = p.uuid AND g.soort = 'goal' AND g.levend
                AND NOT EXISTS (SELECT 1 FROM {SCHEMA}.rijen i WHERE i.project_uuid = p.uuid
                  AND i.soort = 'intervention' AND i.levend AND i.gegevens->'goal_uuids' ? g.uuid))
               AS doelen_zonder_idee
      FROM {SCHEMA}.projecten p WHERE {_reader('p.uuid')};

    CREATE OR REPLACE VIEW {SCHEMA}.gebied AS
      SELECT project_uuid, uuid, gegevens->>'name' AS naam, geom
      FROM {SCHEMA}.rijen WHERE soort = 'area' AND levend AND {_reader('project_uuid')};

    -- Per wijk: the ideas that touch it, zeros included (analysis/gaps.py wijk_counts).
    -- A reference layer row holds its features as [uuid, label, WKB hex, properties]
    -- (sync/rows.py); the wijken layer is the one the app takes: a name with "wijk",
    -- else the first layer of polygons only, by name.
    CREATE OR REPLACE VIEW {SCHEMA}.wijk_telling AS
      WITH laag AS (
        SELECT r.project_uuid, r.gegevens->>'name' AS naam, r.gegevens->'features' AS features,
               strpos(lower(r.gegevens->>'name'), 'wijk') > 0 AS heet_wijk,
               NOT EXISTS (SELECT 1 FROM jsonb_array_elements(r.gegevens->'features') f
                 WHERE GeometryType(ST_GeomFromWKB(decode(f->>2, 'hex'))) NOT IN ('POLYGON', 'MULTIPOLYGON'))
                 AS vlakken
        FROM {SCHEMA}.rijen r WHERE r.soort = 'reference_layer' AND r.levend
          AND jsonb_typeof(r.gegevens->'features') = 'array' AND jsonb_array_length(r.gegevens->'features') > 0),
      wijklaag AS (
        SELECT DISTINCT ON (project_uuid) project_uuid, features FROM laag WHERE heet_wijk OR vlakken
        ORDER BY project_uuid, heet_wijk DESC, naam),
      wijk AS (
        SELECT w.project_uuid, f->>1 AS naam, CASE WHEN ST_IsValid(g) THEN g ELSE ST_MakeValid(g) END AS geom
        FROM wijklaag w, jsonb_array_elements(w.features) f,
          LATERAL (SELECT ST_SetSRID(ST_GeomFromWKB(decode(f->>2, 'hex')), 28992) AS g) x
        WHERE NOT ST_IsEmpty(g)),
      idee AS (
        SELECT project_uuid, uuid, CASE WHEN ST_IsValid(geom) THEN geom ELSE ST_MakeValid(geom) END AS geom
        FROM {SCHEMA}.rijen WHERE soort = 'intervention' AND levend AND geom IS NOT NULL AND NOT ST_IsEmpty(geom)),
      geraakt AS (
        SELECT w.project_uuid, w.naam, count(DISTINCT i.uuid) AS ideeen FROM wijk w
          JOIN idee i ON i.project_uuid = w.project_uuid AND ST_Intersects(i.geom, w.geom)
        GROUP BY w.project_uuid, w.naam),
      binnen AS (  -- the wijken that lie in the area (all of them when the project has none)
        SELECT DISTINCT w.project_uuid, w.naam FROM wijk w
        WHERE NOT EXISTS (SELECT 1 FROM {SCHEMA}.rijen a WHERE a.project_uuid = w.project_uuid AND a.soort = 'area'
                            AND a.levend AND a.geom IS NOT NULL)
           OR EXISTS (SELECT 1 FROM {SCHEMA}.rijen a WHERE a.project_uuid = w.project_uuid AND a.soort = 'area'
                        AND a.levend
                        AND ST_Area(ST_Intersection(w.geom, a.geom)) > 0.01 * GREATEST(ST_Area(w.geom), 1.0)))
      SELECT n.project_uuid, n.naam AS wijk, COALESCE(g.ideeen, 0) AS ideeen,
             (SELECT ST_Multi(ST_CollectionExtract(ST_Union(w.geom), 3)) FROM wijk w
               WHERE w.project_uuid = n.project_uuid AND w.naam = n.naam)::geometry(MultiPolygon, 28992) AS geom
      FROM (SELECT project_uuid, naam FROM binnen UNION SELECT project_uuid, naam FROM geraakt) n
        LEFT JOIN geraakt g ON g.project_uuid = n.project_uuid AND g.naam = n.naam
      WHERE {_reader('n.project_uuid')};

    GRANT SELECT ON {SCHEMA}.thema_telling, {SCHEMA}.toets_per_idee, {SCHEMA}.toets_samenvatting,
      {SCHEMA}.gebied, {SCHEMA}.wijk_telling TO {FACILITATOR}, {VIEWER};
    """)


def _migration_3(cur) -> None:
    """Per-project read grants: a facilitator reads a project's rows only when it holds a
    grant for it, and writes only with a write grant (``toegang.schrijven``). The
    project list in ``IN (...)`` is evaluated once per query, not per row."""
    # by oid through pg_roles: a grant to a role that does not exist (yet) is ignored
    # instead of failing every query (pg_has_role by name raises for an unknown role)
    mine = (f"(SELECT g.project_uuid FROM {SCHEMA}.toegang g JOIN pg_roles r ON r.rolname = g.rol "
            "WHERE pg_has_role(current_user, r.oid, 'MEMBER'){extra})")
    readable, writable = mine.format(extra=""), mine.format(extra=" AND g.schrijven")
    cur.execute(f"""
    ALTER TABLE {SCHEMA}.toegang ADD COLUMN IF NOT EXISTS schrijven boolean NOT NULL DEFAULT true;
    GRANT SELECT ON {SCHEMA}.schema_versie TO {FACILITATOR};  -- a sync checks it first
    DROP POLICY IF EXISTS lezen ON {SCHEMA}.rijen;
    DROP POLICY IF EXISTS schrijven ON {SCHEMA}.rijen;
    DROP POLICY IF EXISTS wijzigen ON {SCHEMA}.rijen;
    CREATE POLICY lezen ON {SCHEMA}.rijen FOR SELECT USING (project_uuid IN {readable});
    CREATE POLICY schrijven ON {SCHEMA}.rijen FOR INSERT WITH CHECK (project_uuid IN {writable});
    CREATE POLICY wijzigen ON {SCHEMA}.rijen FOR UPDATE USING (project_uuid IN {writable})
      WITH CHECK (project_uuid IN {writable});
    DROP POLICY IF EXISTS alle ON {SCHEMA}.projecten;
    DROP POLICY IF EXISTS eigen ON {SCHEMA}.projecten;
    DROP POLICY IF EXISTS eigen_wijzigen ON {SCHEMA}.projecten;
    CREATE POLICY alle ON {SCHEMA}.projecten FOR SELECT USING (uuid IN {readable});
    CREATE POLICY eigen ON {SCHEMA}.projecten FOR INSERT WITH CHECK (uuid IN {writable});
    CREATE POLICY eigen_wijzigen ON {SCHEMA}.projecten FOR UPDATE USING (uuid IN {writable})
      WITH CHECK (uuid IN {writable});
    """)


def _migration_4(cur) -> None:
    """Base maps through the database: each tile once, keyed by project, base map, zoom,
    column and row (tiles are immutable), with the base map's title, credits and grid."""
    readable = (f"(SELECT g.project_uuid FROM {SCHEMA}.toegang g JOIN pg_roles r ON r.rolname = g.rol "
                "WHERE pg_has_role(current_user, r.oid, 'MEMBER'))")
    writable = readable[:-1] + " AND g.schrijven)"
    cur.execute(f"""
    CREATE TABLE IF NOT EXISTS {SCHEMA}.basiskaarten (
      project_uuid text NOT NULL, naam text NOT NULL, titel text NOT NULL DEFAULT '',
      bronvermelding text NOT NULL DEFAULT '', licentie text NOT NULL DEFAULT '', bron text NOT NULL DEFAULT '',
      matrix jsonb NOT NULL, omvang jsonb NOT NULL, niveaus jsonb NOT NULL DEFAULT '[]',
      PRIMARY KEY (project_uuid, naam));
    CREATE TABLE IF NOT EXISTS {SCHEMA}.tegels (
      project_uuid text NOT NULL, basiskaart text NOT NULL, zoom int NOT NULL, kolom int NOT NULL, rij int NOT NULL,
      sha256 text NOT NULL, data bytea NOT NULL,
      PRIMARY KEY (project_uuid, basiskaart, zoom, kolom, rij));
    ALTER TABLE {SCHEMA}.tegels ALTER COLUMN data SET STORAGE EXTERNAL;  -- PNG/JPEG: compressing again is waste
    GRANT SELECT, INSERT, UPDATE ON {SCHEMA}.basiskaarten, {SCHEMA}.tegels TO {FACILITATOR};
    ALTER TABLE {SCHEMA}.basiskaarten ENABLE ROW LEVEL SECURITY;
    ALTER TABLE {SCHEMA}.tegels ENABLE ROW LEVEL SECURITY;
    DROP POLICY IF EXISTS lezen ON {SCHEMA}.basiskaarten;
    DROP POLICY IF EXISTS schrijven ON {SCHEMA}.basiskaarten;
    DROP POLICY IF EXISTS wijzigen ON {SCHEMA}.basiskaarten;
    DROP POLICY IF EXISTS lezen ON {SCHEMA}.tegels;
    DROP POLICY IF EXISTS schrijven ON {SCHEMA}.tegels;
    CREATE POLICY lezen ON {SCHEMA}.basiskaarten FOR SELECT USING (project_uuid IN {readable});
    CREATE POLICY schrijven ON {SCHEMA}.basiskaarten FOR INSERT WITH CHECK (project_uuid IN {writable});
    CREATE POLICY wijzigen ON {SCHEMA}.basiskaarten FOR UPDATE USING (project_uuid IN {writable})
      WITH CHECK (project_uuid IN {writable});
    CREATE POLICY lezen ON {SCHEMA}.tegels FOR SELECT USING (project_uuid IN {readable});
    CREATE POLICY schrijven ON {SCHEMA}.tegels FOR INSERT WITH CHECK (project_uuid IN {writable});
    """)


def _migration_5(cur) -> None:
    """The reference layers for QGIS (added after databases were made with 1-4: a view
    in an earlier migration would never reach them)."""
    cur.execute(f"""
    -- Every feature of every reference layer (CBS wijken, a zoning plan), as QGIS layers
    -- by laag; the features travel inside their layer's row as [uuid, label, WKB hex, properties].
    CREATE OR REPLACE VIEW {SCHEMA}.referentie AS
      SELECT r.project_uuid, r.uuid AS laag_uuid, r.gegevens->>'name' AS laag, r.gegevens->>'credit' AS bron,
             f->>0 AS uuid, f->>1 AS label,
             ST_SetSRID(ST_GeomFromWKB(decode(f->>2, 'hex')), 28992)::geometry(Geometry, 28992) AS geom
      FROM {SCHEMA}.rijen r, jsonb_array_elements(r.gegevens->'features') f
      WHERE r.soort = 'reference_layer' AND r.levend AND jsonb_typeof(r.gegevens->'features') = 'array'
        AND {_reader('r.project_uuid')};

    GRANT SELECT ON {SCHEMA}.referentie TO {FACILITATOR}, {VIEWER};
    """)


MIGRATIONS = [_migration_1, _migration_2, _migration_3, _migration_4, _migration_5]
