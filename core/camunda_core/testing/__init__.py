"""Testing processes with the embedded dev engine: a pytest plugin, assertions, mock workers.

The plugin's fixtures (``camunda_engine``, ``camunda_client``, ``camunda_async_client``,
``camunda_server``, ``camunda_mock_worker``, ``camunda_clock``) are available in every test
once the package is installed.
"""

from camunda_core.testing.assertions import (
    ProcessInstanceAssert,
    UserTaskAssert,
    assert_process_instance,
    assert_user_task,
)
from camunda_core.testing.clock import EngineClock
from camunda_core.testing.mock_workers import MockJobWorker

__all__ = [
    "EngineClock",
    "MockJobWorker",
    "ProcessInstanceAssert",
    "UserTaskAssert",
    "assert_process_instance",
    "assert_user_task",
]
