"""Dates as people read them ("donderdag 1 juni 2023") and the date a PDF carries."""

from datetime import date

from workbench.i18n import _


def _months():
    return [_("januari"), _("februari"), _("maart"), _("april"), _("mei"), _("juni"), _("juli"),
            _("augustus"), _("september"), _("oktober"), _("november"), _("december")]


def _weekdays():
    return [_("maandag"), _("dinsdag"), _("woensdag"), _("donderdag"), _("vrijdag"), _("zaterdag"), _("zondag")]


def parse(value: str):
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def long_date(value: str, weekday: bool = False) -> str:
    """"2023-06-01" -> "1 juni 2023" (or "donderdag 1 juni 2023"); unparseable -> as is."""
    day = parse(value)
    if day is None:
        return value or ""
    result = f"{day.day} {_months()[day.month - 1]} {day.year}"
    return f"{_weekdays()[day.weekday()]} {result}" if weekday else result


def project_date(project) -> str:
    """The date of the project's last recorded change (yyyy-mm-dd).

    Taken from the project, not from the clock, so the same project gives the same PDF.
    Falls back to the latest session date, then to a fixed date.
    """
    stamps = [item.changed_at[:10] for item in project.interventions() if parse(item.changed_at)]
    stamps += [session.date[:10] for session in project.sessions() if parse(session.date)]
    return max(stamps, default="2000-01-01")
