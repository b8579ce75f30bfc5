"""Building the bundled sample projects from their recipes in ``sample_projects/*.json``.

The recipes are data (titles, WKT in RD, themes by name, votes, quotes) so that content
can be improved without touching code. UUIDs are derived from the recipe, so a sample
built twice has the same identities (and can be merged with itself).
"""

import json
import uuid as uuid_mod

from shapely import wkt
from shapely.geometry import LineString
from shapely.ops import unary_union

from workbench.core.commands import AddIntervention, AddQuote, SetVotes
from workbench.core.setup_commands import AddSession, Batch
from workbench.core.theme_commands import AddGoal
from workbench.errors import ValidationError
from workbench.i18n import N_, _
from workbench.io.projects import new_project
from workbench.io.reference import wijken_features
from workbench.paths import sample_projects_dir


def available() -> dict:
    """{name: project title} of the bundled samples."""
    samples = {}
    for path in sorted(sample_projects_dir().glob("*.json")):
        samples[path.stem] = json.loads(path.read_text(encoding="utf-8"))["name"]
    return samples


def recipe(name: str) -> dict:
    path = sample_projects_dir() / f"{name}.json"
    if not path.exists():
        raise ValidationError(_("Onbekend voorbeeldproject '{name}'. Kies uit: {names}.")
                              .format(name=name, names=", ".join(available())))
    return json.loads(path.read_text(encoding="utf-8"))


def _area(spec: dict):
    if "wijken" in spec:
        wanted = set(spec["wijken"])
        return unary_union([g for name, g in wijken_features() if name in wanted])
    return LineString(wkt.loads(spec["corridor"]).coords).buffer(spec["width"] / 2, cap_style="round")


def build_sample(name: str, path):
    """Write sample ``name`` to ``path`` and return the open project."""
    data = recipe(name)
    return new_project(path, data["name"], data["theme_set"], data["municipality"],
                       area=_area(data["area"]), area_name=data["area"]["name"],
                       description=data["description"], then=lambda project: _fill(project, name, data))


def _fill(project, name: str, data: dict) -> None:
    def uid(*parts):
        return str(uuid_mod.uuid5(uuid_mod.NAMESPACE_URL, "workbench-sample/" + "/".join([name, *parts])))

    def theme(theme_name):
        found = project.theme_by_name(theme_name)
        if found is None:
            raise ValidationError(f"sample {name}: unknown theme {theme_name}")
        return found.uuid

    from workbench.core.setup_commands import EditInfo

    commands = [EditInfo(next_steps=data["next_steps"], contact=data["contact"],
                         disclaimer=data.get("disclaimer", ""))]
    sessions = [uid("session", s["title"]) for s in data["sessions"]]
    for spec, session_uuid in zip(data["sessions"], sessions):
        commands.append(AddSession(uuid=session_uuid, **spec))
    goals = {}
    for spec in data["goals"]:
        goals[spec["title"]] = uid("goal", spec["title"])
        commands.append(AddGoal(spec["title"], uuid=goals[spec["title"]], description=spec.get("description", ""),
                                theme_uuid=theme(spec["theme"]), indicator=spec.get("indicator", ""),
                                unit=spec.get("unit", ""), target=spec.get("target"),
                                quantity_key=spec.get("quantity")))
    items = {}
    for spec in data["interventions"]:
        items[spec["title"]] = uid("intervention", spec["title"])
        commands.append(AddIntervention(
            spec["title"], wkt.loads(spec["wkt"]), [theme(t) for t in spec["themes"]],
            description=spec.get("description", ""), session_uuid=sessions[0], uuid=items[spec["title"]],
            status=spec.get("status", "idee"), horizon=spec.get("horizon", ""),
            quantities=spec.get("quantities", {}), goal_uuids=[goals[g] for g in spec.get("goals", ())]))
        if spec.get("votes"):
            commands.append(SetVotes(items[spec["title"]], spec["votes"], session_uuid=sessions[0]))
    for index, spec in enumerate(data["quotes"]):
        # A quote from the visie itself ("source": "L4683-4689") was not said at the sample's evening.
        session = None if spec.get("source") else sessions[0]
        commands.append(AddQuote(spec["text"], spec["speaker"], items.get(spec.get("intervention")),
                                 session_uuid=session, uuid=uid("quote", str(index))))
    project.execute(Batch(N_("Voorbeeldproject"), commands))
    project.set_current_session(sessions[0])


def write_sample(name: str, path) -> str:
    """Write sample ``name`` to ``path`` completely or not at all; its title.

    ``new_project`` builds it under a temporary name in the same folder and gives it its
    name only when whole: a first start that failed half-way (a locked file, a full disk)
    used to leave a half-built sample that later starts opened as if it were whole.
    """
    project = build_sample(name, path)
    title = project.info.name
    project.close()
    return title

