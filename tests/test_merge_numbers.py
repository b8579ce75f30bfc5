"""Idea numbers after merges: two laptops that both made idea 23 end with two different
numbers, the same on every replica whatever the merge order, and the summary says which
idea got which new number."""

import shutil

from shapely.geometry import Point

from workbench.core.commands import AddIntervention, DeleteInterventions, EditIntervention
from workbench.core.setup_commands import AddSession
from workbench.io.merge import merge_files
from workbench.store import open_project


def laptop(sample_path, folder, name, *titles):
    """A copy of the sample where ``name``'s evening adds ideas ``titles``; returns the path."""
    path = folder / f"{name}.gpkg"
    shutil.copy(sample_path, path)
    project = open_project(path)
    try:
        project.set_current_session(project.execute(AddSession(f"Avond {name}", date="2026-03-01")).uuid)
        for offset, title in enumerate(titles):
            project.execute(AddIntervention(title, Point(195000 + offset * 10, 325500 + len(name))))
    finally:
        project.close()
    return path


def merge(target, *sources):
    project = open_project(target)
    try:
        return merge_files(project, list(sources))
    finally:
        project.close()


def numbers(path) -> dict:
    project = open_project(path, read_only=True)
    try:
        return {i.uuid: (i.number, i.title) for i in project.all("intervention")}
    finally:
        project.close()


def unique(path) -> bool:
    values = [number for number, _title in numbers(path).values()]
    return len(values) == len(set(values))


def assert_table_b_kept_its_numbers(after, summary, base, origin_a):
    """Ideas B0-B3 and A0-A3 were made in turns, table b first: b's keep their numbers,
    a's move as a whole, in order, said in one line."""
    assert [after[f"B{n}"] for n in range(4)] == [base + 1 + n for n in range(4)]
    assert [after[f"A{n}"] for n in range(4)] == [base + 5 + n for n in range(4)]
    assert summary.renumbered_lines() == [f"Ideeën {base + 1}–{base + 4} van {origin_a} heten nu "
                                          f"{base + 5}–{base + 8}."]


def test_two_laptops_that_both_made_idea_23_end_with_different_numbers_in_either_merge_order(sample_path, tmp_path):
    paths = {"a": laptop(sample_path, tmp_path, "a", "Bankje"), "b": laptop(sample_path, tmp_path, "b", "Boom")}
    results = []
    for order in ("ab", "ba"):
        hub = tmp_path / f"hub-{order}.gpkg"
        shutil.copy(sample_path, hub)
        base = max(n for n, _t in numbers(hub).values())
        summaries = [merge(hub, paths[name]) for name in order]
        assert unique(hub)
        results.append(numbers(hub))
        new = sorted(n for n, t in numbers(hub).values() if t in ("Bankje", "Boom"))
        assert new == [base + 1, base + 2]
        [line] = [line for s in summaries for line in s.renumbered_lines()]
        assert line.startswith(f"Idee {base + 1} van Avond ") and line.endswith(f"heet nu {base + 2}.")
        assert any(line.startswith("Hernummerd: 1 idee ") for s in summaries for line in s.lines())
    assert results[0] == results[1]  # same numbers whatever the order


def test_laptops_that_exchange_files_both_ways_end_with_the_same_unique_numbers(sample_path, tmp_path):
    a = laptop(sample_path, tmp_path, "a", "Bankje", "Speeltuin")
    b = laptop(sample_path, tmp_path, "b", "Boom", "Fietspad", "Waterplein")
    a_copy, b_copy = tmp_path / "a-kopie.gpkg", tmp_path / "b-kopie.gpkg"
    shutil.copy(a, a_copy)
    shutil.copy(b, b_copy)
    merge(a, b_copy)   # each merges the other's file as it was
    merge(b, a_copy)
    assert unique(a) and unique(b)
    assert numbers(a) == numbers(b)  # both settled it alike
    merge(a, b)
    merge(b, a)
    assert numbers(a) == numbers(b) and unique(a)


