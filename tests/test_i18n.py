"""One translation mechanism: every ``_()`` text has English, and switching works."""

import ast
from pathlib import Path

import workbench
from workbench import i18n

PACKAGE = Path(workbench.__file__).parent


def translatable_literals():
    """(file, Dutch source text) for every ``_("...")`` or ``N_("...")`` literal in the package."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                yield path.relative_to(PACKAGE.parent), node.args[0].value


def test_every_user_visible_text_has_an_english_translation():
    catalog = i18n._catalog("en")
    missing = sorted({f"{path}: {text}" for path, text in translatable_literals() if text not in catalog})
    assert not missing, "no English for:\n" + "\n".join(missing)


def test_translations_keep_their_placeholders():
    import string

    catalog = i18n._catalog("en")
    for dutch, english in catalog.items():
        fields = {name for _lit, name, _spec, _conv in string.Formatter().parse(dutch) if name}
        assert fields == {name for _lit, name, _spec, _conv in string.Formatter().parse(english) if name}, dutch


def test_switching_language_changes_messages_and_tells_listeners():
    heard = []
    i18n.on_language_changed(heard.append)
    try:
        i18n.set_language("en")
        assert i18n._("Geef het idee een titel.") == "Give the idea a title."
        i18n.set_language("nl")
        assert i18n._("Geef het idee een titel.") == "Geef het idee een titel."
        assert heard == ["en", "nl"]
    finally:
        i18n.set_language("nl")
        i18n._listeners.remove(heard.append)


def test_one_dutch_text_has_one_english_text_across_the_catalog_files():
    import json

    seen, clashes = {}, []
    for path in sorted(i18n.resource("translations", "en").glob("*.json")):
        for dutch, english in json.loads(path.read_text(encoding="utf-8")).items():
            if dutch in seen and seen[dutch][1] != english:
                clashes.append(f"{dutch!r}: {seen[dutch]} vs {(path.name, english)}")
            seen.setdefault(dutch, (path.name, english))
    assert not clashes, "\n".join(clashes)


def test_undo_steps_are_named_in_the_language_active_when_shown(project):
    from shapely.geometry import Point

    from workbench.core.commands import AddIntervention

    project.execute(AddIntervention("Bankje", Point(195000, 325000)))
    assert project.undo_stack.undo_text() == "Idee toevoegen"
    try:
        i18n.set_language("en")
        assert project.undo_stack.undo_text() == "Add idea"
    finally:
        i18n.set_language("nl")
