"""Merging random independent edits of copies of one project (in memory): whatever the
laptops did, nothing added is lost, nothing is doubled, a one-sided edit or deletion
arrives, and merging again changes nothing.

These projects live in memory, without row versions, so merge falls back on its rules for
files from before versions, which compare change times. Those are kept to the
millisecond, and a fast test makes two edits in the same millisecond on two "laptops"
(a tie no two people produce); the clock here ticks one millisecond per reading so the
properties test the merge rules and not the timer's resolution."""

import contextlib
import itertools
from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from workbench.core.commands import (AddIntervention, AddQuote, DeleteInterventions, DeleteQuote, EditIntervention,
                                     SetVotes)
from workbench.core.model import set_clock
from workbench.core.project import Project
from workbench.core.setup_commands import AddSession, AddTheme
from workbench.io.merge import merge_projects

BASE_SIZE = 5


@contextlib.contextmanager
def ticking_clock():
    start, ticks = datetime(2026, 11, 29, 19, 0, tzinfo=timezone.utc), itertools.count()
    set_clock(lambda: start + timedelta(milliseconds=next(ticks)))
    try:
        yield
    finally:
        set_clock()
operation = st.tuples(st.sampled_from(["add", "edit", "delete", "vote", "quote", "unquote", "theme"]),
                      st.integers(0, BASE_SIZE - 1),
                      st.integers(1, 9))
laptop_plans = st.lists(st.lists(operation, max_size=6), min_size=1, max_size=4)


def base_project():
    project = Project()
    for index in range(BASE_SIZE):
        item = project.execute(AddIntervention(f"Basis {index}", Point(195000 + 50 * index, 325000),
                                               session_uuid=None))
        if index < 2:
            project.execute(AddQuote(f"Basiscitaat {index}", "Bewoner", item.uuid, session_uuid=None))
    return project


def copy_of(project):
    return project.scratch_copy()


def base_uuids(project):
    return [i.uuid for i in project.all("intervention") if i.title.startswith("Basis ")]


def run_laptop(project, number, plan, base=None):
    """Returns what this laptop did: {"added": uuids, "edited": {uuid: title}, "deleted": uuids, "votes": n}."""
    session = project.execute(AddSession(f"Laptop {number}")).uuid
    project.set_current_session(session)
    base = base or base_uuids(project)
    done = {"added": [], "edited": {}, "deleted": set(), "votes": 0, "quotes": set(), "unquoted": set()}
    for kind, index, value in plan:
        target = base[index]
        alive = project.get("intervention", target) is not None
        if kind == "add":
            done["added"].append(project.execute(AddIntervention(f"Nieuw {number}-{value}", Point(196000, 325000))).uuid)
        elif kind == "edit" and alive:
            title = f"Bewerkt {number}-{value}"
            if project.get("intervention", target).title != title:
                project.execute(EditIntervention(target, title=title))
                done["edited"][target] = title
        elif kind == "delete" and alive:
            project.execute(DeleteInterventions([target]))
            done["deleted"].add(target)
            done["edited"].pop(target, None)
        elif kind == "vote" and alive:
            project.execute(SetVotes(target, value))
        elif kind == "theme" and alive:
            # The same new theme name on several laptops must end up as one theme.
            name = ["Groen", "Spelen", "Wonen"][value % 3]
            theme = project.theme_by_name(name) or project.get("theme", project.execute(AddTheme(name)).uuid)
            project.execute(EditIntervention(target, theme_uuids=[theme.uuid]))
            done["edited"][target] = project.get("intervention", target).title
        elif kind == "quote":
            quote = project.execute(AddQuote(f"Citaat {number}-{value}", "Bewoner", target if alive else None))
            done["quotes"].add(quote.uuid)
        elif kind == "unquote" and project.quotes():
            quote = sorted(project.quotes(), key=lambda q: q.uuid)[0]
            project.execute(DeleteQuote(quote.uuid))
            done["quotes"].discard(quote.uuid)
            done["unquoted"].add(quote.uuid)
    done["votes"] = sum(v.count for v in project.all("vote"))
    return done


def state(project):
    return {kind: dict(table) for kind, table in project.state.entities.items()}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans=laptop_plans, newest=st.booleans())
def test_random_independent_edits_merge_without_loss_or_doubling(plans, newest):
    with ticking_clock():
        _merge_without_loss_or_doubling(plans, newest)


def _merge_without_loss_or_doubling(plans, newest):
    base = base_project()
    laptops, done = [], []
    for number, plan in enumerate(plans):
        laptop = copy_of(base)
        done.append(run_laptop(laptop, number, plan))
        laptops.append(laptop)
    target = copy_of(base)
    rule = "newest_wins" if newest else "keep_both"
    summary = merge_projects(target, laptops, rule)
    items = target.all("intervention")
    uuids = {i.uuid for i in items}
    numbers = [i.number for i in items]
    assert len(numbers) == len(set(numbers))
    for did in done:
        assert set(did["added"]) <= uuids                      # nothing added is lost
    titles = [i.title for i in items]
    names = [t.name.casefold() for t in target.all("theme")]
    assert len(names) == len(set(names))
    assert all(target.get("theme", t) for i in items for t in i.theme_uuids)
    listed = "\n".join(c.line() for c in summary.conflicts)
    touched_by = {}
    for number, did in enumerate(done):
        for uuid in list(did["edited"]) + list(did["deleted"]):
            touched_by.setdefault(uuid, set()).add(number)
    for number, did in enumerate(done):
        for uuid, title in did["edited"].items():
            if touched_by[uuid] == {number}:                   # edited on one laptop only: it arrives
                assert title in titles
            elif not newest:                                   # a conflict: both versions are kept
                assert title in titles
        quotes = {q.uuid for q in target.quotes()}
        assert did["quotes"] <= quotes                         # quotes come along
        assert not did["unquoted"] & quotes                    # a deleted quote stays deleted
        for uuid in did["deleted"]:
            if touched_by[uuid] == {number} and uuid in uuids:
                # Only when the files cannot tell untouched from edited: then it is listed, never silent.
                assert target.get("intervention", uuid).title in listed
    before = state(target)
    again = merge_projects(target, laptops, rule)
    assert state(target) == before and again.changes == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=laptop_plans, second=laptop_plans, newest=st.booleans())
def test_merging_again_after_more_edits_loses_nothing_added(first, second, newest):
    with ticking_clock():
        _merging_again_loses_nothing_added(first, second, newest)


def _merging_again_loses_nothing_added(first, second, newest):
    base = base_project()
    originals = sorted(base.all("intervention"), key=lambda i: i.number)
    uuids_of_base = [i.uuid for i in originals]
    laptops = [copy_of(base) for _plan in first]
    added = []
    for number, (laptop, plan) in enumerate(zip(laptops, first)):
        added += run_laptop(laptop, number, plan, uuids_of_base)["added"]
    target = copy_of(base)
    rule = "newest_wins" if newest else "keep_both"
    merge_projects(target, laptops, rule)
    for number, (laptop, plan) in enumerate(zip(laptops, second)):
        added += run_laptop(laptop, 10 + number, plan, uuids_of_base)["added"]
    merge_projects(target, laptops, rule)
    uuids = {i.uuid for i in target.all("intervention")}
    assert set(added) <= uuids
    numbers = [i.number for i in target.all("intervention")]
    assert len(numbers) == len(set(numbers))
    before = state(target)
    assert merge_projects(target, laptops, rule).changes == 0 and state(target) == before