def test_a_renumbering_travels_and_a_later_edit_keeps_the_new_number(sample_path, tmp_path):
    hub = tmp_path / "hub.gpkg"
    shutil.copy(sample_path, hub)
    a = laptop(sample_path, tmp_path, "a", "Bankje")
    b = laptop(sample_path, tmp_path, "b", "Boom")
    merge(hub, a, b)
    merge(a, hub)
    merge(b, hub)
    assert numbers(a) == numbers(b) == numbers(hub)
    new = {t: u for u, (n, t) in numbers(hub).items() if t in ("Bankje", "Boom")}
    moved = max(new, key=lambda t: numbers(hub)[new[t]][0])  # the one that got a new number
    owner, renumbered = (a if moved == "Bankje" else b), new[moved]
    project = open_project(owner)
    try:
        project.execute(EditIntervention(renumbered, description="Later bewerkt"))
    finally:
        project.close()
    summary = merge(hub, owner)
    assert numbers(hub) == numbers(owner) and unique(hub) and summary.renumbered == []


def test_ideas_that_do_not_share_a_number_keep_theirs(sample_path, tmp_path):
    a = laptop(sample_path, tmp_path, "a", "Bankje")
    before = numbers(a)
    project = open_project(a)
    try:
        project.execute(EditIntervention(project.interventions()[0].uuid, title="Anders"))
    finally:
        project.close()
    hub = tmp_path / "hub.gpkg"
    shutil.copy(sample_path, hub)
    summary = merge(hub, a)
    assert summary.renumbered == []
    assert {u: n for u, (n, _t) in numbers(hub).items()} == {u: n for u, (n, _t) in before.items()}


def test_the_later_evening_moves_as_a_whole_in_its_own_order_in_either_merge_order(sample_path, tmp_path):
    """Two laptops each held an evening and numbered its ideas from the same next number:
    the earlier evening keeps its numbers, the later one's ideas move together and keep
    their order, and the summary says so in one line. (The rule before, the smaller
    UUID keeps the number, moved a random half of each evening: both handouts wrong.)"""
    titles = [f"Idee {n}" for n in range(12)]
    early = laptop(sample_path, tmp_path, "vroeg", *[f"Vroeg {t}" for t in titles])
    late = laptop(sample_path, tmp_path, "laat", *[f"Laat {t}" for t in titles])
    before = {t: n for n, t in numbers(early).values()} | {t: n for n, t in numbers(late).values()}
    results = []
    for order in ((early, late), (late, early)):
        hub = tmp_path / f"hub-{order[0].stem}.gpkg"
        shutil.copy(sample_path, hub)
        lines = [line for path in order for line in merge(hub, path).lines()]
        after = {t: n for n, t in numbers(hub).values()}
        results.append(after)
        assert unique(hub)
        assert all(after[f"Vroeg {t}"] == before[f"Vroeg {t}"] for t in titles)  # the first evening stands
        moved = [after[f"Laat {t}"] for t in titles]
        top = max(before.values())
        assert moved == list(range(top + 1, top + 13))  # together, in their own order
        first, last = before["Laat Idee 0"], before["Laat Idee 11"]
        runs = [line for line in lines if line.startswith(f"- Ideeën {first}–{last} van Avond laat")]
        assert len(runs) == 1 and runs[0].endswith(f" heten nu {top + 1}–{top + 12}."), lines
    assert results[0] == results[1]


