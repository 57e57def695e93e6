"""What the corpus's generic worker sends: the same start variables and answers for every file.

The values are the ones the corpus's conditions, correlation keys, collections and forms read,
so a generic worker can take most processes to their end (see docs/devengine/fidelity.md).
"""

from __future__ import annotations

from typing import Any

__all__ = ["CORPUS_RESULTS", "CORPUS_VARIABLES"]

#: Variables the corpus processes read (conditions, correlation keys, collections...).
CORPUS_VARIABLES: dict[str, Any] = {
    "action": {"provider": {"path": "run.sh", "arguments": []}, "pauses": {"after": 1}},
    "amount": 100,
    "approverGroups": ["accounting"],
    "candidateGroups": ["crew"],
    "captain": "jack",
    "cargo": ["water", "spice"],
    "correlationKey": "corr-1",
    "experiments": [],
    "invoiceCategory": "Misc",
    "item": "item-1",
    "items": ["a", "b"],
    "jobType": "publish",
    "list": [1, 2],
    "luggage": False,
    "luggageWeight": 10,
    "messageName": "ack",
    "method": [],
    "myCorrKey": "corr-1",
    "orderId": "order-1",
    "paidAsBool": True,
    "pastaOrdered": True,
    "paymentRequestId": "pay-1",
    "prId": "pr-1",
    "reviewResult": "approved",
    "rollbacks": [],
    "saladOrdered": True,
    "ship": "pearl",
    "shipping": 1,
    "smthIsMissingBool": False,
    "steadyState": {"probes": []},
    "supervisorEmail": "boss@example.com",
    "timeout": "PT1M",
    "totalLoops": 3,
}
#: What the generic worker answers for every job and user task: the same for all, with the
#: answers the corpus's forms ask for (``paid``, ``smthIsMissing``: orderProcess.bpmn's loops
#: end when a clerk says the order is paid and nothing is missing).
CORPUS_RESULTS: dict[str, Any] = {
    "approved": True,
    "paid": "true",
    "result": "ok",
    "smthIsMissing": "false",
}
