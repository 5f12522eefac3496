"""Prefix guards: most lines cannot match a rule, and a big alternation costs ~10 µs per line to reject. Each
anchored rule regex gets the set of lower-cased 3-character prefixes a matching line can start with, derived
from the regex's own parse tree (so the guard can never drift from the rule); a line whose prefix is not in the
set skips the regex. If the derivation meets something it cannot enumerate, that branch stops early and the
guard becomes more permissive, never stricter."""

from __future__ import annotations

import re
from re import _constants as _C  # the prefix guards read the rule regexes' parse trees
from re import _parser

_PK = 3
_STOP = "\0"  # marks a prefix cut short by something not enumerable (any line starting with it must be checked)
_SPACES = " \t\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
_SPACES += "".join(map(chr, range(0x2000, 0x200B)))


def _open(s: str) -> bool:
    return len(s) < _PK and s[-1:] != _STOP


def _stop(states: set[str]) -> set[str]:
    return {s + _STOP if _open(s) else s for s in states}


def _chars(items: list) -> str | None:
    chars = ""
    for op, av in items:
        if op is _C.LITERAL:
            chars += chr(av)
        elif op is _C.RANGE and av[1] - av[0] < 64:
            chars += "".join(map(chr, range(av[0], av[1] + 1)))
        elif op is _C.CATEGORY and av in (_C.CATEGORY_DIGIT, _C.CATEGORY_UNI_DIGIT):
            chars += "0123456789"
        elif op is _C.CATEGORY and av in (_C.CATEGORY_SPACE, _C.CATEGORY_UNI_SPACE):
            chars += _SPACES
        else:
            return None
    return "".join(sorted(set(chars.lower())))


def _expand(items: list, states: set[str]) -> set[str]:
    for op, av in items:
        if not any(map(_open, states)):
            break
        if op is _C.AT:
            continue
        if op is _C.LITERAL or op is _C.IN:
            chars = chr(av).lower() if op is _C.LITERAL else _chars(av)
            if chars is None:
                return _stop(states)
            states = {s + c if _open(s) else s for s in states for c in chars}
        elif op is _C.BRANCH:
            states = set().union(*(_expand(list(b), states) for b in av[1]))
        elif op is _C.SUBPATTERN:
            states = _expand(list(av[3]), states)
        elif op is _C.MAX_REPEAT or op is _C.MIN_REPEAT:
            lo, hi, sub = av
            out, cur = (set(states) if lo == 0 else set()), states
            for i in range(1, _PK + 1):
                cur = _expand(list(sub), cur)
                if i >= lo:
                    out |= cur
                if i >= hi:
                    break
            states = out
        else:
            return _stop(states)
        if len(states) > 50_000:
            return _stop({""})
    return states


class _Guard:
    """`rx` (anchored at the line start) behind a test of the line's first three characters."""

    __slots__ = ("rx", "exact", "starts")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        try:
            states = _expand(list(_parser.parse(rx.pattern, rx.flags)), {""})
        except Exception:  # an unexpected parse tree: no guard
            states = {_STOP}
        self.exact = frozenset(s for s in states if s[-1:] != _STOP)
        self.starts = tuple(s[:-1] for s in states if s[-1:] == _STOP)

    def possible(self, head: str) -> bool:
        """`head` is the line's first three characters, lower-cased."""
        return head in self.exact or (bool(self.starts) and head.startswith(self.starts))

    def fullmatch(self, s: str, head: str) -> re.Match[str] | None:
        return self.rx.fullmatch(s) if self.possible(head) else None


def _heads(g: _Guard) -> frozenset[str]:
    """The guard as one set test (for guards whose prefixes are all enumerable), inlined in the hot path."""
    assert not g.starts, "use _Guard.possible for this rule"
    return g.exact
