"""An advisory lock that marks a project as open for writing by one process.

SQLite's own locks last one transaction; this one lasts as long as the project is open,
so a second window or a second laptop on a network share is told the project is in use.
The lock is tied to an open file descriptor, so the operating system releases it when
the process dies: no stale lock files, nothing left next to the project.
"""

import os

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    _FAR_OFFSET = 1 << 40  # far past any SQLite lock byte, so SQLite never contends

    def _try_lock(fd) -> bool:
        os.lseek(fd, _FAR_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _probe(fd) -> bool:
        """True when someone else holds the lock; taken and given back at once otherwise."""
        if not _try_lock(fd):
            return True
        os.lseek(fd, _FAR_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return False
else:
    import fcntl

    def _try_lock(fd) -> bool:
        # flock() is independent of the POSIX byte-range locks SQLite uses on Linux.
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _probe(fd) -> bool:
        """True when someone else holds the lock; taken and given back at once otherwise.
        A file system without flock (ENOLCK, EOPNOTSUPP) cannot tell: not held."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return False
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False


def is_held(path) -> bool:
    """True when some process (this one included) has ``path`` open as a project.

    The probe takes the lock without waiting and gives it back at once, on its own
    descriptor: it never waits for, holds up or breaks the holder's lock. A file that
    cannot be opened at all is reported as not held; whoever writes it will find out.
    """
    try:
        fd = os.open(path, os.O_RDWR)
    except PermissionError:  # a read-only file can still carry a lock
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return False
    except OSError:
        return False
    try:
        return _probe(fd)
    finally:
        os.close(fd)


class ProjectLock:
    def __init__(self, path):
        self.path = str(path)
        self._fd = None

    def acquire(self) -> bool:
        fd = os.open(self.path, os.O_RDWR)
        if _try_lock(fd):
            self._fd = fd
            return True
        os.close(fd)
        return False

    def release(self) -> None:
        # Close only after the SQLite connection is closed: closing any descriptor of
        # the file drops the process's POSIX locks, including SQLite's.
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
