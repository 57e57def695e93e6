"""The interface of element behaviours, with the pass-through defaults.

A behaviour says what an element does when it is activated, when it leaves (after
completion), when it is terminated, and (for scopes) when a child finishes. The lifecycle in
``lifecycle.py`` calls these; behaviours call back into the lifecycle to complete.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from camunda_core.devengine.runtime import lifecycle

if TYPE_CHECKING:
    from camunda_core.devengine.runtime.kernel import Runtime
    from camunda_core.devengine.runtime.state import Run

__all__ = ["Behaviour"]


class Behaviour:
    """Pass-through: activate completes at once, leave takes every outgoing flow."""

    def activate(self, rt: Runtime, run: Run) -> None:
        """The element's own work after mappings and start listeners."""
        lifecycle.complete(rt, run)

    def leave(self, rt: Runtime, run: Run) -> None:
        """After the element completed: move on."""
        lifecycle.take_outgoing(rt, run)

    def terminate(self, rt: Runtime, run: Run) -> None:
        """Extra clean-up when the element is terminated (subscriptions close generically)."""

    def child_completed(self, rt: Runtime, run: Run, child: Run) -> None:
        """A child element instance of this scope completed."""
        lifecycle.check_scope_done(rt, run)

    def child_terminated(self, rt: Runtime, run: Run, child: Run) -> None:
        """A child element instance of this scope was terminated (the scope goes on)."""
        lifecycle.check_scope_done(rt, run)
