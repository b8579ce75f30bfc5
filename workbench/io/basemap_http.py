"""Getting tiles over HTTP: kept-alive connections (one per worker thread), timeouts,
retries with backoff, and a circuit breaker that gives a failing server up after about
30 s without one good tile, instead of retrying tile by tile.

No Qt: the app runs this from a worker thread. The only network access of the app, and
only when a user starts a base-map download.
"""

import http.client
import random
import socket
import ssl
import threading
import time
import urllib.request
from urllib.parse import urlsplit

from workbench import __version__
from workbench.errors import WorkbenchError
from workbench.i18n import _
from workbench.io.basemap_image import NotAnImage, check, decode

USER_AGENT = f"GebiedsvisieWerkbank/{__version__}"
# Every PNG's chunks and CRCs are checked; its pixel data is inflated completely for the
# first tiles and one in INFLATE_EVERY after that: a server whose encoder is broken is
# caught at once, while inflating every tile would cost more CPU than the download
# itself on a fast line (bench/bench_basemap_fetch.py, docs/basemap.md).
INFLATE_FIRST, INFLATE_EVERY = 16, 16
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class FetchError(WorkbenchError):
    """A download that cannot go on; ``str()`` is one Dutch sentence."""


class Stopped(FetchError):
    """This request was dropped because the download stops (another one failed, or the
    user cancelled); the reason is elsewhere."""


