"""Messages: correlation by name and key, buffering with TTL, message id de-duplication,
correlate (no buffering) vs publish, message start events and their uniqueness.
"""

from __future__ import annotations

import pytest
from bpmn_builder import boundary, chain, end, ext, flow, io, process, service, start
from runtime_harness import MINUTE, Harness

from camunda_core.devengine.contract import InvalidState, NotFound

MESSAGE = (
    '<bpmn:message id="m" name="paid"><bpmn:extensionElements>'
    '<zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>'
)


def _catch(outputs: dict[str, str] | None = None) -> bytes:
    inner = ext(io(outputs=outputs)) if outputs else ""
    return process(
        "p",
        start(),
        f'<bpmn:intermediateCatchEvent id="wait">{inner}<bpmn:messageEventDefinition messageRef="m" />'
        "</bpmn:intermediateCatchEvent>",
        end(),
        chain("start", "wait", "end"),
        extra=MESSAGE,
    )


def test_a_message_correlates_by_name_and_correlation_key(h: Harness) -> None:
    h.deploy(_catch())
    one = h.start("p", orderId="1")
    two = h.start("p", orderId="2")
    h.engine.publish_message(name="paid", correlation_key="2", variables={"amount": 5})
    assert h.state(one) == "ACTIVE"
    assert h.state(two) == "COMPLETED"
    assert h.variables(two) == {"orderId": "2", "amount": 5}
    with h.engine.reading():
        states = sorted(s.state for s in h.engine.store.message_subscriptions.values())
    assert states == ["CORRELATED", "CREATED"]


def test_message_variables_go_through_the_output_mappings(h: Harness) -> None:
    h.deploy(_catch(outputs={"total": "=amount * 2"}))
    key = h.start("p", orderId="1")
    h.engine.publish_message(name="paid", correlation_key="1", variables={"amount": 5})
    assert h.variables(key) == {"orderId": "1", "total": 10}


def test_a_numeric_correlation_key_is_used_as_text(h: Harness) -> None:
    h.deploy(_catch())
    key = h.start("p", orderId=42)
    h.engine.publish_message(name="paid", correlation_key="42")
    assert h.state(key) == "COMPLETED"


def test_a_correlation_key_of_another_type_is_an_incident(h: Harness) -> None:
    h.deploy(_catch())
    key = h.start("p", orderId=[1])
    (incident,) = h.incidents(key)
    assert incident.error_type == "EXTRACT_VALUE_ERROR"


def test_a_message_is_correlated_once_per_process(h: Harness) -> None:
    h.deploy(_catch())
    first = h.start("p", orderId="same")
    second = h.start("p", orderId="same")
    h.engine.publish_message(name="paid", correlation_key="same", time_to_live_ms=MINUTE)
    assert h.state(first) == "COMPLETED"
    assert h.state(second) == "ACTIVE"
    h.engine.publish_message(name="paid", correlation_key="same")
    assert h.state(second) == "COMPLETED"


def test_a_buffered_message_correlates_to_a_later_subscription(h: Harness) -> None:
    h.deploy(_catch())
    h.engine.publish_message(
        name="paid", correlation_key="1", time_to_live_ms=MINUTE, variables={"v": 1}
    )
    key = h.start("p", orderId="1")
    assert h.state(key) == "COMPLETED"
    assert h.variables(key)["v"] == 1


def test_a_buffered_message_expires_after_its_ttl(h: Harness) -> None:
    h.deploy(_catch())
    h.engine.publish_message(name="paid", correlation_key="1", time_to_live_ms=MINUTE)
    h.advance(MINUTE)
    key = h.start("p", orderId="1")
    assert h.state(key) == "ACTIVE"


def test_buffered_messages_correlate_oldest_first(h: Harness) -> None:
    h.deploy(_catch())
    for value in (1, 2):
        h.engine.publish_message(
            name="paid", correlation_key="1", time_to_live_ms=MINUTE, variables={"v": value}
        )
    assert h.variables(h.start("p", orderId="1"))["v"] == 1


def test_a_message_without_ttl_is_dropped_when_nothing_waits(h: Harness) -> None:
    h.deploy(_catch())
    h.engine.publish_message(name="paid", correlation_key="1")
    assert h.state(h.start("p", orderId="1")) == "ACTIVE"


def test_a_duplicate_message_id_is_refused_while_buffered(h: Harness) -> None:
    h.engine.publish_message(
        name="paid", correlation_key="1", time_to_live_ms=MINUTE, message_id="x"
    )
    with pytest.raises(InvalidState):
        h.engine.publish_message(
            name="paid", correlation_key="1", time_to_live_ms=MINUTE, message_id="x"
        )
    h.engine.publish_message(
        name="paid", correlation_key="2", time_to_live_ms=MINUTE, message_id="x"
    )
    h.advance(MINUTE)
    h.engine.publish_message(
        name="paid", correlation_key="1", time_to_live_ms=MINUTE, message_id="x"
    )


