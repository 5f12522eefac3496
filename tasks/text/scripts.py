"""What the stages need to know about writing systems, in one place: the marks that end a sentence in each script,
the scripts written without spaces between words or without a sentence mark, the scripts without letter case, and
a word count that means the same thing in all of them (a Japanese paragraph is not "1 word").
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import filterfalse

from .cache import LINE_MEMO_ENTRIES

# Unicode's Sentence_Terminal characters of the Basic Multilingual Plane (`regex`'s \p{STerm}; tests check the list
# against it): . ! ? and the Armenian full stop, the Arabic question mark and the Urdu full stop, the Devanagari
# danda and double danda, the Myanmar, Ethiopic, Khmer and Mongolian full stops, the ideographic full stop and the
# full-width forms... Added: the ellipsis, the Greek question mark (";", U+037E) and the Tibetan shad.
_STERM_BMP = (
    "!.?\u0589\u061d\u061e\u061f\u06d4\u0700\u0701\u0702\u07f9\u0837\u0839\u083d\u083e\u0964\u0965\u104a\u104b"
    "\u1362\u1367\u1368\u166e\u1735\u1736\u17d4\u17d5\u1803\u1809\u1944\u1945\u1aa8\u1aa9\u1aaa\u1aab\u1b4e\u1b4f"
    "\u1b5a\u1b5b\u1b5e\u1b5f\u1b7d\u1b7e\u1b7f\u1c3b\u1c3c\u1c7e\u1c7f\u2024\u203c\u203d\u2047\u2048\u2049\u2cf9"
    "\u2cfa\u2cfb\u2e2e\u2e3c\u2e53\u2e54\u2e60\u2e61\u3002\ua4ff\ua60e\ua60f\ua6f3\ua6f7\ua876\ua877\ua8ce\ua8cf"
    "\ua92f\ua9c8\ua9c9\uaa5d\uaa5e\uaa5f\uaaf0\uaaf1\uabeb\ufe12\ufe15\ufe16\ufe52\ufe56\ufe57\uff01\uff0e\uff1f"
    "\uff61"
)
SENTENCE_ENDS = frozenset(_STERM_BMP + "…\u037e\u0f0d")
# What may follow a sentence's last mark: closing quotes and brackets, and the zero-width marks some CMSs leave.
CLOSERS = "\"'”’»)]›」』）"
INVISIBLE = "\u200b\u200c\u200d\u2060\u2063\ufeff"
QUOTE_ENDS = frozenset('"”»')  # a line ending in a closing quote ends a quoted sentence

# Han ideographs and kana: a word's worth of meaning in one or two characters, written without spaces.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Thai, Lao, Khmer and Myanmar: alphabets written without spaces between words (a space ends a phrase).
SOUTHEAST_ASIAN = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
# Thai and Lao mark no sentence end: a line's end is the only boundary a sentence there has, and a line is taken
# for a sentence when it is as long as one (a menu item or a headline is shorter).
_UNMARKED_END_RE = re.compile("[\u0e00-\u0eff]")
_UNMARKED_SENTENCE_MIN = 60
UNSPACED_RE = re.compile(f"[{CJK}{SOUTHEAST_ASIAN}]")
_CJK_RUN_RE = re.compile("[\u3040-\u309f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")  # Han and hiragana
_KATAKANA_RUN_RE = re.compile("[\u30a0-\u30ff]+")  # loanwords, spelt out: スポーツ is one word
SOUTHEAST_ASIAN_RE = re.compile(f"[{SOUTHEAST_ASIAN}]+")
# Characters per word in the Southeast Asian alphabets (vowel signs and tone marks are characters of their own), and
# in katakana.
_CHARS_PER_WORD = 4
_WORD_CHAR_RE = re.compile(r"\w")


def ends_sentence(text: str) -> bool:
    """Does `text` end the way a sentence ends in its script: a sentence mark of any script, perhaps inside closing
    quotes or brackets, or a closing quote; or, in a script that marks no sentence end (Thai, Lao), a last letter
    on a line of a sentence's length?"""
    stripped = text.rstrip(CLOSERS + INVISIBLE + " ")
    if not stripped:
        return False
    last = stripped[-1]
    if last in SENTENCE_ENDS or text[-1] in QUOTE_ENDS:
        return True
    return last > "\u0dff" and _UNMARKED_END_RE.match(last) is not None and len(stripped) >= _UNMARKED_SENTENCE_MIN


@lru_cache(maxsize=LINE_MEMO_ENTRIES)  # the splitter and the metadata stage count the same lines again and again
def count_words(text: str) -> int:
    """Words in `text`, the same measure in every script: the space-separated tokens that hold a letter or digit
    ("U.S.", "10:30" and "don't" are one word each; "&", "|" or "–" none); in the scripts written without spaces,
    one word per Han or hiragana character and one per four katakana, Thai, Lao, Khmer or Myanmar characters."""
    if text.isascii() or UNSPACED_RE.search(text) is None:
        # Every token is a word but those without a letter or digit: only the tokens not all letters and digits
        # ("Tuesday.", "&") are looked into.
        tokens = text.split()
        count = len(tokens)
        for token in filterfalse(str.isalnum, tokens):
            if _WORD_CHAR_RE.search(token) is None:
                count -= 1
        return count
    count = 0
    for token in text.split():
        if UNSPACED_RE.search(token) is not None:
            count += sum(len(run) for run in _CJK_RUN_RE.findall(token))
            for rx in (_KATAKANA_RUN_RE, SOUTHEAST_ASIAN_RE):
                count += sum(-(-len(run) // _CHARS_PER_WORD) for run in rx.findall(token))
            rest = SOUTHEAST_ASIAN_RE.sub(" ", _KATAKANA_RUN_RE.sub(" ", _CJK_RUN_RE.sub(" ", token)))
            count += sum(1 for part in rest.split() if _WORD_CHAR_RE.search(part))  # "2025年2月12日": 3 + 3
        elif token.isalnum() or _WORD_CHAR_RE.search(token):
            count += 1
    return count


def starts_like_sentence(text: str) -> bool:
    """Does `text` start as a sentence starts: an upper-case letter, or a letter of a script without case (Arabic,
    Devanagari, Chinese...: there a headline or sentence cannot be told by its first letter), or of Georgian, whose
    everyday letters Unicode counts as lower case (its capitals, Mtavruli, are for display only)?"""
    first = text[:1]
    return first.isupper() or (first.isalpha() and (not first.islower() or "\u10d0" <= first <= "\u10ff"))
