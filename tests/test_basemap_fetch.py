"""Downloading a base map from a real HTTP server on 127.0.0.1 (never from PDOK)."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.basemap_fixtures import solid_tile_png
from tests.tile_server import PDOK_BRT, TileServer, closed_port
from workbench import __version__
from workbench.cli import main
from workbench.io import basemap_fetch
from workbench.io.basemap_http import FetchError, TileClient
from workbench.store import open_project
from workbench.store.project_file import check_project
from workbench.store.tiles import basemaps_of

LEVELS = (9, 12)


def quick_client():
    """Short timeouts and backoff, so the fault cases run in a second or two."""
    return TileClient(timeout=0.5, retries=2, backoff=0.05, give_up_after=2.0)


@pytest.fixture
def pdok_source(tmp_path, monkeypatch):
    """A sources file that points the named PDOK source at the local server."""
    def make(server):
        path = tmp_path / "bronnen.json"
        path.write_text(json.dumps({"sources": [{
            "name": "brt-standaard", "title": "BRT lokaal", "url": server.template(PDOK_BRT),
            "tiling": "rd", "levels": [0, 14], "default_levels": [9, 11],
            "attribution": "© Kadaster (test)", "licence": "CC BY 4.0"}]}))
        monkeypatch.setenv("WORKBENCH_BASEMAP_SOURCES", str(path))
        return "brt-standaard"
    return make


def test_a_named_source_is_fetched_into_the_project_and_a_second_run_fetches_nothing(project, pdok_source):
    with TileServer() as server:
        name = pdok_source(server)
        plan = basemap_fetch.plan(project, name, margin=100)
        assert plan.tile_count > 10 and plan.stored_count == 0
        seen = []
        result = basemap_fetch.fetch(project, plan, progress=lambda *args: seen.append(args))
        assert result.stored == plan.tile_count and result.missing == 0
        assert seen[-1][:2] == (plan.tile_count, plan.tile_count) and seen[-1][3] == 0
        assert {agent for _path, agent in server.requests} == {f"GebiedsvisieWerkbank/{__version__}"}
        # Each stored tile is the server's tile for that level, column and row.
        maps = basemaps_of(project)
        info = maps.get("basemap_brt_standaard")
        assert (info.title, info.attribution, info.licence) == ("BRT lokaal", "© Kadaster (test)", "CC BY 4.0")
        zoom, cells = plan.cells[-1]
        col, row = cells[len(cells) // 2]
        assert maps.tile(info.name, zoom, col, row) == server.tile_png(zoom, col, row)
        assert maps.display().active == info.name

        requests = len(server.requests)
        again = basemap_fetch.plan(project, name, margin=100)
        assert again.tile_count == 0 and again.stored_count == plan.tile_count
        basemap_fetch.fetch(project, again)
        assert len(server.requests) == requests


FAULTS = {
    # mode: (server options, words the one Dutch line must contain)
    "404": ({"mode": "404"}, "HTTP 404"),
    "500": ({"mode": "500"}, "HTTP 500"),
    "slow": ({"mode": "slow", "delay": 1.5}, "niet op tijd"),
    "html": ({"mode": "html"}, "webpagina"),
    "truncated": ({"mode": "truncated"}, "beschadigde of onvolledige afbeelding"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_failing_server_ends_in_one_dutch_line_and_nothing_half_written(project, sample_path, fault):
    options, words = FAULTS[fault]
    with TileServer(**options) as server:
        plan = basemap_fetch.plan(project, server.template(), levels=LEVELS)
        with pytest.raises(FetchError) as caught:
            basemap_fetch.fetch(project, plan, client=quick_client())
        message = str(caught.value)
        assert words in message and "\n" not in message
        # Given up as a whole, not tile by tile: a few requests for hundreds of tiles.
        assert len(server.requests) < plan.tile_count / 2
    assert basemaps_of(project).list() == []
    project.close()
    assert check_project(sample_path) == []


def test_a_closed_port_is_one_dutch_line_from_the_cli(sample_path, capsys):
    code = main(["basemap", "fetch", str(sample_path), "--source",
                 f"http://127.0.0.1:{closed_port()}/tiles/{{z}}/{{x}}/{{y}}.png", "--levels", "9-10"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "Geen verbinding met 127.0.0.1" in err and "geweigerd" in err
    assert check_project(sample_path) == []


def test_transient_errors_are_retried_and_missing_tiles_skipped(project):
    with TileServer(fail_first=3) as server:
        plan = basemap_fetch.plan(project, server.template(), levels=(10, 10))
        absent = plan.cells[0][1][:2]
        server.missing = {(10, col, row) for col, row in absent}
        result = basemap_fetch.fetch(project, plan, client=quick_client())
    assert result.missing == 2 and result.stored == plan.tile_count - 2
    maps = basemaps_of(project)
    assert maps.tile(result.name, 10, *absent[0]) is None
    assert maps.size(result.name)[0] == plan.tile_count - 2


def test_cancelling_keeps_the_tiles_so_far_and_a_second_run_completes(project):
    with TileServer() as server:
        plan = basemap_fetch.plan(project, server.template(), levels=LEVELS)
        progress = []
        result = basemap_fetch.fetch(project, plan, progress=lambda *args: progress.append(args),
                                     cancelled=lambda: len(progress) >= 20)
        assert result.cancelled and 20 <= result.stored < plan.tile_count
        rest = basemap_fetch.plan(project, server.template(), levels=LEVELS)
        assert rest.tile_count == plan.tile_count - result.stored
        basemap_fetch.fetch(project, rest)
    assert basemaps_of(project).size(result.name)[0] == plan.tile_count


def test_a_large_download_needs_yes(sample_path, capsys):
    with TileServer() as server:
        code = main(["basemap", "fetch", str(sample_path), "--source", server.template(), "--levels", "8-15"])
        assert code == 2 and "--yes" in capsys.readouterr().err
        assert server.requests == []


def test_kill_9_during_a_download_leaves_a_sound_project_that_a_second_run_completes(sample_path):
    command = [sys.executable, "-m", "workbench", "basemap", "fetch", str(sample_path), "--levels", "9-13",
               "--connections", "2", "--source"]
    with TileServer(mode="slow", delay=0.02) as server:
        process = subprocess.Popen(command + [server.template()], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            while _stored_tiles(sample_path) < 100:  # a few batches are committed
                assert process.poll() is None, process.stderr.read()
                time.sleep(0.05)
        finally:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        assert check_project(sample_path) == []
        assert 100 <= _stored_tiles(sample_path) < 1000  # killed half-way (the plan has about 1250)
        server.mode = "ok"
        done = subprocess.run(command + [server.template()], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    project = open_project(sample_path, read_only=True)
    try:
        maps = basemaps_of(project)
        (info,) = maps.list()
        plan = basemap_fetch.plan(project, server.template(), levels=(9, 13))
        assert plan.tile_count == 0 and maps.size(info.name)[0] == plan.stored_count
        assert [level.zoom for level in info.levels] == [9, 10, 11, 12, 13]
    finally:
        project.close()


def _stored_tiles(path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        names = [r[0] for r in conn.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'tiles'")]
        return sum(conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names)
    except sqlite3.OperationalError:  # not created yet
        return 0
    finally:
        conn.close()


def test_solid_tiles_decode_to_their_colour():
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(solid_tile_png((12, 200, 34), size=8)))
    assert image.size == (8, 8) and image.getpixel((7, 7)) == (12, 200, 34)


def _with_chunk(png: bytes, kind: bytes, body: bytes) -> bytes:
    """``png`` with the body of its first ``kind`` chunk replaced (CRC made to match)."""
    import struct
    import zlib

    at = png.index(kind) - 4
    (length,) = struct.unpack(">I", png[at:at + 4])
    chunk = struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    return png[:at] + chunk + png[at + 12 + length:]


def test_damaged_pngs_are_refused():
    from workbench.io.basemap_image import NotAnImage, check

    good = solid_tile_png((10, 20, 30))
    assert check(good) == "png"
    flipped = bytearray(good)
    flipped[60] ^= 0xFF  # inside IDAT: its CRC no longer matches
    no_end = good[:-12]
    short_rows = _with_chunk(good, b"IDAT", __import__("zlib").compress(b"\x00" * 100))
    for damaged in (bytes(flipped), no_end, short_rows, good[:len(good) // 2]):
        with pytest.raises(NotAnImage):
            check(damaged)
    # Chunk checks alone pass a stream whose CRCs match; inflating finds it (see INFLATE_EVERY).
    assert check(short_rows, inflate=False) == "png"


def test_a_server_sending_damaged_pngs_is_refused(project):
    damaged = bytearray(solid_tile_png((1, 2, 3)))
    damaged[60] ^= 0xFF
    with TileServer(image=lambda z, x, y: bytes(damaged)) as server:
        plan = basemap_fetch.plan(project, server.template(), levels=LEVELS)
        with pytest.raises(FetchError, match="beschadigde"):
            basemap_fetch.fetch(project, plan, client=quick_client())
    assert basemaps_of(project).list() == []


def test_cancelling_cuts_off_requests_a_slow_server_has_not_answered(project):
    with TileServer(mode="slow", delay=5) as server:
        plan = basemap_fetch.plan(project, server.template(), levels=LEVELS)
        # Cancelled once every connection waits for an answer: nothing more may be stored.
        result = basemap_fetch.fetch(project, plan, cancelled=lambda: len(server.requests) >= 4)
    assert result.cancelled and result.stored == 0
    assert basemaps_of(project).list() == []


def test_an_untrusted_certificate_is_one_dutch_line_and_not_retried(project, tmp_path):
    import ssl
    import threading
    from http.server import ThreadingHTTPServer

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed (needed to make a self-signed certificate)")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    with TileServer() as plain:
        handler = plain.httpd.RequestHandlerClass
    https = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    https.socket = context.wrap_socket(https.socket, server_side=True)
    threading.Thread(target=https.serve_forever, daemon=True).start()
    try:
        url = f"https://127.0.0.1:{https.server_address[1]}/tiles/{{z}}/{{x}}/{{y}}.png"
        plan = basemap_fetch.plan(project, url, levels=LEVELS)
        with pytest.raises(FetchError) as caught:
            basemap_fetch.fetch(project, plan, client=quick_client())
    finally:
        https.shutdown()
        https.server_close()
    assert "certificaat van 127.0.0.1 wordt niet vertrouwd" in str(caught.value)
    assert basemaps_of(project).list() == []


def _jpeg(rgb) -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (256, 256), rgb).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def test_jpeg_tiles_like_the_aerial_photo_are_stored_as_sent_and_truncated_ones_refused(project):
    photo = _jpeg((90, 120, 60))
    with TileServer(image=lambda z, x, y: photo) as server:
        plan = basemap_fetch.plan(project, server.template("luchtfoto", "jpeg"), levels=(10, 10))
        result = basemap_fetch.fetch(project, plan)
    zoom, cells = plan.cells[0]
    assert basemaps_of(project).tile(result.name, zoom, *cells[0]) == photo
    with TileServer(image=lambda z, x, y: photo[: len(photo) * 2 // 3]) as server:
        plan = basemap_fetch.plan(project, server.template("kapot", "jpeg"), levels=(10, 10))
        with pytest.raises(FetchError, match="beschadigde"):
            basemap_fetch.fetch(project, plan, client=quick_client())


def test_no_network_is_one_dutch_line(project, monkeypatch):
    """Without a network the name lookup fails. (The lookup is the one part replaced here:
    a real one would ask a resolver outside 127.0.0.1.)"""
    import socket

    def no_network(*args, **kwargs):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    plan = basemap_fetch.plan(project, "https://tegels.example.invalid/{z}/{x}/{y}.png", levels=LEVELS)
    with pytest.raises(FetchError) as caught:
        basemap_fetch.fetch(project, plan, client=quick_client())
    assert str(caught.value) == ("Geen verbinding met tegels.example.invalid: het adres is onbekend (geen netwerk?). "
                                 "Controleer de internetverbinding of de proxy.")
    assert basemaps_of(project).list() == []