def test_correlate_returns_the_instance_or_is_not_found(h: Harness) -> None:
    h.deploy(_catch())
    key = h.start("p", orderId="1")
    with pytest.raises(NotFound):
        h.engine.correlate_message(name="paid", correlation_key="nobody")
    result = h.engine.correlate_message(name="paid", correlation_key="1")
    assert result.process_instance_key == key
    assert result.tenant_id == "<default>"
    assert h.state(key) == "COMPLETED"
    h.engine.publish_message(name="paid", correlation_key="late")  # correlate never buffers
    with pytest.raises(NotFound):
        h.engine.correlate_message(name="paid", correlation_key="late")


def test_a_receive_task_waits_for_its_message(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        '<bpmn:receiveTask id="wait" messageRef="m" />',
        end(),
        chain("start", "wait", "end"),
        extra=MESSAGE,
    )
    h.deploy(xml)
    key = h.start("p", orderId="9")
    assert h.elements(key, "ACTIVE")[0].type == "RECEIVE_TASK"
    h.engine.publish_message(name="paid", correlation_key="9")
    assert h.state(key) == "COMPLETED"


def test_an_interrupting_message_boundary_cancels_the_task(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        service("task", "work"),
        boundary("cancelled", "task", '<bpmn:messageEventDefinition messageRef="m" />'),
        end(),
        end("stopped"),
        chain("start", "task", "end"),
        flow("cancelled", "stopped"),
        extra=MESSAGE,
    )
    h.deploy(xml)
    key = h.start("p", orderId="1")
    h.engine.publish_message(name="paid", correlation_key="1")
    assert h.completed(key) == ["start", "cancelled", "stopped"]
    assert h.activate("work") == []


def test_a_non_interrupting_message_boundary_can_trigger_repeatedly(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        service("task", "work"),
        boundary(
            "note", "task", '<bpmn:messageEventDefinition messageRef="m" />', interrupting=False
        ),
        end(),
        end("noted"),
        chain("start", "task", "end"),
        flow("note", "noted"),
        extra=MESSAGE,
    )
    h.deploy(xml)
    key = h.start("p", orderId="1")
    h.engine.publish_message(name="paid", correlation_key="1")
    h.engine.publish_message(name="paid", correlation_key="1")
    assert h.completed(key).count("noted") == 2
    assert h.active(key) == ["task"]


START_BY_MESSAGE = process(
    "order",
    '<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="order_placed" />'
    "</bpmn:startEvent>",
    service("task", "work"),
    end(),
    chain("start", "task", "end"),
    extra='<bpmn:message id="order_placed" name="order placed" />',
)


def test_a_message_start_event_creates_an_instance_with_the_variables(h: Harness) -> None:
    h.deploy(START_BY_MESSAGE)
    h.engine.publish_message(name="order placed", variables={"item": "book"})
    (instance,) = h.engine.store.process_instances.values()
    assert h.variables(instance.process_instance_key) == {"item": "book"}


def test_message_start_allows_one_active_instance_per_correlation_key(h: Harness) -> None:
    h.deploy(START_BY_MESSAGE)
    h.engine.publish_message(name="order placed", correlation_key="c-1")
    h.engine.publish_message(name="order placed", correlation_key="c-1", time_to_live_ms=MINUTE)
    h.engine.publish_message(name="order placed", correlation_key="c-2")
    assert len(h.engine.store.process_instances) == 2
    h.complete("work")  # both end; the buffered c-1 message starts another
    instances = list(h.engine.store.process_instances.values())
    assert len(instances) == 3
    assert [i.state for i in instances] == ["COMPLETED", "COMPLETED", "ACTIVE"]


def test_correlate_can_start_an_instance(h: Harness) -> None:
    h.deploy(START_BY_MESSAGE)
    result = h.engine.correlate_message(name="order placed", correlation_key="k")
    assert h.state(result.process_instance_key) == "ACTIVE"


def test_messages_are_tenant_scoped(h: Harness) -> None:
    h.deploy(_catch(), tenant_id="red")
    created = h.engine.create_process_instance(
        process_definition_id="p", variables={"orderId": "1"}, tenant_id="red"
    )
    key = created.instance.process_instance_key
    h.engine.publish_message(name="paid", correlation_key="1")
    assert h.state(key) == "ACTIVE"
    h.engine.publish_message(name="paid", correlation_key="1", tenant_id="red")
    assert h.state(key) == "COMPLETED"
