#!/usr/bin/env python
"""manage.py of the test project (the tests run it as a subprocess)."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "camunda_testsite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
