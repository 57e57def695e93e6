"""Entry point of the compiler: FEEL syntax trees become nested Python closures.

Importing the ``compile_*`` modules registers their node handlers with the dispatcher.
"""

from __future__ import annotations

from . import compile_calls, compile_iteration, compile_operators, compile_tests, compile_values
from .dispatch import Evaluator, TestEvaluator, compile_node, compile_test

__all__ = ["Evaluator", "TestEvaluator", "compile_node", "compile_test"]

_REGISTERED = (compile_calls, compile_iteration, compile_operators, compile_tests, compile_values)
