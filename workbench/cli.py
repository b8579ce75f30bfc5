"""``workbench``: the headless commands, and the app when called without one.

Every failure a user can cause prints one Dutch line on stderr and exits with code 2;
``workbench check`` exits 1 when it finds problems. Set WORKBENCH_DEBUG=1 to see
tracebacks of unexpected errors.
"""

import argparse
import importlib
import json
import os
import re
import sys

from workbench import __version__
from workbench.errors import WorkbenchError
from workbench.i18n import _

EXIT_PROBLEMS, EXIT_USAGE = 1, 2


class UsageError(WorkbenchError):
    pass


class DutchArgumentParser(argparse.ArgumentParser):
    """argparse whose errors are one Dutch line (and exit 2) instead of English usage."""

    _PATTERNS = [
        (r"the following arguments are required: (.*)", "ontbrekende argumenten: {0}"),
        (r"unrecognized arguments: (.*)", "onbekende argumenten: {0}"),
        (r"argument (\S+): invalid choice: '?([^'(]*)'? \(choose from (.*)\)", "{0}: ongeldige keuze '{1}' (kies uit {2})"),
        (r"argument (\S+): expected one argument", "{0}: verwacht een waarde"),
        (r"argument (\S+): invalid (\w+) value: (.*)", "{0}: ongeldige waarde {2}"),
    ]

    def error(self, message):
        for pattern, template in self._PATTERNS:
            match = re.match(pattern, message)
            if match:
                message = template.format(*match.groups())
                break
        raise UsageError(_("Ongeldige opdracht: {message}. Zie 'workbench --help'.").format(message=message))


def _open(path, read_only=False):
    from workbench.store import open_project

    return open_project(path, read_only=read_only)


def cmd_new(args):
    from workbench.io.projects import new_project

    area = None
    if args.area:
        from workbench.io.areas import area_from_geojson

        area = area_from_geojson(args.area)
    project = new_project(args.path, args.name, args.theme_set, args.municipality or "", area=area)
    print(_("Project '{name}' gemaakt in {path}.").format(name=project.info.name, path=args.path))
    project.close()


def cmd_sample(args):
    from workbench.io import samples

    if args.list or not args.name:
        for name, title in samples.available().items():
            print(f"{name}\t{title}")
        return 0
    if not args.path:
        raise UsageError(_("Geef een bestandsnaam: workbench sample {name} PAD.gpkg").format(name=args.name))
    title = samples.write_sample(args.name, args.path)
    print(_("Voorbeeldproject '{name}' geschreven naar {path}.").format(name=title, path=args.path))
    return 0


def project_summary(project) -> dict:
    """The numbers ``workbench info`` prints; keys documented in the README."""
    from workbench.store.merge_source import project_uuid
    from workbench.store.project_file import schema_version_of

    area = project.area
    return {
        "project_uuid": project_uuid(project.repository),
        "name": project.info.name,
        "municipality": project.info.municipality,
        "theme_set": project.info.theme_set,
        "schema_version": schema_version_of(project.path),
        "interventions": len(project.all("intervention")),
        "themes": len(project.all("theme")),
        "goals": len(project.all("goal")),
        "sessions": len(project.all("session")),
        "votes": sum(v.count for v in project.all("vote")),
        "quotes": len(project.all("quote")),
        "reference_layers": len(project.all("reference_layer")),
        "area_ha": round(area.geometry.area / 10_000, 2) if area else None,
    }


def cmd_info(args):
    from workbench.geo.measure import format_number

    project = _open(args.path, read_only=True)
    try:
        summary = project_summary(project)
    finally:
        project.close()
    if args.json:
        print(json.dumps(summary, ensure_ascii=True, indent=2))  # exact on every code page
        return 0
    labels = [("name", _("Naam")), ("municipality", _("Gemeente")), ("interventions", _("Ideeën")),
              ("themes", _("Thema's")), ("goals", _("Doelen")), ("sessions", _("Bijeenkomsten")),
              ("votes", _("Stemmen")), ("quotes", _("Citaten")), ("reference_layers", _("Referentielagen"))]
    for key, label in labels:
        print(f"{label}: {summary[key]}")
    area = summary["area_ha"]
    print(f"{_('Gebied')}: {format_number(area, 1) + ' ha' if area is not None else _('(geen)')}")
    return 0


