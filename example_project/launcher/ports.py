"""Refuse to start when a port is taken, naming the port, who wanted it and the option to change.

Checked before anything starts, so a clash never leaves half the example running.
"""

from __future__ import annotations

import socket


def is_taken(host: str, port: int) -> bool:
    """Whether something listens on ``host:port`` (a port in TIME_WAIT counts as free)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def port_problems(host: str, ports: dict[str, int]) -> list[str]:
    """One line per port that cannot be used; ``ports`` maps the option to the port."""
    problems: list[str] = []
    seen: dict[int, str] = {}
    for option, port in ports.items():
        if port in seen:
            problems.append(f"{option} and {seen[port]} are both {port}: give them different ports")
            continue
        seen[port] = option
        if is_taken(host, port):
            problems.append(
                f"port {port} on {host} is in use: stop what listens there, or pass {option} N"
            )
    return problems
