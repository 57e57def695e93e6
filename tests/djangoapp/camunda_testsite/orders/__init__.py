"""The test app: handlers in camunda_workers.py, BPMN models in processes/."""
