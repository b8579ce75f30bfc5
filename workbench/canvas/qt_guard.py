"""A guard against a refcount bug in the Qt bindings on Python 3.11.

PySide6 6.12.0 returns ``None`` from every void method (``setPos``, ``drawPath``,
``QPainterPath.addPolygon``...) without taking a reference to it. On Python 3.12+
``None`` is immortal and nothing happens; on 3.11 each call takes one reference away,
and after some ten thousand calls (one map repaint) CPython aborts with "deallocating
None". Until the bindings are fixed (or pinned below 6.12), give ``None`` so many
references that it can never reach zero, as Python 3.12 does by design.
"""

import ctypes
import sys

_PLENTY = 1 << 60


def keep_none_alive() -> None:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field
    if refcount.value < _PLENTY // 2:
        refcount.value += _PLENTY
