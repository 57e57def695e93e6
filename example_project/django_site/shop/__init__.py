"""The Django project of the example: settings, URLs and WSGI entry point."""
