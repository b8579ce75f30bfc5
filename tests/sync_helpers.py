"""Projects with many ideas for the sync tests and the sync bench."""

from shapely.geometry import Polygon

from workbench.core.import_commands import AddInterventions, NewIntervention


def many_ideas(path, count, name="Veel ideeën"):
    """A new project at ``path`` with ``count`` small polygon ideas (themed), closed."""
    from workbench.io.projects import new_project

    project = new_project(path, name, municipality="Heerlen")
    try:
        themes = [t.uuid for t in project.themes()]
        items = []
        for i in range(count):
            x, y = 190000 + (i % 100) * 20, 320000 + (i // 100) * 20
            items.append(NewIntervention(f"Idee {i}", Polygon([(x, y), (x + 10, y), (x + 10, y + 10), (x, y + 10)]),
                                         description=f"Omschrijving {i}", theme_uuids=(themes[i % len(themes)],)))
        project.execute(AddInterventions(items))
    finally:
        project.close()
    return path
