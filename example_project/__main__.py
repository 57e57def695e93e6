"""``python -m example_project``: see ``example_project.launcher``."""

import sys

from example_project.launcher.main import main

sys.exit(main())
