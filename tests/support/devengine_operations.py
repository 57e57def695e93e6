"""The REST operations the dev engine must serve (DESIGN section 6 and its brief), by id."""

from __future__ import annotations

__all__ = ["REQUIRED"]

#: The operations DESIGN section 6 and the dev engine brief require.
REQUIRED = {
    "getTopology", "getStatus", "getAuthentication", "createDeployment", "deleteResource",
    "searchProcessDefinitions", "getProcessDefinition", "getProcessDefinitionXML",
    "getStartProcessForm", "createProcessInstance", "cancelProcessInstance",
    "getProcessInstance", "searchProcessInstances", "searchProcessInstanceIncidents",
    "searchElementInstances", "getElementInstance", "createElementInstanceVariables",
    "activateJobs", "completeJob", "failJob", "throwJobError", "updateJob", "searchJobs",
    "searchUserTasks", "getUserTask", "assignUserTask", "unassignUserTask", "completeUserTask",
    "updateUserTask", "getUserTaskForm", "searchUserTaskVariables",
    "searchUserTaskEffectiveVariables", "searchIncidents", "getIncident", "resolveIncident",
    "searchVariables", "getVariable", "publishMessage", "correlateMessage", "broadcastSignal",
    "evaluateDecision", "searchDecisionDefinitions", "getDecisionDefinition", "pinClock",
    "resetClock",
}  # fmt: skip
