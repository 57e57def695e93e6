"""camunda_flask: Camunda 8 for Flask.

``camunda = Camunda(app)`` (or ``Camunda()`` + ``camunda.init_app(app)`` in an app factory)
reads ``app.config["CAMUNDA_*"]``; ``@camunda.job_worker("job-type")`` registers handlers;
``flask camunda deploy|worker|devengine`` runs them; blinker signals in
``camunda_flask.signals``; task and incident pages under ``/camunda``.
"""

from camunda_flask.extension import Camunda, get_state
from camunda_flask.state import CamundaState

__all__ = ["Camunda", "CamundaState", "get_state"]
