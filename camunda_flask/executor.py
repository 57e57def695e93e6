"""``flask camunda worker --executor celery``: the dispatcher that sends jobs to Celery.

The Celery app is ``CAMUNDA_CELERY['APP']``, else ``app.extensions["celery"]`` (where the
Flask docs' Celery pattern keeps it). The Celery worker processes must build the same Flask
app with ``CAMUNDA_CELERY['ENABLED'] = True``, so they find the handlers under the same name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda_core import ConfigurationError
from camunda_flask.state import CamundaState

if TYPE_CHECKING:
    from camunda_core.worker.celery_executor import CeleryDispatcher

__all__ = ["celery_app_of", "dispatcher_for"]


def celery_app_of(state: CamundaState) -> Any:
    """The Celery app the jobs go to, or a ``ConfigurationError`` saying how to give one."""
    celery_app = state.config.celery.app or state.app.extensions.get("celery")
    if celery_app is None:
        raise ConfigurationError(
            "--executor celery needs a Celery app: set CAMUNDA_CELERY = {'ENABLED': True, "
            "'APP': celery_app}, or keep it in app.extensions['celery']"
        )
    return celery_app


def dispatcher_for(state: CamundaState) -> CeleryDispatcher:
    """A ``CeleryDispatcher`` for the app's handlers, with the configured queues."""
    try:
        from camunda_core.worker.celery_executor import CeleryDispatcher
    except ImportError as error:
        raise ConfigurationError(
            f"--executor celery needs Celery ({error}); install camunda-integration[celery]"
        ) from error
    config = state.config.celery
    return CeleryDispatcher(
        celery_app_of(state),
        state.router_name,
        queues=config.queues,
        default_queue=config.default_queue,
    )
