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


def test_settling_without_a_project_let_go_walks_no_heap():
    # a full collection walks every object of Qt, numpy and the project (25-40 ms before
    # the first painted map, issue 14): only a project let go since can make it worth it
    from workbench.ui import heap

    full = []

    def count(phase, info):
        if phase == "start" and info["generation"] == 2:
            full.append(info)

    gc.callbacks.append(count)
    try:
        heap.release()
        heap.settle()
        assert len(full) == 1, "the released project's objects were not collected"
        heap.settle()  # the docks built after the first project: nothing was let go
        assert len(full) == 1, "a full collection ran with nothing released"
    finally:
        gc.callbacks.remove(count)
        gc.unfreeze()
