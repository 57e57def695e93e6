"""Where the checksums of deployed resources are remembered, so unchanged ones are skipped."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from camunda_core.deploy.deployer import DeployResult

__all__ = ["ChecksumStore", "JsonChecksumStore", "MemoryChecksumStore"]


class ChecksumStore(Protocol):
    """The checksum last deployed per (resource name, tenant)."""

    def get(self, name: str, tenant_id: str | None) -> str | None:
        """The checksum deployed last time, if any."""
        ...

    def put(self, result: DeployResult, tenant_id: str | None) -> None:
        """Remember a successful deployment (its resource, checksum, keys and definitions)."""
        ...


class MemoryChecksumStore:
    """Checksums for the life of the process."""

    def __init__(self) -> None:
        self._sums: dict[tuple[str, str | None], str] = {}

    def get(self, name: str, tenant_id: str | None) -> str | None:
        return self._sums.get((name, tenant_id))

    def put(self, result: DeployResult, tenant_id: str | None) -> None:
        self._sums[(result.resource.name, tenant_id)] = result.resource.checksum


class JsonChecksumStore:
    """Checksums in a JSON file (Flask keeps it in the instance folder)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def get(self, name: str, tenant_id: str | None) -> str | None:
        return self._load().get(_key(name, tenant_id))

    def put(self, result: DeployResult, tenant_id: str | None) -> None:
        data = self._load()
        data[_key(result.resource.name, tenant_id)] = result.resource.checksum
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".checksums-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2, sort_keys=True)
        os.replace(temp, self.path)


def _key(name: str, tenant_id: str | None) -> str:
    return f"{tenant_id or '<default>'}/{name}"
