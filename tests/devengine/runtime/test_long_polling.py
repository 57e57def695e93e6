"""Long-polling activation: waiting requests are served as soon as a job appears, first come
first served, each up to its maximum; they time out with an empty list; many can wait at once.
Concurrent activations never hand out the same job twice.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future

import pytest
from bpmn_builder import chain, end, process, service, start
from runtime_harness import MINUTE, SECOND, Harness

from camunda_core.devengine.contract import ActivatedJob
from camunda_core.devengine.runtime import Engine

ONE_TASK = process("p", start(), service("task", "work"), end(), chain("start", "task", "end"))


def _poll(
    engine: Engine, max_jobs: int = 10, request_timeout_ms: int = 60_000
) -> Future[list[ActivatedJob]]:
    return engine.activate_jobs(
        job_type="work",
        worker="poller",
        timeout_ms=MINUTE,
        max_jobs=max_jobs,
        request_timeout_ms=request_timeout_ms,
    )


@pytest.fixture
def deployed(h: Harness) -> Harness:
    h.deploy(ONE_TASK)
    return h


def test_a_waiting_poll_is_answered_when_a_job_is_created(deployed: Harness) -> None:
    poll = _poll(deployed.engine)
    assert not poll.done()
    key = deployed.start("p")
    (job,) = poll.result(timeout=5)
    assert job.job.process_instance_key == key
    assert job.job.worker == "poller"


def test_waiting_polls_are_served_in_arrival_order_each_up_to_its_maximum(
    deployed: Harness,
) -> None:
    first = _poll(deployed.engine, max_jobs=2)
    second = _poll(deployed.engine, max_jobs=2)
    third = _poll(deployed.engine, max_jobs=2)
    for _ in range(3):
        deployed.start("p")
    assert len(first.result(timeout=5)) == 1  # served as soon as its first job appeared
    assert len(second.result(timeout=5)) == 1
    assert len(third.result(timeout=5)) == 1


def test_jobs_created_together_fill_a_poll_up_to_its_maximum(deployed: Harness) -> None:
    deployed.deploy(
        process(
            "many",
            start(),
            service("a", "work"),
            service("b", "work"),
            service("c", "work"),
            end("e1"),
            end("e2"),
            end("e3"),
            chain("start", "a", "e1"),
            chain("start", "b", "e2").replace("f_start_b", "f2"),
            chain("start", "c", "e3").replace("f_start_c", "f3"),
        )
    )
    first = _poll(deployed.engine, max_jobs=2)
    second = _poll(deployed.engine, max_jobs=2)
    deployed.start("many")
    assert len(first.result(timeout=5)) == 2
    assert len(second.result(timeout=5)) == 1


def test_a_poll_that_times_out_gets_an_empty_list(deployed: Harness) -> None:
    poll = _poll(deployed.engine, request_timeout_ms=50)
    assert poll.result(timeout=5) == []


def test_a_negative_request_timeout_answers_at_once(deployed: Harness) -> None:
    poll = _poll(deployed.engine, request_timeout_ms=-1)
    assert poll.done()
    assert poll.result() == []


def test_a_job_whose_back_off_ends_wakes_a_waiting_poll(deployed: Harness) -> None:
    deployed.start("p")
    (job,) = deployed.activate("work")
    deployed.engine.fail_job(job.job.job_key, retries=2, retry_backoff_ms=30 * SECOND)
    poll = _poll(deployed.engine)
    assert not poll.done()
    deployed.advance(30 * SECOND)
    assert [j.job.job_key for j in poll.result(timeout=5)] == [job.job.job_key]


def test_a_timed_out_job_wakes_a_waiting_poll(deployed: Harness) -> None:
    deployed.start("p")
    deployed.activate("work", timeout_ms=MINUTE)
    poll = _poll(deployed.engine)
    deployed.advance(MINUTE)
    assert len(poll.result(timeout=5)) == 1


def test_a_cancelled_poll_does_not_take_jobs(deployed: Harness) -> None:
    gone = _poll(deployed.engine)
    assert gone.cancel()
    waiting = _poll(deployed.engine)
    deployed.start("p")
    assert len(waiting.result(timeout=5)) == 1


def test_closing_the_engine_answers_waiting_polls(h: Harness) -> None:
    poll = _poll(h.engine)
    h.engine.close()
    assert poll.result(timeout=5) == []


def test_many_polls_can_wait_at_once(deployed: Harness) -> None:
    polls = [_poll(deployed.engine, max_jobs=1) for _ in range(50)]
    for _ in range(50):
        deployed.start("p")
    keys = {poll.result(timeout=5)[0].job.job_key for poll in polls}
    assert len(keys) == 50


def test_concurrent_activations_never_hand_out_a_job_twice(deployed: Harness) -> None:
    total = 400
    for _ in range(total):
        deployed.start("p")
    seen: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(8)

    def worker() -> None:
        barrier.wait(timeout=10)
        for _ in range(200):
            jobs = _poll(deployed.engine, max_jobs=7, request_timeout_ms=-1).result(timeout=10)
            if not jobs:
                return
            with lock:
                seen.extend(job.job.job_key for job in jobs)
            for job in jobs:
                deployed.engine.complete_job(job.job.job_key)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(seen) == total
    assert len(set(seen)) == total


def test_mixed_commands_from_many_threads_keep_every_instance_consistent(h: Harness) -> None:
    catch = (
        '<bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="m" />'
        "</bpmn:intermediateCatchEvent>"
    )
    h.deploy(
        process(
            "mixed",
            start(),
            service("task", "work"),
            catch,
            end(),
            chain("start", "task", "wait", "end"),
            extra='<bpmn:message id="m" name="go"><bpmn:extensionElements>'
            '<zeebe:subscription correlationKey="=id" /></bpmn:extensionElements></bpmn:message>',
        )
    )
    total, errors = 200, []

    def creator(offset: int) -> None:
        for index in range(offset, total, 2):
            h.engine.create_process_instance(
                process_definition_id="mixed", variables={"id": str(index)}
            )

    def worker() -> None:
        done = 0
        for _ in range(400):
            jobs = _poll(h.engine, max_jobs=16, request_timeout_ms=200).result(timeout=10)
            for job in jobs:
                h.engine.complete_job(job.job.job_key)
                h.engine.publish_message(
                    name="go", correlation_key=job.variables["id"], time_to_live_ms=MINUTE
                )
            done += len(jobs)
            with h.engine.reading():
                if (
                    all(p.state == "COMPLETED" for p in h.engine.store.process_instances.values())
                    and len(h.engine.store.process_instances) == total
                ):
                    return

    def guarded(target: object, *args: object) -> None:
        try:
            target(*args)  # type: ignore[operator]
        except Exception as exc:  # noqa: BLE001 - the test reports what a thread raised
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(creator, n)) for n in (0, 1)]
    threads += [threading.Thread(target=guarded, args=(worker,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    states = {p.state for p in h.engine.store.process_instances.values()}
    assert len(h.engine.store.process_instances) == total
    assert states == {"COMPLETED"}
