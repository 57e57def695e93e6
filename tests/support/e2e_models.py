"""Small BPMN, DMN and form files for the end-to-end tests of the REST layer.

Written for these tests (never copied from elsewhere): one process per concern, each as small
as the operations it exercises allow.

- ``e2e-payment``: start (linked start form) -> service task ``charge`` (headers, an error
  boundary for ``DECLINED``) -> Camunda user task ``approve`` (linked form, candidate group,
  priority) -> end.
- ``e2e-message``: waits for message ``payment-received`` with ``correlationKey = orderId``.
- ``e2e-signal``: waits for signal ``go``.
- ``e2e-instant``: start -> end (for awaited completion).
- ``discount`` (DMN): a decision table from ``customer`` to ``discount``.
"""

from __future__ import annotations

import json

__all__ = ["ALL", "APPROVAL_FORM", "DISCOUNT", "PAYMENT", "WAITERS"]

_BPMN = (
    'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)


def _definitions(body: str, extra: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<bpmn:definitions {_BPMN} id="e2e" targetNamespace="http://example.com/e2e">\n'
        f"{body}\n{extra}\n</bpmn:definitions>\n"
    ).encode()


PAYMENT = _definitions(
    """
<bpmn:process id="e2e-payment" name="Payment" isExecutable="true">
  <bpmn:startEvent id="start">
    <bpmn:extensionElements><zeebe:formDefinition formId="e2e-start-form" /></bpmn:extensionElements>
  </bpmn:startEvent>
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="charge" />
  <bpmn:serviceTask id="charge" name="Charge">
    <bpmn:extensionElements>
      <zeebe:taskDefinition type="e2e-charge" retries="3" />
      <zeebe:taskHeaders><zeebe:header key="method" value="card" /></zeebe:taskHeaders>
    </bpmn:extensionElements>
  </bpmn:serviceTask>
  <bpmn:boundaryEvent id="declined" attachedToRef="charge">
    <bpmn:errorEventDefinition errorRef="declined-error" />
  </bpmn:boundaryEvent>
  <bpmn:sequenceFlow id="f2" sourceRef="charge" targetRef="approve" />
  <bpmn:sequenceFlow id="f3" sourceRef="declined" targetRef="declined-end" />
  <bpmn:endEvent id="declined-end" />
  <bpmn:userTask id="approve" name="Approve payment">
    <bpmn:extensionElements>
      <zeebe:userTask />
      <zeebe:formDefinition formId="e2e-approval-form" />
      <zeebe:assignmentDefinition candidateGroups="sales" />
      <zeebe:priorityDefinition priority="70" />
    </bpmn:extensionElements>
  </bpmn:userTask>
  <bpmn:sequenceFlow id="f4" sourceRef="approve" targetRef="end" />
  <bpmn:endEvent id="end" />
</bpmn:process>""",
    '<bpmn:error id="declined-error" name="Declined" errorCode="DECLINED" />',
)

WAITERS = _definitions(
    """
<bpmn:process id="e2e-message" isExecutable="true">
  <bpmn:startEvent id="m-start" />
  <bpmn:sequenceFlow id="m1" sourceRef="m-start" targetRef="m-wait" />
  <bpmn:intermediateCatchEvent id="m-wait">
    <bpmn:messageEventDefinition messageRef="paid" />
  </bpmn:intermediateCatchEvent>
  <bpmn:sequenceFlow id="m2" sourceRef="m-wait" targetRef="m-end" />
  <bpmn:endEvent id="m-end" />
</bpmn:process>
<bpmn:process id="e2e-signal" isExecutable="true">
  <bpmn:startEvent id="s-start" />
  <bpmn:sequenceFlow id="s1" sourceRef="s-start" targetRef="s-wait" />
  <bpmn:intermediateCatchEvent id="s-wait">
    <bpmn:signalEventDefinition signalRef="go" />
  </bpmn:intermediateCatchEvent>
  <bpmn:sequenceFlow id="s2" sourceRef="s-wait" targetRef="s-end" />
  <bpmn:endEvent id="s-end" />
</bpmn:process>
<bpmn:process id="e2e-instant" isExecutable="true">
  <bpmn:startEvent id="i-start" />
  <bpmn:sequenceFlow id="i1" sourceRef="i-start" targetRef="i-end" />
  <bpmn:endEvent id="i-end" />
</bpmn:process>""",
    """<bpmn:message id="paid" name="payment-received">
  <bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements>
</bpmn:message>
<bpmn:signal id="go" name="go" />""",
)

DISCOUNT = b"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="e2e-discounts"
    name="Discounts" namespace="http://example.com/e2e">
  <decision id="discount" name="Discount">
    <decisionTable id="discount-table" hitPolicy="FIRST">
      <input id="customer-input" label="Customer">
        <inputExpression id="customer-expression" typeRef="string"><text>customer</text></inputExpression>
      </input>
      <output id="discount-output" name="discount" label="Discount" typeRef="number" />
      <rule id="gold-rule">
        <inputEntry id="gold-in"><text>"gold"</text></inputEntry>
        <outputEntry id="gold-out"><text>0.2</text></outputEntry>
      </rule>
      <rule id="other-rule">
        <inputEntry id="other-in"><text>-</text></inputEntry>
        <outputEntry id="other-out"><text>0</text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
</definitions>
"""


def _form(form_id: str, label: str) -> bytes:
    components = [{"type": "checkbox", "key": "approved", "label": label, "id": f"{form_id}-field"}]
    form = {"id": form_id, "type": "default", "schemaVersion": 16, "components": components}
    return json.dumps(form).encode()


APPROVAL_FORM = _form("e2e-approval-form", "Approved?")
START_FORM = _form("e2e-start-form", "Start?")

#: Everything, as (file name, content) pairs for one deployment.
ALL = [
    ("payment.bpmn", PAYMENT),
    ("waiters.bpmn", WAITERS),
    ("discounts.dmn", DISCOUNT),
    ("approval.form", APPROVAL_FORM),
    ("start.form", START_FORM),
]
