"""Snapshots: the whole engine state in one file, written atomically, restored at start.

The state is pickled, except the parsed models (BPMN processes, DMN graphs): they hold
compiled FEEL and read-only mappings, so they are written as references (persistent ids)
and re-parsed from the deployed resources, which are part of the snapshot, when loading.
The file starts with a header naming the format version, then the resources, then the state.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import IO, Any

from camunda_core.devengine.bpmn import parse_bpmn
from camunda_core.devengine.dmn import parse_dmn
from camunda_core.devengine.runtime.kernel import Runtime

__all__ = ["SnapshotError", "load", "save"]

MAGIC = b"camunda-devengine-snapshot/1\n"


class SnapshotError(ValueError):
    """The file is not a snapshot this engine can restore."""


def _catalogue(rt: Runtime) -> dict[str, Any]:
    """What to re-parse on load: process definitions and DRGs with their files."""
    store = rt.store
    return {
        "processes": {
            key: (store.resources[key], record.resource_name, record.process_definition_id)
            for key, record in store.process_definitions.items()
        },
        "drgs": {
            key: (store.resources[key], record.resource_name)
            for key, record in store.decision_requirements.items()
        },
    }


def _persistent_ids(rt: Runtime) -> dict[int, tuple[str, ...]]:
    ids: dict[int, tuple[str, ...]] = {}
    for key, record in rt.store.process_definitions.items():
        model = record.model
        ids[id(model)] = ("model", key)
        for node in model.elements.values():
            ids[id(node)] = ("node", key, node.id)
        for flow in model.sequence_flows.values():
            ids[id(flow)] = ("flow", key, flow.id)
    for key, drg in rt.store.decision_requirements.items():
        ids[id(drg.graph)] = ("drg", key)
    return ids


class _Pickler(pickle.Pickler):
    def __init__(self, file: IO[bytes], ids: dict[int, tuple[str, ...]]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._ids = ids

    def persistent_id(self, obj: Any) -> tuple[str, ...] | None:
        return self._ids.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: IO[bytes], objects: dict[tuple[str, ...], Any]) -> None:
        super().__init__(file)
        self._objects = objects

    def persistent_load(self, pid: Any) -> Any:
        try:
            return self._objects[tuple(pid)]
        except KeyError:
            raise pickle.UnpicklingError(f"snapshot refers to unknown object {pid!r}") from None


def save(rt: Runtime, path: str | os.PathLike[str]) -> None:
    """Write the snapshot to ``path`` atomically (temporary file, fsync, rename)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(MAGIC)
            pickle.dump(_catalogue(rt), file, protocol=pickle.HIGHEST_PROTOCOL)
            _Pickler(file, _persistent_ids(rt)).dump(rt)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _objects(catalogue: dict[str, Any]) -> dict[tuple[str, ...], Any]:
    objects: dict[tuple[str, ...], Any] = {}
    parsed: dict[tuple[bytes, str], Any] = {}
    for key, (data, name, process_id) in catalogue["processes"].items():
        resource = parsed.get((data, name))
        if resource is None:
            resource = parsed[(data, name)] = parse_bpmn(data, name)
        model = resource.process(process_id)
        objects[("model", key)] = model
        for node in model.elements.values():
            objects[("node", key, node.id)] = node
        for flow in model.sequence_flows.values():
            objects[("flow", key, flow.id)] = flow
    for key, (data, name) in catalogue["drgs"].items():
        objects[("drg", key)] = parse_dmn(data, name)
    return objects


def load(path: str | os.PathLike[str]) -> Runtime:
    """Read a snapshot written by :func:`save` (only load files you wrote yourself)."""
    with open(path, "rb") as file:
        if file.read(len(MAGIC)) != MAGIC:
            raise SnapshotError(f"{path} is not a dev engine snapshot")
        catalogue = pickle.load(file)  # noqa: S301 - our own file, see the docstring
        runtime = _Unpickler(file, _objects(catalogue)).load()
    if not isinstance(runtime, Runtime):
        raise SnapshotError(f"{path} does not hold an engine state")
    return runtime
