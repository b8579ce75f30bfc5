"""The GeoPackage project file: schema, migrations, repository, geometry blobs.

The only package with SQL. Entry points: :func:`create_project`, :func:`open_project`,
:func:`save_as` in ``project_file``.
"""

from workbench.store.creation import create_project  # noqa: F401
from workbench.store.project_file import open_project, save_as  # noqa: F401
