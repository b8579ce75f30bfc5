"""The docks behind another tab are built after the first painted map (issue 14, cold
start). Built late, each shows the project that is open already, and after the first
paint every dock gets its panel without anyone asking."""

from tests.ui_fixtures import dialogs, show_dock, ui_settings  # noqa: F401 (fixtures)


def opened_before_shown(qtbot, path):
    """As the app starts with a project: opened, then shown, then painted."""
    from workbench.ui.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    assert main.open_path(path)
    return main


def test_a_dock_built_after_the_project_opened_shows_that_project(qtbot, ui_settings, dialogs, sample_path):
    main = opened_before_shown(qtbot, sample_path)
    project = main.context.project
    assert {"sessions", "themes", "project", "toets"} <= set(main.panels.pending())  # not built yet
    sessions, themes = main.panels["sessions"], main.panels["themes"]
    assert sessions.list.count() == len(project.sessions()) > 0
    assert main.panels["project"].info_edits["name"].text() == project.info.name
    assert main.panels["votes"].isEnabled()
    # the Toets dock's gap view (seconds at 10,000 ideas) and the theme counts are
    # computed only once their tab is chosen
    assert main.panels["toets"].gaps.toPlainText() == ""
    assert themes.list.count() == 0
    main.show()
    assert show_dock(qtbot, main, "themes").list.count() == len(project.themes()) > 0
    assert "Wat ontbreekt nog?" in show_dock(qtbot, main, "toets").gaps.toPlainText()
    main.close()


def test_after_the_first_paint_every_dock_gets_its_panel(qtbot, ui_settings, dialogs, sample_path,
                                                        caumerbeekdal_path):
    main = opened_before_shown(qtbot, sample_path)
    main.show()
    qtbot.waitUntil(main.map_view.is_painted)
    qtbot.waitUntil(lambda: not main.panels.pending())
    for key, dock in main.docks.items():
        assert dock.widget() is main.panels[key], key
    # a project opened later reaches the late panels like every other widget
    first = main.panels["project"].info_edits["name"].text()
    assert main.open_path(caumerbeekdal_path)
    other = main.context.project
    assert main.panels["project"].info_edits["name"].text() == other.info.name != first
    assert main.panels["sessions"].list.count() == len(other.sessions())
    main.close()


def test_choosing_a_tab_builds_its_dock(qtbot, ui_settings, dialogs, sample_path):
    main = opened_before_shown(qtbot, sample_path)
    main.show()
    main.docks["quotes"].raise_()  # the tab is chosen before the pending docks are built
    assert "quotes" in main.panels and main.docks["quotes"].widget() is main.panels["quotes"]
    main.close()


def test_a_remembered_layout_with_a_late_dock_in_front_shows_it(qtbot, ui_settings, dialogs, sample_path):
    first = opened_before_shown(qtbot, sample_path)
    first.show()
    qtbot.waitUntil(first.map_view.is_painted)
    first.docks["votes"].raise_()
    first.close()  # keeps the layout: the votes tab in front
    again = opened_before_shown(qtbot, sample_path)
    assert again.panels.get("votes") is None
    again.show()  # the tab in front is built as it is shown, not after the first paint
    assert not again.map_view.is_painted()
    votes = again.docks["votes"]
    assert votes.widget() is again.panels.get("votes") is not None
    assert votes.widget().isVisible()
    again.close()


def shown_rows(list_widget) -> list:
    return [list_widget.item(row).text() for row in range(list_widget.count())]


def test_a_dock_built_after_a_second_project_shows_the_second_and_closing_clears_it(
        qtbot, ui_settings, dialogs, sample_path, caumerbeekdal_path):
    main = opened_before_shown(qtbot, sample_path)
    first = main.context.project
    first_only = ({s.title for s in first.sessions()} | {t.name for t in first.themes()}
                  | {g.title for g in first.goals()})
    first_name = first.info.name
    assert main.open_path(caumerbeekdal_path)  # replaces the first before any late dock is built
    other = main.context.project
    first_only -= {s.title for s in other.sessions()} | {t.name for t in other.themes()} | {g.title for g in other.goals()}
    assert first_only and other.info.name != first_name
    assert {"sessions", "themes", "project", "votes", "quotes"} <= set(main.panels.pending())
    sessions, themes, details = main.panels["sessions"], main.panels["themes"], main.panels["project"]
    votes, quotes, ranking = main.panels["votes"], main.panels["quotes"], main.panels["ranking"]
    main.show()  # the theme counts and the ranking are read as a user does: their tabs chosen
    show_dock(qtbot, main, "themes")
    show_dock(qtbot, main, "ranking")
    rows = shown_rows(sessions.list) + shown_rows(themes.list) + shown_rows(details.goals)
    assert len(shown_rows(sessions.list)) == len(other.sessions()) > 0
    assert len(shown_rows(themes.list)) == len(other.themes()) > 0
    assert len(shown_rows(details.goals)) == len(other.goals())
    assert not [row for row in rows for title in first_only if title in row]  # nothing of the first
    assert details.info_edits["name"].text() == other.info.name
    assert votes.model.rowCount() == len(other.interventions()) > 0
    assert quotes.list.count() == len(other.quotes())
    assert ranking.items_chart.rows and ranking.total.text()

    main.set_project(None)  # closed: the panels show no project at all
    assert sessions.list.count() == themes.list.count() == details.goals.count() == 0
    assert details.info_edits["name"].text() == ""
    assert votes.model.rowCount() == quotes.list.count() == 0
    assert ranking.items_chart.rows == ranking.themes_chart.rows == [] and ranking.total.text() == ""
    assert not any(panel.isEnabled() for panel in (sessions, themes, details, votes, quotes, ranking))
    main.close()
