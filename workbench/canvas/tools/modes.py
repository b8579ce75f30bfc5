"""The one enum that names every interaction tool, with labels and shortcuts."""

from enum import Enum

from workbench.i18n import _


class Mode(Enum):
    PAN = "pan"
    SELECT = "select"
    POINT = "point"
    LINE = "line"
    POLYGON = "polygon"
    FREEHAND = "freehand"
    EDIT_VERTICES = "edit_vertices"
    MOVE = "move"
    MEASURE = "measure"
    COUNT_VOTES = "count_votes"


class _Labels(dict):
    """Translated when read, so a language switch shows at once."""

    _SOURCE = {
        Mode.PAN: "Verschuiven",
        Mode.SELECT: "Selecteren",
        Mode.POINT: "Punt tekenen",
        Mode.LINE: "Lijn tekenen",
        Mode.POLYGON: "Vlak tekenen",
        Mode.FREEHAND: "Uit de vrije hand",
        Mode.EDIT_VERTICES: "Hoekpunten bewerken",
        Mode.MOVE: "Verplaatsen",
        Mode.MEASURE: "Meten",
        Mode.COUNT_VOTES: "Stemmen tellen (+1 per sticker)",
    }

    def __init__(self):
        super().__init__({mode: text for mode, text in self._SOURCE.items()})

    def __getitem__(self, mode):
        return _(super().__getitem__(mode))

    def get(self, mode, default=None):
        return self[mode] if mode in self else default

    def items(self):
        return [(mode, self[mode]) for mode in self.keys()]

    def values(self):
        return [self[mode] for mode in self.keys()]


# The Dutch source strings, listed literally so the translation check finds them.
_SOURCES = (_("Verschuiven"), _("Selecteren"), _("Punt tekenen"), _("Lijn tekenen"), _("Vlak tekenen"),
            _("Uit de vrije hand"), _("Hoekpunten bewerken"), _("Verplaatsen"), _("Meten"),
            _("Stemmen tellen (+1 per sticker)"))

MODE_LABELS = _Labels()

MODE_SHORTCUTS = {
    Mode.PAN: "H",
    Mode.SELECT: "V",
    Mode.POINT: "P",
    Mode.LINE: "L",
    Mode.POLYGON: "G",
    Mode.FREEHAND: "F",
    Mode.EDIT_VERTICES: "E",
    Mode.MOVE: "M",
    Mode.MEASURE: "R",
    Mode.COUNT_VOTES: "T",
}
