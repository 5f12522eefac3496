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


def _cut(states: set[str]) -> set[str]:
    """Open states cut short: a line starting with one of them must be checked."""
    return {s + _STOP for s in states}


def _expand(items: list, states: set[str]) -> tuple[set[str], set[str]]:
    """The prefixes `items` lead to from the open prefixes `states`, as (closed, open). A closed prefix (_PK
    characters, or cut short by _STOP) is final: nothing that follows can change it, so it is set aside and
    only the open ones (a handful) are carried through the rest of the regex. (Carrying the closed ones along
    too, as the first version did, cost ~0.2 s per import: a toolbar's word alternation was applied to its
    3,000 closed prefixes once per repetition.)"""
    closed: set[str] = set()
    for op, av in items:
        if not states:
            break
        if op is _C.AT:
            continue
        if op is _C.LITERAL or op is _C.IN:
            chars = chr(av).lower() if op is _C.LITERAL else _chars(av)
            if chars is None:
                return closed | _cut(states), set()
            grown = {s + c for s in states for c in chars}
            states = {s for s in grown if len(s) < _PK}
            closed |= grown - states
        elif op is _C.BRANCH:
            reached: set[str] = set()
            for branch in av[1]:
                done, reached_here = _expand(list(branch), states)
                closed |= done
                reached |= reached_here
            states = reached
        elif op is _C.SUBPATTERN:
            done, states = _expand(list(av[3]), states)
            closed |= done
        elif op is _C.MAX_REPEAT or op is _C.MIN_REPEAT:
            lo, hi, sub = av
            reached = set(states) if lo == 0 else set()
            for i in range(1, _PK + 1):
                done, states = _expand(list(sub), states)
                closed |= done
                if i >= lo:
                    reached |= states
                if i >= hi or not states:
                    break
            if lo <= _PK:
                states = reached
            else:  # at least lo > _PK repetitions: the prefixes still open are cut short (never stricter)
                closed |= _cut(states)
                states = set()
        else:
            return closed | _cut(states), set()
        if len(closed) + len(states) > 50_000:
            return {_STOP}, set()
    return closed, states


class _Guard:
    """`rx` (anchored at the line start) behind a test of the line's first three characters."""

    __slots__ = ("rx", "exact", "starts")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        try:
            closed, still_open = _expand(list(_parser.parse(rx.pattern, rx.flags)), {""})
            states = closed | still_open
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
