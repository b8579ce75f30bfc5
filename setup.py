"""Only what pyproject.toml cannot say: the wheel carries ``resources/`` and
``sample_projects/`` inside the package (``workbench/resources``...), where
``workbench.paths`` finds them after ``pip install .``. In a checkout they stay at the top
of the repository; package data cannot point outside the package folder."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_FOLDERS = ("resources", "sample_projects")


class BuildWithData(build_py):
    def run(self):
        super().run()
        if self.editable_mode:  # an editable install reads them from the checkout
            return
        root = Path(__file__).resolve().parent
        for folder in DATA_FOLDERS:
            target = Path(self.build_lib) / "workbench" / folder
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(root / folder, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithData})
