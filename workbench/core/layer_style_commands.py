"""The command that changes how a reference layer is drawn; one undo step each.

Example::

    project.execute(SetLayerStyle(layer.uuid, replace(style_of(layer), line_color="#ff0000")))
    project.execute(SetLayerStyle(layer.uuid, None))   # back to the default for its contents
"""

from dataclasses import replace

from workbench.core.commands import _edit, _require
from workbench.core.layer_style import LayerStyle, validated
from workbench.core.undo import Command
from workbench.errors import ValidationError
from workbench.i18n import N_, _


class SetLayerStyle(Command):
    """Give a reference layer a style (a :class:`LayerStyle`), or None for its default."""

    def __init__(self, layer_uuid, layer_style):
        super().__init__()
        self.uuid, self.layer_style = layer_uuid, layer_style
        self.text = N_("Opmaak van laag wijzigen")

    def build(self, project):
        old = _require(project, "reference_layer", self.uuid, _("Deze laag bestaat niet (meer)."))
        chosen = self.layer_style
        if chosen is not None:
            if not isinstance(chosen, LayerStyle):
                raise ValidationError(_("Deze opmaak is ongeldig."))
            try:
                chosen = validated(chosen)
            except (TypeError, ValueError):
                raise ValidationError(_("Deze opmaak is ongeldig: kleuren zijn #rrggbb, lijndikte 0 tot 20 pt, "
                                        "dekking 0 tot 1, tekstgrootte 3 tot 36 pt.")) from None
        return _edit("reference_layer", old, replace(old, style=chosen))