def cmd_check(args):
    from workbench.store.project_file import check_project

    problems = check_project(args.path)
    for problem in problems:
        print(problem)
    if not problems:
        print(_("{path}: in orde.").format(path=args.path))
    return EXIT_PROBLEMS if problems else 0


def _check_rd(geometry) -> None:
    """Refuse what import refuses too: coordinates far outside the Netherlands in RD."""
    from workbench.geo.bounds import inside_rd, looks_like_degrees

    if geometry.is_empty or inside_rd([geometry])[0]:
        return  # an empty geometry gets the command's own message
    if looks_like_degrees(geometry):
        raise UsageError(_("De coördinaten liggen niet in Nederland: dit lijken lengte/breedtegraden; "
                           "geef RD-coördinaten (EPSG:28992)."))
    raise UsageError(_("De coördinaten liggen ver buiten Nederland; geef RD-coördinaten (EPSG:28992), "
                       "bijvoorbeeld POINT (195000 325000)."))


def cmd_add(args):
    from shapely import wkt
    from shapely.errors import ShapelyError

    from workbench.core.commands import AddIntervention

    geometry = None  # without --wkt: an idea without a place (for the whole area or city)
    if args.wkt is not None:
        try:
            geometry = wkt.loads(args.wkt)
        except (ShapelyError, ValueError, NotImplementedError):  # CIRCULARSTRING & co: "not supported"
            raise UsageError(_("Ongeldige WKT: {wkt}").format(wkt=args.wkt[:80])) from None
        _check_rd(geometry)
    project = _open(args.path)
    try:
        themes = []
        for name in args.theme:
            theme = project.theme_by_name(name)
            if theme is None:
                raise UsageError(_("Onbekend thema '{name}'.").format(name=name))
            themes.append(theme.uuid)
        session = "current"
        if args.session:
            found = project.session_by_title(args.session)
            if found is None:
                raise UsageError(_("Onbekende bijeenkomst '{title}'.").format(title=args.session))
            session = found.uuid
        command = project.execute(AddIntervention(args.title, geometry, themes, description=args.description or "",
                                                  session_uuid=session))
        # Printed only now: the transaction has been committed and fsynced.
        print(command.uuid, flush=True)
    finally:
        project.close()
    return 0


# Subcommands implemented in other layers: name -> "module:function". Imported only
# when used, so Qt (for png) loads only for the commands that need it.
DELEGATED = {
    "export png": "workbench.canvas.export_png:cmd_export_png",
    "export pdf": "workbench.report.cli:cmd_export_pdf",
    "export data": "workbench.io.cli_export:cmd_export",
    "import": "workbench.io.cli_import:cmd_import",
    "merge": "workbench.io.cli_merge:cmd_merge",
}


def cmd_export(args):
    key = {"png": "export png", "pdf": "export pdf"}.get(args.format, "export data")
    return _delegate(DELEGATED[key])(args)


def _delegate(target):
    def run(args):
        module_name, function = target.split(":")
        return getattr(importlib.import_module(module_name), function)(args)
    return run


