"""The on-disk token cache (F22): shared between processes, private, replaced atomically."""

from __future__ import annotations

import json
import logging
import os
import stat
import time
from pathlib import Path
from typing import Any

import pytest
from token_server import TOKEN_PATH, TOPOLOGY_PATH, TokenServer

from camunda_core import CamundaClient

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _cache_files(directory: Path) -> list[Path]:
    return sorted(directory.iterdir())


def _topology(settings: dict[str, Any], cache_dir: Path) -> None:
    """One call from a fresh client and auth object: what a new process would do."""
    with CamundaClient(**settings, token_cache_dir=cache_dir) as client:
        client.get_topology()


def test_f22_a_new_process_reuses_the_cached_token(
    server: TokenServer, oauth_settings: dict[str, Any], tmp_path: Path
) -> None:
    cache_dir = tmp_path / "state" / "tokens"

    _topology(oauth_settings, cache_dir)
    _topology(oauth_settings, cache_dir)

    assert server.count(TOKEN_PATH) == 1
    (token,) = server.issued_tokens
    assert [r.authorization for r in server.requests if r.path == TOPOLOGY_PATH] == [
        f"Bearer {token}"
    ] * 2
    (cache_file,) = _cache_files(cache_dir)
    assert _mode(cache_dir) == 0o700
    assert _mode(cache_file) == 0o600
    assert server.client_id not in cache_file.name
    assert server.client_secret not in cache_file.read_text()


def test_f22_each_client_and_audience_has_its_own_file(
    server: TokenServer, oauth_settings: dict[str, Any], tmp_path: Path
) -> None:
    _topology(oauth_settings, tmp_path)
    _topology({**oauth_settings, "token_audience": "another-api"}, tmp_path)

    assert server.count(TOKEN_PATH) == 2
    assert len(_cache_files(tmp_path)) == 2


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe\x00garbage",
        b"[]",
        b'{"version": 1, "access_token": 42, "expires_at": 1e12, "refresh_at": 1e12}',
        b'{"version": 1, "access_token": "tok", "expires_at": true, "refresh_at": 1}',
        b'{"version": 2, "access_token": "tok", "expires_at": 1e12, "refresh_at": 1e12}',
    ],
    ids=["empty", "binary", "list", "number-token", "bool-time", "version"],
)
def test_f22_a_corrupt_file_is_ignored_and_replaced_atomically(
    server: TokenServer,
    oauth_settings: dict[str, Any],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    content: bytes,
) -> None:
    _topology(oauth_settings, tmp_path)
    (cache_file,) = _cache_files(tmp_path)
    cache_file.write_bytes(content)
    inode = cache_file.stat().st_ino

    _topology(oauth_settings, tmp_path)

    assert server.count(TOKEN_PATH) == 2
    assert server.count(TOPOLOGY_PATH, status=200) == 2
    assert any("corrupt token cache file" in r.getMessage() for r in caplog.records)
    assert _cache_files(tmp_path) == [cache_file]  # no temporary file left behind
    assert cache_file.stat().st_ino != inode  # a new file renamed into place
    assert _mode(cache_file) == 0o600
    assert json.loads(cache_file.read_text())["access_token"] == server.issued_tokens[-1]


@pytest.mark.parametrize("mode", [0o640, 0o604], ids=lambda mode: f"{mode:04o}")
def test_f22_a_file_readable_by_others_is_ignored_and_rewritten_private(
    server: TokenServer,
    oauth_settings: dict[str, Any],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    mode: int,
) -> None:
    _topology(oauth_settings, tmp_path)
    (cache_file,) = _cache_files(tmp_path)
    cache_file.chmod(mode)

    _topology(oauth_settings, tmp_path)

    assert server.count(TOKEN_PATH) == 2  # the exposed token was not used
    (warning,) = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "accessible to group or others" in warning.getMessage()
    assert all(token not in caplog.text for token in server.issued_tokens)
    assert _mode(cache_file) == 0o600
    assert json.loads(cache_file.read_text())["access_token"] == server.issued_tokens[-1]


def test_f22_a_symbolic_link_is_not_followed(
    server: TokenServer, oauth_settings: dict[str, Any], tmp_path: Path
) -> None:
    cache_dir = tmp_path / "tokens"
    _topology(oauth_settings, cache_dir)
    (cache_file,) = _cache_files(cache_dir)
    planted = tmp_path / "planted.json"
    planted.write_text(cache_file.read_text())
    planted.chmod(0o600)
    cache_file.unlink()
    cache_file.symlink_to(planted)

    _topology(oauth_settings, cache_dir)

    assert server.count(TOKEN_PATH) == 2
    assert not cache_file.is_symlink()
    assert json.loads(planted.read_text())["access_token"] == server.issued_tokens[0]


def test_f22_an_expired_token_on_disk_is_fetched_again(
    server: TokenServer, oauth_settings: dict[str, Any], tmp_path: Path
) -> None:
    _topology(oauth_settings, tmp_path)
    (cache_file,) = _cache_files(tmp_path)
    stored = json.loads(cache_file.read_text())
    stored.update(expires_at=time.time() - 1, refresh_at=time.time() - 10)
    cache_file.write_text(json.dumps(stored))

    _topology(oauth_settings, tmp_path)

    assert server.count(TOKEN_PATH) == 2


def test_f22_an_unwritable_cache_only_costs_a_warning(
    server: TokenServer,
    oauth_settings: dict[str, Any],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("")

    _topology(oauth_settings, not_a_directory)

    assert server.count(TOPOLOGY_PATH, status=200) == 1
    assert any("Could not write the token cache file" in r.getMessage() for r in caplog.records)


def test_f22_a_token_the_api_refused_is_not_read_back_from_disk(
    server: TokenServer, oauth_settings: dict[str, Any], tmp_path: Path
) -> None:
    with CamundaClient(**oauth_settings, token_cache_dir=tmp_path) as client:
        client.get_topology()
        server.revoke_tokens()
        client.get_topology()

    _topology(oauth_settings, tmp_path)

    assert server.count(TOKEN_PATH) == 2
    assert server.count(TOPOLOGY_PATH, status=401) == 1
    (cache_file,) = _cache_files(tmp_path)
    assert json.loads(cache_file.read_text())["access_token"] == server.issued_tokens[1]
