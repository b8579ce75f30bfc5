"""A real PostgreSQL + PostGIS for the sync tests: initdb into a temp dir, a free port on
127.0.0.1, stopped at the end of the session (nothing outlives the test run)."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

BIN = Path("/usr/lib/postgresql/15/bin")
POSTGIS = Path("/usr/share/postgresql/15/extension/postgis.control")


def missing() -> str:
    """Why the sync tests cannot run here ('' when they can)."""
    if not (BIN / "initdb").exists() or not POSTGIS.exists():
        return "PostgreSQL 15 + PostGIS not installed (apt-get install postgresql-15-postgis-3; `make test` does)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg not installed (pip install -e '.[test]')"
    return ""


def _as_postgres() -> list:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="werkbank-pg-"))
        data = self.dir / "data"
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self.port = _free_port()
        subprocess.run(_as_postgres() + [str(BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                                         "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)
        # Trust for everyone but the role "geheim", which must give its password (the
        # passfile test), and the role "buitengesloten", which no rule lets in (the
        # messages test); the rules are read top-down, so these go first.
        hba = data / "pg_hba.conf"
        subprocess.run(_as_postgres() + ["sh", "-c", f"(echo 'host all geheim 127.0.0.1/32 scram-sha-256'; "
                                                     f"echo 'host all buitengesloten 127.0.0.1/32 reject'; "
                                                     f"cat {hba}) > {hba}.new && mv {hba}.new {hba}"], check=True)
        self.process = subprocess.Popen(
            _as_postgres() + [str(BIN / "postgres"), "-D", str(data), "-p", str(self.port), "-h", "127.0.0.1",
                              "-k", str(self.dir), "-c", "fsync=off"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.counter = 0
        import psycopg

        for _attempt in range(200):
            try:
                psycopg.connect(self.url("postgres"), connect_timeout=1).close()
                return
            except psycopg.OperationalError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("postgres did not start")

    def url(self, database, user="postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg

        self.counter += 1
        name = f"gemeente{self.counter}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)
