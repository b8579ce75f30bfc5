"""Guards the Qt bindings we install against a bug that aborts the app mid-workshop.

PySide6 6.12.0 returns None from void methods without a reference to it; on Python 3.11
a busy repaint then kills the process ("deallocating None"). pyproject.toml keeps that
release out; this test fails loudly if a future binding brings the bug back.
"""

import sys

from qtpy.QtGui import QPainterPath
from qtpy.QtWidgets import QGraphicsRectItem


def test_void_calls_do_not_eat_references_to_none(qapp):
    item = QGraphicsRectItem(0, 0, 1, 1)
    path = QPainterPath()
    before = sys.getrefcount(None)
    for n in range(2000):
        item.setPos(n, n)
        path.moveTo(n, n)
    assert sys.getrefcount(None) >= before - 50
