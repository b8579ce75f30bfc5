"""``workbench weigh``, ``answer`` and ``toets``: the gap view lists zeros, the toets is stored."""

import json

from workbench.cli import main
from workbench.core.commands import DeleteInterventions
from workbench.store import open_project


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_weigh_answer_and_toets_json(sample_path, capsys):
    assert run(capsys, "weigh", sample_path, 3, "--criterion", "sociale-veiligheid", "--verdict", "mits",
               "--condition", "Verlichting aan beide kanten")[0] == 0
    assert run(capsys, "weigh", sample_path, 3, "--criterion", "eindoordeel", "--verdict", "voldoet")[0] == 0
    assert run(capsys, "answer", sample_path, 3, "--disposition", "doorgezet", "--instrument", "programma",
               "--text", "De oversteek komt in het programma verkeersveiligheid.", "--by", "Wijkteam")[0] == 0
    code, out, _err = run(capsys, "toets", sample_path, "--json")
    report = json.loads(out)
    (row,) = [r for r in report["ideas"] if r["number"] == 3]
    assert row["overall"] == "voldoet" and row["disposition"] == "doorgezet" and row["instrument"] == "programma"
    assert ["sociale-veiligheid", "mits", "Verlichting aan beide kanten", ""] in row["verdicts"]
    assert 3 not in report["not_weighed"] and 3 not in report["not_answered"] and 1 in report["not_answered"]
    assert all(c["seed"].startswith("L") for c in report["criteria"])


def test_the_gap_view_lists_themes_and_wijken_without_ideas(sample_path, capsys):
    project = open_project(sample_path)
    from workbench.analysis.wijken import place_interventions

    placements = place_interventions(project)
    in_heksenberg = [uuid for uuid, p in placements.items() if "Heksenberg" in p.touched]
    kind_voorop = project.theme_by_name("Het kind voorop").uuid
    tagged = [i.uuid for i in project.interventions() if kind_voorop in i.theme_uuids]
    project.execute(DeleteInterventions(sorted(set(in_heksenberg) | set(tagged))))
    project.close()
    code, out, _err = run(capsys, "toets", sample_path, "--json")
    report = json.loads(out)
    wijken = {w["name"]: w["count"] for w in report["wijken"]}
    assert wijken["Heksenberg"] == 0
    pillars = {p["name"]: p for p in report["themes"]}
    assert len(pillars) == 3 and sum(len(p["children"]) for p in pillars.values()) == 11
    children = {c["name"]: c["count"] for p in pillars.values() for c in p["children"]}
    assert children["Het kind voorop"] == 0
    code, out, _err = run(capsys, "toets", sample_path)
    assert "    Het kind voorop: 0" in out and "  Heksenberg: 0" in out


def test_a_wrong_criterion_or_number_is_one_dutch_line(sample_path, capsys):
    code, out, err = run(capsys, "weigh", sample_path, 1, "--criterion", "mooi", "--verdict", "voldoet")
    assert code == 2 and "Onbekend criterium 'mooi'" in err and "water-en-bodem" in err and "Traceback" not in err
    code, out, err = run(capsys, "answer", sample_path, 999, "--disposition", "opgenomen", "--text", "x")
    assert code == 2 and "geen idee met nummer 999" in err


def test_ideas_tagged_with_kernthemas_report_in_the_visie_structure(tmp_path, capsys):
    path = tmp_path / "k.gpkg"
    assert run(capsys, "new", path, "--name", "Kernthema's", "--theme-set", "kernthemas")[0] == 0
    for title, theme in (("Hangplek voor jongeren", "Meer voorzieningen voor de jeugd"),
                         ("Straat vegen", "Basis op orde: Heerlen als schone en goed onderhouden stad"),
                         ("Buurtvaders", "Verkleinen van achterstanden")):
        assert run(capsys, "add", path, "--title", title, "--theme", theme)[0] == 0  # without a place
    code, out, _err = run(capsys, "toets", path, "--json")
    rows = {r["sub_theme"]: r["ideas"] for r in json.loads(out)["crosswalk"]}
    assert rows == {"Het kind voorop": 1, "Veiligheid op orde": 0, "Gezonde basis": 2}


def test_numbers_still_to_weigh_read_as_runs(sample_path, capsys):
    """At ten thousand ideas "not weighed yet" was a page of numbers; runs say the same
    in a few characters, and a weighed idea shows as the gap in its run."""
    from workbench.analysis.gaps import number_ranges

    assert number_ranges([]) == ""
    assert number_ranges([20, 3, 1, 2, 7, 9, 10, 11, 9]) == "1\u20133, 7, 9\u201311, 20"
    assert number_ranges([4, 5]) == "4, 5"  # two numbers are not a run
    assert number_ranges(range(1, 10_001)) == "1\u201310000"
    code, out, _err = run(capsys, "toets", sample_path)
    assert code == 0 and "Nog niet getoetst (eindoordeel): 1\u201322\n" in out
    assert run(capsys, "weigh", sample_path, 5, "--criterion", "eindoordeel", "--verdict", "voldoet")[0] == 0
    code, out, _err = run(capsys, "toets", sample_path)
    assert "Nog niet getoetst (eindoordeel): 1\u20134, 6\u201322\n" in out
