"""Every command kind: do, undo restores the exact previous state (in memory and file), redo."""

import pytest
from shapely.geometry import LineString, Point, Polygon

from tests.helpers import reopened_snapshot, snapshot
from workbench.core import commands as c
from workbench.core import setup_commands as s
from workbench.core import theme_commands as tc
from workbench.core.events import ADDED, REMOVED
from workbench.core.layer_style import LayerStyle
from workbench.core.layer_style_commands import SetLayerStyle
from workbench.core.model import ReferenceLayer, new_uuid
from workbench.errors import ValidationError


def first(project, title):
    return next(i for i in project.interventions() if i.title == title)


def theme(project, name):
    return project.theme_by_name(name).uuid


COMMANDS = {
    "add intervention": lambda p: c.AddIntervention("Bankjes bij de vijver", Point(195100, 325100),
                                                     [theme(p, "Gezonde basis")]),
    "edit intervention": lambda p: c.EditIntervention(
        first(p, "Buurtsupermarkt behouden").uuid, title="Supermarkt blijft", status="besloten",
        theme_uuids=[theme(p, "Wonen als fundament"), theme(p, "Gezonde basis")],
        primary_theme_uuid=theme(p, "Gezonde basis"), quantities={"homes": 3}, notes="Navragen"),
    "reshape intervention": lambda p: c.EditIntervention(
        first(p, "Trapveld bij Rennemig").uuid, geometry=Polygon([(0, 0), (10, 0), (10, 10)])),
    "move interventions": lambda p: c.MoveInterventions([i.uuid for i in p.interventions()[:3]], 12.5, -4),
    "delete interventions": lambda p: c.DeleteInterventions([first(p, "Buurtsupermarkt behouden").uuid,
                                                             first(p, "Veilige oversteek bij de basisschool").uuid]),
    "set votes": lambda p: c.SetVotes(first(p, "Bushalte met wachtruimte").uuid, 12),
    "add votes": lambda p: c.AddVotes(first(p, "Bushalte met wachtruimte").uuid, -1),
    "add quote": lambda p: c.AddQuote("Meer bankjes graag.", "Bewoner uit Heksenberg",
                                      first(p, "Bushalte met wachtruimte").uuid),
    "edit quote": lambda p: c.EditQuote(p.quotes()[0].uuid, text="Anders gezegd.", speaker="Jongere"),
    "delete quote": lambda p: c.DeleteQuote(p.quotes()[0].uuid),
    "add theme": lambda p: tc.AddTheme("Ontmoeten", "#123456", parent_uuid=theme(p, "Gezonde basis")),
    "edit theme": lambda p: tc.EditTheme(theme(p, "Groen verbindt"), name="Groen", color="#00ff00"),
    "delete theme": lambda p: tc.DeleteTheme(theme(p, "Groen verbindt")),
    "delete pillar": lambda p: tc.DeleteTheme(theme(p, "Dé tuinstad van Parkstad")),
    "add goal": lambda p: tc.AddGoal("Minder hitte", target="3,5", unit="°C"),
    "edit goal": lambda p: tc.EditGoal(p.goals()[0].uuid, target=99, indicator="Iets anders"),
    "delete goal": lambda p: tc.DeleteGoal(next(g for g in p.goals() if g.title == "Meer bomen in de straat").uuid),
    "add session": lambda p: s.AddSession("Tweede avond", date="2023-07-01", participants="20"),
    "edit session": lambda p: s.EditSession(p.sessions()[0].uuid, participants=15, place="Buurthuis"),
    "delete session": lambda p: s.DeleteSession(p.sessions()[0].uuid),
    "edit info": lambda p: s.EditInfo(name="Nieuwe naam", next_steps="Eerst koffie."),
    "set area": lambda p: s.SetArea(Polygon([(194000, 324000), (196000, 324000), (196000, 326000)])),
    "add quantity kind": lambda p: s.AddQuantityKind("Parkeerplaatsen", "plaatsen"),
    "add reference layer": lambda p: s.AddReferenceLayer(ReferenceLayer(new_uuid(), "Leeg", "", ())),
    "delete reference layer": lambda p: s.DeleteReferenceLayer(p.reference_layers()[0].uuid),
    "set layer style": lambda p: SetLayerStyle(p.reference_layers()[0].uuid, LayerStyle(
        "water", "#123456", 2.5, "#abcdef", 0.8, label_field="statnaam", category_field="statnaam",
        categories=(("Wijk 21 Heerlerheide-Passart", "#ff0000"),))),
    "batch": lambda p: s.Batch("Twee ideeën", [c.AddIntervention("Een", Point(1, 1)),
                                               c.AddIntervention("Twee", LineString([(0, 0), (5, 5)]))]),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_undo_restores_exactly_and_redo_reapplies(project, name):
    before = snapshot(project)
    project.execute(COMMANDS[name](project))
    after = snapshot(project)
    assert after != before, "the command changed nothing"
    assert reopened_snapshot_without_lock(project) == after

    project.undo_stack.undo()
    assert snapshot(project) == before
    assert reopened_snapshot_without_lock(project) == before

    project.undo_stack.redo()
    assert snapshot(project) == after
    assert reopened_snapshot_without_lock(project) == after


def reopened_snapshot_without_lock(project):
    """What a fresh read of the file shows (read-only, so the writer's lock is no obstacle)."""
    return reopened_snapshot(project.path)


def test_delete_removes_votes_unlinks_quotes_and_leaves_a_tombstone(project):
    item = first(project, "Buurtsupermarkt behouden")
    # (the sample's quotes are the visie's own and linked to no idea; this one is)
    quote = project.get("quote", project.execute(c.AddQuote("Laat de winkel blijven.", "Bewoner", item.uuid)).uuid)
    project.execute(c.DeleteInterventions([item.uuid]))
    assert project.votes(item.uuid) == 0
    assert project.get("quote", quote.uuid).intervention_uuid is None
    tombstone = project.get("tombstone", item.uuid)
    assert tombstone.kind == "intervention" and tombstone.session_uuid == project.current_session_uuid


def test_delete_theme_retags_interventions_to_their_next_theme(project):
    boulevard = first(project, "Groene boulevard Heerlerheide")
    assert project.get("theme", boulevard.primary_theme_uuid).name == "Groen verbindt"
    project.execute(tc.DeleteTheme(theme(project, "Groen verbindt")))
    boulevard = first(project, "Groene boulevard Heerlerheide")
    assert [project.get("theme", t).name for t in boulevard.theme_uuids] == ["Moderne mobiliteit"]
    assert project.get("theme", boulevard.primary_theme_uuid).name == "Moderne mobiliteit"
    assert tc.interventions_tagged(project, theme(project, "Moderne mobiliteit"))


def test_new_interventions_are_numbered_and_belong_to_the_current_session(project):
    command = project.execute(c.AddIntervention("  Extra\x07 bankje  ", Point(195000, 325000)))
    item = project.get("intervention", command.uuid)
    assert item.number == 23 and item.title == "Extra bankje"
    assert item.created_session_uuid == project.current_session_uuid


@pytest.mark.parametrize("make, message", [
    (lambda p: c.AddIntervention("   ", Point(1, 1)), "titel"),
    (lambda p: c.AddIntervention("Leeg", Point()), "leeg"),
    (lambda p: c.AddIntervention("Strik", Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])), "snijdt"),
    (lambda p: c.AddIntervention("Kapot thema", Point(1, 1), ["bestaat-niet"]), "thema"),
    (lambda p: c.EditIntervention(first(p, "Trapveld bij Rennemig").uuid, status="klaar"), "status"),
    (lambda p: c.EditIntervention(first(p, "Trapveld bij Rennemig").uuid, quantities={"homes": "veel"}), "getal"),
    (lambda p: c.SetVotes(first(p, "Trapveld bij Rennemig").uuid, -3), "negatief"),
    (lambda p: c.SetVotes(first(p, "Trapveld bij Rennemig").uuid, "drie"), "heel getal"),
    (lambda p: c.AddQuote("  ", "Bewoner"), "leeg"),
    (lambda p: tc.AddTheme("Groen verbindt", "#00ff00"), "al een thema"),
    (lambda p: tc.AddTheme("Nieuw", "groen"), "#rrggbb"),
    (lambda p: s.AddSession("Avond", date="31-02-2024"), "geen geldige datum"),
    (lambda p: tc.AddGoal("Doel", target="veel"), "getal"),
    (lambda p: s.SetArea(LineString([(0, 0), (1, 1)])), "vlak"),
    (lambda p: s.EditInfo(name=" "), "naam"),
])
def test_bad_input_is_refused_in_dutch_and_changes_nothing(project, make, message):
    before = snapshot(project)
    with pytest.raises(ValidationError, match=f"(?i){message}"):
        project.execute(make(project))
    assert snapshot(project) == before
    assert reopened_snapshot(project.path) == before
    assert not project.undo_stack.can_redo()


def test_events_tell_views_what_changed_after_the_commit(project):
    seen = []
    project.events.subscribe(lambda event: seen.append((event.kind, event.action)))
    command = project.execute(c.AddIntervention("Bank", Point(1, 1)))
    assert ("intervention", ADDED) in seen and ("undo_stack", "changed") in seen
    seen.clear()
    project.undo_stack.undo()
    assert ("intervention", REMOVED) in seen
    assert project.get("intervention", command.uuid) is None


def test_a_failed_commit_leaves_memory_untouched(project, monkeypatch):
    before = snapshot(project)

    def refuse(changes):
        raise OSError("disk full")

    monkeypatch.setattr(project.repository, "apply", refuse)
    with pytest.raises(OSError):
        project.execute(c.AddIntervention("Bank", Point(1, 1)))
    assert snapshot(project) == before
    assert not project.undo_stack.can_undo()
