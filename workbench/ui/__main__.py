"""``python -m workbench.ui [PATH]``: the desktop app alone (the windowed executable's
entry point; errors show in a dialog, as there is no console)."""

import sys

from workbench.ui.app import main

sys.exit(main())
