"""``workbench merge TARGET SOURCE... [--newest-wins] [--other-project]``"""


def cmd_merge(args):
    from workbench.errors import ValidationError
    from workbench.i18n import _
    from workbench.io.merge import KEEP_BOTH, NEWEST_WINS, merge_files
    from workbench.io.merge_sources import DifferentProjectError
    from workbench.store import open_project

    project = open_project(args.target)
    try:
        summary = merge_files(project, args.sources, NEWEST_WINS if args.newest_wins else KEEP_BOTH,
                              other_project=args.other_project)
    except DifferentProjectError as error:
        raise ValidationError(_("{reason} Er is niets samengevoegd; gebruik --other-project als dit toch de "
                                "bedoeling is.").format(reason=error)) from None
    finally:
        project.close()
    for line in summary.lines():
        print(line)
    return 0
