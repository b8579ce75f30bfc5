"""Review: odd input to commands is refused in Dutch (or cleaned) and memory and file agree."""

import pytest
from shapely.geometry import Point, Polygon

from tests.helpers import reopened_snapshot, snapshot
from workbench.core import commands as c
from workbench.core import setup_commands as s
from workbench.core import theme_commands as tc
from workbench.core.model import ReferenceLayer, new_uuid
from workbench.errors import ValidationError


def _idea(p):
    return p.interventions()[0].uuid


def _session(p):
    return p.sessions()[0].uuid


def _theme(p, name):
    return p.theme_by_name(name).uuid


LONE_SURROGATE = "Plein \ud800 bij de kerk"

TEXT_COMMANDS = {
    "add intervention": lambda p: c.AddIntervention(LONE_SURROGATE, Point(195000, 325000)),
    "edit description": lambda p: c.EditIntervention(_idea(p), description=LONE_SURROGATE),
    "add theme": lambda p: tc.AddTheme(LONE_SURROGATE),
    "add session": lambda p: s.AddSession(LONE_SURROGATE),
    "add quote": lambda p: c.AddQuote(LONE_SURROGATE, speaker="\udfff"),
    "add goal": lambda p: tc.AddGoal(LONE_SURROGATE),
    "edit info": lambda p: s.EditInfo(name=LONE_SURROGATE),
    "add quantity kind": lambda p: s.AddQuantityKind(LONE_SURROGATE, "m"),
    "set area": lambda p: s.SetArea(Polygon([(0, 0), (10, 0), (10, 10)]), LONE_SURROGATE),
    "add reference layer": lambda p: s.AddReferenceLayer(ReferenceLayer(new_uuid(), LONE_SURROGATE, "\ud800")),
    "quantity key": lambda p: c.EditIntervention(_idea(p), quantities={LONE_SURROGATE: 2}),
    "quantity kind key": lambda p: s.AddQuantityKind("Zitbanken", "banken", key=LONE_SURROGATE),
}


@pytest.mark.parametrize("name", sorted(TEXT_COMMANDS))
def test_lone_surrogates_are_stored_as_question_marks(project, name):
    project.execute(TEXT_COMMANDS[name](project))
    assert snapshot(project) == reopened_snapshot(project.path)
    project.undo_stack.undo()
    project.undo_stack.redo()
    assert snapshot(project) == reopened_snapshot(project.path)


