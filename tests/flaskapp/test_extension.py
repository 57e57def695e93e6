"""``Camunda(app)`` / ``init_app``: per-app state, the app factory, two apps in one process."""

from __future__ import annotations

import pytest
from flask import current_app, g
from jobs import make_job

from camunda_core import Job
from camunda_flask import Camunda, CamundaState, get_state

from .conftest import AppFactory


def test_state_lives_in_app_extensions_not_on_the_extension(make_app: AppFactory) -> None:
    app = make_app()
    camunda = Camunda(app)
    state = app.extensions["camunda"]
    assert isinstance(state, CamundaState)
    assert state.settings.rest_address == "http://camunda.test:8080/v2"
    assert not hasattr(camunda, "app")
    with app.app_context():
        assert camunda.state() is state
        assert get_state() is state


def test_a_second_init_app_on_the_same_app_is_refused(make_app: AppFactory) -> None:
    app = make_app()
    camunda = Camunda(app)
    with pytest.raises(RuntimeError, match="already initialised on the Flask app 'shop'"):
        camunda.init_app(app)
    with pytest.raises(RuntimeError, match="already initialised"):
        Camunda(app)


def test_an_uninitialised_app_gets_an_error_saying_what_to_fix(make_app: AppFactory) -> None:
    app = make_app()
    camunda = Camunda()
    with app.app_context(), pytest.raises(RuntimeError, match=r"call camunda\.init_app\(app\)"):
        camunda.state()
    with pytest.raises(RuntimeError, match="No Flask app is active"):
        get_state()


def test_app_factory_with_handlers_declared_before_and_after_init_app(
    make_app: AppFactory,
) -> None:
    camunda = Camunda()

    @camunda.job_worker("before", timeout_ms=1000)
    def before(order_id: str) -> None: ...

    def create_app(name: str) -> object:
        app = make_app(name)
        camunda.init_app(app)
        return app

    first = create_app("first")

    @camunda.job_worker("after")
    def after(job: Job) -> None: ...

    second = create_app("second")
    for app in (first, second):
        router = get_state(app).router  # type: ignore[arg-type]
        assert set(router.job_types()) >= {"before", "after"}
        assert router.get("before").options.timeout_ms == 1000  # type: ignore[union-attr]
        assert router.get("before").signature.fetch_variables() == ("order_id",)  # type: ignore[union-attr]
    assert camunda.job_types == ["before", "after"]


def test_two_apps_keep_their_own_settings_and_overrides(make_app: AppFactory) -> None:
    camunda = Camunda()

    @camunda.job_worker("charge", max_jobs_active=4)
    def charge() -> None: ...

    eu = make_app(
        "eu",
        CAMUNDA_REST_ADDRESS="http://eu.camunda.test",
        CAMUNDA_WORKERS={"TYPES": {"charge": {"max_jobs_active": 1}}},
    )
    us = make_app("us", CAMUNDA_REST_ADDRESS="http://us.camunda.test")
    camunda.init_app(eu)
    camunda.init_app(us)
    assert get_state(eu).settings.rest_address == "http://eu.camunda.test/v2"
    assert get_state(us).settings.rest_address == "http://us.camunda.test/v2"
    assert get_state(eu).router.get("charge").options.max_jobs_active == 1  # type: ignore[union-attr]
    assert get_state(us).router.get("charge").options.max_jobs_active == 4  # type: ignore[union-attr]


def test_two_extension_objects_keep_their_own_handlers(make_app: AppFactory) -> None:
    billing, shipping = Camunda(), Camunda()

    @billing.job_worker("charge")
    def charge() -> None: ...

    @shipping.job_worker("ship")
    def ship() -> None: ...

    a, b = make_app("billing"), make_app("shipping")
    billing.init_app(a)
    shipping.init_app(b)
    assert "charge" in get_state(a).router
    assert "ship" not in get_state(a).router
    assert "ship" in get_state(b).router
    assert "charge" not in get_state(b).router
    with b.app_context(), pytest.raises(RuntimeError, match="another Camunda extension"):
        billing.state()


