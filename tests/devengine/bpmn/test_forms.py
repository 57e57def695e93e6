"""Camunda Form files: the id a BPMN formId links to, refused when missing or not JSON."""

from __future__ import annotations

import pickle

import pytest

from camunda_core.devengine.forms import FormDefinition, FormDeployError, parse_form
from camunda_core.errors import CamundaError


def test_a_form_keeps_its_id_and_schema_text() -> None:
    text = '{"id": "approve", "type": "default", "schemaVersion": 16, "components": [{"type": "text"}]}'
    form = parse_form(text.encode(), "approve.form")
    assert form == FormDefinition(
        form_id="approve",
        schema_text=text,
        resource_name="approve.form",
        schema_version=16,
        form_type="default",
        component_count=1,
    )


def test_an_old_form_without_schema_version_and_with_a_bom() -> None:
    form = parse_form('\ufeff{"id": "old", "components": []}'.encode(), "old.form")
    assert (form.form_id, form.schema_version, form.schema_text[0]) == ("old", None, "{")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"{not json", "not valid JSON at line 1, column 2", id="not-json"),
        pytest.param(b"[1, 2]", "a form must be a JSON object", id="array"),
        pytest.param(b'{"components": []}', "a form must have a non-empty string 'id'", id="no-id"),
        pytest.param(b'{"id": "  "}', "a form must have a non-empty string 'id'", id="blank-id"),
        pytest.param(b'{"id": 7}', "a form must have a non-empty string 'id'", id="numeric-id"),
        pytest.param(b'{"id": "\xff"}', "not UTF-8 text", id="not-utf8"),
    ],
)
def test_refused_forms(data: bytes, reason: str) -> None:
    with pytest.raises(FormDeployError) as info:
        parse_form(data, "broken.form")
    assert info.value.resource_name == "broken.form"
    assert str(info.value).startswith(f"broken.form: {reason}")


def test_form_error_is_a_camunda_error_and_pickles() -> None:
    with pytest.raises(FormDeployError) as info:
        parse_form(b"[]", "x.form")
    assert isinstance(info.value, CamundaError)
    assert str(pickle.loads(pickle.dumps(info.value))) == str(info.value)
