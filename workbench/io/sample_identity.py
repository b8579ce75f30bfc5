"""Whether a project is one of the bundled samples, without loading what builds them
(``io/samples.py`` brings the core commands, shapely's operations and the reference
reader): the window asks this whenever a project opens, at every start (issue 14)."""

import json
from functools import lru_cache

from workbench.paths import sample_projects_dir


@lru_cache(maxsize=1)
def sample_identities() -> frozenset:
    """(name, description) of each bundled sample recipe. They ship with the app and do
    not change while it runs: read once, not at each project opened or window resize."""
    identities = set()
    for path in sorted(sample_projects_dir().glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        identities.add((data["name"], data["description"]))
    return frozenset(identities)


def is_sample(info) -> bool:
    """True when project ``info`` is that of a bundled sample (its name and text as the
    recipe wrote them): the window then says it is an example, so that nobody captures
    a real evening into it."""
    return (info.name, info.description) in sample_identities()
