"""``python -m bench [NAME...]``: run every benchmark module (or the named ones).

Each module measures its subject against a floor measured in the same run and prints
``BENCH <name> value=<v> floor=<f> ratio=<r> target=<t>``; nothing here fails on timing.
"""

import importlib
import pkgutil
import sys
from pathlib import Path


def main(names) -> int:
    folder = Path(__file__).parent
    modules = sorted(m.name for m in pkgutil.iter_modules([str(folder)]) if m.name.startswith("bench_"))
    for name in modules:
        if names and name.removeprefix("bench_") not in names and name not in names:
            continue
        importlib.import_module(f"bench.{name}").run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
