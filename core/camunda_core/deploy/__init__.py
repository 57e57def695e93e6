"""Deployment helpers: find BPMN, DMN and form files, check them, deploy the changed ones."""

from camunda_core.deploy.checksums import ChecksumStore, JsonChecksumStore, MemoryChecksumStore
from camunda_core.deploy.coverage import HandlerCoverage, handler_coverage
from camunda_core.deploy.deployer import DeployResult, deploy_resources
from camunda_core.deploy.resources import RESOURCE_SUFFIXES, Resource, find_resources
from camunda_core.deploy.validation import check_resource, job_types_in

__all__ = [
    "RESOURCE_SUFFIXES",
    "ChecksumStore",
    "DeployResult",
    "HandlerCoverage",
    "JsonChecksumStore",
    "MemoryChecksumStore",
    "Resource",
    "check_resource",
    "deploy_resources",
    "find_resources",
    "handler_coverage",
    "job_types_in",
]
