"""Verdicts and answers merge by row versions like every other row: a laptop whose clock
runs a week behind merges exactly like one with a correct clock, a cleared verdict
travels, and a verdict weighed differently on both sides is listed once."""

import pytest

from tests.laptop_files import clock, copies, edit, merge, read  # noqa: F401 (clock: a fixture)
from workbench.core.toets_commands import AnswerIdea, WeighIdea
from workbench.io.merge import NEWEST_WINS


@pytest.fixture
def laptops(sample_path, tmp_path):
    return copies(sample_path, tmp_path, "hub", "slow")


def first_idea(path):
    return read(path, lambda p: p.interventions()[0].uuid)


def verdicts(path):
    return read(path, lambda p: sorted((v.criterion, v.verdict) for v in p.all("verdict")))


def test_a_verdict_changed_on_a_laptop_a_week_behind_after_seeing_the_hubs_wins(laptops, clock):
    hub, slow = laptops
    idea = first_idea(hub)
    edit(hub, WeighIdea(idea, "koppelkansen", "voldoet"), AnswerIdea(idea, "in-uitvoering", "Van de hub"))
    merge(slow, hub)  # the slow laptop has seen the hub's verdict and answer
    clock(-7)
    edit(slow, WeighIdea(idea, "koppelkansen", "strijdig", reason="Na de avond herzien"),
         AnswerIdea(idea, "doorgegeven", "Herzien op de trage laptop", referred_to="Provincie"))
    clock(0)
    summary = merge(hub, slow)
    assert verdicts(hub) == [("koppelkansen", "strijdig")]
    assert read(hub, lambda p: [a.text for a in p.all("answer")]) == ["Herzien op de trage laptop"]
    assert summary.conflicts == []
    assert merge(hub, slow).changes == 0  # idempotent


def test_a_verdict_the_hub_changed_later_is_not_undone_by_the_older_one_from_a_laptop_a_day_ahead(laptops, clock):
    hub, fast = laptops
    idea = first_idea(hub)
    clock(+1)
    edit(fast, WeighIdea(idea, "archeologie", "onderzoek"))
    clock(0)
    merge(hub, fast)
    edit(hub, WeighIdea(idea, "archeologie", "voldoet"))  # made after seeing the fast one
    summary = merge(fast, hub)
    assert verdicts(fast) == [("archeologie", "voldoet")]
    assert summary.conflicts == []


def test_a_cleared_verdict_travels_even_from_a_laptop_a_week_behind(laptops, clock):
    hub, slow = laptops
    idea = first_idea(hub)
    edit(hub, WeighIdea(idea, "koppelkansen", "voldoet"), WeighIdea(idea, "archeologie", "onderzoek"))
    merge(slow, hub)
    clock(-7)
    edit(slow, WeighIdea(idea, "koppelkansen", None))
    clock(0)
    summary = merge(hub, slow)
    assert verdicts(hub) == [("archeologie", "onderzoek")]
    assert any("gewist" in line for line in summary.lines())
    assert summary.conflicts == []


def test_the_same_criterion_weighed_differently_on_both_sides_keeps_the_target_and_names_the_other_once(laptops):
    hub, other = laptops
    idea = first_idea(hub)
    edit(hub, WeighIdea(idea, "koppelkansen", "strijdig"))
    edit(other, WeighIdea(idea, "koppelkansen", "voldoet"))
    summary = merge(hub, other)
    assert verdicts(hub) == [("koppelkansen", "strijdig")]
    [conflict] = summary.conflicts
    assert "koppelkansen" in conflict.line() and "'voldoet'" in conflict.line()
    again = merge(hub, other)
    assert again.conflicts == [] and again.changes == 0
    # the other laptop takes the hub's resolution: its version has seen both
    merge(other, hub)
    assert verdicts(other) == [("koppelkansen", "strijdig")]


def test_with_newest_wins_the_later_verdict_is_taken_and_listed(laptops, clock):
    hub, other = laptops
    idea = first_idea(hub)
    edit(hub, WeighIdea(idea, "koppelkansen", "strijdig"))
    clock(+1)
    edit(other, WeighIdea(idea, "koppelkansen", "voldoet"))
    clock(0)
    summary = merge(hub, other, rule=NEWEST_WINS)
    assert verdicts(hub) == [("koppelkansen", "voldoet")]
    assert len(summary.conflicts) == 1


@pytest.mark.parametrize("direction", ["into the clearing laptop", "into the changing laptop"])
def test_a_verdict_cleared_on_one_side_and_changed_on_the_other_keeps_the_change_either_way(laptops, direction):
    clearing, changing = laptops
    idea = first_idea(clearing)
    edit(clearing, WeighIdea(idea, "koppelkansen", "voldoet"))
    merge(changing, clearing)
    edit(clearing, WeighIdea(idea, "koppelkansen", None))
    edit(changing, WeighIdea(idea, "koppelkansen", "strijdig"))
    target, source = (clearing, changing) if direction == "into the clearing laptop" else (changing, clearing)
    summary = merge(target, source)
    assert verdicts(target) == [("koppelkansen", "strijdig")]
    [conflict] = summary.conflicts
    assert "gewist" in conflict.line()
    merge(source, target)  # and the other laptop takes that resolution, silently
    assert verdicts(source) == [("koppelkansen", "strijdig")]


def test_a_verdict_that_went_with_its_idea_there_stays_when_an_edit_keeps_the_idea_here(laptops):
    from workbench.core.commands import DeleteInterventions, EditIntervention

    hub, laptop = laptops
    idea = first_idea(hub)
    edit(hub, WeighIdea(idea, "koppelkansen", "voldoet"))
    merge(laptop, hub)
    edit(laptop, DeleteInterventions([idea]))
    edit(hub, EditIntervention(idea, title="Toch bewaard"))
    summary = merge(hub, laptop)
    assert [c.kind for c in summary.conflicts] == ["intervention"]  # the edit beats the deletion it never saw
    assert verdicts(hub) == [("koppelkansen", "voldoet")]
    merge(laptop, hub)  # and the laptop gets both back
    assert verdicts(laptop) == [("koppelkansen", "voldoet")]
