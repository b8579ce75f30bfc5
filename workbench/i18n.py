"""The one translation mechanism for everything a user reads.

Source strings are Dutch (the first language of the product). ``_()`` returns the
string in the active language; English comes from ``resources/translations/en/*.json``
(one file per part of the code, merged), flat mappings of Dutch source text to English. A missing entry falls back to Dutch,
and ``tests/test_i18n.py`` checks that every ``_()`` literal in the code has one.

Example::

    >>> set_language("nl"); _("Project geopend")
    'Project geopend'
"""

import json
from functools import lru_cache

from workbench.paths import resource

LANGUAGES = {"nl": "Nederlands", "en": "English"}
_state = {"language": "nl"}
_listeners = []


@lru_cache(maxsize=None)
def _catalog(language: str) -> dict:
    if language == "nl":
        return {}
    catalog = {}
    for path in sorted(resource("translations", language).glob("*.json")):
        catalog.update(json.loads(path.read_text(encoding="utf-8")))
    return catalog


def set_language(language: str) -> None:
    """Switch the active language; listeners (the UI) re-translate themselves."""
    if language not in LANGUAGES:
        language = "nl"
    if language == _state["language"]:
        return
    _state["language"] = language
    for listener in list(_listeners):
        listener(language)


def language() -> str:
    return _state["language"]


def on_language_changed(listener) -> None:
    _listeners.append(listener)


def _(text: str) -> str:
    """Translate a Dutch source string into the active language."""
    return _catalog(_state["language"]).get(text, text)


def N_(text: str) -> str:
    """Mark a Dutch source string for translation later, when it is shown.

    For text kept beyond a language switch, such as the name of an undo step: store
    ``N_("Idee bewerken")`` and show ``_(text)``.
    """
    return text
