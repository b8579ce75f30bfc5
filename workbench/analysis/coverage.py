"""Theme coverage tables: how many ideas each theme has, per session and per wijk.

An idea counts for every theme it is tagged with (not only its primary theme), so
a column can add up to more than the number of ideas; the report says so.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    row_labels: tuple      # theme names
    column_labels: tuple
    cells: tuple           # rows of ints, row_labels x column_labels


def used_themes(project) -> list:
    """Themes at least one intervention is tagged with, in the project's theme order."""
    used = {uuid for item in project.interventions() for uuid in (*item.theme_uuids, item.primary_theme_uuid) if uuid}
    return [theme for theme in project.themes() if theme.uuid in used]


def _themes_of(item) -> set:
    return set(item.theme_uuids) | ({item.primary_theme_uuid} if item.primary_theme_uuid else set())


def themes_by_session(project) -> Table:
    """Ideas per theme and session, where an idea belongs to the session it was made in."""
    themes, sessions = used_themes(project), project.sessions()
    cells = []
    for theme in themes:
        row = []
        for session in sessions:
            row.append(sum(1 for item in project.interventions()
                           if item.created_session_uuid == session.uuid and theme.uuid in _themes_of(item)))
        cells.append(tuple(row))
    return Table(tuple(t.name for t in themes), tuple(s.title for s in sessions), tuple(cells))


def themes_by_wijk(project, placements: dict) -> Table:
    """Ideas per theme and wijk (the wijk that holds most of the idea)."""
    themes = used_themes(project)
    wijken = sorted({p.main for p in placements.values() if p.main})
    cells = []
    for theme in themes:
        row = []
        for wijk in wijken:
            row.append(sum(1 for item in project.interventions()
                           if placements[item.uuid].main == wijk and theme.uuid in _themes_of(item)))
        cells.append(tuple(row))
    return Table(tuple(t.name for t in themes), tuple(wijken), tuple(cells))