def test_two_tables_working_at_the_same_time_keep_their_ideas_together(sample_path, tmp_path):
    """Two laptops at one evening, ideas made in turns: the table whose session began first
    keeps its numbers, the other's move as a whole, in their order (by each idea's own
    time, half of each table moved)."""
    paths, projects = [], []
    for name in "ab":
        path = tmp_path / f"{name}.gpkg"
        shutil.copy(sample_path, path)
        paths.append(path)
        project = open_project(path)
        project.set_current_session(project.execute(AddSession(f"Tafel {name}", date="2026-03-01")).uuid)
        projects.append(project)
    for offset, made in enumerate(["b0", "a0", "a1", "b1", "b2", "a2", "a3", "b3"]):
        projects["ab".index(made[0])].execute(AddIntervention(made.upper(), Point(195000 + offset * 10, 325500)))
    for project in projects:
        project.close()
    hub = tmp_path / "hub.gpkg"
    shutil.copy(sample_path, hub)
    base = max(n for n, _t in numbers(hub).values())
    summary = merge(hub, *paths)
    after = {t: n for n, t in numbers(hub).values()}
    assert_table_b_kept_its_numbers(after, summary, base, "Tafel a (a.gpkg)")


def test_three_evenings_that_clash_move_evening_by_evening(sample_path, tmp_path):
    paths = [laptop(sample_path, tmp_path, name, *[f"{name.upper()}{n}" for n in range(4)]) for name in "abc"]
    hub = tmp_path / "hub.gpkg"
    shutil.copy(sample_path, hub)
    base = max(n for n, _t in numbers(hub).values())
    summary = merge(hub, *paths)
    after = {t: n for n, t in numbers(hub).values()}
    assert [after[f"{name}{n}"] for name in "ABC" for n in range(4)] == list(range(base + 1, base + 13))
    assert len(summary.renumbered_lines()) == 2  # one line per evening that moved


def test_creation_times_in_other_forms_and_zones_are_ordered_as_moments():
    from workbench.io.merge_numbers import _moment

    stamps = ["2026-03-01T08:00:00Z", "2026-03-01T21:00:00+01:00", "2026-03-01T20:30:00.000+00:00",
              "2026-03-01 23:00", "niet te lezen", ""]
    assert sorted(stamps, key=_moment) == stamps


def test_two_laptops_recording_one_session_prepared_on_the_hub_keep_their_ideas_together(sample_path, tmp_path):
    """The evening is prepared on the hub and copied to two tables' laptops, which record
    under that one session, in turns: the laptop that began first keeps its numbers, the
    other's move as a whole, in their order (the session alone cannot tell them apart; by
    each idea's own time the numbers of both tables were shuffled)."""
    hub = tmp_path / "hub.gpkg"
    shutil.copy(sample_path, hub)
    project = open_project(hub)
    evening = project.execute(AddSession("Avond centrum", date="2026-03-01")).uuid
    project.close()
    base = max(n for n, _t in numbers(hub).values())
    paths, projects = [], []
    for name in "ab":
        path = tmp_path / f"tafel-{name}.gpkg"
        shutil.copy(hub, path)
        paths.append(path)
        projects.append(open_project(path))
        projects[-1].set_current_session(evening)
    for offset, made in enumerate(["b0", "a0", "a1", "b1", "b2", "a2", "a3", "b3"]):
        projects["ab".index(made[0])].execute(AddIntervention(made.upper(), Point(195000 + offset * 10, 325500)))
    for project in projects:
        project.close()
    results = []
    for order in (paths, paths[::-1]):
        target = tmp_path / f"hub-{order[0].stem}.gpkg"
        shutil.copy(hub, target)
        summary = merge(target, *order)
        after = {t: n for n, t in numbers(target).values()}
        assert_table_b_kept_its_numbers(after, summary, base, "Avond centrum (tafel-a.gpkg)")
        results.append(after)
    assert results[0] == results[1]


