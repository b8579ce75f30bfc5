"""Honest samples and texts: the samples say on every PDF page and in their name that they
are fictional, quote only the visie itself (with line numbers), and the handout carries
the visie's own framing of the map and each theme's description."""

import subprocess

import pytest

from workbench.cli import main
from workbench.store import open_project


def pages(path) -> list:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    return [" ".join(page.split()) for page in text.decode("utf-8").split("\f") if page.strip()]


@pytest.mark.parametrize("fixture", ["sample_path", "caumerbeekdal_path"])
@pytest.mark.parametrize("kind", ["handout", "report", "poster", "terugkoppeling"])
def test_every_page_of_a_sample_pdf_says_it_is_fictional(request, tmp_path, fixture, kind):
    path = request.getfixturevalue(fixture)
    out = tmp_path / f"{kind}.pdf"
    assert main(["export", "pdf", str(path), str(out), "--kind", kind]) == 0
    texts = pages(out)
    assert texts and all("Fictief voorbeeld" in page for page in texts)
    project = open_project(path, read_only=True)
    assert "fictief voorbeeld" in project.info.name
    assert all("fictief" in s.title for s in project.sessions())
    project.close()


def test_the_samples_claim_nothing_the_visie_does_not_say(sample_path, caumerbeekdal_path):
    heerlerheide = open_project(sample_path, read_only=True)
    assert "gemeenteraad" not in heerlerheide.info.next_steps  # F5: the seed has the college decide programma's
    assert not any("Mijnwater" in i.description for i in heerlerheide.interventions())
    assert all(q.session_uuid is None for q in heerlerheide.quotes())  # not said at the fictional evening
    heerlerheide.close()
    caumerbeekdal = open_project(caumerbeekdal_path, read_only=True)
    text = " ".join(i.title + " " + i.description for i in caumerbeekdal.interventions())
    assert "in een buis" not in text and "mijnsteenberg" not in text  # F4
    assert "Groene entree vanuit het centrum" not in text and "Zeswegen" not in text  # F3
    assert all(q.speaker == "Fictieve bewoner (voorbeeld)" for q in caumerbeekdal.quotes())
    caumerbeekdal.close()


def test_sample_ideas_lie_where_their_titles_say(sample_path):
    from workbench.analysis.wijken import place_interventions

    project = open_project(sample_path, read_only=True)
    placements = place_interventions(project)
    by_title = {i.title: placements[i.uuid] for i in project.interventions()}
    assert by_title["Zorgbuurthuis Heerlerheide"].main == "Heerlerheide-Passart"  # F7: was Vrieheide-De Stack
    project.close()


def test_the_handout_frames_the_map_as_a_sketch_and_explains_each_theme(sample_path, tmp_path):
    out = tmp_path / "handout.pdf"
    assert main(["export", "pdf", str(sample_path), str(out)]) == 0
    words = " ".join(pages(out))
    assert "Deze kaart is een schets, geen omgevingsplankaart." in words
    project = open_project(sample_path, read_only=True)
    used = {i.primary_theme_uuid for i in project.interventions()}
    for theme in project.themes():
        if theme.uuid in used:
            assert " ".join(theme.description.split()) in words, theme.name
    assert project.theme_by_name("Dé tuinstad van Parkstad") is not None
    project.close()