def test_defaults_fill_only_what_the_decorator_left_unset(make_app: AppFactory) -> None:
    camunda = Camunda()

    @camunda.job_worker("a", timeout_ms=5000)
    def a() -> None: ...

    @camunda.job_worker("b")
    def b() -> None: ...

    app = make_app(
        CAMUNDA_WORKERS={
            "DEFAULTS": {"timeout_ms": 60_000, "heartbeat": True},
            "TYPES": {"b": {"enabled": False}},
        }
    )
    camunda.init_app(app)
    router = get_state(app).router
    assert router.get("a").options.timeout_ms == 5000  # type: ignore[union-attr]
    assert router.get("a").options.heartbeat is True  # type: ignore[union-attr]
    assert router.get("b").options.timeout_ms == 60_000  # type: ignore[union-attr]
    assert [h.job_type for h in router.select()] == ["user-task-events", "a"]


def test_a_second_handler_for_a_job_type_is_refused_with_both_names() -> None:
    camunda = Camunda()

    @camunda.job_worker("charge")
    def charge() -> None: ...

    with pytest.raises(ValueError, match="already has a handler"):

        @camunda.job_worker("charge")
        def charge_again() -> None: ...


def test_unknown_handler_options_are_refused_at_declaration() -> None:
    with pytest.raises(ValueError, match="unknown worker option"):
        Camunda().job_worker("charge", timeout=5)


def test_handlers_run_inside_their_own_app_context(make_app: AppFactory) -> None:
    camunda = Camunda()

    @camunda.job_worker("where")
    def where(job: Job) -> dict[str, str]:
        g.seen = True
        return {"app": current_app.name}

    first, second = make_app("first"), make_app("second")
    camunda.init_app(first)
    camunda.init_app(second)
    for app in (first, second):
        handler = get_state(app).router.get("where")
        assert handler is not None
        assert handler.func(job=Job(make_job())) == {"app": app.name}
        assert handler.name.endswith("where")


async def test_async_handlers_stay_async_and_get_the_app_context(make_app: AppFactory) -> None:
    camunda = Camunda()

    @camunda.job_worker("async")
    async def run(order_id: str) -> dict[str, str]:
        return {"app": current_app.name, "order": order_id}

    app = make_app("asyncapp")
    camunda.init_app(app)
    handler = get_state(app).router.get("async")
    assert handler is not None
    assert handler.is_async
    assert await handler.func(order_id="A-1") == {"app": "asyncapp", "order": "A-1"}


def test_the_user_task_listener_type_is_configurable_or_off(make_app: AppFactory) -> None:
    on, custom, off = make_app("on"), make_app("custom"), make_app("off")
    custom.config["CAMUNDA_USER_TASK_LISTENER_TYPE"] = "approvals"
    off.config["CAMUNDA_USER_TASK_LISTENER_TYPE"] = None
    camunda = Camunda()
    for app in (on, custom, off):
        camunda.init_app(app)
    assert get_state(on).router.job_types() == ["user-task-events"]
    assert get_state(custom).router.job_types() == ["approvals"]
    assert get_state(off).router.job_types() == []


def test_settings_overrides_of_the_extension_win_over_app_config(make_app: AppFactory) -> None:
    app = make_app()
    Camunda(app, rest_address="http://override.test")
    assert get_state(app).settings.rest_address == "http://override.test/v2"


def test_views_can_be_switched_off_or_moved(make_app: AppFactory) -> None:
    off = make_app("off", CAMUNDA_VIEWS={"ENABLED": False})
    moved = make_app("moved", CAMUNDA_VIEWS={"URL_PREFIX": "/ops/camunda"})
    Camunda(off)
    Camunda(moved)
    assert "camunda" not in off.blueprints
    rules = {
        rule.rule for rule in moved.url_map.iter_rules() if rule.endpoint.startswith("camunda.")
    }
    assert "/ops/camunda/tasks" in rules
    assert "/ops/camunda/incidents/<key>/retry" in rules


def test_a_handler_for_the_listener_type_is_refused_with_the_way_out(make_app: AppFactory) -> None:
    camunda = Camunda(make_app())
    with pytest.raises(ValueError, match="CAMUNDA_USER_TASK_LISTENER_TYPE"):

        @camunda.job_worker("user-task-events")
        def mine(job: Job) -> None: ...

    assert camunda.job_types == []
