"""'Opslaan als': copy the open project to another file and continue working there.

In io, not store: the copy goes through the one guarded writer for every output
(``workbench/io/output.py``), which sits above the store; the store only makes the copy.
"""

from pathlib import Path

from workbench.errors import ProjectFileError
from workbench.filenames import name_problem
from workbench.io.output import same_file, writing
from workbench.store import open_project
from workbench.store.project_file import copy_into


def save_as(project, target) -> None:
    """Copy ``project`` to ``target`` and continue working there.

    The copy is made into the guarded writer's temporary file in the target folder,
    fsynced, then renamed over the target: an interrupted save leaves the original and
    no half-written file. A closed project may be replaced (the user confirmed it in the
    file dialog); one open elsewhere is refused.
    """
    if name_problem(target):
        raise ProjectFileError(name_problem(target))
    target = Path(target).resolve()
    if project.path is not None and same_file(target, project.path):
        return
    with writing(target, replace_project=True) as temporary:
        copy_into(project, temporary)
    new = open_project(target)
    project.repository.close()
    project.repository = new.repository
    project.path = target
