"""Search: filters with every operator, sorting, offset and cursor paging, over seeded records."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fake_engine import T0, FakeEngine, process_instance_record

from camunda_core.devengine.records import ProcessDefinitionRecord, UserTaskRecord, VariableRecord

BASE = 2251799813685300
KEYS = [str(BASE + i) for i in range(25)]


@pytest.fixture(autouse=True)
def seeded(fake: FakeEngine) -> None:
    """25 instances: versions 1..5, every third completed, names with wildcard characters."""
    for i, key in enumerate(KEYS):
        completed = i % 3 == 0
        fake.store.process_instances[key] = process_instance_record(
            key,
            process_definition_id="order" if i % 2 else "invoice",
            process_definition_name=None if i == 7 else f"Order *{i}?",
            process_definition_version=i % 5 + 1,
            start_date=T0 + i * 1000,
            end_date=T0 + 100_000 + i if completed else None,
            state="COMPLETED" if completed else "ACTIVE",
            tags=["vip"] if i < 3 else [],
            business_id=f"b-{i % 4}",
        )
        value = '"gold"' if i % 4 == 0 else str(i)
        fake.store.variables[str(BASE + 1000 + i)] = VariableRecord(
            str(BASE + 1000 + i), "customer", value, key, key, "<default>"
        )


def search(
    raw: httpx.Client, body: dict[str, Any], path: str = "/process-instances/search"
) -> dict[str, Any]:
    response = raw.post(path, json=body)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def keys(raw: httpx.Client, body: dict[str, Any]) -> list[str]:
    return [item["processInstanceKey"] for item in search(raw, body)["items"]]


def index(*positions: int) -> list[str]:
    return [KEYS[i] for i in positions]


def test_no_body_returns_everything_by_key(raw: httpx.Client) -> None:
    result = raw.post("/process-instances/search").json()
    assert [i["processInstanceKey"] for i in result["items"]] == KEYS
    assert result["page"]["totalItems"] == 25
    assert result["page"]["hasMoreTotalItems"] is False


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"state": "COMPLETED"}, [0, 3, 6, 9, 12, 15, 18, 21, 24]),
        ({"state": {"$eq": "COMPLETED"}, "processDefinitionId": "order"}, [3, 9, 15, 21]),
        ({"processDefinitionVersion": {"$gt": 4}}, [4, 9, 14, 19, 24]),
        ({"processDefinitionVersion": {"$gte": 4, "$lt": 5}}, [3, 8, 13, 18, 23]),
        ({"processDefinitionVersion": {"$lte": 1}}, [0, 5, 10, 15, 20]),
        ({"processDefinitionVersion": {"$in": [2, 3]}, "state": {"$neq": "ACTIVE"}}, [6, 12, 21]),
        ({"processInstanceKey": {"$in": index(1, 2)}}, [1, 2]),
        ({"processInstanceKey": {"$notIn": KEYS[2:]}}, [0, 1]),
        ({"processInstanceKey": KEYS[4]}, [4]),
        ({"endDate": {"$exists": True}, "startDate": {"$lt": "2025-09-07T21:36:20.277Z"}}, [0, 3]),
        ({"startDate": {"$gte": "2025-09-07T23:36:37.277+02:00"}}, [23, 24]),
        ({"startDate": "2025-09-07T21:36:15.277Z"}, [1]),
        ({"processDefinitionName": {"$exists": False}}, [7]),
        ({"processDefinitionName": {"$like": "Order \\*1?\\?"}}, list(range(10, 20))),
        ({"processDefinitionName": {"$like": "*2\\?"}}, [2, 12, 22]),
        ({"processDefinitionName": {"$like": "order*"}}, []),
        ({"tags": ["vip"]}, [0, 1, 2]),
        ({"businessId": {"$in": ["b-1", "b-2"]}, "processDefinitionVersion": 2}, [1, 6, 21]),
        ({"state": {"$like": "COMP*"}, "processDefinitionVersion": 1}, [0, 15]),
    ],
)
def test_filters(raw: httpx.Client, filter_: dict[str, Any], expected: list[int]) -> None:
    assert keys(raw, {"filter": filter_}) == index(*expected)


def test_or_groups_are_ored_and_anded_with_the_rest(raw: httpx.Client) -> None:
    body = {
        "filter": {
            "state": "ACTIVE",
            "$or": [{"processDefinitionVersion": 1}, {"processInstanceKey": {"$in": index(2, 3)}}],
        }
    }
    assert keys(raw, body) == index(2, 5, 10, 20)


def test_variable_value_filters_compare_serialised_json(raw: httpx.Client) -> None:
    gold = {"filter": {"variables": [{"name": "customer", "value": '"gold"'}]}}
    assert keys(raw, gold) == index(0, 4, 8, 12, 16, 20, 24)
    like = {"filter": {"variables": [{"name": "customer", "value": {"$like": "1?"}}]}}
    assert keys(raw, like) == index(10, 11, 13, 14, 15, 17, 18, 19)
    missing = {"filter": {"variables": [{"name": "nobody", "value": {"$exists": False}}]}}
    assert keys(raw, missing) == []


def test_sort_descending_with_nulls_last_and_key_tiebreak(raw: httpx.Client) -> None:
    body = {"sort": [{"field": "endDate", "order": "DESC"}], "page": {"limit": 10}}
    expected = index(24, 21, 18, 15, 12, 9, 6, 3, 0, 1)  # then nulls, by key
    assert keys(raw, body) == expected
    body = {"sort": [{"field": "endDate"}], "page": {"from": 8, "limit": 3}}
    assert keys(raw, body) == index(24, 1, 2)


def test_sort_by_several_fields(raw: httpx.Client) -> None:
    body = {
        "sort": [
            {"field": "processDefinitionId"},
            {"field": "processDefinitionVersion", "order": "DESC"},
        ],
        "page": {"limit": 4},
    }
    assert keys(raw, body) == index(4, 14, 24, 8)


def test_offset_paging(raw: httpx.Client) -> None:
    assert keys(raw, {"page": {"from": 20}}) == KEYS[20:]
    assert keys(raw, {"page": {"from": 3, "limit": 2}}) == KEYS[3:5]
    empty = search(raw, {"page": {"from": 30}})
    assert empty["items"] == []
    assert empty["page"] == {
        "totalItems": 25,
        "hasMoreTotalItems": False,
        "startCursor": None,
        "endCursor": None,
    }


SORTS = [
    [],
    [{"field": "endDate", "order": "DESC"}],
    [{"field": "processDefinitionVersion"}, {"field": "startDate", "order": "DESC"}],
    [{"field": "processDefinitionName", "order": "DESC"}],
]


@pytest.mark.parametrize("sort", SORTS)
def test_cursors_walk_forward_and_back_over_every_item_once(
    raw: httpx.Client, sort: list[Any]
) -> None:
    everything = keys(raw, {"sort": sort})
    seen: list[str] = []
    page: dict[str, Any] = {"limit": 7}
    for _ in range(10):  # 25 items in pages of 7: 4 pages and an empty one
        result = search(raw, {"sort": sort, "page": page})
        if not result["items"]:
            assert result["page"]["endCursor"] is None
            break
        seen += [i["processInstanceKey"] for i in result["items"]]
        page = {"after": result["page"]["endCursor"], "limit": 7}
    assert seen == everything
    last = search(raw, {"sort": sort, "page": {"from": 21, "limit": 4}})
    back: list[str] = [i["processInstanceKey"] for i in last["items"]]
    cursor = last["page"]["startCursor"]
    for _ in range(10):
        result = search(raw, {"sort": sort, "page": {"before": cursor, "limit": 7}})
        if not result["items"]:
            break
        back = [i["processInstanceKey"] for i in result["items"]] + back
        cursor = result["page"]["startCursor"]
    assert back == everything


def test_cursors_hold_their_place_when_items_come_and_go(
    raw: httpx.Client, fake: FakeEngine
) -> None:
    first = search(raw, {"page": {"limit": 5}})
    del fake.store.process_instances[KEYS[4]]  # the page's last item is gone
    new_key = str(BASE + 2)  # sorts before the cursor: not seen again
    assert new_key in fake.store.process_instances
    second = search(raw, {"page": {"after": first["page"]["endCursor"], "limit": 5}})
    assert [i["processInstanceKey"] for i in second["items"]] == KEYS[5:10]
    previous = search(raw, {"page": {"before": second["page"]["startCursor"], "limit": 5}})
    assert [i["processInstanceKey"] for i in previous["items"]] == KEYS[0:4]


def test_cursor_looks_like_base64_the_spec_way(raw: httpx.Client) -> None:
    page = search(raw, {"page": {"limit": 1}})["page"]
    assert page["startCursor"] == page["endCursor"]
    assert len(page["startCursor"]) % 4 == 0


def test_variables_are_truncated_unless_asked_not_to(raw: httpx.Client, fake: FakeEngine) -> None:
    long_value = '"' + "x" * 9000 + '"'
    fake.store.variables["9"] = VariableRecord(
        "9", "big", long_value, KEYS[0], KEYS[0], "<default>"
    )
    filter_ = {"filter": {"name": "big"}}
    item = search(raw, filter_, "/variables/search")["items"][0]
    assert item["isTruncated"] is True
    assert len(item["value"]) == 8191
    full = search(raw, filter_, "/variables/search?truncateValues=false")["items"][0]
    assert (full["isTruncated"], full["value"]) == (False, long_value)
    only = search(raw, {"filter": {"isTruncated": True}}, "/variables/search")
    assert [i["name"] for i in only["items"]] == ["big"]
    assert raw.get("/variables/9").json()["value"] == long_value


def test_variables_sort_by_value(raw: httpx.Client) -> None:
    body = {
        "filter": {"name": "customer"},
        "sort": [{"field": "value", "order": "DESC"}],
        "page": {"limit": 2},
    }
    assert [i["value"] for i in search(raw, body, "/variables/search")["items"]] == ["9", "7"]


def test_latest_versions_only(raw: httpx.Client, fake: FakeEngine) -> None:
    for key, (process_id, version) in enumerate([("a", 1), ("a", 2), ("b", 1), ("a", 3), ("b", 2)]):
        record = ProcessDefinitionRecord(
            str(100 + key), process_id, None, version, None, f"{process_id}.bpmn", "<default>",
            False, "ACTIVE", None, "1", str(100 + key), "sum",
        )  # fmt: skip
        fake.store.process_definitions[record.process_definition_key] = record
    body = {"filter": {"isLatestVersion": True}, "sort": [{"field": "processDefinitionId"}]}
    items = search(raw, body, "/process-definitions/search")["items"]
    assert [(i["processDefinitionId"], i["version"]) for i in items] == [("a", 3), ("b", 2)]
    older = search(raw, {"filter": {"isLatestVersion": False}}, "/process-definitions/search")
    assert older["page"]["totalItems"] == 3


def test_candidate_groups_match_any_of_a_tasks_groups(raw: httpx.Client, fake: FakeEngine) -> None:
    for key, groups in (("41", ["sales", "ops"]), ("42", ["ops"]), ("43", [])):
        fake.store.user_tasks[key] = UserTaskRecord(
            key, "Task", "CREATED", "t", "31", "order", "2251799813685249", 1, None, KEYS[0],
            T0, "<default>", candidate_groups=groups,
        )  # fmt: skip

    def tasks(filter_: dict[str, Any]) -> list[str]:
        found = search(raw, {"filter": filter_}, "/user-tasks/search")["items"]
        return [t["userTaskKey"] for t in found]

    assert tasks({"candidateGroup": "sales"}) == ["41"]
    assert tasks({"candidateGroup": {"$in": ["ops", "hr"]}}) == ["41", "42"]
    assert tasks({"candidateGroup": {"$exists": False}}) == ["43"]
    assert tasks({"localVariables": [{"name": "customer", "value": '"gold"'}]}) == []


def test_a_cursor_from_another_sort_is_refused_not_a_crash(raw: httpx.Client) -> None:
    by_name = search(raw, {"sort": [{"field": "processDefinitionName"}], "page": {"limit": 2}})
    cursor = by_name["page"]["endCursor"]
    response = raw.post(
        "/process-instances/search",
        json={"sort": [{"field": "startDate"}], "page": {"after": cursor}},
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("page.after:")
