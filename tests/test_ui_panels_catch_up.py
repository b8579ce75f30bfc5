"""Issue 14: with many ideas an edit shows on the map first and the panels catch up
without rebuilding; after catching up each shows exactly what a fresh one shows."""

from shapely.geometry import Point

from bench.projects import make_project
from tests.ui_fixtures import dialogs, open_in_window, show_dock, shown_fresh, ui_settings, window  # noqa: F401 (fixtures)
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
    fresh = shown_fresh(qtbot, RankingPanel, context)
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


def test_panels_due_together_refresh_after_the_map_painted_and_one_per_turn(qtbot, window, tmp_path):
    """An idea added: the map shows it first; the ranking and the theme counts (both on
    screen, due at the same moment) refresh in separate turns of the event loop, so the
    window answers in between instead of freezing for both."""
    from qtpy.QtCore import QEvent, QObject, QTimer

    from workbench.ui.deferred import Deferred

    path = tmp_path / "turns.gpkg"
    make_project(path, interventions=300).close()
    open_in_window(qtbot, window, path)
    log = []
    for key in ("ranking", "themes"):
        deferred = show_dock(qtbot, window, key).findChild(Deferred)
        deferred.refresh = lambda real=deferred.refresh, key=key: (log.append(key), real())  # still refreshes

    class PaintLog(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                log.append("map painted")
            return False

    view = window.map_view
    qtbot.wait(200)  # what opening left to paint is painted
    spy = PaintLog()
    view.viewport().installEventFilter(spy)
    probe = QTimer()
    probe.setInterval(0)
    probe.timeout.connect(lambda: log.append("turn"))
    probe.start()
    centre = view.mapToScene(view.viewport().rect().center())
    log.clear()
    assert window.context.run(AddIntervention("Een bank in beeld", Point(centre.x(), -centre.y())))
    qtbot.waitUntil(lambda: {"ranking", "themes"} <= set(log))
    probe.stop()
    view.viewport().removeEventFilter(spy)
    first, second = sorted((log.index("ranking"), log.index("themes")))
    assert "map painted" in log[:first]
    assert "turn" in log[first:second]


def test_a_dock_built_with_a_project_open_fills_its_lists_once(qtbot, window, tmp_path, monkeypatch):
    """Built after the first paint, the Citaten dock's idea and theme lists were filled
    twice (once empty-handed by the widget, once by the subscription), 0.03 s each at
    10,000 ideas; the subscription alone does it now."""
    path = tmp_path / "once.gpkg"
    make_project(path, interventions=50).close()
    open_in_window(qtbot, window, path)
    refills = []
    real = EntityCombo.refill
    monkeypatch.setattr(EntityCombo, "refill", lambda self: (refills.append(self.kind), real(self)))
    assert "quotes" in window.panels.pending()  # built now, with the project open
    quotes = show_dock(qtbot, window, "quotes")
    assert sorted(refills) == ["intervention", "theme"], refills
    assert quotes.intervention.count() == 51  # "(geen idee)" and the fifty


def test_resizing_a_panel_waits_for_its_scheduled_refresh(qtbot, window, tmp_path):
    """Dragging a dock's edge right after an edit ran the panel's refresh inside the
    resize (under a wait cursor), before the map had shown the edit; a refresh already
    scheduled now runs in its turn."""
    from workbench.ui.deferred import Deferred

    path = tmp_path / "resize.gpkg"
    make_project(path, interventions=100).close()
    project = open_in_window(qtbot, window, path)
    ranking = show_dock(qtbot, window, "ranking")
    deferred = ranking.findChild(Deferred)
    log = []
    deferred.refresh = lambda real=deferred.refresh: (log.append(True), real())
    assert window.context.run(SetVotes(project.interventions()[0].uuid, 77))
    ranking.resize(ranking.width() + 30, ranking.height())
    assert log == []  # not inside the resize
    qtbot.waitUntil(lambda: log == [True])
    assert ranking.items_chart.rows[0][1] == 77


def test_panels_behind_another_tab_wait_for_it_when_another_project_opens(qtbot, window, sample_path,
                                                                          caumerbeekdal_path, monkeypatch):
    """Opening another project: the ranking and the theme counts behind other tabs compute
    nothing (0.05 s at 10,000 ideas), and show the new project as soon as their tab is chosen."""
    from workbench.ui import ranking as ranking_module
    from workbench.ui import themes as themes_module
    from workbench.ui.deferred import REST_MS, on_screen

    open_in_window(qtbot, window, sample_path)
    ranking, themes = show_dock(qtbot, window, "ranking"), show_dock(qtbot, window, "themes")
    window.docks["editor"].raise_()
    window.docks["interventions"].raise_()
    qtbot.waitUntil(lambda: not on_screen(ranking) and not on_screen(themes))
    computed = []
    by_intervention, color_icon = ranking_module.ranking.by_intervention, themes_module.color_icon
    monkeypatch.setattr(ranking_module.ranking, "by_intervention",
                        lambda *args: computed.append("ranking") or by_intervention(*args))
    monkeypatch.setattr(themes_module, "color_icon", lambda *args: computed.append("themes") or color_icon(*args))
    other = open_in_window(qtbot, window, caumerbeekdal_path)
    qtbot.wait(3 * REST_MS)  # a panel on screen would have refreshed by now
    assert computed == []
    assert show_dock(qtbot, window, "ranking") is ranking and "ranking" in computed
    fresh = shown_fresh(qtbot, RankingPanel, window.context)
    assert ranking.items_chart.rows == fresh.items_chart.rows != []
    assert ranking.themes_chart.rows == fresh.themes_chart.rows and ranking.total.text() == fresh.total.text()
    fresh.deleteLater()
    assert show_dock(qtbot, window, "themes") is themes and "themes" in computed
    shown = [themes.list.item(row).text() for row in range(themes.list.count())]
    assert len(shown) == len(other.themes()) > 0
    assert all(f"{theme.name}  (" in row for theme, row in zip(other.themes(), shown))
