"""Merges decided by version vectors: laptop clocks that run days behind or ahead change
nothing; deletions and edits of themes, goals and sessions travel."""

from tests.laptop_files import clock, copies, edit, merge, read  # noqa: F401 (clock: a fixture)
from workbench.core.commands import DeleteInterventions, EditIntervention
from workbench.core.setup_commands import DeleteSession
from workbench.core.theme_commands import DeleteGoal, DeleteTheme, EditGoal, EditTheme


def test_an_edit_on_a_laptop_a_week_behind_is_taken_like_any_other(sample_path, tmp_path, clock):
    hub, slow = copies(sample_path, tmp_path, "hub", "slow")
    idea = read(hub, lambda p: p.interventions()[2].uuid)
    merge(hub, slow)  # they met once: the shared history is recent
    clock(-7)
    edit(slow, EditIntervention(idea, title="Bewerkt op de trage laptop"))
    clock(0)
    summary = merge(hub, slow)
    assert read(hub, lambda p: p.get("intervention", idea).title) == "Bewerkt op de trage laptop"
    assert summary.conflicts == []


def test_an_edit_a_day_ahead_does_not_beat_a_later_edit_that_saw_it(sample_path, tmp_path, clock):
    hub, fast = copies(sample_path, tmp_path, "hub", "fast")
    idea = read(hub, lambda p: p.interventions()[1].uuid)
    clock(+1)
    edit(fast, EditIntervention(idea, title="Van de snelle laptop"))
    clock(0)
    merge(hub, fast)
    edit(hub, EditIntervention(idea, title="Later, met de juiste klok"))  # made after seeing the fast one
    summary = merge(fast, hub)
    assert read(fast, lambda p: p.get("intervention", idea).title) == "Later, met de juiste klok"
    assert summary.conflicts == []


def test_edits_on_both_sides_are_one_conflict_whatever_the_clocks(sample_path, tmp_path, clock):
    one, two = copies(sample_path, tmp_path, "one", "two")
    idea = read(one, lambda p: p.interventions()[0].uuid)
    clock(-7)
    edit(one, EditIntervention(idea, title="Versie een"))
    clock(+1)
    edit(two, EditIntervention(idea, title="Versie twee"))
    clock(0)
    first = merge(one, two)
    assert len(first.conflicts) == 1
    again = merge(one, two)
    assert again.conflicts == [] and again.changes == 0
    back = merge(two, one)  # the other laptop takes the resolved state: nothing more to list
    assert back.conflicts == []
    titles = lambda p: sorted(i.title for i in p.interventions())  # noqa: E731
    assert read(one, titles) == read(two, titles)


def test_deleting_themes_goals_and_sessions_travels(sample_path, tmp_path):
    hub, laptop = copies(sample_path, tmp_path, "hub", "laptop")
    theme, goal, session = read(laptop, lambda p: (p.themes()[0].uuid, p.goals()[0].uuid, p.sessions()[0].uuid))
    edit(laptop, DeleteTheme(theme), DeleteGoal(goal), DeleteSession(session))
    merge(hub, laptop)
    assert read(hub, lambda p: (p.get("theme", theme), p.get("goal", goal), p.get("session", session))) == \
        (None, None, None)
    assert read(hub, lambda p: all(theme not in i.theme_uuids for i in p.interventions()))


def test_edits_of_themes_and_goals_travel(sample_path, tmp_path):
    hub, laptop = copies(sample_path, tmp_path, "hub", "laptop")
    theme, goal = read(laptop, lambda p: (p.themes()[0].uuid, p.goals()[0].uuid))
    edit(laptop, EditTheme(theme, name="Hernoemd thema"), EditGoal(goal, title="Hernoemd doel"))
    merge(hub, laptop)
    assert read(hub, lambda p: (p.get("theme", theme).name, p.get("goal", goal).title)) == \
        ("Hernoemd thema", "Hernoemd doel")


def test_a_deletion_travels_onto_the_version_it_saw_but_not_onto_a_later_edit(sample_path, tmp_path, clock):
    hub, laptop = copies(sample_path, tmp_path, "hub", "laptop")
    seen, unseen = read(hub, lambda p: [i.uuid for i in p.interventions()[:2]])
    clock(+3)  # the deleting laptop's clock is ahead: its deletion still must not beat an unseen edit
    edit(laptop, DeleteInterventions([seen, unseen]))
    clock(0)
    edit(hub, EditIntervention(unseen, title="Bewerkt in de hub"))
    summary = merge(hub, laptop)
    assert read(hub, lambda p: (p.get("intervention", seen), p.get("intervention", unseen).title)) == \
        (None, "Bewerkt in de hub")
    assert len(summary.conflicts) == 1


def test_rows_carry_versions_and_an_undo_is_a_new_version(empty_project):
    from workbench.core.theme_commands import AddTheme

    theme = empty_project.execute(AddTheme("Water")).uuid
    first = empty_project.repository.versions()[theme][1]
    empty_project.undo_stack.undo()
    kind, second, alive = empty_project.repository.versions()[theme]
    assert (kind, alive) == ("theme", False)
    assert sum(second.values()) == sum(first.values()) + 1


def test_a_theme_deleted_in_one_file_while_another_tagged_an_idea_with_it_converges(sample_path, tmp_path):
    """One merge brings in an idea tagged with a theme (from one file) and the theme's
    deletion (from another): the link goes, and that retagging travels back to the file
    that tagged it, also after a third file's edit brought the theme back."""
    hub, tagger, remover, renamer = copies(sample_path, tmp_path, "hub", "tagger", "remover", "renamer")
    theme = read(hub, lambda p: p.themes()[0].uuid)
    idea = read(hub, lambda p: next(i.uuid for i in p.interventions() if theme not in i.theme_uuids))
    edit(tagger, EditIntervention(idea, theme_uuids=[theme]))
    edit(remover, DeleteTheme(theme))
    edit(renamer, EditTheme(theme, name="Groen en water"))
    merge(hub, tagger, remover)
    assert theme not in read(hub, lambda p: p.get("intervention", idea).theme_uuids)
    merge(hub, renamer)  # the rename never saw the deletion: the theme is back
    merge(tagger, hub)
    links = [read(path, lambda p: p.get("intervention", idea).theme_uuids) for path in (hub, tagger)]
    assert links[0] == links[1] and theme not in links[0]
    assert read(tagger, lambda p: p.get("theme", theme).name) == "Groen en water"
