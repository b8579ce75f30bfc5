"""``workbench merge TARGET SOURCE... [--newest-wins]``"""


def cmd_merge(args):
    from workbench.io.merge import KEEP_BOTH, NEWEST_WINS, merge_files
    from workbench.store import open_project

    project = open_project(args.target)
    try:
        summary = merge_files(project, args.sources, NEWEST_WINS if args.newest_wins else KEEP_BOTH)
    finally:
        project.close()
    for line in summary.lines():
        print(line)
    return 0
