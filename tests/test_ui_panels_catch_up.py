"""Issue 14: with many ideas an edit shows on the map first and the panels catch up
without rebuilding; after catching up each shows exactly what a fresh one shows."""

from shapely.geometry import Point

from bench.projects import make_project
from tests.ui_fixtures import dialogs, open_in_window, show_dock, ui_settings, window  # noqa: F401 (fixtures)
from workbench.core.commands import AddIntervention, DeleteInterventions, EditIntervention, SetVotes
from workbench.ui.combos import EntityCombo
from workbench.ui.ranking import RankingPanel


def test_the_ranking_after_edits_and_undos_equals_a_fresh_ranking(qtbot, window, tmp_path):
    path = tmp_path / "ranking.gpkg"
    make_project(path, interventions=300).close()
    project = open_in_window(qtbot, window, path)
    ranking = show_dock(qtbot, window, "ranking")
    context = window.context
    voted = [item for item in project.interventions() if project.votes(item.uuid)][:3]
    themes = [theme for theme in project.themes() if theme.parent_uuid]
    assert context.run(EditIntervention(voted[0].uuid, title="Een nieuwe naam voor dit idee"))
    assert context.run(EditIntervention(voted[1].uuid, primary_theme_uuid=themes[-1].uuid,
                                        theme_uuids=(themes[-1].uuid,)))
    assert context.run(SetVotes(voted[2].uuid, 99))
    assert context.run(AddIntervention("Een bank", Point(195000, 323000)))
    context.undo()
    ranking._later.flush()
    fresh = RankingPanel(context)
    assert ranking.items_chart.rows == fresh.items_chart.rows
    assert ranking.themes_chart.rows == fresh.themes_chart.rows
    assert any("Een nieuwe naam voor dit idee" in row[0] for row in ranking.items_chart.rows)
    assert ranking.items_chart.rows[0][1] == 99
    fresh.deleteLater()


def test_the_idea_combo_changes_entry_by_entry_as_a_refill_would(qtbot, window, tmp_path):
    path = tmp_path / "combo.gpkg"
    make_project(path, interventions=200).close()
    project = open_in_window(qtbot, window, path)
    combo = show_dock(qtbot, window, "quotes").intervention
    context = window.context
    chosen = project.interventions()[120]
    combo.set_uuid(chosen.uuid)
    refills = []
    combo.refill = lambda: refills.append(True)  # count whole refills; the combo's own entries stay

    def entries(box):
        return [(box.itemText(i), box.itemData(i)) for i in range(box.count())]

    items = project.interventions()
    assert context.run(EditIntervention(items[3].uuid, title="Nieuwe titel"))
    assert context.run(AddIntervention("Een nieuw idee", Point(195000, 323000)))
    assert context.run(DeleteInterventions([items[7].uuid, items[8].uuid, items[150].uuid]))
    context.undo()  # the three come back at their places
    assert context.run(DeleteInterventions([items[10].uuid]))
    assert refills == []  # no rebuild of 200 entries for one idea
    fresh = EntityCombo(context, "intervention", lambda: "(geen idee)")
    assert entries(combo) == entries(fresh)
    assert combo.currentData() == chosen.uuid
    fresh.deleteLater()
