"""No client operation escapes the contract test, and none of DESIGN section 6 is missing.

These checks need no spec: they compare the client's public surface with the scenarios the
spec tests run.
"""

from __future__ import annotations

import inspect

from contract_calls import NOT_AN_OPERATION, SCENARIOS

from camunda_core import CamundaClient

#: The operations DESIGN section 6 asks for, by the spec's operationId.
REQUIRED_OPERATIONS = {
    "getTopology", "getStatus", "getAuthentication", "pinClock", "resetClock",
    "createDeployment", "deleteResource",
    "searchProcessDefinitions", "getProcessDefinition", "getProcessDefinitionXML",
    "getStartProcessForm",
    "createProcessInstance", "cancelProcessInstance", "getProcessInstance",
    "searchProcessInstances", "searchProcessInstanceIncidents",
    "searchElementInstances", "getElementInstance", "createElementInstanceVariables",
    "activateJobs", "completeJob", "failJob", "throwJobError", "updateJob", "searchJobs",
    "searchUserTasks", "getUserTask", "assignUserTask", "unassignUserTask", "completeUserTask",
    "updateUserTask", "getUserTaskForm", "searchUserTaskVariables",
    "searchUserTaskEffectiveVariables",
    "searchIncidents", "getIncident", "resolveIncident",
    "searchVariables", "getVariable",
    "publishMessage", "correlateMessage", "broadcastSignal",
    "evaluateDecision", "searchDecisionDefinitions", "getDecisionDefinition",
}  # fmt: skip


def public_members() -> set[str]:
    return {name for name, _ in inspect.getmembers(CamundaClient) if not name.startswith("_")}


def test_every_public_method_is_exercised_by_the_contract_test() -> None:
    exercised = {scenario.method for scenario in SCENARIOS}
    unexercised = public_members() - exercised - set(NOT_AN_OPERATION)
    assert not unexercised, (
        f"add scenarios to tests/support/contract_calls.py for {sorted(unexercised)} "
        "(or list them in NOT_AN_OPERATION with the reason they are not REST operations)"
    )


def test_scenarios_and_exemptions_name_real_members() -> None:
    members = public_members() | {"settings"}
    exercised = {scenario.method for scenario in SCENARIOS}
    assert exercised <= members, f"unknown methods: {sorted(exercised - members)}"
    assert set(NOT_AN_OPERATION) <= members
    assert not exercised & set(NOT_AN_OPERATION)


def test_every_required_operation_has_a_scenario() -> None:
    covered = {scenario.operation for scenario in SCENARIOS}
    assert covered == REQUIRED_OPERATIONS


def test_every_search_has_a_maximal_scenario_and_an_iterator() -> None:
    searches = {s.operation for s in SCENARIOS if s.operation.startswith("search")}
    maximal = {s.operation for s in SCENARIOS if s.maximal}
    iterated = {s.operation for s in SCENARIOS if s.method.startswith("iter_")}
    assert searches <= maximal, f"no maximal scenario: {sorted(searches - maximal)}"
    assert searches <= iterated, f"no iterator scenario: {sorted(searches - iterated)}"