def build_parser() -> argparse.ArgumentParser:
    from workbench.core import theme_sets

    parser = DutchArgumentParser(prog="workbench", description=_("Gebiedsvisie Werkbank"))
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=DutchArgumentParser)

    p = sub.add_parser("new", help=_("nieuw project maken"))
    p.add_argument("path")
    p.add_argument("--name", required=True)
    p.add_argument("--theme-set", default=theme_sets.DEFAULT, choices=list(theme_sets.available()))
    p.add_argument("--municipality")
    p.add_argument("--area", help=_("GeoJSON-bestand met de grens van het gebied"))
    p.set_defaults(run=cmd_new)

    p = sub.add_parser("sample", help=_("voorbeeldproject schrijven"))
    p.add_argument("--list", action="store_true")
    p.add_argument("name", nargs="?")
    p.add_argument("path", nargs="?")
    p.set_defaults(run=cmd_sample)

    p = sub.add_parser("info", help=_("samenvatting van een project"))
    p.add_argument("path")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_info)

    p = sub.add_parser("check", help=_("project controleren"))
    p.add_argument("path")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("add", help=_("idee toevoegen"))
    p.add_argument("path")
    p.add_argument("--title", required=True)
    p.add_argument("--wkt", help=_("de plek in RD (WKT); zonder: een idee zonder plek"))
    p.add_argument("--theme", action="append", default=[])
    p.add_argument("--session")
    p.add_argument("--description")
    p.set_defaults(run=cmd_add)

    p = sub.add_parser("export", help=_("exporteren (png, pdf, geojson, csv, gpkg)"))
    p.add_argument("format", choices=["png", "pdf", "geojson", "csv", "gpkg"])
    p.add_argument("path")
    p.add_argument("out")
    p.add_argument("--width", type=int, default=1600)
    p.add_argument("--height", type=int, default=1200)
    p.add_argument("--extent", choices=["area", "all"], default="area")
    p.add_argument("--kind", choices=["handout", "report", "poster", "terugkoppeling"],
                   default="handout")
    p.add_argument("--session")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("import", help=_("importeren (GeoJSON, GeoPackage, shapefile)"))
    p.add_argument("path")
    p.add_argument("file")
    p.add_argument("--as", dest="as_", choices=["interventions", "reference"], default="interventions")
    p.add_argument("--layer")
    p.add_argument("--map", action="append", default=[])
    p.add_argument("--create-themes", action="store_true")
    p.set_defaults(run=_delegate(DELEGATED["import"]))

    p = sub.add_parser("merge", help=_("projectbestanden samenvoegen"))
    p.add_argument("target")
    p.add_argument("sources", nargs="+")
    p.add_argument("--newest-wins", action="store_true")
    p.add_argument("--other-project", action="store_true",
                   help=_("ook bestanden van een ander project samenvoegen"))
    p.set_defaults(run=_delegate(DELEGATED["merge"]))

    from workbench.io.cli_basemap import add_parser as add_basemap_parser

    add_basemap_parser(sub)
    from workbench.io.cli_toets import add_parser as add_toets_parser

    add_toets_parser(sub)

    from workbench.sync.cli import add_parser as add_sync_parser

    add_sync_parser(sub)
    return parser


def _warn_about_onedrive(args) -> None:
    """One line on stderr when the project a command works on lies in OneDrive."""
    from workbench.locations import onedrive_warning

    path = getattr(args, "target", None) or getattr(args, "path", None)
    if isinstance(path, str) and path.lower().endswith(".gpkg"):
        warning = onedrive_warning(path, created=getattr(args, "command", None) in ("new", "sample"))
        if warning:
            print(f"workbench: {warning}", file=sys.stderr)


def _run_app(argv) -> int:
    """``workbench [PATH] [--screenshot OUT]``: open the desktop app."""
    if argv and not argv[0].startswith("-") and not os.path.exists(argv[0]):
        raise UsageError(_("Het bestand {path} bestaat niet.").format(path=argv[0]))
    return importlib.import_module("workbench.ui.app").main(argv)


def main(argv=None) -> int:
    from workbench.console import make_output_robust

    make_output_robust()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()
        commands = set(parser._subparsers._group_actions[0].choices)
        first = argv[0] if argv else None
        if first is None or first.startswith("--screenshot"):
            return _run_app(argv)
        if first not in commands and not first.startswith("-"):
            if not (first.lower().endswith(".gpkg") or os.path.exists(first)):
                raise UsageError(_("Onbekende opdracht '{name}'. Zie 'workbench --help'.").format(name=first))
            return _run_app(argv)
        args = parser.parse_args(argv)
        _warn_about_onedrive(args)
        return args.run(args) or 0
    except WorkbenchError as error:
        print(f"workbench: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # the promise: never a traceback for the user
        if os.environ.get("WORKBENCH_DEBUG"):
            raise
        from workbench.store.errors import describe

        known = describe(error)  # a disk, permission or SQLite error: a Dutch sentence
        if known:
            print(f"workbench: {known}", file=sys.stderr)
            return EXIT_USAGE
        print(_("workbench: onverwachte fout ({kind}: {error}). Meld dit aan de ontwikkelaars.")
              .format(kind=type(error).__name__, error=str(error)[:200]), file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
