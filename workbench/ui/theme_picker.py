"""Choosing a theme in the room: keys for every theme, the swatches grouped by pillar
(a main theme followed by its sub-themes), a menu with the names, and a sensible theme
to start with.

Keys, in the order of the swatches: 1-9, 0, then Alt+1 to Alt+9 (19 themes; the
bundled sets have at most 14). Alt+digit never types into a text field.
"""

from qtpy.QtCore import QPointF, QRectF, Qt
from qtpy.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from qtpy.QtWidgets import QMenu

from workbench import style
from workbench.ui.labels import escaped

KEYS = [str(n) for n in range(1, 10)] + ["0"] + [f"Alt+{n}" for n in range(1, 10)]


def key_for(index: int) -> str:
    """The key that picks the theme at ``index`` ("" when there is none)."""
    return KEYS[index] if 0 <= index < len(KEYS) else ""


def theme_index_of(event, untouched: bool):
    """The theme index a key press in the quick title field means, or None (text).

    Alt+digit always picks a theme (it never types). A plain digit picks one only while
    the title is ``untouched`` (right after drawing, nothing typed yet): that is the
    moment "5" was meant as a colour and would have become the title. Once a title is
    being typed, digits are part of it ("Buslijn 21")."""
    key = event.key()
    if not Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
        return None
    digit = key - Qt.Key.Key_0
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if modifiers == Qt.KeyboardModifier.AltModifier:
        return KEYS.index(f"Alt+{digit}") if digit else None
    if modifiers == Qt.KeyboardModifier.NoModifier and untouched:
        return KEYS.index(str(digit))
    return None


def starts_group(themes, index: int) -> bool:
    """True for a main theme after the first: the swatches leave a gap before it."""
    return index > 0 and themes[index].parent_uuid is None


def default_theme(project):
    """The theme a new idea gets on opening: that of the idea captured last, or the
    first specific (sub-)theme, never the catch-all main theme when there are
    sub-themes."""
    if project is None:
        return None
    themes = project.themes()
    ideas = sorted(project.interventions(), key=lambda i: i.number)
    known = {t.uuid for t in themes}
    if ideas and ideas[-1].primary_theme_uuid in known:
        return ideas[-1].primary_theme_uuid
    parents = {t.parent_uuid for t in themes if t.parent_uuid}
    leaf = next((t for t in themes if t.uuid not in parents), None)
    return leaf.uuid if leaf else None


def swatch_icon(color: str, size: int, key: str = "") -> QIcon:
    """A disc in the theme colour with its key on it (1-9, 0) in black or white."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(QColor("#1b1b1b"))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    if key and size >= 16:
        font = QFont()
        text = key.replace("Alt+", "A")  # "A1": Alt+1, not a second "1"
        font.setPixelSize(max(7, int(size * (0.55 if len(text) == 1 else 0.42))))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(style.readable_text_on(color)))
        painter.drawText(QRectF(QPointF(0, 0), QPointF(size, size)), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


def theme_menu(themes, active_uuid, choose, parent=None) -> QMenu:
    """The themes by name, each main theme followed by its sub-themes (indented), with
    the key that picks it; ``choose(index)`` is called with the chosen one."""
    menu = QMenu(parent)
    menu.setToolTipsVisible(True)
    for index, theme in enumerate(themes):
        indent = "      " if theme.parent_uuid else ""
        key = key_for(index)
        action = menu.addAction(swatch_icon(theme.color, 16), f"{indent}{theme.name}" + (f"\t{key}" if key else ""))
        action.setCheckable(True)
        action.setChecked(theme.uuid == active_uuid)
        action.setToolTip(escaped(theme.description or theme.name))
        if not theme.parent_uuid:
            font = action.font()
            font.setBold(True)
            action.setFont(font)
            if index:
                menu.insertSeparator(action)
        action.triggered.connect(lambda _c=False, i=index: choose(i))
    return menu
