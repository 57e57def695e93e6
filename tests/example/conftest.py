"""Tests of the example project (``example_project/``).

- The Django site's tests live in ``site_tests/`` and run in a pytest process of their own
  (``test_site.py`` starts it, one outer test per inner test): they need Django configured
  with the example's settings, while ``tests/djangoapp`` configures Django with its test
  project, and one process holds one Django configuration. So this folder never configures
  Django in the main session, and both folders run in one ``pytest`` invocation.
- The Flask app runs in this process: the repository root goes on ``sys.path`` so
  ``example_project`` imports as it does for ``python -m example_project``; this folder goes
  there too, for ``launcher_support``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parents[1]

# Collected only in their own run (test_site.py sets this variable for it).
collect_ignore = [] if os.environ.get("EXAMPLE_SITE_TESTS") == "1" else ["site_tests"]

for path in (HERE, REPOSITORY):
    if str(path) not in sys.path:
        sys.path.append(str(path))
