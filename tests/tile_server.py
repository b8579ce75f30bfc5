"""A real HTTP tile server on 127.0.0.1, in a thread, standing in for PDOK.

It answers ``.../{z}/{x}/{y}.png`` (or ``.jpeg``) in the PDOK URL layout with generated
solid-colour tiles, or misbehaves on purpose: ``mode`` "404", "500", "slow" (answers
after ``delay`` seconds), "html" (a captive portal's page), "truncated" (half a PNG).
``fail_first`` answers that many requests with 500 before behaving.

Example::

    with TileServer(colour_for=lambda z, x, y: (200, 0, 0)) as server:
        url = server.template("brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:28992")
"""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.basemap_fixtures import solid_tile_png

PDOK_BRT = "brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:28992"
HTML_PAGE = (b"<!DOCTYPE html><html><head><title>Welkom</title></head><body>Log in op het gastennetwerk"
             b"</body></html>")


def default_colour(zoom, col, row):
    return ((col * 37) % 256, (row * 53) % 256, (zoom * 20) % 256)


class TileServer:
    def __init__(self, mode="ok", colour_for=default_colour, delay=0.0, fail_first=0, missing=(), image=None):
        self.mode, self.colour_for, self.delay = mode, colour_for, delay
        self.fail_first, self.missing, self.image = fail_first, set(missing), image
        self.requests = []          # (path, user agent)
        self._lock = threading.Lock()
        self._pngs = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real tile servers do
            disable_nagle_algorithm = True  # headers and body go out at once, as real servers send them

            def log_message(self, *args):
                pass

            def do_GET(self):
                server._answer(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def template(self, layout=PDOK_BRT, extension="png") -> str:
        return f"http://127.0.0.1:{self.port}/{layout}/{{z}}/{{x}}/{{y}}.{extension}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def tile_png(self, zoom, col, row) -> bytes:
        rgb = tuple(self.colour_for(zoom, col, row))
        if rgb not in self._pngs:
            self._pngs[rgb] = solid_tile_png(rgb)
        return self._pngs[rgb]

    def _answer(self, handler):
        with self._lock:
            self.requests.append((handler.path, handler.headers.get("User-Agent")))
            failing = len(self.requests) <= self.fail_first
        try:
            zoom, col, row = (int(part) for part in handler.path.rsplit(".", 1)[0].split("/")[-3:])
        except ValueError:
            return self._send(handler, 400, b"bad tile path", "text/plain")
        if self.mode == "slow":
            time.sleep(self.delay)
        if failing or self.mode == "500":
            return self._send(handler, 500, b"Internal Server Error", "text/plain")
        if self.mode == "404" or (zoom, col, row) in self.missing:
            return self._send(handler, 404, b"Not Found", "text/plain")
        if self.mode == "html":
            return self._send(handler, 200, HTML_PAGE, "text/html")
        body = self.image(zoom, col, row) if self.image else self.tile_png(zoom, col, row)
        if self.mode == "truncated":
            body = body[: len(body) // 2]
        self._send(handler, 200, body, "image/png")

    @staticmethod
    def _send(handler, status, body, content_type):
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_forever(argv=None) -> None:
    """``python -m tests.tile_server [--tile-file PNG]``: serve in a process of its own
    (the bench keeps the server's CPU out of the measured process); prints the port."""
    import argparse
    import sys

    parser = argparse.ArgumentParser()
    parser.add_argument("--tile-file")
    args = parser.parse_args(argv)
    tile = open(args.tile_file, "rb").read() if args.tile_file else None
    server = TileServer(image=(lambda z, x, y: tile) if tile else None)
    print(server.port, flush=True)
    sys.stdout.close()
    server.httpd.serve_forever()


if __name__ == "__main__":
    serve_forever()
