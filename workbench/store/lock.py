"""An advisory lock that marks a project as open for writing by one process.

SQLite's own locks last one transaction; this one lasts as long as the project is open,
so a second window or a second laptop on a network share is told the project is in use.
The lock is tied to an open file descriptor, so the operating system releases it when
the process dies: a crash leaves no lock behind.

Each platform needs its own kind of lock, chosen so that it never contends with the
locks SQLite itself takes on the same file and SQLite never drops it:

- **Linux**: ``flock`` on the project file. Linux keeps flock locks apart from the POSIX
  byte-range locks SQLite uses.
- **Windows**: ``LockFileEx`` on one byte far past SQLite's lock bytes, failing at once
  (the C runtime's ``_locking`` sleeps a second before it reports a held lock: that
  would freeze the window). Windows locks belong to the handle, and SQLite unlocks only
  its own ranges. The file is opened binary and read-only: a text-mode descriptor trims
  a trailing 0x1A byte, and we never write through this descriptor.
- **macOS/BSD**: ``flock`` and ``fcntl`` share one lock table there, so a flock on the
  project makes SQLite's own locking fail ("database is locked"). A POSIX byte-range lock
  far past SQLite's bytes does not work either: POSIX locks belong to the process, and
  SQLite releases its locks by unlocking the *whole* file (``l_len = 0``), which drops
  ours after the first transaction (tests/test_lock_platforms.py shows it). So on macOS
  the flock is taken on a small companion file, ``.NAME.lock``, next to the project:
  removed when the project is closed, and harmless when a crash leaves it (the lock, not
  the file, says "in use").

POSIX locks belong to the process, so the kernel would let a second window of this
process in: ``_held`` refuses that on every platform.
``PLATFORM`` (``sys.platform``) selects the code path; the tests set it to run the macOS
path on Linux.
"""

import os
import sys

# Windows: one byte at 1 TiB, far past SQLite's lock bytes (PENDING_BYTE is at 1 GiB)
# and past the end of any project file, so neither SQLite nor a reader touches it.
FAR_OFFSET = 1 << 40

# The C runtime's _O_BINARY (0x8000); only Windows defines os.O_BINARY.
O_BINARY = getattr(os, "O_BINARY", 0x8000)

PLATFORM = sys.platform
_held = set()  # (device, inode) of every file locked by this process


def open_flags(platform: str) -> int:
    """How the project file is opened for the lock: binary, read-only; we never write
    through it. Never blocking: a FIFO or device swapped in where a project should be
    must not hang the app (callers check for a regular file first; this closes the race)."""
    if platform == "win32":
        return os.O_RDONLY | O_BINARY | getattr(os, "O_NOINHERIT", 0)
    return os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)


def _require_writable(path) -> None:
    """Raise the OSError a writable open of ``path`` gets (a read-only stick, a file
    without write permission), so a writable open is refused up front instead of at the
    first edit. Only called for files this process does not hold: closing a descriptor
    would drop SQLite's POSIX locks on a file it has open."""
    fd = os.open(path, os.O_RDWR | O_BINARY * (os.name == "nt") | getattr(os, "O_NONBLOCK", 0))
    os.close(fd)


def try_flock(fd) -> bool:
    """Take an exclusive flock on ``fd`` without waiting (POSIX); False when held."""
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


class _FlockLock:
    lock = staticmethod(try_flock)

    @staticmethod
    def unlock(fd) -> None:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)

    @staticmethod
    def probe(fd) -> bool:
        """True when another descriptor holds the lock. A file system without flock
        (ENOLCK, EOPNOTSUPP) cannot tell: not held."""
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return False
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False


def companion_path(path) -> str:
    """The macOS lock file of project ``path``."""
    folder, name = os.path.split(str(path))
    return os.path.join(folder, f".{name}.lock")


def _lock_companion(path):
    """A descriptor holding the flock on ``path``'s companion file, or None when held."""
    companion = companion_path(path)
    for _attempt in range(3):
        fd = os.open(companion, os.O_RDWR | os.O_CREAT, 0o644)
        if not _FlockLock.lock(fd):
            os.close(fd)
            return None
        # The previous holder may have removed the file between our open and our lock:
        # then we hold a lock nobody else can see. Start again on the new file.
        try:
            current = os.stat(companion).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            current = False
        if current:
            return fd
        os.close(fd)
    return None


