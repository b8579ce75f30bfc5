"""The sample projects are real enough to demo: plausible places, themes, votes, quotes."""

import os

import pytest

from workbench.io import samples
from workbench.io.reference import WIJKEN_CREDIT
from workbench.store import open_project


def test_heerlerheide_sample(sample_path):
    project = open_project(sample_path, read_only=True)
    items = project.interventions()
    assert len(items) >= 20
    assert [i.number for i in items] == list(range(1, len(items) + 1))
    # Every idea lies in (or touches) the area made of the three wijken.
    area = project.area.geometry.buffer(1)
    assert all(area.intersects(i.geometry) for i in items)
    assert {i.geometry.geom_type for i in items} == {"Point", "LineString", "Polygon"}
    assert all(i.primary_theme_uuid and project.get("theme", i.primary_theme_uuid) for i in items)
    (session,) = project.sessions()
    assert session.place and session.participants > 0 and session.date
    assert sum(project.votes(i.uuid, session.uuid) for i in items) > 50
    # the sample's quotes are the visie's own, each with the lines it comes from
    assert all(q.speaker.startswith("Bewoner uit") and "Omgevingsvisie Heerlen 2050, L" in q.speaker
               for q in project.quotes())
    assert project.info.next_steps and project.info.credits == WIJKEN_CREDIT
    (wijken,) = project.reference_layers()
    assert len(wijken.features) == 23 and wijken.credit == WIJKEN_CREDIT
    assert "Heerlerheide-Passart" in {f.label for f in wijken.features}
    assert len(project.goals()) >= 3
    project.close()


def test_caumerbeekdal_sample(caumerbeekdal_path):
    project = open_project(caumerbeekdal_path, read_only=True)
    assert project.info.name.startswith("Caumerbeekdal")
    area = project.area.geometry.buffer(1)
    assert len(project.interventions()) >= 10
    assert all(area.intersects(i.geometry) for i in project.interventions())
    assert project.area.geometry.area > 100 * 10_000  # a corridor of well over 100 ha
    project.close()


def test_samples_have_stable_identities(tmp_path):
    a = samples.build_sample("heerlerheide", tmp_path / "a.gpkg")
    b = samples.build_sample("heerlerheide", tmp_path / "b.gpkg")
    assert {i.uuid for i in a.interventions()} == {i.uuid for i in b.interventions()}
    a.close()
    b.close()


def test_a_first_start_that_fails_half_way_leaves_no_half_sample_and_is_retried(tmp_path, monkeypatch):
    # On macOS the first start failed while building the sample ("database is locked");
    # the half-built file was then opened as the sample on every later start.
    from workbench.errors import ValidationError
    from workbench.ui import app

    target = tmp_path / "data" / "heerlerheide.gpkg"
    monkeypatch.setattr(app, "sample_path", lambda: target)
    real_recipe = samples.recipe

    def broken_recipe(name):
        data = real_recipe(name)
        data["interventions"][5]["themes"] = ["Een thema dat er niet is"]  # fails after the file exists
        return data

    monkeypatch.setattr(samples, "recipe", broken_recipe)
    with pytest.raises(ValidationError):
        app.ensure_sample()
    assert os.listdir(target.parent) == []
    monkeypatch.setattr(samples, "recipe", real_recipe)
    assert app.ensure_sample() == target
    project = open_project(target, read_only=True)
    assert len(project.interventions()) == len(real_recipe("heerlerheide")["interventions"])
    project.close()
    assert os.listdir(target.parent) == ["heerlerheide.gpkg"]