def test_a_laptops_ideas_that_move_keep_their_spacing_so_a_resident_adds_one_number(sample_path, tmp_path):
    """A table's laptop recorded two sessions in turns, so each session's numbers
    interleave: the moving ideas of one laptop all move by one offset ("your number +
    6"), not onto the next free numbers one by one (1, 3, 5 became 7, 8, 9, which no
    resident could work out), and the summary says it in one line per laptop."""
    hub = tmp_path / "hub.gpkg"
    shutil.copy(sample_path, hub)
    base = max(n for n, _t in numbers(hub).values())
    projects, sessions = {}, {}
    for name in "ab":
        shutil.copy(hub, tmp_path / f"{name}.gpkg")
        projects[name] = open_project(tmp_path / f"{name}.gpkg")
    for name, title in (("b", "Tafel 2"), ("a", "Vroeg"), ("b", "Tafel 1")):
        sessions[title] = projects[name].execute(AddSession(title, date="2026-03-01")).uuid
    # in this order in time: b's Tafel 2 began first, then a, then b's Tafel 1
    for made in ["T2-0", "A0", "T1-0", "A1", "T2-1", "A2", "T1-1", "A3", "T2-2", "A4", "T1-2", "A5"]:
        name = "a" if made.startswith("A") else "b"
        session = {"A": "Vroeg", "T1": "Tafel 1", "T2": "Tafel 2"}[made.split("-")[0] if "-" in made else "A"]
        projects[name].set_current_session(sessions[session])
        projects[name].execute(AddIntervention(made, Point(195000 + len(made) * 10, 325500)))
    for project in projects.values():
        project.close()
    before = {t: n for n, t in numbers(tmp_path / "a.gpkg").values()} | {
        t: n for n, t in numbers(tmp_path / "b.gpkg").values()}
    summary = merge(hub, tmp_path / "a.gpkg", tmp_path / "b.gpkg")
    after = {t: n for n, t in numbers(hub).values()}
    assert unique(hub)
    moved_a = {t: after[t] - before[t] for t in ("A0", "A2", "A4")}  # a's clashing with b's earlier Tafel 2
    moved_b = {t: after[t] - before[t] for t in ("T1-0", "T1-1", "T1-2")}  # b's Tafel 1, later than a
    assert set(moved_a.values()) == {6} and set(moved_b.values()) == {10}
    assert all(after[t] == before[t] for t in ("A1", "A3", "A5", "T2-0", "T2-1", "T2-2"))
    assert summary.renumbered_lines() == [
        f"3 ideeën van Vroeg (a.gpkg) heten nu 6 hoger ({base + 1} \u2192 {base + 7}, {base + 3} \u2192 {base + 9}, …).",
        f"3 ideeën van Tafel 1 (b.gpkg) heten nu 10 hoger ({base + 2} \u2192 {base + 12}, {base + 4} \u2192 {base + 14}, …)."]


def test_a_laptops_moving_ideas_far_apart_move_per_stretch_and_leave_no_hundred_numbers_unused(sample_path, tmp_path):
    """One offset for a laptop whose moving numbers lie far apart (here 1-3 and 100-102
    past the sample's) would leave the numbers between unused; each stretch moves on its
    own, in order, and the summary has a line per stretch."""
    early = laptop(sample_path, tmp_path, "vroeg", *[f"Vroeg {n}" for n in range(102)])
    late = laptop(sample_path, tmp_path, "laat", *[f"Laat {n}" for n in range(102)])
    project = open_project(late)
    gone = [i.uuid for i in project.all("intervention") if i.title.startswith("Laat ") and 3 <= int(i.title[5:]) < 99]
    project.execute(DeleteInterventions(gone))
    project.close()
    hub = tmp_path / "hub.gpkg"
    shutil.copy(sample_path, hub)
    base = max(n for n, _t in numbers(hub).values())
    summary = merge(hub, early, late)
    after = {t: n for n, t in numbers(hub).values()}
    assert unique(hub)
    assert [after[f"Laat {n}"] for n in (0, 1, 2, 99, 100, 101)] == list(range(base + 103, base + 109))
    assert summary.renumbered_lines() == [
        f"Ideeën {base + 1}–{base + 3} van Avond laat (laat.gpkg) heten nu {base + 103}–{base + 105}.",
        f"Ideeën {base + 100}–{base + 102} van Avond laat (laat.gpkg) heten nu {base + 106}–{base + 108}."]


