"""A link to a theme another laptop deleted, made while it did not know: every laptop and
the database end with the same link, also when a third laptop's edit of the theme brings
it back (real PostgreSQL + PostGIS; skipped where not installed)."""

from tests.laptop_files import copies, edit, read
from tests.test_sync_postgis import of_database, of_file, sync
from workbench.core.commands import EditQuote
from workbench.core.theme_commands import DeleteTheme, EditGoal, EditTheme


def laptops(sample_path, tmp_path):
    return [sample_path] + copies(sample_path, tmp_path, "wisser", "hernoemer")


def sync_all(paths, url):
    for _round in range(2):
        for path in paths:
            sync(path, url)


def test_a_goal_linked_to_a_theme_deleted_elsewhere_converges(sample_path, tmp_path, database):
    linker, remover, renamer = laptops(sample_path, tmp_path)
    goal = read(linker, lambda p: p.goals()[0])
    theme = read(linker, lambda p: next(t.uuid for t in p.themes() if t.uuid != goal.theme_uuid))
    edit(linker, EditGoal(goal.uuid, theme_uuid=theme))
    edit(remover, DeleteTheme(theme))
    edit(renamer, EditTheme(theme, name="Groen en water"))
    sync_all([linker, remover, renamer], database)
    links = [read(path, lambda p: p.get("goal", goal.uuid).theme_uuid) for path in (linker, remover, renamer)]
    assert links[0] == links[1] == links[2]
    states = [of_file(path) for path in (linker, remover, renamer)]
    assert states[0] == states[1] == states[2] == of_database(database, linker)


def test_a_quote_about_a_theme_deleted_elsewhere_converges(sample_path, tmp_path, database):
    linker, remover, renamer = laptops(sample_path, tmp_path)
    quote = read(linker, lambda p: p.all("quote")[0])
    theme = read(linker, lambda p: next(t.uuid for t in p.themes() if t.uuid != quote.theme_uuid))
    edit(linker, EditQuote(quote.uuid, theme_uuid=theme))
    edit(remover, DeleteTheme(theme))
    edit(renamer, EditTheme(theme, name="Groen en water"))
    sync_all([linker, remover, renamer], database)
    links = [read(path, lambda p: p.get("quote", quote.uuid).theme_uuid) for path in (linker, remover, renamer)]
    assert links[0] == links[1] == links[2]


def test_a_theme_moved_under_a_theme_deleted_elsewhere_converges(sample_path, tmp_path, database):
    mover, remover, renamer = laptops(sample_path, tmp_path)
    themes = read(mover, lambda p: [t for t in p.themes() if t.parent_uuid is None])
    child, parent = themes[0].uuid, themes[1].uuid
    edit(mover, EditTheme(child, parent_uuid=parent))
    edit(remover, DeleteTheme(parent))
    edit(renamer, EditTheme(parent, name="Groen en water"))
    sync_all([mover, remover, renamer], database)
    parents = [read(path, lambda p: p.get("theme", child).parent_uuid) for path in (mover, remover, renamer)]
    assert parents[0] == parents[1] == parents[2]
    states = [of_file(path) for path in (mover, remover, renamer)]
    assert states[0] == states[1] == states[2] == of_database(database, mover)
