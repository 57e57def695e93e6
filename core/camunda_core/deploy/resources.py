"""Finding deployable resources (.bpmn, .dmn, .form) and fingerprinting them."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["RESOURCE_SUFFIXES", "Resource", "find_resources"]

RESOURCE_SUFFIXES = (".bpmn", ".dmn", ".form")


@dataclass(frozen=True)
class Resource:
    """One file to deploy: its name in Camunda (the file name), content and SHA-256."""

    name: str
    content: bytes
    path: Path | None = None

    @property
    def checksum(self) -> str:
        """SHA-256 of the content, hex."""
        return hashlib.sha256(self.content).hexdigest()

    @property
    def kind(self) -> str:
        """``bpmn``, ``dmn`` or ``form``."""
        return Path(self.name).suffix.lstrip(".").lower()

    @classmethod
    def from_path(cls, path: Path) -> Resource:
        """Read a file."""
        return cls(name=path.name, content=path.read_bytes(), path=path)


def find_resources(paths: Iterable[str | os.PathLike[str]]) -> list[Resource]:
    """Every resource in ``paths`` (files, or directories searched recursively), sorted.

    A path that does not exist, a file of another kind, or two files with the same name
    (Camunda identifies resources by name) is an error naming the path.
    """
    found: dict[str, Path] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            candidates = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in RESOURCE_SUFFIXES and p.is_file()
            )
        elif path.is_file():
            if path.suffix.lower() not in RESOURCE_SUFFIXES:
                raise ValueError(
                    f"{path}: not a BPMN, DMN or form file (expected {', '.join(RESOURCE_SUFFIXES)})"
                )
            candidates = [path]
        else:
            raise ValueError(f"{path}: no such file or directory")
        for candidate in candidates:
            other = found.get(candidate.name)
            if other is not None and other.resolve() != candidate.resolve():
                raise ValueError(
                    f"two resources are named {candidate.name!r} ({other} and {candidate}); "
                    "Camunda identifies resources by file name, so rename one"
                )
            found[candidate.name] = candidate
    return [Resource.from_path(found[name]) for name in sorted(found)]
