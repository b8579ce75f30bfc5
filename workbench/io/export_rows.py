"""The readable attributes of each intervention, shared by the GeoJSON, CSV and
GeoPackage exports, so that the three agree."""

from dataclasses import dataclass

from workbench.geo.measure import area_m2, length_m


@dataclass(frozen=True)
class Row:
    uuid: str
    number: int
    title: str
    description: str
    themes: list            # theme names, primary first
    primary_theme: str
    color: str
    status: str
    horizon: str
    quantities: dict        # quantity key -> value
    votes: int
    sessions: list          # session titles (created, then changed if different)
    area_m2: float | None
    length_m: float | None
    geometry: object        # RD
    verdict: str = ""       # the overall verdict of the visie-toets ("" when not weighed)
    disposition: str = ""   # what happens with the idea ("" when not answered)
    instrument: str = ""    # for "doorgezet": the instrument key
    answer: str = ""        # the answer to the resident
    answered_on: str = ""
    answered_by: str = ""


def intervention_rows(project) -> list:
    themes = {t.uuid: t.name for t in project.all("theme")}
    sessions = {s.uuid: s.title for s in project.all("session")}
    votes = {}
    for vote in project.all("vote"):
        votes[vote.intervention_uuid] = votes.get(vote.intervention_uuid, 0) + vote.count
    from workbench.core.model import OVERALL

    overall = {v.intervention_uuid: v.verdict for v in project.all("verdict") if v.criterion == OVERALL}
    answers = {a.intervention_uuid: a for a in project.all("answer")}
    rows = []
    for item in project.interventions():
        answer = answers.get(item.uuid)
        names = [themes[u] for u in item.theme_uuids if u in themes]
        primary = themes.get(item.primary_theme_uuid, "")
        if primary in names:
            names.remove(primary)
            names.insert(0, primary)
        session_titles = [sessions[u] for u in dict.fromkeys((item.created_session_uuid, item.changed_session_uuid))
                          if u in sessions]
        kind = item.geometry.geom_type if item.geometry is not None else ""
        rows.append(Row(
            item.uuid, item.number, item.title, item.description, names, primary, project.primary_color(item),
            item.status, item.horizon, dict(item.quantities), votes.get(item.uuid, 0), session_titles,
            round(area_m2(item.geometry), 1) if "Polygon" in kind else None,
            round(length_m(item.geometry), 1) if "LineString" in kind else None, item.geometry,
            overall.get(item.uuid, ""), *((answer.disposition, answer.instrument, answer.text, answer.answered_on,
                                           answer.answered_by) if answer else ("",) * 5)))
    return rows
