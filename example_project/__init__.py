"""The runnable example of camunda-integration: ``python -m example_project`` (or ``scripts/example``).

- ``processes/``: the order-fulfilment BPMN, its DMN table and the approval form, shared by
  both apps;
- ``django_site/``: a Django site (an ``orders`` app, handlers, signal receivers, admin);
- ``flask_app/``: the same process in a small Flask app;
- ``launcher/``: starts the dev engine, the site and the worker together, stops them on Ctrl-C.

Runtime state (the engine's snapshot, the SQLite database, generated secrets, logs) lives in
``var/``, which git ignores: delete it to start over.
"""
