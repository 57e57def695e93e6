"""Camunda Forms for task pages: fields from form-js, typed variables (or errors) back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from camunda_core.taskforms import SubmissionError, form_spec, parse_submission, variables_field

APPROVAL = {
    "id": "approve-order",
    "type": "default",
    "components": [
        {"type": "text", "text": "# Approve the order"},
        {"type": "textfield", "key": "comment", "label": "Comment", "validate": {"maxLength": 10}},
        {
            "type": "number",
            "key": "discount",
            "label": "Discount",
            "validate": {"min": 0, "max": 50},
        },
        {"type": "checkbox", "key": "approved", "label": "Approved"},
        {
            "type": "select",
            "key": "reason",
            "label": "Reason",
            "values": [{"label": "Price", "value": "price"}],
            "validate": {"required": True},
        },
        {
            "type": "group",
            "components": [
                {"type": "datetime", "key": "deliverBy", "subtype": "date", "label": "Deliver by"}
            ],
        },
        {
            "type": "taglist",
            "key": "tags",
            "values": [{"label": "A", "value": "a"}, {"label": "B", "value": "b"}],
        },
        {"type": "textfield", "key": "orderId", "label": "Order", "readonly": True},
        {"type": "button", "action": "submit", "label": "Submit"},
    ],
}


def test_fields_come_from_the_components_in_order_with_defaults_from_variables() -> None:
    spec = form_spec(json.dumps(APPROVAL), {"comment": "looks fine", "orderId": "A-1"})
    assert spec.form_id == "approve-order"
    assert [f.key for f in spec.fields] == [
        "comment",
        "discount",
        "approved",
        "reason",
        "deliverBy",
        "tags",
        "orderId",
    ]
    assert spec.fields[0].default == "looks fine"
    assert spec.fields[3].options == (("price", "Price"),)
    assert spec.fields[3].required
    assert spec.fields[-1].readonly
    assert spec.texts == ("# Approve the order",)


def test_a_valid_submission_gives_typed_variables() -> None:
    spec = form_spec(APPROVAL)
    variables = parse_submission(
        spec,
        {
            "comment": "ok",
            "discount": "12",
            "approved": "on",
            "reason": "price",
            "deliverBy": "2026-12-01",
            "tags": ["a", "b"],
            "orderId": "hacked",
        },
    )
    assert variables == {
        "comment": "ok",
        "discount": 12,
        "approved": True,
        "reason": "price",
        "deliverBy": "2026-12-01",
        "tags": ["a", "b"],
    }


def test_every_bad_field_is_reported_and_nothing_is_returned() -> None:
    """S3: wrong types re-render the form with the errors; nothing is sent."""
    with pytest.raises(SubmissionError) as caught:
        parse_submission(
            form_spec(APPROVAL),
            {
                "comment": "far too long text",
                "discount": "lots",
                "reason": "",
                "deliverBy": "31/12/2026",
                "tags": ["c"],
            },
        )
    errors = caught.value.errors
    assert errors == {
        "comment": "enter at most 10 characters",
        "discount": "'lots' is not a number",
        "reason": "this field is required",
        "deliverBy": "'31/12/2026' is not a valid date",
        "tags": "not one of the offered values: c",
    }


def test_number_bounds() -> None:
    with pytest.raises(SubmissionError, match="at most 50"):
        parse_submission(form_spec(APPROVAL), {"discount": "51", "reason": "price"})


def test_tasks_without_a_form_take_a_json_object() -> None:
    spec = variables_field()
    assert parse_submission(spec, {"__variables__": '{"approved": true}'}) == {"approved": True}
    assert parse_submission(spec, {"__variables__": ""}) == {}
    with pytest.raises(SubmissionError, match="not valid JSON"):
        parse_submission(spec, {"__variables__": "{approved: yes}"})
    with pytest.raises(SubmissionError, match="expected a JSON object"):
        parse_submission(spec, {"__variables__": "[1, 2]"})


def test_every_corpus_form_is_readable() -> None:
    """Real forms written with Camunda Modeler (read in place, never copied)."""
    corpus = Path(__file__).resolve().parents[3] / "shared" / "bpmn-corpus"
    forms = sorted(corpus.rglob("*.form"))
    if not forms:
        pytest.skip(f"the BPMN corpus is not at {corpus}")
    for path in forms:
        spec = form_spec(path.read_text(encoding="utf-8"))
        assert spec.fields or spec.texts, f"{path.name} gave nothing to show"
        assert not spec.unsupported, f"{path.name}: {spec.unsupported}"
