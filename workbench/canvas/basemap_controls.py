"""BaseMapControls: in the layer list, which stored base map shows (or none), its
opacity and the faded switch. They act on the scene's :class:`BaseMapLayer`, which keeps
the choice in the project file."""

from qtpy.QtCore import QObject, Qt, QTimer
from qtpy.QtWidgets import QCheckBox, QComboBox, QLabel, QSlider

from workbench.i18n import _

STORE_AFTER_MS = 400  # the opacity is written once the slider rests


class BaseMapControls(QObject):
    """The widgets, placed by the layer list in its grid (:meth:`place`) so the opacity
    slider lines up with the other layers' sliders."""

    def __init__(self, view, parent=None):
        super().__init__(parent)
        self.view = view
        self.title = QLabel()
        self.choice = QComboBox()
        self.opacity = QSlider(Qt.Horizontal)
        self.opacity.setRange(0, 100)
        self.faded = QCheckBox()
        self._store_timer = QTimer(self)
        self._store_timer.setSingleShot(True)
        self._store_timer.setInterval(STORE_AFTER_MS)
        self._store_timer.timeout.connect(self._store_opacity)
        self._moved_in = None  # the project the slider was moved in
        self.choice.activated.connect(lambda index: self.layer().set_active(self.choice.itemData(index)))
        self.opacity.valueChanged.connect(self._opacity_moved)
        self.faded.toggled.connect(lambda on: self.layer().set_faded(on))
        self.retranslate()

    def place(self, layout, row: int) -> int:
        """Into a grid of (layer, opacity) columns from ``row`` on; returns the next free row."""
        layout.addWidget(self.title, row, 0)
        layout.addWidget(self.opacity, row, 1)
        layout.addWidget(self.choice, row + 1, 0, 1, 2)
        layout.addWidget(self.faded, row + 2, 0, 1, 2)
        return row + 3

    def layer(self):
        return self.view.scene().basemap

    def _opacity_moved(self, value: int) -> None:
        self.layer().set_opacity(value / 100, store=False)  # shown at once, stored once at rest
        self._moved_in = self.layer().project
        self._store_timer.start()

    def _store_opacity(self) -> None:
        layer = self.layer()
        if layer.project is not None and layer.project is self._moved_in:  # not into another project
            layer.set_opacity(self.opacity.value() / 100)

    def sync(self) -> None:
        """Show what the layer has, without changing anything."""
        layer = self.layer()
        for widget in (self.choice, self.opacity, self.faded):
            widget.blockSignals(True)
        self.choice.clear()
        self.choice.addItem(_("Geen basiskaart"), None)
        for name, title in layer.maps():
            self.choice.addItem(title, name)
        self.choice.setCurrentIndex(max(0, self.choice.findData(layer.active)) if layer.active else 0)
        if not self.opacity.isSliderDown():
            self.opacity.setValue(round(layer.opacity * 100))
        self.faded.setChecked(layer.faded)
        for widget in (self.choice, self.opacity, self.faded):
            widget.blockSignals(False)
        has_maps = bool(layer.maps())
        self.choice.setEnabled(has_maps)
        self.opacity.setEnabled(layer.active is not None)
        self.faded.setEnabled(layer.active is not None)
        self.choice.setToolTip("" if has_maps else _("Nog geen basiskaart: Kaart > Basiskaart downloaden."))

    def retranslate(self) -> None:
        self.title.setText(_("Basiskaart"))
        self.faded.setText(_("Vervaagd"))
        self.faded.setToolTip(_("Grijs en licht, zodat de themakleuren opvallen"))
        self.opacity.setAccessibleName(_("Dekking van {layer}").format(layer=_("Basiskaart")))
        self.opacity.setToolTip(_("Dekking van {layer}").format(layer=_("Basiskaart")))
        self.choice.setAccessibleName(_("Basiskaart"))
        self.sync()
