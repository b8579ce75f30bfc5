"""No export ever replaces a project: every output kind, every spelling of the path,
other projects (closed or open in another process), and files that are no files."""

import os
import subprocess
import sys
import textwrap

import pytest

from workbench.cli import main

KINDS = ["png", "pdf", "geojson", "csv", "gpkg"]


def _spellings(path, tmp_path):
    """Names of the same file: as given, ./x, ../dir/x, a symlink, a hard link, a file
    in a symlinked folder (how a second mount or share name of the folder looks)."""
    (tmp_path / "elders").mkdir()
    os.symlink(path, tmp_path / "koppeling.gpkg")
    os.link(path, tmp_path / "harde-koppeling.gpkg")
    os.symlink(tmp_path, tmp_path / "zelfde-map")
    return {"same": str(path), "dot": f"./{path.name}", "dotdot": f"../{tmp_path.name}/{path.name}",
            "symlink": str(tmp_path / "koppeling.gpkg"), "hardlink": str(tmp_path / "harde-koppeling.gpkg"),
            "folder-link": str(tmp_path / "zelfde-map" / path.name)}


def _temporaries(folder):
    return sorted(name for name in os.listdir(folder) if name.startswith((".werkbank-", ".export-")))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("spelling", ["same", "dot", "dotdot", "symlink", "hardlink", "folder-link"])
def test_an_export_onto_any_name_of_its_own_project_is_refused(kind, spelling, sample_path, tmp_path,
                                                              monkeypatch, capsys):
    out = _spellings(sample_path, tmp_path)[spelling]
    monkeypatch.chdir(tmp_path)
    before = sample_path.read_bytes()
    assert main(["export", kind, str(sample_path), out]) == 2
    assert "het project zelf" in capsys.readouterr().err
    assert sample_path.read_bytes() == before
    assert _temporaries(tmp_path) == []


@pytest.mark.parametrize("kind", KINDS)
def test_an_export_over_another_closed_project_is_refused(kind, sample_path, caumerbeekdal_path, capsys):
    before = caumerbeekdal_path.read_bytes()
    assert main(["export", kind, str(sample_path), str(caumerbeekdal_path)]) == 2
    assert "caumerbeekdal.gpkg is een werkbankproject; kies een ander bestand." in capsys.readouterr().err
    assert caumerbeekdal_path.read_bytes() == before


_HOLDER = textwrap.dedent("""
    import sys
    from shapely.geometry import Point
    from workbench.core.commands import AddIntervention
    from workbench.store import open_project

    project = open_project(sys.argv[1])
    print("open", flush=True)
    sys.stdin.readline()  # the test exports meanwhile
    project.execute(AddIntervention("Na de poging", Point(195000, 325000)))
    project.close()
    print("saved", flush=True)
""")


