"""Where an OAuth access token lives between requests: in memory, optionally on disk.

The disk copy lets a new process (a restarted worker, a management command, each Celery
child) reuse a token that is still valid instead of asking the identity provider again. It
holds a bearer credential, so it is treated like a private key: one file per token endpoint,
client, audience and scope under ``CAMUNDA_TOKEN_CACHE_DIR``, a hashed file name (the client
id is not spelled out), mode 0600 in a directory created with 0700, replaced atomically. A
file that is corrupt, expired, not ours or readable by others is ignored with a warning and
replaced by the next write. Failing to write only costs a fetch later, so disk errors are
logged, never raised. The token itself is never logged.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import math
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["AccessToken", "TokenCache", "TokenFile", "cache_key"]

logger = logging.getLogger("camunda_core.auth")

#: A token is refreshed this long before it expires, at most (see ``AccessToken.issued``).
MAX_REFRESH_MARGIN = 60.0
#: Share of a token's lifetime kept as a margin when that is less than ``MAX_REFRESH_MARGIN``.
REFRESH_SHARE = 0.2
FILE_FORMAT_VERSION = 1
_MAX_FILE_SIZE = 64 * 1024  # far more than a token; a bigger file is not ours


@dataclass(frozen=True)
class AccessToken:
    """A bearer token and the clock times at which to refresh it and when it expires.

    Times are seconds on the auth object's clock (``time.time`` unless injected), so they
    mean the same in another process reading the disk cache. The value is kept out of
    ``repr``.
    """

    value: str = field(repr=False)
    expires_at: float
    refresh_at: float

    @classmethod
    def issued(cls, value: str, lifetime: float, requested_at: float) -> AccessToken:
        """A token valid ``lifetime`` seconds from ``requested_at`` (before the request went out).

        Refreshing starts at the smaller of ``MAX_REFRESH_MARGIN`` and 20% of the lifetime
        before expiry, so even a token that lives two seconds is replaced before it lapses.
        """
        expires_at = requested_at + lifetime
        margin = min(MAX_REFRESH_MARGIN, REFRESH_SHARE * lifetime)
        return cls(value=value, expires_at=expires_at, refresh_at=expires_at - margin)

    def is_valid(self, now: float) -> bool:
        """Whether the token may still be sent at ``now``."""
        return now < self.expires_at

    def needs_refresh(self, now: float) -> bool:
        """Whether a new token should be fetched at ``now`` (the old one may still be valid)."""
        return now >= self.refresh_at


def cache_key(*parts: str | None) -> str:
    """A stable file-name-safe digest of what identifies a token (URL, client, audience, scope)."""
    return hashlib.sha256(json.dumps(list(parts)).encode()).hexdigest()[:40]


class TokenFile:
    """One token on disk: read defensively, written atomically with mode 0600."""

    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.path = directory / f"camunda-token-{key}.json"

    def load(self, now: float) -> AccessToken | None:
        """The stored token if the file is safe, well formed and the token not expired."""
        try:
            text = self._read_private()
        except FileNotFoundError:
            return None
        except (OSError, _UnsafeFileError) as exc:
            logger.warning(
                "Ignoring the token cache file %s: %s; it will be replaced", self.path, exc
            )
            return None
        token = _parse(text)
        if token is None:
            logger.warning(
                "Ignoring the corrupt token cache file %s (not a token in the expected format); "
                "it will be replaced",
                self.path,
            )
            return None
        if not token.is_valid(now):
            logger.debug("The token cached in %s has expired", self.path)
            return None
        return token

    def save(self, token: AccessToken) -> None:
        """Replace the file with ``token``: a private temporary file, then ``os.replace``."""
        try:
            self._create_directory()
            self._replace_with(_serialize(token))
        except OSError as exc:
            logger.warning(
                "Could not write the token cache file %s (%s); tokens stay cached in memory only",
                self.path,
                exc.strerror or type(exc).__name__,
            )

    def _read_private(self) -> bytes:
        # No following a planted link; no blocking on a planted FIFO (rejected below).
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(self.path, flags)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise _UnsafeFileError("it is a symbolic link") from None
            raise
        with os.fdopen(fd, "rb") as file:
            _check_private(os.fstat(file.fileno()))
            return file.read(_MAX_FILE_SIZE)

    def _create_directory(self) -> None:
        if not self.directory.is_dir():
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            logger.debug("Created the token cache directory %s (mode 0700)", self.directory)

    def _replace_with(self, text: str) -> None:
        # mkstemp creates the file with mode 0600, in the same directory so that
        # os.replace is an atomic rename: readers see the old file or the new, never half.
        fd, temporary = tempfile.mkstemp(
            dir=self.directory, prefix=".camunda-token-", suffix=".tmp"
        )
        replaced = False
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.path)
            replaced = True
        finally:
            if not replaced:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


class _UnsafeFileError(Exception):
    """The cache file may have been read or planted by someone else."""


def _check_private(info: os.stat_result) -> None:
    if os.name != "posix":  # no POSIX modes to check; the directory's ACL protects it
        return
    if not stat.S_ISREG(info.st_mode):
        raise _UnsafeFileError("it is not a regular file")
    if info.st_uid != os.geteuid():
        raise _UnsafeFileError("it belongs to another user")
    if info.st_mode & 0o077:
        raise _UnsafeFileError(
            f"it is accessible to group or others (mode {stat.S_IMODE(info.st_mode):04o}, "
            "expected 0600)"
        )


def _serialize(token: AccessToken) -> str:
    return json.dumps(
        {
            "version": FILE_FORMAT_VERSION,
            "access_token": token.value,
            "expires_at": token.expires_at,
            "refresh_at": token.refresh_at,
        }
    )


def _parse(text: bytes) -> AccessToken | None:
    try:
        data: Any = json.loads(text)
    except ValueError:  # not JSON, or not UTF-8
        return None
    if not isinstance(data, dict) or data.get("version") != FILE_FORMAT_VERSION:
        return None
    value = data.get("access_token")
    expires_at = _time(data.get("expires_at"))
    refresh_at = _time(data.get("refresh_at"))
    if not isinstance(value, str) or not value or expires_at is None or refresh_at is None:
        return None
    if refresh_at > expires_at:
        return None
    return AccessToken(value=value, expires_at=expires_at, refresh_at=refresh_at)


def _time(value: Any) -> float | None:
    """A finite number of seconds (JSON gives int or float; ``true`` is not a time)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