class _Transient(Exception):
    """Worth another try (timeouts, refused connections, 5xx, a broken image)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class TileClient:
    """``get(url)`` -> (bytes, decoded image or None), or None when the server has no tile
    there (404/204); the image is decoded only with ``decoded=True`` (the bytes are
    checked to be a complete PNG/JPEG either way). Raises :class:`FetchError` when the
    download should stop."""

    def __init__(self, timeout=10.0, retries=3, backoff=0.5, give_up_after=30.0):
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.give_up_after = give_up_after
        self.stopped = threading.Event()
        self._local = threading.local()
        self._last_success = time.monotonic()
        self._lock = threading.Lock()
        self._ssl = None
        self._checked = 0
        self._open_connections = set()

    def stop(self) -> None:
        """No more requests; those waiting for an answer are cut off at once (a cancel
        or a give-up does not wait for a slow server's timeout)."""
        self.stopped.set()
        with self._lock:
            connections = list(self._open_connections)
        for connection in connections:
            sock = getattr(connection, "sock", None)
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        """Close every connection (of all threads)."""
        with self._lock:
            connections, self._open_connections = list(self._open_connections), set()
        for connection in connections:
            connection.close()

    # -- one request ---------------------------------------------------------------

    def get(self, url, decoded=False):
        parts = urlsplit(url)
        host = parts.hostname or url
        for attempt in range(self.retries + 1):
            if self.stopped.is_set():
                raise Stopped(_("De download is gestopt."))
            try:
                return self._attempt(parts, url, host, decoded)
            except _Transient as problem:
                if self.stopped.is_set():
                    raise Stopped(_("De download is gestopt.")) from None
                wait = self.backoff * 2 ** attempt * (0.75 + 0.5 * random.random())
                silent_for = time.monotonic() - self._last_success
                if attempt == self.retries or silent_for + wait > self.give_up_after:
                    self.stop()
                    raise FetchError(problem.message) from None
                if self.stopped.wait(wait):
                    raise Stopped(_("De download is gestopt.")) from None
        raise AssertionError("unreachable")

    def _attempt(self, parts, url, host, decoded):
        try:
            status, headers, body = self._request(parts, url)
        except ssl.SSLCertVerificationError as error:
            self.stop()  # not worth a retry: the same certificate comes back
            raise FetchError(_("Het certificaat van {host} wordt niet vertrouwd ({reason}). Op een netwerk dat "
                               "verkeer controleert moet het certificaat van die proxy op deze computer staan.")
                             .format(host=host, reason=error.verify_message or error.reason)) from None
        except socket.timeout:
            raise _Transient(_("{host} antwoordt niet op tijd (na {seconds} s). Probeer het later opnieuw.")
                             .format(host=host, seconds=f"{self.timeout:g}")) from None
        except (OSError, http.client.HTTPException) as error:
            reason = _reason(error)
            raise _Transient(_("Geen verbinding met {host}: {reason}. Controleer de internetverbinding of de proxy.")
                             .format(host=host, reason=reason)) from None
        if status == 200:
            try:
                image = decode(body) if decoded else None
                if not decoded:
                    with self._lock:
                        self._checked += 1
                        count = self._checked
                    check(body, inflate=count <= INFLATE_FIRST or count % INFLATE_EVERY == 0)
            except NotAnImage as problem:
                if problem.kind == "html":
                    self.stop()
                    raise FetchError(_("{host} stuurde een webpagina in plaats van een kaarttegel; misschien moet u "
                                       "eerst inloggen op het wifi-netwerk, of houdt een proxy de download tegen.")
                                     .format(host=host)) from None
                raise _Transient(_("{host} stuurde een beschadigde of onvolledige afbeelding ({url}).")
                                 .format(host=host, url=url)) from None
            with self._lock:
                self._last_success = time.monotonic()
            return body, image
        if status in (204, 404):
            return None
        if status == 429 or status >= 500:
            raise _Transient(_("{host} geeft een serverfout (HTTP {status}). Probeer het later opnieuw.")
                             .format(host=host, status=status))
        self.stop()
        raise FetchError(_("{host} weigert de tegels (HTTP {status}). Controleer het webadres van de bron.")
                         .format(host=host, status=status))

    # -- connections -----------------------------------------------------------------

    def _request(self, parts, url):
        connection, target = self._connection(parts, url)
        try:
            connection.request("GET", target, headers={"User-Agent": USER_AGENT, "Accept": "image/png,image/jpeg,*/*"})
            response = connection.getresponse()
            body = response.read()
            status, headers = response.status, response.headers
            if response.will_close:
                self._drop(parts)
        except BaseException:
            self._drop(parts)
            raise
        return status, headers, body

    def _connection(self, parts, url):
        connections = self._local.__dict__.setdefault("connections", {})
        key = (parts.scheme, parts.hostname, parts.port)
        proxy = _proxy_for(parts)
        target = url if (proxy and parts.scheme == "http") else (parts.path or "/") + (
            "?" + parts.query if parts.query else "")
        if key not in connections:
            connections[key] = self._open(parts, proxy)
            with self._lock:
                self._open_connections.add(connections[key])
        return connections[key], target

    def _open(self, parts, proxy):
        port = parts.port or (443 if parts.scheme == "https" else 80)
        if proxy:
            proxy_parts = urlsplit(proxy if "://" in proxy else "http://" + proxy)
            address = (proxy_parts.hostname, proxy_parts.port or 8080)
        else:
            address = (parts.hostname, port)
        if parts.scheme == "https":
            if self._ssl is None:
                self._ssl = ssl_context()
            connection = http.client.HTTPSConnection(*address, timeout=self.timeout, context=self._ssl)
            if proxy:
                connection.set_tunnel(parts.hostname, port)
        else:
            connection = http.client.HTTPConnection(*address, timeout=self.timeout)
        return connection

    def _drop(self, parts):
        connection = self._local.__dict__.get("connections", {}).pop((parts.scheme, parts.hostname, parts.port), None)
        if connection is not None:
            with self._lock:
                self._open_connections.discard(connection)
            connection.close()


def ssl_context():
    """Certificates checked against the system's trust store (truststore: Windows and
    macOS keychains, so a company's own root for its inspecting proxy is trusted as in
    the browser); Python's default store where truststore is missing."""
    try:
        import truststore
    except ImportError:
        return ssl.create_default_context()
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def _reason(error) -> str:
    """Why a connection failed, in Dutch where we know the case."""
    if isinstance(error, ConnectionRefusedError):
        return _("de verbinding werd geweigerd")
    if isinstance(error, socket.gaierror):
        return _("het adres is onbekend (geen netwerk?)")
    if isinstance(error, (ConnectionResetError, http.client.RemoteDisconnected, http.client.IncompleteRead)):
        return _("de verbinding werd verbroken")
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def _proxy_for(parts):
    """The system's proxy for this URL (environment, or the Windows/macOS settings), none
    for the loopback address."""
    if parts.hostname in LOOPBACK:
        return None
    try:
        if urllib.request.proxy_bypass(parts.hostname):
            return None
    except OSError:
        pass
    return urllib.request.getproxies().get(parts.scheme)
