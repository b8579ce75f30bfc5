"""Making new projects: the theme set, the standard quantities, area and reference data."""

import uuid as uuid_mod

from workbench.core import theme_sets
from workbench.core.model import STANDARD_QUANTITIES, ProjectInfo
from workbench.core.setup_commands import AddQuantityKind, AddReferenceLayer, Batch, SetArea
from workbench.errors import ValidationError
from workbench.i18n import N_, _
from workbench.io.reference import WIJKEN_CREDIT, wijken_layer
from workbench.store import create_project

# Theme sets made from Heerlen's visie bring Heerlen's wijken as reference layer.
HEERLEN_SETS = ("heerlen-2050", "kernthemas")


def setup_commands(theme_set: str, area=None, area_name=None, with_wijken=None) -> list:
    commands = theme_sets.add_commands(theme_set)
    for order, (key, label, unit) in enumerate(STANDARD_QUANTITIES):
        uuid = str(uuid_mod.uuid5(uuid_mod.NAMESPACE_URL, f"workbench-quantity/{key}"))
        command = AddQuantityKind(label, unit, key=key, uuid=uuid)
        commands.append(command)
    if with_wijken if with_wijken is not None else theme_set in HEERLEN_SETS:
        commands.append(AddReferenceLayer(wijken_layer()))
    if area is not None:
        commands.append(SetArea(area, area_name))
    return commands


def new_project(path, name, theme_set=theme_sets.DEFAULT, municipality="", area=None,
                area_name=None, with_wijken=None, description="", then=None):
    """Create and open a project with its theme set copied in; the set-up is not undoable.

    ``then(project)`` adds more before the file gets its name (a sample's content, the
    wizard's first session): the file appears complete or not at all.
    """
    if not str(name or "").strip():
        raise ValidationError(_("Geef het project een naam."))
    theme_sets.load(theme_set)  # refuse an unknown set before a file is made
    with_wijken = with_wijken if with_wijken is not None else theme_set in HEERLEN_SETS
    if not municipality and theme_set in HEERLEN_SETS:
        municipality = "Heerlen"
    info = ProjectInfo(name=" ".join(str(name).split()), municipality=municipality, description=description,
                       theme_set=theme_set, credits=WIJKEN_CREDIT if with_wijken else "")
    commands = setup_commands(theme_set, area, area_name or name, with_wijken)

    def build(project):
        project.execute(Batch(N_("Nieuw project"), commands))
        if then is not None:
            then(project)

    return create_project(path, info, build=build)
