"""Per-line facts: the pre-tests _facts runs before a costly regex never change what the regex says."""

from __future__ import annotations

from .helpers import GATE_LINES


def test_signature_pre_tests_never_hide_a_signature() -> None:
    from newsprep.tasks.clean.features import _facts
    from newsprep.tasks.clean.rules import _SIGNATURE_RE

    for line in GATE_LINES:
        sig = _facts(line)[8]
        if len(line) <= 80 and not line.endswith("."):
            assert sig == bool(_SIGNATURE_RE.match(line)), line
