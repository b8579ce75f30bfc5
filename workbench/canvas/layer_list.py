"""LayerList: a checkbox (visible) and an opacity slider per map layer of a MapView, and
beneath them the base map's choice, opacity and faded switch."""

from qtpy.QtCore import Qt
from qtpy.QtWidgets import QCheckBox, QGridLayout, QLabel, QSlider, QWidget

from workbench.i18n import _


class LayerList(QWidget):
    def __init__(self, view, parent=None):
        super().__init__(parent)
        self.view = view
        self.checks = {}
        self.sliders = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.headers = (QLabel(), QLabel())
        layout.addWidget(self.headers[0], 0, 0)
        layout.addWidget(self.headers[1], 0, 1)
        # top of the map first, as in every GIS
        for row, (key, _name) in enumerate(reversed(view.layers()), start=1):
            check = QCheckBox()
            check.setChecked(view.layer_visible(key))
            check.toggled.connect(lambda on, key=key: self.view.set_layer_visible(key, on))
            slider = QSlider(Qt.Horizontal)
            slider.setRange(0, 100)
            slider.setValue(round(view.layer_opacity(key) * 100))
            slider.valueChanged.connect(lambda value, key=key: self.view.set_layer_opacity(key, value / 100))
            layout.addWidget(check, row, 0)
            layout.addWidget(slider, row, 1)
            self.checks[key] = check
            self.sliders[key] = slider
        from workbench.canvas.basemap_controls import BaseMapControls

        # the bottom layer, last in a list that reads from the top of the map down
        self.basemap = BaseMapControls(view, self)
        layout.setRowStretch(self.basemap.place(layout, len(self.checks) + 1), 1)
        self.retranslate()
        # another project (Ctrl+O) or an undone underlay change: show what the map shows
        view.layersChanged.connect(self.sync)

    def sync(self) -> None:
        """Checkboxes and sliders as the view has them, without changing anything."""
        for key, check in self.checks.items():
            check.blockSignals(True)
            check.setChecked(self.view.layer_visible(key))
            check.blockSignals(False)
        for key, slider in self.sliders.items():
            if slider.isSliderDown():
                continue  # being dragged: the hand wins
            slider.blockSignals(True)
            slider.setValue(round(self.view.layer_opacity(key) * 100))
            slider.blockSignals(False)
        self.basemap.sync()

    def retranslate(self) -> None:
        """Texts in the active language (the window calls this after a language switch)."""
        self.headers[0].setText(_("Laag"))
        self.headers[1].setText(_("Dekking"))
        self.basemap.retranslate()
        for key, name in self.view.layers():
            self.checks[key].setText(name)
            self.sliders[key].setAccessibleName(_("Dekking van {layer}").format(layer=name))
            self.sliders[key].setToolTip(_("Dekking van {layer}").format(layer=name))
