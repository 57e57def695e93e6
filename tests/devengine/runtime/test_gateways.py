"""Gateways: exclusive and inclusive splits (conditions, default flow, CONDITION_ERROR), the
parallel join, the inclusive join, and the event-based gateway.
"""

from __future__ import annotations

from bpmn_builder import chain, end, flow, gateway, process, service, start
from runtime_harness import MINUTE, Harness


def _exclusive(default: bool = True) -> bytes:
    return process(
        "p",
        start(),
        gateway("exclusive", "split", default="to_c" if default else None),
        service("a", "a"),
        service("b", "b"),
        service("c", "c"),
        end("ea"),
        end("eb"),
        end("ec"),
        chain("start", "split"),
        flow("split", "a", "=amount > 100", "to_a"),
        flow("split", "b", "=amount > 10", "to_b"),
        flow("split", "c", None if default else "=amount < 0", "to_c"),
        chain("a", "ea"),
        chain("b", "eb"),
        chain("c", "ec"),
    )


def test_exclusive_takes_the_first_true_condition_in_order(h: Harness) -> None:
    h.deploy(_exclusive())
    assert h.active(h.start("p", amount=500)) == ["a"]
    assert h.active(h.start("p", amount=50)) == ["b"]


def test_exclusive_takes_the_default_flow_when_nothing_matches(h: Harness) -> None:
    h.deploy(_exclusive())
    assert h.active(h.start("p", amount=1)) == ["c"]


def test_exclusive_without_match_or_default_is_a_condition_error(h: Harness) -> None:
    h.deploy(_exclusive(default=False))
    key = h.start("p", amount=5)
    (incident,) = h.incidents(key)
    assert incident.error_type == "CONDITION_ERROR"
    assert incident.element_id == "split"
    assert "default flow" in incident.error_message
    h.engine.set_variables(key, {"amount": 50})
    h.engine.resolve_incident(incident.incident_key)
    assert h.active(key) == ["b"]


def test_a_condition_on_a_missing_variable_is_a_condition_error(h: Harness) -> None:
    h.deploy(_exclusive())
    key = h.start("p")
    (incident,) = h.incidents(key)
    assert incident.error_type == "CONDITION_ERROR"
    assert "BOOLEAN" in incident.error_message


PARALLEL = process(
    "p",
    start(),
    gateway("parallel", "fork"),
    service("a", "a"),
    service("b", "b"),
    gateway("parallel", "join"),
    service("after", "after"),
    end(),
    chain("start", "fork"),
    flow("fork", "a"),
    flow("fork", "b"),
    flow("a", "join"),
    flow("b", "join"),
    chain("join", "after", "end"),
)


def test_parallel_join_waits_for_every_incoming_flow(h: Harness) -> None:
    h.deploy(PARALLEL)
    key = h.start("p")
    assert sorted(h.active(key)) == ["a", "b"]
    h.complete("a")
    assert h.active(key) == ["b"]
    h.complete("b")
    assert h.active(key) == ["after"]
    h.complete("after")
    assert h.state(key) == "COMPLETED"
    assert h.completed(key).count("join") == 1


INCLUSIVE = process(
    "p",
    start(),
    gateway("inclusive", "fork", default="to_salad"),
    service("pasta", "pasta"),
    service("steak", "steak"),
    service("salad", "salad"),
    gateway("inclusive", "join"),
    service("clear", "clear"),
    end(),
    chain("start", "fork"),
    flow("fork", "pasta", '=list contains(courses, "pasta")', "to_pasta"),
    flow("fork", "steak", '=list contains(courses, "steak")', "to_steak"),
    flow("fork", "salad", None, "to_salad"),
    flow("pasta", "join"),
    flow("steak", "join"),
    flow("salad", "join"),
    chain("join", "clear", "end"),
)


def test_inclusive_fork_takes_every_true_condition(h: Harness) -> None:
    h.deploy(INCLUSIVE)
    key = h.start("p", courses=["pasta", "steak"])
    assert sorted(h.active(key)) == ["pasta", "steak"]


def test_inclusive_fork_takes_the_default_when_no_condition_holds(h: Harness) -> None:
    h.deploy(INCLUSIVE)
    assert h.active(h.start("p", courses=[])) == ["salad"]


def test_inclusive_join_waits_only_for_paths_that_can_still_arrive(h: Harness) -> None:
    h.deploy(INCLUSIVE)
    key = h.start("p", courses=["pasta", "steak"])
    h.complete("pasta")
    assert h.active(key) == ["steak"]
    h.complete("steak")
    assert h.active(key) == ["clear"]
    one = h.start("p", courses=["steak"])
    h.complete("steak")
    assert h.active(one) == ["clear"]


def test_an_inclusive_join_fires_when_the_other_path_ends_elsewhere(h: Harness) -> None:
    xml = process(
        "p",
        start(),
        gateway("parallel", "fork"),
        service("a", "a"),
        service("b", "b"),
        gateway("exclusive", "choose", default="to_end"),
        gateway("inclusive", "join"),
        service("after", "after"),
        end(),
        end("other_end"),
        chain("start", "fork"),
        flow("fork", "a"),
        flow("fork", "b"),
        flow("a", "join"),
        chain("b", "choose"),
        flow("choose", "join", "=go", "to_join"),
        flow("choose", "other_end", None, "to_end"),
        chain("join", "after", "end"),
    )
    h.deploy(xml)
    key = h.start("p", go=False)
    h.complete("a")
    assert h.active(key) == ["b"]  # b could still reach the join
    h.complete("b")
    assert h.active(key) == ["after"]


EVENT_BASED = process(
    "p",
    start(),
    gateway("eventBased", "wait"),
    '<bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m" />'
    "</bpmn:intermediateCatchEvent>",
    '<bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition>'
    "<bpmn:timeDuration>PT10M</bpmn:timeDuration></bpmn:timerEventDefinition>"
    "</bpmn:intermediateCatchEvent>",
    end("done"),
    end("expired"),
    chain("start", "wait"),
    flow("wait", "paid"),
    flow("wait", "timeout"),
    chain("paid", "done"),
    chain("timeout", "expired"),
    extra='<bpmn:message id="m" name="payment"><bpmn:extensionElements>'
    '<zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>',
)


def test_event_based_gateway_follows_the_first_event(h: Harness) -> None:
    h.deploy(EVENT_BASED)
    key = h.start("p", orderId="o-1")
    assert h.active(key) == ["wait"]
    h.engine.publish_message(name="payment", correlation_key="o-1", variables={"paid": True})
    assert h.state(key) == "COMPLETED"
    assert h.completed(key) == ["start", "wait", "paid", "done"]
    assert h.variables(key) == {"orderId": "o-1", "paid": True}
    h.advance(20 * MINUTE)
    assert "timeout" not in h.completed(key)


def test_event_based_gateway_timer_wins_when_no_message_comes(h: Harness) -> None:
    h.deploy(EVENT_BASED)
    key = h.start("p", orderId="o-2")
    h.advance(10 * MINUTE)
    assert h.completed(key) == ["start", "wait", "timeout", "expired"]
    with h.engine.reading():
        subscriptions = list(h.engine.store.message_subscriptions.values())
    assert [s.state for s in subscriptions] == ["DELETED"]