REFUSED = {
    "infinite votes": (lambda p: c.SetVotes(_idea(p), float("inf"), _session(p)), "heel getal"),
    "too many votes": (lambda p: c.SetVotes(_idea(p), 10 ** 30, _session(p)), "te groot"),
    "votes added as text": (lambda p: c.AddVotes(_idea(p), "veel", _session(p)), "heel getal"),
    "too many votes added": (lambda p: c.AddVotes(_idea(p), 10 ** 20, _session(p)), "te groot"),
    "too many participants": (lambda p: s.EditSession(_session(p), participants=10 ** 20), "te groot"),
    "infinite participants": (lambda p: s.EditSession(_session(p), participants=float("inf")), "heel getal"),
    "move by NaN": (lambda p: c.MoveInterventions([_idea(p)], float("nan"), 0), "eindig"),
    "move by infinity": (lambda p: c.MoveInterventions([_idea(p)], 0, float("-inf")), "eindig"),
    "quantity beyond float": (lambda p: c.EditIntervention(_idea(p), quantities={"homes": 10 ** 400}), "getal"),
    "quote in a missing session": (lambda p: c.EditQuote(p.quotes()[0].uuid, session_uuid="weg"), "bestaat niet"),
    "unknown quote field": (lambda p: c.EditQuote(p.quotes()[0].uuid, kleur="rood"), "Onbekend veld"),
    "unknown theme field": (lambda p: tc.EditTheme(p.themes()[0].uuid, kleur="#000000"), "Onbekend veld"),
    "unknown goal field": (lambda p: tc.EditGoal(p.goals()[0].uuid, doel=1), "Onbekend veld"),
    "unknown new goal field": (lambda p: tc.AddGoal("Doel", doel=1), "Onbekend veld"),
    "unknown session field": (lambda p: s.EditSession(_session(p), zaal="A"), "Onbekend veld"),
    "unknown new session field": (lambda p: s.AddSession("Avond", zaal="A"), "Onbekend veld"),
    "theme under a missing theme": (lambda p: tc.EditTheme(p.themes()[0].uuid, parent_uuid="weg"), "bestaat niet"),
    "theme under itself": (lambda p: tc.EditTheme(p.themes()[0].uuid, parent_uuid=p.themes()[0].uuid), "zichzelf"),
    "theme under its sub-theme": (
        lambda p: tc.EditTheme(_theme(p, "Dé tuinstad van Parkstad"), parent_uuid=next(
            t.uuid for t in p.themes() if t.parent_uuid == _theme(p, "Dé tuinstad van Parkstad"))), "zichzelf"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_bad_input_is_a_dutch_refusal_that_changes_nothing(project, name):
    make, message = REFUSED[name]
    before = snapshot(project)
    with pytest.raises(ValidationError, match=message):
        project.execute(make(project))
    assert snapshot(project) == before == reopened_snapshot(project.path)
    assert not project.undo_stack.can_undo()


def test_goal_links_set_to_none_mean_no_goals(project):
    item = next(i for i in project.interventions() if i.goal_uuids)
    project.execute(c.EditIntervention(item.uuid, goal_uuids=None))
    assert project.get("intervention", item.uuid).goal_uuids == ()
    assert snapshot(project) == reopened_snapshot(project.path)


def test_an_empty_link_on_a_quote_is_no_link(project):
    item = project.interventions()[0]
    quote = project.get("quote", project.execute(c.AddQuote("Goed plan.", "Bewoner", item.uuid)).uuid)
    project.execute(c.EditQuote(quote.uuid, intervention_uuid="", session_uuid=""))
    assert project.get("quote", quote.uuid).intervention_uuid is None
    assert snapshot(project) == reopened_snapshot(project.path)


def test_deleting_an_idea_listed_twice_can_be_undone_and_redone(project):
    uuid = next(v.intervention_uuid for v in project.all("vote"))
    before = snapshot(project)
    project.execute(c.DeleteInterventions([uuid, uuid]))
    project.undo_stack.undo()
    assert snapshot(project) == before == reopened_snapshot(project.path)
    project.undo_stack.redo()
    assert project.get("intervention", uuid) is None
    assert snapshot(project) == reopened_snapshot(project.path)


def test_a_3d_shape_is_kept_as_the_file_keeps_it(project):
    command = project.execute(c.AddIntervention("Hoog", Point(195000, 325000, 12)))
    assert not project.get("intervention", command.uuid).geometry.has_z
    project.execute(s.SetArea(Polygon([(0, 0, 1), (10, 0, 1), (10, 10, 1)])))
    assert not project.area.geometry.has_z
    assert snapshot(project) == reopened_snapshot(project.path)


def test_a_goal_quantity_key_is_stored_as_text(project):
    command = project.execute(tc.AddGoal("Woningen erbij", quantity_key=5))
    assert project.get("goal", command.uuid).quantity_key == "5"
    assert snapshot(project) == reopened_snapshot(project.path)


def test_a_failing_listener_leaves_the_edit_undoable_and_the_others_told(project, monkeypatch):
    import sys

    errors, heard = [], []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, tb: errors.append(error))

    def broken_view(event):
        raise RuntimeError("kapotte weergave")

    project.events.subscribe(broken_view)
    project.events.subscribe(heard.append)
    before = snapshot(project)
    command = project.execute(c.AddIntervention("Bankje", Point(195000, 325000)))
    assert project.undo_stack.can_undo() and any(e.uuid == command.uuid for e in heard)
    assert errors and str(errors[0]) == "kapotte weergave"
    project.undo_stack.undo()
    assert snapshot(project) == before == reopened_snapshot(project.path)


def test_a_command_that_changes_nothing_keeps_the_redo_history(project):
    item = project.interventions()[0]
    project.execute(c.EditIntervention(item.uuid, title="Nieuwe titel"))
    project.undo_stack.undo()
    assert project.undo_stack.can_redo()
    project.execute(c.EditIntervention(item.uuid, title=item.title))  # OK without a change
    project.execute(tc.EditTheme(project.themes()[0].uuid, name=project.themes()[0].name))
    assert project.undo_stack.can_redo() and not project.undo_stack.can_undo()
    project.undo_stack.redo()
    assert project.get("intervention", item.uuid).title == "Nieuwe titel"
    assert snapshot(project) == reopened_snapshot(project.path)


def test_an_empty_theme_on_a_goal_is_no_theme(project):
    goal = next(g for g in project.goals() if g.theme_uuid)
    project.execute(tc.EditGoal(goal.uuid, theme_uuid=""))
    assert project.get("goal", goal.uuid).theme_uuid is None
    assert snapshot(project) == reopened_snapshot(project.path)
