"""The title of a just-drawn idea is typed in one place: the quick-capture bar.

While the bar asks for it, the editor's own title field shows what is being typed,
read-only, with a hint where to type; a second field with an older text would
otherwise invite typing the title twice (and the last one to lose focus would win).
"""

from qtpy.QtCore import QEvent, QObject

from workbench.i18n import _
from workbench.ui.labels import escaped


def link_title_fields(bar, editor) -> None:
    """Mirror ``bar.title`` into ``editor.title`` while the bar has a pending idea."""

    def mirror(text=None) -> None:
        pending = bar.pending_uuid is not None and bar.pending_uuid == editor.uuid
        if pending:
            editor.title.setText(bar.title.text() if text is None else text)
            editor.title.setToolTip(escaped(_("Typ de titel in de balk bovenaan en druk op Enter.")))
        elif editor.title.isReadOnly() and getattr(editor, "_mirroring", False):
            item = editor.context.project.get("intervention", editor.uuid) if editor.context.project else None
            if item is not None:
                editor.title.setText(item.title)
                editor.title.setToolTip(escaped(item.title))
        read_only = pending or bool(editor.context.project and editor.context.project.read_only)
        editor.title.setReadOnly(read_only)
        editor._mirroring = pending

    bar.title.textChanged.connect(mirror)
    bar.title.installEventFilter(_EnabledWatcher(bar, mirror))
    editor.context.selectionChanged.connect(lambda _u: mirror())
    editor.context.changed.connect(lambda event: event.kind == "intervention" and mirror())


class _EnabledWatcher(QObject):
    """Calls back when the bar's field is enabled or disabled (a title asked, or done)."""

    def __init__(self, parent, callback):
        super().__init__(parent)
        self.callback = callback

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.EnabledChange:
            self.callback()
        return False
