"""Panels behind another dock tab compute nothing until their tab is chosen, and the
ones on screen refresh once edits rest (ui/deferred.py, issue 14). Whatever the order
of edits, undos and tab choices, a panel that is then read shows exactly what a panel
built fresh on the same project shows: never a stale count, ranking or gap list."""

import random

import pytest
from qtpy.QtGui import QTextDocument
from shapely.geometry import Point

from bench.projects import make_project
from tests.ui_fixtures import dialogs, open_in_window, show_dock, shown_fresh, ui_settings, window  # noqa: F401 (fixtures)
from workbench.core.commands import AddIntervention, DeleteInterventions, EditIntervention, SetVotes
from workbench.ui.ranking import RankingPanel
from workbench.ui.themes import ThemesPanel

TABS = ("ranking", "themes", "toets", "quotes", "votes", "project", "sessions", "idea")


def themes_shown(panel):
    return [panel.list.item(row).text() for row in range(panel.list.count())]


def gaps_shown(panel, html=None):
    document = QTextDocument()
    document.setHtml(html if html is not None else panel.gaps.toHtml())
    return document.toPlainText()


@pytest.mark.parametrize("seed", [5, 6])
def test_panels_read_after_random_edits_and_tab_choices_equal_fresh_ones(qtbot, window, tmp_path, seed):
    path = tmp_path / "walk.gpkg"
    make_project(path, interventions=300, seed=seed).close()
    project = open_in_window(qtbot, window, path)
    context = window.context
    rng = random.Random(seed)
    themes = [theme.uuid for theme in project.themes() if theme.parent_uuid]
    for step in range(40):
        ideas = project.interventions()
        action = rng.choice(["add", "delete", "title", "theme", "votes", "undo", "undo", "redo", "tab", "tab"])
        if action == "add":
            context.run(AddIntervention(f"Stap {step}", Point(rng.uniform(192000, 198000),
                                                              rng.uniform(320000, 327000)), [rng.choice(themes)]))
        elif action == "delete":
            context.run(DeleteInterventions([rng.choice(ideas).uuid]))
        elif action == "title":
            context.run(EditIntervention(rng.choice(ideas).uuid, title=f"Andere titel {step}"))
        elif action == "theme":
            theme = rng.choice(themes)
            context.run(EditIntervention(rng.choice(ideas).uuid, primary_theme_uuid=theme, theme_uuids=(theme,)))
        elif action == "votes":
            context.run(SetVotes(rng.choice(ideas).uuid, rng.randint(0, 40)))
        elif action == "undo" and project.undo_stack.can_undo():
            context.undo()
        elif action == "redo" and project.undo_stack.can_redo():
            context.redo()
        elif action == "tab":
            key = rng.choice(TABS)
            if key == "idea":
                window.docks["editor"].raise_()
            else:
                show_dock(qtbot, window, key)
        qtbot.wait(rng.choice([0, 0, 5, 150]))  # sometimes the edits rest long enough for a refresh
    context.select([])
    ranking = show_dock(qtbot, window, "ranking")
    qtbot.wait(400)  # what the user reads a moment after choosing the tab
    fresh = shown_fresh(qtbot, RankingPanel, context)
    assert ranking.items_chart.rows == fresh.items_chart.rows
    assert ranking.themes_chart.rows == fresh.themes_chart.rows
    fresh.deleteLater()
    panel = show_dock(qtbot, window, "themes")
    qtbot.wait(400)  # what the user reads a moment after choosing the tab
    fresh = shown_fresh(qtbot, ThemesPanel, context)
    assert themes_shown(panel) == themes_shown(fresh)
    fresh.deleteLater()
    toets = show_dock(qtbot, window, "toets")
    qtbot.wait(400)  # what the user reads a moment after choosing the tab
    assert gaps_shown(toets) == gaps_shown(toets, toets._gaps_html(project))
