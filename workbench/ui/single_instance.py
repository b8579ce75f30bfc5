"""One running app per user: a second ``workbench PATH`` (a double-clicked .gpkg, "Openen
met") hands PATH to the app that already runs and exits, instead of starting a second
window that would find the project locked by the first.

The first app listens on a QLocalServer (a named pipe on Windows, a socket only the user
may open elsewhere); a second start connects with QLocalSocket, sends one line of JSON
(``{"open": "/abs/path.gpkg"}`` or ``{"open": null}`` to bring the window forward), waits
for ``ok`` and exits 0. No server answering: it becomes the first app itself.
"""

import getpass
import hashlib
import json
from pathlib import Path

from qtpy.QtCore import QObject
from qtpy.QtNetwork import QLocalServer, QLocalSocket

from workbench.paths import same_file

TIMEOUT_MS = 2000


def server_name(home=None) -> str:
    """Per user (and per home folder, so separate test runs do not meet)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name to be found: the home folder is enough
        user = ""
    home = Path.home() if home is None else Path(home)
    digest = hashlib.sha1(f"{user}|{home}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"gebiedsvisie-werkbank-{digest}"


def hand_over(path, name=None) -> bool:
    """Give ``path`` (or None: just show the window) to a running app; True when it took it."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    message = {"open": str(Path(path).absolute()) if path else None}
    socket.write(json.dumps(message).encode("utf-8") + b"\n")
    socket.flush()  # (waitForBytesWritten would say False once flush has written it all)
    taken = socket.waitForReadyRead(TIMEOUT_MS) and bytes(socket.readAll()).startswith(b"ok")
    socket.disconnectFromServer()
    return bool(taken)


class InstanceServer(QObject):
    """Listens for later starts and opens what they hand over in ``window``."""

    def __init__(self, window, name=None):
        super().__init__(window)
        self.window = window
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = name or server_name()
        if not self.server.listen(name):
            QLocalServer.removeServer(name)  # a socket file left by a crashed run (not on Windows)
            self.server.listen(name)
        self.server.newConnection.connect(self._accept)

    def is_listening(self) -> bool:
        return self.server.isListening()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            self._read(socket)  # the line may have arrived before readyRead was connected

    def _read(self, socket) -> None:
        if not socket.canReadLine():
            return
        try:
            path = json.loads(bytes(socket.readLine()).decode("utf-8")).get("open")
        except (ValueError, AttributeError):
            socket.disconnectFromServer()
            return
        socket.write(b"ok\n")
        socket.flush()
        self._bring_forward()
        project = self.window.context.project
        if path and not (project is not None and project.path and same_file(path, project.path)):
            self.window.open_path(path)

    def _bring_forward(self) -> None:
        window = self.window
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()
