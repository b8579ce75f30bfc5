"""The Toets dock skips its gap view for an idea's edit that changes nothing the gap view
counts. Which fields those are is declared once, next to the gap view
(``analysis.gaps.IDEA_FIELDS``): these tests record what ``gap_view`` really reads, so a
field it starts to read and the dock does not react to fails here, not in a workshop."""

from dataclasses import replace

from tests.ui_fixtures import dialogs, open_in_window, show_dock, shown_fresh, ui_settings, window  # noqa: F401
from workbench.analysis import gaps
from workbench.core.project import Change
from workbench.core.undo import Command
from workbench.store import open_project


class _Reading:
    """An idea that notes each field read of it."""

    def __init__(self, item, read):
        self._item, self._read = item, read

    def __getattr__(self, name):
        self._read.add(name)
        return getattr(self._item, name)


def fields_gap_view_reads(project, monkeypatch) -> set:
    """The fields of an idea that ``gap_view`` reads, besides its uuid."""
    read = set()
    ideas = [_Reading(item, read) for item in project.interventions()]
    everything = project.all
    monkeypatch.setattr(project, "interventions", lambda: list(ideas))
    monkeypatch.setattr(project, "all", lambda kind: list(ideas) if kind == "intervention" else everything(kind))
    view = gaps.gap_view(project)
    monkeypatch.undo()
    assert view.wijken and view.pillars  # every part ran: the sample has wijken and themes
    return read - {"uuid"}


def test_the_gap_view_reads_only_the_fields_it_declares(sample_path, monkeypatch):
    project = open_project(sample_path)
    try:
        read = fields_gap_view_reads(project, monkeypatch)
    finally:
        project.close()
    assert read and read <= set(gaps.IDEA_FIELDS), read - set(gaps.IDEA_FIELDS)


class _SetField(Command):
    """One field of one idea set to a value, through the project's changes and events
    like every edit (a number has no edit command of its own)."""

    def __init__(self, uuid, name, value):
        super().__init__()
        self.uuid, self.name, self.value = uuid, name, value

    def build(self, project):
        old = project.get("intervention", self.uuid)
        return [Change("intervention", self.uuid, old, replace(old, **{self.name: self.value}))]


def _changed_value(project, item, name):
    """A value of ``name`` that changes what the gap view shows of ``item``."""
    parents = {t.uuid: t.parent_uuid for t in project.themes()}
    reached = set()  # the idea counts for its themes and the ones above them
    for uuid in gaps._tagged(item):
        while uuid and uuid not in reached:
            reached.add(uuid)
            uuid = parents.get(uuid)
    untagged = [uuid for uuid in parents if uuid not in reached]
    served = {goal for idea in project.interventions() for goal in idea.goal_uuids}
    values = {
        "number": lambda: max(i.number for i in project.interventions()) + 100,  # "not weighed" lists it
        "geometry": lambda: None,  # "without a place on the map"
        "theme_uuids": lambda: item.theme_uuids + (untagged[0],),  # one more idea for that theme
        "primary_theme_uuid": lambda: untagged[-1],
        "goal_uuids": lambda: item.goal_uuids + tuple(g.uuid for g in project.goals() if g.uuid not in served)[:1],
    }
    assert name in values, f"the gap view reads {name!r}: add an edit of it here"
    return values[name]()


def test_an_edit_of_each_field_the_gap_view_reads_updates_the_dock(qtbot, window, sample_path, monkeypatch):
    from workbench.ui.toets_dock import ToetsPanel

    project = open_in_window(qtbot, window, sample_path)
    read = fields_gap_view_reads(project, monkeypatch)
    window.context.select([])
    panel = show_dock(qtbot, window, "toets")
    qtbot.waitUntil(lambda: "Wat ontbreekt nog?" in panel.gaps.toPlainText())
    assert any(g.uuid not in {u for i in project.interventions() for u in i.goal_uuids} for g in project.goals())
    for name in sorted(read):
        item = project.interventions()[0]
        value = _changed_value(project, item, name)
        shown = panel.gaps.toPlainText()
        assert window.context.run(_SetField(item.uuid, name, value))
        qtbot.waitUntil(lambda: panel.gaps.toPlainText() != shown)  # fails when the dock skips the edit
    fresh = shown_fresh(qtbot, ToetsPanel, window.context)
    assert panel.gaps.toPlainText() == fresh.gaps.toPlainText()
    fresh.deleteLater()