class _WindowsLock:  # pragma: no cover - runs on Windows only
    @staticmethod
    def _call(function_name, fd, flags=None) -> int:
        """0 when done, else the Windows error code."""
        import ctypes
        import msvcrt
        from ctypes import wintypes

        class Overlapped(ctypes.Structure):
            _fields_ = [("Internal", ctypes.c_void_p), ("InternalHigh", ctypes.c_void_p),
                        ("Offset", wintypes.DWORD), ("OffsetHigh", wintypes.DWORD), ("hEvent", wintypes.HANDLE)]

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        overlapped = Overlapped(None, None, FAR_OFFSET & 0xFFFFFFFF, FAR_OFFSET >> 32, None)
        handle = wintypes.HANDLE(msvcrt.get_osfhandle(fd))
        pointer = ctypes.POINTER(Overlapped)
        dword = wintypes.DWORD
        if function_name == "LockFileEx":
            function = kernel32.LockFileEx
            function.argtypes = [wintypes.HANDLE, dword, dword, dword, dword, pointer]
            function.restype = wintypes.BOOL
            result = function(handle, flags, 0, 1, 0, ctypes.byref(overlapped))
        else:
            function = kernel32.UnlockFileEx
            function.argtypes = [wintypes.HANDLE, dword, dword, dword, pointer]
            function.restype = wintypes.BOOL
            result = function(handle, 0, 1, 0, ctypes.byref(overlapped))
        return 0 if result else (ctypes.get_last_error() or -1)

    @classmethod
    def lock(cls, fd) -> bool:
        LOCKFILE_FAIL_IMMEDIATELY, LOCKFILE_EXCLUSIVE_LOCK = 0x1, 0x2
        ERROR_LOCK_VIOLATION = 33
        error = cls._call("LockFileEx", fd, LOCKFILE_FAIL_IMMEDIATELY | LOCKFILE_EXCLUSIVE_LOCK)
        if error and error != ERROR_LOCK_VIOLATION:  # not "held elsewhere": say what it is
            import ctypes

            raise ctypes.WinError(error)
        return not error

    @classmethod
    def unlock(cls, fd) -> None:
        cls._call("UnlockFileEx", fd)

    @classmethod
    def probe(cls, fd) -> bool:
        try:
            if not cls.lock(fd):
                return True
        except OSError:  # a share without byte-range locks cannot tell: not held
            return False
        cls.unlock(fd)
        return False


def _identity(status):
    """(device, inode) of a file, or None where the file system has no file IDs (some
    network shares report 0: every file there would look like the same one)."""
    return (status.st_dev, status.st_ino) if status.st_ino else None


def _kind(platform: str):
    return _WindowsLock if platform == "win32" else _FlockLock


class ProjectLock:
    def __init__(self, path, platform: str = None):
        self.path = str(path)
        self.platform = platform or PLATFORM
        self._kind = _kind(self.platform)
        self._fd = None
        self._key = None

    @property
    def uses_companion(self) -> bool:
        return self.platform not in ("win32", "linux")

    def acquire(self, read_only_file_ok: bool = False) -> bool:
        """True when this process now holds the lock; False when another holder has it.

        Without ``read_only_file_ok`` a file that may only be read raises the OSError of
        a writable open, so a writable open is refused up front.
        """
        if not read_only_file_ok:
            key = _identity(os.stat(self.path))
            if key is None or key not in _held:
                _require_writable(self.path)
        if self.uses_companion:
            status = os.stat(self.path)  # no descriptor: closing one would drop SQLite's locks
            key = _identity(status)
            lock_fd = None if key in _held else _lock_companion(self.path)
        else:
            lock_fd, key = self._lock_project_file()
        if lock_fd is None:
            return False
        if key is not None:
            _held.add(key)
        self._fd, self._key = lock_fd, key
        return True

    def _lock_project_file(self):
        fd = os.open(self.path, open_flags(self.platform))
        try:
            status = os.fstat(fd)
            key = _identity(status)
            if key not in _held and self._kind.lock(fd):
                fd, locked = None, fd
                return locked, key
            return None, key
        finally:
            if fd is not None:
                os.close(fd)

    def acquire_descriptor(self, fd) -> bool:
        """Lock a file the caller has just created through its descriptor ``fd``, which
        the lock owns from then on (closed at :meth:`release`)."""
        if self.uses_companion:
            if not self.acquire(read_only_file_ok=True):
                return False
            self._extra_fd = fd
            return True
        if not self._kind.lock(fd):
            return False
        self._fd, self._key = fd, _identity(os.fstat(fd))
        if self._key is not None:
            _held.add(self._key)
        return True

    @property
    def descriptor(self):
        return self._fd

    def release(self) -> None:
        # Close only after the SQLite connection is closed: closing any descriptor of
        # the file drops the process's POSIX locks, including SQLite's. Unlocked
        # explicitly first: Windows frees a lock left at close only "eventually".
        extra, self._extra_fd = getattr(self, "_extra_fd", None), None
        if extra is not None:
            os.close(extra)
        if self._fd is None:
            return
        try:
            if self.uses_companion:  # removed while still locked, so nobody locks a stale file
                os.unlink(companion_path(self.path))
            self._kind.unlock(self._fd)
        except OSError:
            pass  # the close below frees it as well
        finally:
            os.close(self._fd)
            _held.discard(self._key)
            self._fd, self._key = None, None


def is_held(path, platform: str = None) -> bool:
    """True when some process (this one included) has ``path`` open as a project.

    The probe takes the lock without waiting and gives it back at once, on its own
    descriptor: it never waits for, holds up or breaks the holder's lock. A file this
    process holds is answered from ``_held`` without opening it (closing a second
    descriptor would drop SQLite's POSIX locks). A file that cannot be opened at all is
    reported as not held; whoever writes it will find out.
    """
    platform = platform or PLATFORM
    try:
        key = _identity(os.stat(path))
    except OSError:
        return False
    if key is not None and key in _held:
        return True
    probe_path = str(path)
    if platform not in ("win32", "linux"):  # macOS/BSD: the companion file carries the lock
        probe_path = companion_path(path)
        if not os.path.exists(probe_path):
            return False
    try:
        fd = os.open(probe_path, open_flags(platform))
    except OSError:
        return False
    try:
        return _kind(platform).probe(fd)
    finally:
        os.close(fd)
