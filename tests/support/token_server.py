"""A real OAuth 2.0 token endpoint and a protected Camunda API stand-in, on loopback.

Auth is tested against HTTP for real (sockets, forms, headers, closed ports), not against a
patched function. Two listeners on ``127.0.0.1`` with ports chosen by the system, each
served by a background thread:

- the identity provider: ``POST /oauth/token`` (client-credentials grant, form encoded);
- the API: ``GET /v2/topology`` (200 with a valid topology) and ``GET /v2/status`` (204),
  for a valid bearer token or the configured Basic credentials, 401 otherwise.

They run separately so the token endpoint can go down while the API stays up::

    with TokenServer(token_lifetime=2) as server:
        client = CamundaClient(
            rest_address=server.rest_address,
            oauth_url=server.token_url,
            client_id=server.client_id,
            client_secret=server.client_secret,
        )
        client.get_topology()
        server.fail_token_requests(2, status=503)  # the next two token requests get 503
        server.go_down("token")                     # connections to it are refused ...
        server.come_back("token")                   # ... until it listens again, same port
        server.revoke_tokens()                      # the API answers 401 for tokens issued so far
        assert server.count(TOKEN_PATH) == 1

Everything it saw is in ``requests`` (path, status, form fields, Authorization header), so
tests count requests instead of measuring time. Controls and observations are thread-safe
and may be used while clients are talking to it. HTTP/1.0: one connection per request, so a
listener that goes down leaves no kept-alive connection behind.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Literal
from urllib.parse import parse_qsl

__all__ = [
    "DEFAULT_CLIENT_ID",
    "DEFAULT_CLIENT_SECRET",
    "STATUS_PATH",
    "TOKEN_PATH",
    "TOPOLOGY",
    "TOPOLOGY_PATH",
    "RecordedRequest",
    "TokenServer",
]

#: The client the server accepts unless told otherwise. The secret is obviously fake, and
#: long enough that finding it in a log line cannot be a coincidence.
DEFAULT_CLIENT_ID = "test-client"
DEFAULT_CLIENT_SECRET = "test-secret-never-logged"

TOKEN_PATH = "/oauth/token"
TOPOLOGY_PATH = "/v2/topology"
STATUS_PATH = "/v2/status"

Listener = Literal["token", "api"]

#: The answer of ``GET /v2/topology``: one broker, one partition, as Camunda 8.8 sends it.
TOPOLOGY: dict[str, Any] = {
    "brokers": [
        {
            "nodeId": 0,
            "host": "127.0.0.1",
            "port": 26501,
            "version": "8.8.0",
            "partitions": [{"partitionId": 1, "role": "leader", "health": "healthy"}],
        }
    ],
    "clusterSize": 1,
    "partitionsCount": 1,
    "replicationFactor": 1,
    "gatewayVersion": "8.8.0",
}


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server saw it, and the status it answered with."""

    listener: Listener
    method: str
    path: str
    status: int
    #: The decoded form fields of a token request (``{}`` for the API).
    form: Mapping[str, str] = field(default_factory=dict)
    authorization: str | None = None


@dataclass
class _Token:
    expires_at: float  # time.monotonic()
    revoked: bool = False