def test_laptops_that_merge_each_others_files_agree_also_when_the_merge_edits_an_idea(sample_path, tmp_path):
    """Laptop a deleted a theme that b's idea B1 links to: merging b's file, a drops that
    link (an edit of its own, which adds a's id to B1's version). The laptop that made
    an idea was read from that version, so on a B1 moved apart from b's other ideas and
    the two laptops ended with different numbers, for half of all pairs of replica ids
    (found by review). The side of the merge an idea came from decides now."""
    from workbench.core.theme_commands import DeleteTheme

    base = max(n for n, _t in numbers(sample_path).values())
    for trial in range(4):
        paths = {name: tmp_path / f"{name}{trial}.gpkg" for name in "ab"}
        for path in paths.values():
            shutil.copy(sample_path, path)
        a, b = open_project(paths["a"]), open_project(paths["b"])
        theme = [t for t in a.themes() if t.parent_uuid][0].uuid
        a.set_current_session(a.execute(AddSession("Avond a", date="2026-03-01")).uuid)
        for n in range(3):
            a.execute(AddIntervention(f"A{n}", Point(195000 + n * 10, 325500)))
        b.set_current_session(b.execute(AddSession("Avond b", date="2026-03-01")).uuid)
        for n in range(3):
            b.execute(AddIntervention(f"B{n}", Point(195000 + n * 10, 325600), [theme] if n == 1 else []))
        a.execute(DeleteTheme(theme))
        a.close()
        b.close()
        copies = {name: tmp_path / f"{name}{trial}-kopie.gpkg" for name in "ab"}
        for name in "ab":
            shutil.copy(paths[name], copies[name])
        merge(paths["a"], copies["b"])
        merge(paths["b"], copies["a"])
        ours = {t: n for n, t in numbers(paths["a"]).values() if t[:1] in "AB" and len(t) == 2}
        theirs = {t: n for n, t in numbers(paths["b"]).values() if t[:1] in "AB" and len(t) == 2}
        assert ours == theirs
        assert [ours[f"B{n}"] for n in range(3)] == [base + 4, base + 5, base + 6]  # b's evening together


def test_the_summary_tells_renumberings_from_the_numbers_the_user_knew(sample_path, tmp_path):
    """Two hubs merged the same three laptops in other orders, so each renumbered A2 and
    B1 apart; exchanging the hubs' files takes the lower number of each. A hub that ends
    with the numbers it had was told 'Idee 26 heet nu 27' (back and forth within the
    merge), the other was not told that B1 changed at all (found by review)."""
    c = laptop(sample_path, tmp_path, "c", "C1", "C2")
    b = laptop(sample_path, tmp_path, "b", "B1")
    a = laptop(sample_path, tmp_path, "a", "A1", "A2")
    hubs = [tmp_path / "h1.gpkg", tmp_path / "h2.gpkg"]
    for hub in hubs:
        shutil.copy(a, hub)
    merge(hubs[0], b)
    merge(hubs[0], c)
    merge(hubs[1], c)
    merge(hubs[1], b)
    before = [{t: n for n, t in numbers(hub).values()} for hub in hubs]
    assert before[0]["A2"] != before[1]["A2"] and before[0]["B1"] != before[1]["B1"]
    copies = [tmp_path / "h1-kopie.gpkg", tmp_path / "h2-kopie.gpkg"]
    for hub, copy in zip(hubs, copies):
        shutil.copy(hub, copy)
    told = [merge(hubs[0], copies[1]).renumbered_lines(), merge(hubs[1], copies[0]).renumbered_lines()]
    after = [{t: n for n, t in numbers(hub).values()} for hub in hubs]
    assert after[0] == after[1] == before[0]  # the lower numbers were h1's
    assert told[0] == []
    assert told[1] == [f"Idee {before[1]['A2']} van Avond a heet nu {after[1]['A2']}.",
                       f"Idee {before[1]['B1']} van Avond b (b.gpkg) heet nu {after[1]['B1']}."]
