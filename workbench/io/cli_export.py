"""``workbench export geojson|csv|gpkg PATH OUT``"""

from workbench.i18n import _

EXPORTERS = {
    "geojson": ("workbench.io.export_geojson", "export_geojson"),
    "csv": ("workbench.io.export_csv", "export_csv"),
    "gpkg": ("workbench.io.export_gpkg", "export_gpkg"),
}


def export(project, file_format, out) -> int:
    import importlib

    module, function = EXPORTERS[file_format]
    return getattr(importlib.import_module(module), function)(project, out)


def cmd_export(args):
    from workbench.store import open_project

    project = open_project(args.path, read_only=True)
    try:
        count = export(project, args.format, args.out)
    finally:
        project.close()
    print(_("{count} ideeën geëxporteerd naar {out}.").format(count=count, out=args.out))
    return 0
