"""Theme sets bundled as resources (``resources/theme_sets/*.json``).

A project copies a theme set when it is created; afterwards its themes are its own.
"""

import json
import uuid as uuid_mod

from workbench.errors import ValidationError
from workbench.i18n import _
from workbench.paths import resource

DEFAULT = "heerlen-2050"


def available() -> dict:
    """{key: display name} of the bundled theme sets."""
    sets = {}
    for path in sorted(resource("theme_sets").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        sets[data["key"]] = data["name"]
    return sets


def load(key: str) -> dict:
    path = resource("theme_sets", f"{key}.json")
    if not path.exists():
        raise ValidationError(_("Onbekende themaset '{key}'. Kies uit: {keys}.")
                              .format(key=key, keys=", ".join(available())))
    return json.loads(path.read_text(encoding="utf-8"))


def add_commands(key: str) -> list:
    """AddTheme commands that copy the set into a project, parents before children.

    Theme UUIDs are derived from the set and the name, so the same bundled theme has the
    same UUID in every project made from the set: files from different laptops merge.
    """
    from workbench.core.theme_commands import AddTheme

    data = load(key)
    commands = []

    def walk(themes, parent_uuid):
        for theme in themes:
            # "uuid_name": the name a theme had when first shipped, so a corrected name
            # ("Dé tuinstad") keeps the UUID and files from older and newer sets still merge.
            stable = theme.get("uuid_name", theme["name"])
            uuid = str(uuid_mod.uuid5(uuid_mod.NAMESPACE_URL, f"workbench-theme/{key}/{stable}"))
            commands.append(AddTheme(theme["name"], theme["color"], theme.get("description", ""),
                                     parent_uuid, uuid=uuid))
            walk(theme.get("children", ()), uuid)

    walk(data["themes"], None)
    return commands