class TokenCache:
    """The current token in memory, mirrored to a ``TokenFile`` when a directory is set.

    Not thread-safe on its own: ``OAuthClientCredentials`` changes it under its locks.
    """

    def __init__(self, directory: Path | None, key: str) -> None:
        self.file = TokenFile(directory, key) if directory is not None else None
        self.current: AccessToken | None = None
        self._discarded: str | None = None

    def put(self, token: AccessToken) -> None:
        """Keep ``token`` in memory and on disk."""
        self.current = token
        if self.file is not None:
            self.file.save(token)

    def discard(self, token: AccessToken) -> None:
        """Forget ``token`` (the API refused it), so it is neither used nor read back from disk."""
        if self.current is not None and self.current.value == token.value:
            self.current = None
        self._discarded = token.value

    def read_disk(self, now: float) -> AccessToken | None:
        """The valid token on disk, if a directory is set (the I/O half of adopting it)."""
        return self.file.load(now) if self.file is not None else None

    def adopt(self, stored: AccessToken | None) -> None:
        """Take a token read from disk when it outlives the one in memory.

        Another process may have refreshed already; using its token saves a fetch.
        """
        if stored is None or stored.value == self._discarded:
            return
        if self.current is None or stored.expires_at > self.current.expires_at:
            logger.debug("Using the token cached in %s", self.file.path if self.file else "memory")
            self.current = stored
