"""The Camunda pages: user tasks and incidents, read live from the cluster.

Importing this package registers the routes on ``blueprint``; ``Camunda.init_app``
registers the blueprint on the app at ``CAMUNDA_VIEWS['url_prefix']`` unless
``CAMUNDA_VIEWS['enabled']`` is False.
"""

from camunda_flask.views import incidents, tasks
from camunda_flask.views.access import ACTIONS
from camunda_flask.views.blueprint import blueprint

__all__ = ["ACTIONS", "blueprint", "incidents", "tasks"]
