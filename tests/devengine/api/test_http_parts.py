"""The small parts of the HTTP layer: times, $like patterns, multipart bodies, observers,
future chaining, routing."""

from __future__ import annotations

from concurrent.futures import Future

import httpx
import pytest

from camunda_core.devengine.api.filters import like_pattern
from camunda_core.devengine.api.process_instances import java_string_hash
from camunda_core.devengine.api.times import format_ms, parse_rfc3339
from camunda_core.devengine.http import Application, Request, Response, Router
from camunda_core.devengine.http.futures import chain
from camunda_core.devengine.http.multipart import MultipartError, parse_form_data


@pytest.mark.parametrize(
    ("epoch_ms", "text"),
    [
        (1757280974277, "2025-09-07T21:36:14.277Z"),
        (0, "1970-01-01T00:00:00.000Z"),
        (1757280974000, "2025-09-07T21:36:14.000Z"),
        (None, None),
    ],
)
def test_times_are_rfc3339_with_milliseconds(epoch_ms: int | None, text: str | None) -> None:
    assert format_ms(epoch_ms) == text
    if text is not None:
        assert parse_rfc3339(text) == epoch_ms


@pytest.mark.parametrize(
    "text",
    ["2025-09-07T23:36:14.277+02:00", "2025-09-07T21:36:14.277123Z", "2025-09-07t21:36:14.2771z"],
)
def test_filter_times_take_any_rfc3339_form(text: str) -> None:
    assert parse_rfc3339(text) == 1757280974277


@pytest.mark.parametrize(
    "text", ["2025-09-07", "2025-09-07T21:36:14", "yesterday", "2025-13-07T21:36:14Z"]
)
def test_other_times_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"RFC 3339|month"):
        parse_rfc3339(text)


@pytest.mark.parametrize(
    ("pattern", "matches", "misses"),
    [
        ("order*", ["order", "order-1"], ["Order", "my-order"]),
        ("a?c", ["abc", "a-c"], ["ac", "abbc"]),
        ("100\\%*", ["100%", "100% sure"], ["100"]),
        ("what\\?", ["what?"], ["whatx"]),
        ("star\\*", ["star*"], ["stars"]),
        ("back\\\\slash", ["back\\slash"], ["backslash"]),
        ("a.b", ["a.b"], ["axb"]),
        ("line*", ["line\nbreak"], []),
    ],
)
def test_like_patterns(pattern: str, matches: list[str], misses: list[str]) -> None:
    regex = like_pattern(pattern)
    assert all(regex.fullmatch(text) for text in matches)
    assert not any(regex.fullmatch(text) for text in misses)


@pytest.mark.parametrize(
    ("text", "code"), [("", 0), ("hello", 99162322), ("Hello World", -862545276)]
)
def test_incident_error_hash_is_javas_string_hash(text: str, code: int) -> None:
    assert java_string_hash(text) == code


def test_multipart_keeps_binary_parts_and_order() -> None:
    payload = bytes(range(256)) + b"\r\n--boundary-like\r\n"
    files = [
        ("resources", ("a.bpmn", b"<a/>", "text/xml")),
        ("resources", ("b.bin", payload, None)),
    ]
    request = httpx.Request("POST", "http://x/", files=files, data={"tenantId": "<default>"})
    parts = parse_form_data(request.headers["content-type"], request.read())
    assert [(p.name, p.filename) for p in parts] == [
        ("tenantId", None),
        ("resources", "a.bpmn"),
        ("resources", "b.bin"),
    ]
    assert parts[0].text == "<default>"
    assert parts[2].content == payload


@pytest.mark.parametrize("content_type", ["application/json", "multipart/form-data"])
def test_multipart_needs_a_boundary(content_type: str) -> None:
    with pytest.raises(MultipartError):
        parse_form_data(content_type, b"")


def app_answering(answer: Response | Future[Response]) -> Application:
    router = Router()
    router.add("GET", "/status", "getStatus", lambda request, params: answer)
    return Application(router)


def test_observers_see_every_response_and_a_raising_one_makes_it_a_500() -> None:
    app = app_answering(Response(204))
    seen: list[tuple[str, int, str | None]] = []
    app.add_response_observer(lambda req, resp, op: seen.append((req.path, resp.status, op)))
    assert isinstance(answer := app.handle(Request("GET", "/v2/status")), Response)
    assert answer.status == 204
    app.handle(Request("GET", "/v2/nothing"))
    assert seen == [("/v2/status", 204, "getStatus"), ("/v2/nothing", 404, None)]

    def refuse(request: Request, response: Response, operation_id: str | None) -> None:
        raise AssertionError("does not fit")

    app.add_response_observer(refuse)
    refused = app.handle(Request("GET", "/v2/status"))
    assert isinstance(refused, Response)
    assert refused.status == 500
    assert "does not fit" in refused.json()["detail"]
    app.remove_response_observer(refuse)
    assert isinstance(again := app.handle(Request("GET", "/v2/status")), Response)
    assert again.status == 204


def test_a_waiting_answer_is_observed_when_it_comes() -> None:
    pending: Future[Response] = Future()
    app = app_answering(pending)
    seen: list[int] = []
    app.add_response_observer(lambda req, resp, op: seen.append(resp.status))
    outcome = app.handle(Request("GET", "/v2/status"))
    assert isinstance(outcome, Future)
    assert seen == []
    pending.set_result(Response(204))
    assert outcome.result(1).status == 204
    assert seen == [204]


def test_a_failing_handler_is_a_500_problem() -> None:
    router = Router()

    def broken(request: Request, params: dict[str, str]) -> Response:
        raise RuntimeError("bug")

    router.add("GET", "/status", "getStatus", broken)
    answer = Application(router).handle(Request("GET", "/v2/status"))
    assert isinstance(answer, Response)
    assert (answer.status, answer.content_type) == (500, "application/problem+json")


def test_cancelling_a_chained_future_cancels_the_source() -> None:
    source: Future[int] = Future()
    chained = chain(source, lambda done: done.result() + 1)
    assert isinstance(chained, Future)
    chained.cancel()
    assert source.cancelled()


def test_a_done_future_is_converted_at_once() -> None:
    source: Future[int] = Future()
    source.set_result(41)
    assert chain(source, lambda done: done.result() + 1) == 42


def test_routes_are_registered_once() -> None:
    router = Router()
    router.add("GET", "/a/{key}", "one", lambda request, params: Response(204))
    router.add("GET", "/a", "two", lambda request, params: Response(204))
    with pytest.raises(ValueError, match="twice"):
        router.add("GET", "/a", "three", lambda request, params: Response(204))
    match = router.match("GET", "/a/12")
    assert match.route is not None
    assert (match.route.operation_id, match.params) == ("one", {"key": "12"})
    assert router.match("GET", "/a//").route is None
