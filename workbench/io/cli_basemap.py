"""``workbench basemap fetch|list|use|remove|import``: base maps from the command line."""

import sys

from workbench.errors import WorkbenchError
from workbench.i18n import _
from workbench.store.tiles import table_name


def add_parser(sub) -> None:
    """The ``basemap`` command and its subcommands (called by cli.build_parser)."""
    parser = sub.add_parser("basemap", help=_("basiskaarten downloaden, importeren, tonen en verwijderen"))
    commands = parser.add_subparsers(dest="basemap_command", parser_class=type(parser), required=True)

    p = commands.add_parser("fetch", help=_("basiskaart downloaden in het project"))
    p.add_argument("path")
    p.add_argument("--source", required=True, help=_("naam van een bron (zie docs/basemap.md) of een webadres met "
                                                     "{z}/{x}/{y}"))
    p.add_argument("--tiling", choices=["rd", "webmercator"])
    p.add_argument("--levels", help=_("niveaus in de Nederlandse tegelindeling, bijvoorbeeld 8-13"))
    p.add_argument("--margin", type=float, default=250.0, help=_("marge rond het gebied in meters"))
    p.add_argument("--attribution", help=_("bronvermelding die op de kaart komt"))
    p.add_argument("--connections", type=int, default=4, help=_("aantal gelijktijdige verbindingen (1-8)"))
    p.add_argument("--dry-run", action="store_true", help=_("alleen tonen hoeveel er gedownload zou worden"))
    p.add_argument("--yes", action="store_true", help=_("ook een grote download zonder te vragen starten"))
    p.set_defaults(run=cmd_fetch)

    p = commands.add_parser("list", help=_("basiskaarten in het project"))
    p.add_argument("path")
    p.set_defaults(run=cmd_list)

    p = commands.add_parser("use", help=_("kiezen welke basiskaart zichtbaar is"))
    p.add_argument("path")
    p.add_argument("name", help=_("naam van de basiskaart, of 'geen'"))
    p.add_argument("--opacity", type=float)
    p.add_argument("--faded", choices=["ja", "nee"])
    p.set_defaults(run=cmd_use)

    p = commands.add_parser("remove", help=_("basiskaart uit het project verwijderen"))
    p.add_argument("path")
    p.add_argument("name")
    p.set_defaults(run=cmd_remove)

    p = commands.add_parser("import", help=_("basiskaart importeren (MBTiles, GeoPackage, GeoTIFF)"))
    p.add_argument("path")
    p.add_argument("file")
    p.add_argument("--title")
    p.add_argument("--attribution")
    p.set_defaults(run=cmd_import)


def megabytes(size) -> str:
    return _("{mb} MB").format(mb=f"{size / 1024 ** 2:.1f}".replace(".", ","))


def _progress_printer():
    if not sys.stderr.isatty():
        return None

    def show(done, total, size, seconds_left):
        sys.stderr.write("\r" + _("{done} van {total} tegels, {size}, nog {seconds} s").format(
            done=done, total=total, size=megabytes(size), seconds=round(seconds_left)) + "   ")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
    return show


def cmd_fetch(args) -> int:
    from workbench.io import basemap_fetch
    from workbench.io.basemap_sources import resolve
    from workbench.store import open_project

    if not 1 <= args.connections <= 8:
        raise WorkbenchError(_("Kies 1 tot 8 verbindingen."))
    source = resolve(args.source, args.tiling, args.attribution)
    levels = basemap_fetch.parse_levels(args.levels) if args.levels else None
    project = open_project(args.path)
    try:
        plan = basemap_fetch.plan(project, source, levels, args.margin, args.connections)
        if plan.tile_count == 0:
            print(_("{title}: alle {count} tegels zijn al in het project; er is niets te downloaden.").format(
                title=source.title, count=plan.stored_count))
            return 0
        print(_("{title}: {count} tegels te downloaden op niveaus {first}-{last} (ongeveer {size}; {stored} al "
                "aanwezig).").format(title=source.title, count=plan.tile_count, first=plan.levels[0],
                                     last=plan.levels[1], size=megabytes(plan.estimated_bytes),
                                     stored=plan.stored_count))
        if args.dry_run:
            return 0
        if plan.needs_confirmation and not args.yes:
            raise WorkbenchError(_("Dat is een grote download ({count} tegels, ongeveer {size}). Herhaal met --yes "
                                   "om toch te downloaden, of kies minder niveaus of een kleinere marge.")
                                 .format(count=plan.tile_count, size=megabytes(plan.estimated_bytes)))
        result = basemap_fetch.fetch(project, plan, progress=_progress_printer())
    finally:
        project.close()
    print(_("{title}: {count} tegels opgeslagen ({size}) als '{name}'.").format(
        title=source.title, count=result.stored, size=megabytes(result.bytes), name=result.name))
    if result.missing:
        print(_("{count} tegels heeft de server niet (buiten zijn gebied).").format(count=result.missing))
    return 0


def _open(path, read_only):
    from workbench.store import open_project
    from workbench.store.tiles import basemaps_of

    project = open_project(path, read_only=read_only)
    return project, basemaps_of(project)


def _find(maps, name):
    names = [info.name for info in maps.list()]
    for candidate in (name, table_name(name)):
        if candidate in names:
            return candidate
    raise WorkbenchError(_("Het project heeft geen basiskaart '{name}'. Aanwezig: {names}.").format(
        name=name, names=", ".join(names) or _("geen")))


def cmd_list(args) -> int:
    project, maps = _open(args.path, read_only=True)
    try:
        active = maps.display().active
        infos = maps.list()
        if not infos:
            print(_("Het project heeft geen basiskaarten."))
        for info in infos:
            count, size = maps.size(info.name)
            levels = f"{info.levels[0].zoom}-{info.levels[-1].zoom}" if info.levels else "-"
            print("\t".join([("* " if info.name == active else "  ") + info.name, info.title,
                             _("niveaus {levels}").format(levels=levels), _("{count} tegels").format(count=count),
                             megabytes(size), info.attribution]))
    finally:
        project.close()
    return 0


def cmd_use(args) -> int:
    from dataclasses import replace

    project, maps = _open(args.path, read_only=False)
    try:
        display = maps.display()
        name = None if args.name.lower() in ("geen", "none") else _find(maps, args.name)
        display = replace(display, active=name)
        if args.opacity is not None:
            if not 0 <= args.opacity <= 1:
                raise WorkbenchError(_("De dekking is een getal van 0 tot 1."))
            display = replace(display, opacity=args.opacity)
        if args.faded:
            display = replace(display, faded=args.faded == "ja")
        maps.set_display(display)
    finally:
        project.close()
    print(_("Zichtbare basiskaart: {name}.").format(name=name or _("geen")))
    return 0


def cmd_remove(args) -> int:
    project, maps = _open(args.path, read_only=False)
    try:
        name = _find(maps, args.name)
        maps.remove(name)
        maps.compact()
    finally:
        project.close()
    print(_("Basiskaart '{name}' verwijderd.").format(name=name))
    return 0


def cmd_import(args) -> int:
    from workbench.io.basemap_import import import_basemap

    project, _maps = _open(args.path, read_only=False)
    try:
        result = import_basemap(project, args.file, title=args.title, attribution=args.attribution)
    finally:
        project.close()
    print(_("{title}: {count} tegels geïmporteerd als '{name}'.").format(
        title=result.title, count=result.stored, name=result.name))
    return 0
