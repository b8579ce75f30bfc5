"""Field errors stay readable in dark mode (issue 15, item 10): the error line's red comes
from the palette with a WCAG contrast of at least 4.5:1 on the light and the dark
background; the test computes the ratio itself."""

import pytest
from qtpy.QtGui import QColor, QPalette
from qtpy.QtWidgets import QWidget

from workbench.ui.fields import ErrorLabel


def luminance(colour: QColor) -> float:
    def linear(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(colour.red()) + 0.7152 * linear(colour.green()) + 0.0722 * linear(colour.blue())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def palette(window: str, text: str) -> QPalette:
    result = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        result.setColor(group, QPalette.ColorRole.Window, QColor(window))
        result.setColor(group, QPalette.ColorRole.WindowText, QColor(text))
        result.setColor(group, QPalette.ColorRole.Base, QColor(window))
    return result


def shown_colour(qtbot, label) -> QColor:
    label.show_error("Het aantal stemmen moet een getal zijn.")
    qtbot.waitExposed(label.window())
    return label.palette().color(QPalette.ColorGroup.Active, label.foregroundRole())


@pytest.mark.parametrize("window, text", [("#f0f0f0", "#000000"), ("#ffffff", "#000000"),  # light
                                          ("#2b2b2b", "#ffffff"), ("#1e1e1e", "#dddddd"),  # dark (Windows, macOS)
                                          ("#353535", "#ffffff")])
def test_the_error_line_is_readable_on_the_palette(qtbot, window, text):
    form = QWidget()
    qtbot.addWidget(form)
    form.setPalette(palette(window, text))
    label = ErrorLabel(form)
    form.show()
    colour = shown_colour(qtbot, label)
    assert contrast(colour, QColor(window)) >= 4.5, colour.name()
    assert colour.red() > colour.green() and colour.red() > colour.blue()  # still red


def test_the_error_line_follows_a_switch_to_dark_mode(qtbot):
    form = QWidget()
    qtbot.addWidget(form)
    form.setPalette(palette("#f0f0f0", "#000000"))
    label = ErrorLabel(form)
    form.show()
    light = shown_colour(qtbot, label)
    form.setPalette(palette("#202020", "#ffffff"))  # the user switches Windows to dark mode
    dark = label.palette().color(QPalette.ColorGroup.Active, label.foregroundRole())
    assert contrast(light, QColor("#f0f0f0")) >= 4.5 and contrast(dark, QColor("#202020")) >= 4.5
