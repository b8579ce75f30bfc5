"""Commands on raster underlays: add one (image bytes and placement), change its
placement or opacity, remove it. Each is one undo step."""

from dataclasses import replace

from workbench.core.commands import _edit, _require
from workbench.core.model import Underlay, new_uuid
from workbench.core.project import Change
from workbench.core.text import clean_text
from workbench.core.undo import Command
from workbench.errors import ValidationError
from workbench.i18n import N_, _

PLACEMENT = ("a", "d", "b", "e", "c", "f")
MAX_BYTES = 50 * 1024 * 1024  # a project file on a USB stick should stay reasonable


def _check_placement(values: dict) -> dict:
    result = {}
    for name in PLACEMENT:
        if name in values:
            try:
                number = float(values[name])
            except (TypeError, ValueError):
                raise ValidationError(_("De plaatsing van de ondergrond is ongeldig.")) from None
            if number != number or abs(number) == float("inf"):
                raise ValidationError(_("De plaatsing van de ondergrond is ongeldig."))
            result[name] = number
    a, d, b, e = (result.get(n, values.get(n)) for n in ("a", "d", "b", "e"))
    if None not in (a, d, b, e) and abs(a * e - b * d) < 1e-12:
        raise ValidationError(_("De plaatsing van de ondergrond is ongeldig."))
    return result


def _check_opacity(value) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(_("De dekking moet tussen 0 en 1 liggen.")) from None
    if not 0.0 <= number <= 1.0:
        raise ValidationError(_("De dekking moet tussen 0 en 1 liggen."))
    return number


class AddUnderlay(Command):
    """Store an image (PNG or JPEG bytes) with its placement (world-file numbers)."""

    def __init__(self, name, image: bytes, image_format="png", placement=(1, 0, 0, -1, 0, 0), opacity=0.7,
                 uuid=None):
        super().__init__()
        self.uuid = uuid or new_uuid()
        self.args = (name, bytes(image or b""), image_format, tuple(placement), opacity)
        self.text = N_("Ondergrond toevoegen")

    def build(self, project):
        name, image, image_format, placement, opacity = self.args
        if not image:
            raise ValidationError(_("Het bestand is leeg."))
        if len(image) > MAX_BYTES:
            raise ValidationError(_("De afbeelding is te groot (meer dan 50 MB)."))
        image_format = str(image_format).lower().replace("jpeg", "jpg")
        if image_format not in ("png", "jpg"):
            raise ValidationError(_("Een ondergrond is een PNG- of JPEG-afbeelding."))
        if len(placement) != 6:
            raise ValidationError(_("De plaatsing van de ondergrond is ongeldig."))
        values = _check_placement(dict(zip(PLACEMENT, placement)))
        underlay = Underlay(self.uuid, clean_text(name, multiline=False) or _("Ondergrond"), image, image_format,
                            opacity=_check_opacity(opacity), **values)
        return [Change("underlay", self.uuid, None, underlay)]


class EditUnderlay(Command):
    """Change the placement (a, d, b, e, c, f), opacity or name of an underlay."""

    def __init__(self, uuid, **fields):
        super().__init__()
        self.uuid, self.fields = uuid, fields
        self.text = N_("Ondergrond wijzigen")

    def build(self, project):
        old = _require(project, "underlay", self.uuid, _("Deze ondergrond bestaat niet (meer)."))
        unknown = set(self.fields) - set(PLACEMENT) - {"opacity", "name"}
        if unknown:
            raise ValidationError(_("Onbekend veld: {name}.").format(name=", ".join(sorted(unknown))))
        values = {n: getattr(old, n) for n in PLACEMENT}
        values.update({n: v for n, v in self.fields.items() if n in PLACEMENT})
        changes = _check_placement(values)
        if "opacity" in self.fields:
            changes["opacity"] = _check_opacity(self.fields["opacity"])
        if "name" in self.fields:
            changes["name"] = clean_text(self.fields["name"], multiline=False) or old.name
        new = replace(old, **changes)
        return _edit("underlay", old, new)


class DeleteUnderlay(Command):
    def __init__(self, uuid):
        super().__init__()
        self.uuid = uuid
        self.text = N_("Ondergrond verwijderen")

    def build(self, project):
        old = _require(project, "underlay", self.uuid, _("Deze ondergrond bestaat niet (meer)."))
        return [Change("underlay", self.uuid, old, None)]
