"""The window keeps an open project's objects out of Python's cycle collector
(ui/heap.py, issue 14); a project closed by opening another must still be freed, or a
facilitator switching between evenings keeps every one of them in memory."""

import gc
import shutil
import weakref

from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401 (fixtures)


def test_a_project_replaced_by_another_is_freed(qtbot, window, sample_path, tmp_path):
    copy = tmp_path / "tweede.gpkg"
    shutil.copy(sample_path, copy)
    first = weakref.ref(open_in_window(qtbot, window, sample_path))
    qtbot.wait(50)  # the window settles the first project's objects
    open_in_window(qtbot, window, copy)
    qtbot.wait(50)
    gc.collect()
    assert first() is None, "the closed project is still in memory"
    assert gc.get_freeze_count() > 0  # the open one is kept out of collections
    assert window.context.project.path == copy
