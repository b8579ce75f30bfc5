"""An advisory lock that marks a project as open for writing by one process.

SQLite's own locks last one transaction; this one lasts as long as the project is open,
so a second window or a second laptop on a network share is told the project is in use.
The lock is tied to an open file descriptor, so the operating system releases it when
the process dies: no stale lock files, nothing left next to the project.
"""

import errno
import os

# Never wait on a FIFO or device that sits where a project should be (callers check
# first that the path is a regular file; this keeps a race from hanging the app).
_NO_BLOCKING = getattr(os, "O_NONBLOCK", 0)

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
else:
    import fcntl

    def _try_lock(fd) -> bool:
        # flock() is independent of the POSIX byte-range locks SQLite uses on Linux.
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False


class ProjectLock:
    def __init__(self, path):
        self.path = str(path)
        self._fd = None

    def acquire(self, read_only_file_ok: bool = False) -> bool:
        """True when this process now holds the lock; False when another one does.

        With ``read_only_file_ok``, a file that may only be read (a read-only stick, a
        shared folder) is locked through a read-only descriptor; otherwise opening it
        for writing raises the OSError, so a writable open is refused up front.
        """
        try:
            fd = os.open(self.path, os.O_RDWR | _NO_BLOCKING)
        except OSError as error:
            if not read_only_file_ok or error.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise
            fd = os.open(self.path, os.O_RDONLY | _NO_BLOCKING)
        if self.acquire_descriptor(fd):
            return True
        os.close(fd)
        return False

    def acquire_descriptor(self, fd) -> bool:
        """Lock through a descriptor the caller opened (and hands over when this succeeds)."""
        if _try_lock(fd):
            self._fd = fd
            return True
        return False

    @property
    def descriptor(self):
        return self._fd

    def release(self) -> None:
        # Close only after the SQLite connection is closed: closing any descriptor of
        # the file drops the process's POSIX locks, including SQLite's.
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
