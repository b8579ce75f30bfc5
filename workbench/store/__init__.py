"""The GeoPackage project file: schema, migrations, repository, geometry blobs.

The only package with SQL. Entry points: :func:`create_project`, :func:`open_project`,
:func:`copy_into` in ``project_file`` ("Opslaan als" itself is ``workbench.io.save_as``).
"""

from workbench.store.creation import create_project  # noqa: F401
from workbench.store.project_file import open_project  # noqa: F401
