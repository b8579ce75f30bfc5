"""``workbench import PATH FILE [--as interventions|reference] [--layer NAME] [--map key=FIELD]...``"""


def cmd_import(args):
    from workbench.io.import_features import import_file
    from workbench.store import open_project

    project = open_project(args.path)
    try:
        summary = import_file(project, args.file, as_reference=args.as_ == "reference", layer=args.layer,
                              map_items=args.map, create_missing=args.create_themes)
    finally:
        project.close()
    # Printed only now: the import has been committed.
    for line in summary.lines():
        print(line)
    return 0