@pytest.mark.parametrize("kind", KINDS)
def test_an_export_over_a_project_open_in_another_process_is_refused(kind, sample_path, caumerbeekdal_path,
                                                                     capsys):
    from workbench.errors import ProjectInUseError
    from workbench.store import open_project

    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(caumerbeekdal_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        before = caumerbeekdal_path.read_bytes()
        assert main(["export", kind, str(sample_path), str(caumerbeekdal_path)]) == 2
        assert "caumerbeekdal.gpkg is al geopend in een ander venster of programma" in capsys.readouterr().err
        assert caumerbeekdal_path.read_bytes() == before
        with pytest.raises(ProjectInUseError):  # probing the lock left it with its holder
            open_project(caumerbeekdal_path)
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "saved"
    finally:
        holder.kill()
        holder.wait()
    reopened = open_project(caumerbeekdal_path, read_only=True)
    try:
        assert any(i.title == "Na de poging" for i in reopened.interventions())
    finally:
        reopened.close()


@pytest.mark.parametrize("kind", KINDS)
def test_an_export_onto_the_project_through_a_bind_mount_is_refused(kind, sample_path, tmp_path, capsys):
    second = tmp_path / "share"
    second.mkdir()
    mounted = subprocess.run(["mount", "--bind", str(sample_path.parent), str(second)], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        pytest.skip(f"mount --bind is not permitted here: {mounted.stderr.strip()}")
    try:
        before = sample_path.read_bytes()
        assert main(["export", kind, str(sample_path), str(second / sample_path.name)]) == 2
        assert "het project zelf" in capsys.readouterr().err
        assert sample_path.read_bytes() == before
    finally:
        subprocess.run(["umount", str(second)], check=True)


def test_a_sqlite_file_that_cannot_be_read_is_not_replaced(sample_path, tmp_path, capsys):
    damaged = tmp_path / "beschadigd.gpkg"
    damaged.write_bytes(sample_path.read_bytes()[:100] + b"\xff" * 4000)
    before = damaged.read_bytes()
    assert main(["export", "csv", str(sample_path), str(damaged)]) == 2
    assert "beschadigd.gpkg is een database die niet te lezen is" in capsys.readouterr().err
    assert damaged.read_bytes() == before


def test_a_previous_flat_geopackage_export_may_be_replaced(sample_path, tmp_path):
    out = tmp_path / "voor-qgis.gpkg"
    assert main(["export", "gpkg", str(sample_path), str(out)]) == 0
    assert main(["export", "gpkg", str(sample_path), str(out)]) == 0
    assert out.read_bytes().startswith(b"SQLite format 3\x00")


@pytest.mark.parametrize("kind", KINDS)
def test_a_pipe_is_refused_without_hanging_or_replacing_it(kind, sample_path, tmp_path):
    pipe = tmp_path / f"pijp.{kind}"
    os.mkfifo(pipe)
    # in a subprocess: writing into a pipe nobody reads blocks for ever (Qt's PNG writer did)
    run = subprocess.run([sys.executable, "-m", "workbench", "export", kind, str(sample_path), str(pipe)],
                         capture_output=True, text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 2 and "is geen gewoon bestand" in run.stderr
    assert os.path.exists(pipe) and not os.path.isfile(pipe)


@pytest.mark.parametrize("kind", KINDS)
def test_a_name_that_is_too_long_gets_a_dutch_message(kind, sample_path, tmp_path, capsys):
    assert main(["export", kind, str(sample_path), str(tmp_path / ("x" * 300 + f".{kind}"))]) == 2
    assert "is te lang; kies een kortere naam" in capsys.readouterr().err
    assert _temporaries(tmp_path) == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_read_only_file_is_not_replaced(kind, sample_path, tmp_path, capsys):
    out = tmp_path / f"vast.{kind}"
    out.write_bytes(b"beschermd")
    protected = subprocess.run(["chattr", "+i", str(out)], capture_output=True, text=True)
    if protected.returncode != 0:  # as root, only the immutable flag makes a file read-only
        pytest.skip(f"chattr +i is not possible here: {protected.stderr.strip()}")
    try:
        assert main(["export", kind, str(sample_path), str(out)]) == 2
        assert f"vast.{kind} is alleen-lezen; kies een andere naam." in capsys.readouterr().err
        assert out.read_bytes() == b"beschermd"
        assert _temporaries(tmp_path) == []
    finally:
        subprocess.run(["chattr", "-i", str(out)], check=True)


def test_save_as_refuses_the_project_open_in_another_process(project, caumerbeekdal_path):
    from workbench.errors import ProjectInUseError
    from workbench.io.save_as import save_as

    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(caumerbeekdal_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        before = caumerbeekdal_path.read_bytes()
        with pytest.raises(ProjectInUseError, match="al geopend"):
            save_as(project, caumerbeekdal_path)
        assert caumerbeekdal_path.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()


def test_a_screenshot_of_the_app_is_not_written_over_its_project(sample_path, tmp_path):
    """``workbench PATH --screenshot venster.png`` in its own process, where venster.png is
    a link to the project (Qt's own writer followed it and wrote the PNG into the project)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path))
    os.symlink(sample_path, tmp_path / "venster.png")
    before = sample_path.read_bytes()
    result = subprocess.run([sys.executable, "-m", "workbench", str(sample_path), "--screenshot",
                             str(tmp_path / "venster.png")], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "het project zelf" in result.stderr and "Traceback" not in result.stderr
    assert sample_path.read_bytes() == before
