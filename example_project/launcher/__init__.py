"""The launcher of the example: ``python -m example_project``.

It starts the dev engine, prepares the Django site (migrations, the admin login, the
deployment), starts the site and the Camunda worker (and with ``--with-flask`` the Flask app
with its own engine and worker), prints where everything is, and on Ctrl-C or SIGTERM stops
the children in order (workers first, so their jobs finish while the engine still answers;
the engine last, so it writes its snapshot). If a child dies, the others are stopped and the
launcher exits non-zero, naming the child and showing its last output lines.
"""