class TokenServer:
    """The token endpoint and the API stand-in; a context manager that starts and stops both.

    ``token_lifetime`` (seconds, sent as ``expires_in``), ``token_delay`` (seconds before each
    token answer, to make concurrent callers overlap) and ``reject_all_tokens`` (the API
    answers 401 to every bearer token: a permanent 401) may be changed at any time.
    """

    def __init__(
        self,
        *,
        client_id: str = DEFAULT_CLIENT_ID,
        client_secret: str = DEFAULT_CLIENT_SECRET,
        token_lifetime: float = 60.0,
        token_delay: float = 0.0,
        basic_credentials: tuple[str, str] | None = None,
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.token_lifetime = token_lifetime
        self.token_delay = token_delay
        self.reject_all_tokens = False
        self._basic = basic_credentials
        self._lock = threading.Lock()
        self._tokens: dict[str, _Token] = {}
        self._requests: list[RecordedRequest] = []
        self._failures_left = 0
        self._failure_status = 503
        self._listeners = {"token": _Listener(self, "token"), "api": _Listener(self, "api")}

    # --- lifecycle -----------------------------------------------------------------------------
    def start(self) -> TokenServer:
        """Start both listeners (ports are chosen on the first start and kept)."""
        for listener in self._listeners.values():
            listener.open()
        return self

    def stop(self) -> None:
        """Stop both listeners and wait for their threads."""
        for listener in self._listeners.values():
            listener.close()

    def __enter__(self) -> TokenServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- addresses -----------------------------------------------------------------------------
    @property
    def token_url(self) -> str:
        """The token endpoint (``CAMUNDA_OAUTH_URL``)."""
        return self._listeners["token"].base_url + TOKEN_PATH

    @property
    def api_url(self) -> str:
        """The API's origin, ``http://127.0.0.1:<port>``."""
        return self._listeners["api"].base_url

    @property
    def rest_address(self) -> str:
        """The API's REST address (``CAMUNDA_REST_ADDRESS``), ending in ``/v2``."""
        return self.api_url + "/v2"

    # --- faults --------------------------------------------------------------------------------
    def fail_token_requests(self, count: int, *, status: int = 503) -> None:
        """Answer the next ``count`` token requests with ``status`` and an OAuth error body."""
        with self._lock:
            self._failures_left = count
            self._failure_status = status

    def go_down(self, listener: Listener = "token") -> None:
        """Close ``listener``'s socket: connections are refused until ``come_back``."""
        self._listeners[listener].close()

    def come_back(self, listener: Listener = "token") -> None:
        """Listen again on the same port."""
        self._listeners[listener].open()

    def revoke_tokens(self) -> None:
        """Revoke every token issued so far: the API answers 401 for them."""
        with self._lock:
            for token in self._tokens.values():
                token.revoked = True

    # --- observations --------------------------------------------------------------------------
    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request so far, oldest first (a copy)."""
        with self._lock:
            return list(self._requests)

    def count(self, path: str | None = None, *, status: int | None = None) -> int:
        """How many requests there were to ``path`` (all paths if ``None``) with ``status``."""
        return sum(
            1
            for request in self.requests
            if (path is None or request.path == path)
            and (status is None or request.status == status)
        )

    @property
    def token_forms(self) -> list[Mapping[str, str]]:
        """The form fields of every token request, in order."""
        return [request.form for request in self.requests if request.path == TOKEN_PATH]

    @property
    def issued_tokens(self) -> list[str]:
        """Every access token handed out, in order."""
        with self._lock:
            return list(self._tokens)

    # --- answering (called from the listener threads) ------------------------------------------
    def _answer_token_request(self, form: Mapping[str, str]) -> tuple[int, dict[str, Any]]:
        if self.token_delay:
            time.sleep(self.token_delay)
        with self._lock:
            if self._failures_left > 0:
                self._failures_left -= 1
                return self._failure_status, _oauth_error(self._failure_status)
        if form.get("grant_type") != "client_credentials":
            return 400, {"error": "unsupported_grant_type"}
        if (form.get("client_id"), form.get("client_secret")) != (
            self.client_id,
            self.client_secret,
        ):
            return 401, {"error": "invalid_client"}
        return 200, self._issue_token()

    def _issue_token(self) -> dict[str, Any]:
        value = "tok-" + secrets.token_urlsafe(24)
        lifetime = self.token_lifetime
        with self._lock:
            self._tokens[value] = _Token(expires_at=time.monotonic() + lifetime)
        expires_in: float = int(lifetime) if float(lifetime).is_integer() else lifetime
        return {"access_token": value, "token_type": "Bearer", "expires_in": expires_in}

    def _authorized(self, authorization: str | None) -> bool:
        scheme, _, credentials = (authorization or "").partition(" ")
        if scheme == "Basic" and self._basic is not None:
            expected = base64.b64encode(":".join(self._basic).encode()).decode()
            return secrets.compare_digest(credentials, expected)
        if scheme != "Bearer" or self.reject_all_tokens:
            return False
        with self._lock:
            token = self._tokens.get(credentials)
            return token is not None and not token.revoked and time.monotonic() < token.expires_at

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)


def _oauth_error(status: int) -> dict[str, Any]:
    if status in (400, 401, 403):
        return {"error": "invalid_client", "error_description": "Invalid client credentials"}
    return {"error": "temporarily_unavailable", "error_description": "Try again later"}


class _Listener:
    """One ``ThreadingHTTPServer`` on a fixed loopback port that can be closed and reopened."""

    def __init__(self, owner: TokenServer, name: Listener) -> None:
        self.owner = owner
        self.name = name
        self.port = 0
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        assert self.port, "start the TokenServer first"
        return f"http://127.0.0.1:{self.port}"

    def open(self) -> None:
        if self._httpd is not None:
            return
        httpd = _HTTPServer(("127.0.0.1", self.port), _Handler)
        httpd.listener = self
        self.port = httpd.server_address[1]
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.01},  # how long stopping waits, at most
            name=f"token-server-{self.name}",
            daemon=True,
        )
        self._thread.start()

    def close(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        assert self._thread is not None
        self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the default 5 drops bursts of connects (retried after 1 s)
    listener: _Listener


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.0"

    def do_POST(self) -> None:
        if self.server.listener.name == "token" and self.path == TOKEN_PATH:
            form = self._form()
            status, body = self.server.listener.owner._answer_token_request(form)
            self._send_json(status, body, form=form)
        else:
            self._send_json(404, _problem(404, "Not Found"))

    def do_GET(self) -> None:
        owner = self.server.listener.owner
        if self.server.listener.name != "api" or self.path not in (TOPOLOGY_PATH, STATUS_PATH):
            self._send_json(404, _problem(404, "Not Found"))
        elif not owner._authorized(self.headers.get("Authorization")):
            self._send_json(
                401,
                _problem(401, "Unauthorized", "The token is missing, invalid or expired"),
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        elif self.path == STATUS_PATH:
            self._send(204, b"", "application/json")
        else:
            self._send_json(200, TOPOLOGY)

    def _form(self) -> dict[str, str]:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        return dict(parse_qsl(body, keep_blank_values=True))

    def _send_json(
        self,
        status: int,
        body: Mapping[str, Any],
        *,
        form: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        content_type = "application/problem+json" if status >= 400 else "application/json"
        self._send(status, json.dumps(body).encode(), content_type, form=form, headers=headers)

    def _send(
        self,
        status: int,
        payload: bytes,
        content_type: str,
        *,
        form: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        listener = self.server.listener
        listener.owner._record(
            RecordedRequest(
                listener=listener.name,
                method=self.command,
                path=self.path,
                status=status,
                form=dict(form or {}),
                authorization=self.headers.get("Authorization"),
            )
        )
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read ``TokenServer.requests`` instead of the server's stderr."""


def _problem(status: int, title: str, detail: str | None = None) -> dict[str, Any]:
    problem: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        problem["detail"] = detail
    return problem
