"""Near-duplicate stories: a MinHash signature per story, and for each story the earlier one it repeats.

An agency story reaches many sites: the cleaned bodies differ by a sentence or two (a site's own intro, a
correction, a credit line), so `content_sha256` tells them apart. MinHash (datasketch) estimates the Jaccard
similarity of two texts' shingle sets from two small signatures; an LSH index finds the candidate pairs without
comparing every story with every other.

Pure code, no Prefect: `story_signature` runs with the stages (once per story, its bytes kept in the `minhash`
column), `find_duplicates` at the end of a run over the signatures of the whole dataset (tasks/write.py).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import MinHash

from tasks.text.scripts import UNSPACED_RE
from tasks.text.words import split_words

# The parameters, in one place. Changing any of them changes the signatures' tag (below): signatures made with
# other parameters are then left out of the comparison, like missing ones, until their files are processed again.
# 128 permutations: the Jaccard estimate's standard error is then at most 0.044 (sqrt(J(1-J)/128)); with 64 (0.0625)
# a Chinese copy with two of seven sentences changed (J 0.59) was estimated at 0.48. Signing costs the same (hashing
# the shingles dominates: ~1 ms a story), a signature is 516 bytes.
NUM_PERM = 128
SEED = 1  # fixed: signatures of different runs (and processes) must be comparable
# Word 5-grams: long enough that two stories on one subject, sharing names and phrases, share few of them; short
# enough that a changed sentence costs only the shingles that overlap it. Chinese, Japanese and Thai are written
# without spaces: there a character is the unit (character 5-grams).
SHINGLE_SIZE = 5
# A text with fewer shingles than this (under 7 words) is too short to call near-identical to anything: its one
# shingle is the whole text, so it matches an identical text only (exact duplicates still cluster), never a text
# that merely shares words with it, and a near-empty signature never matches everything.
MIN_SHINGLES = 3
# Estimated Jaccard similarity from which two stories are one story. Measured (tests/test_duplicates.py and
# variants): the same agency story on another site, one or two of 7-10 sentences changed or the last two or three
# dropped, J 0.59-0.86; two stories on one subject (same names, figures, places) 0.00-0.05. The closest pair of
# distinct stories in the development sets, a short police report with a cookie notice the cleaner kept vs. that
# notice alone, is J 0.49: 0.55 keeps clear of it and still takes two changed sentences in seven.
THRESHOLD = 0.55
_AGREEING = int(np.ceil(THRESHOLD * NUM_PERM))  # hash values two signatures share at THRESHOLD
# LSH bands: 10 bands of 2 hash values. A pair at THRESHOLD becomes a candidate with
# probability 0.97 (at J 0.7: 0.999), one at J 0.05 with 0.025; candidates are then checked against THRESHOLD on the
# whole signatures. Few bands keep the candidates (and the work) few; find_duplicates holds 80 bytes of band keys and
# the 512-byte signature per story.
_BANDS = (10, 2)
# datasketch 2's default permutation scheme, named: the stored values must not change with a library default.
_SCHEME = "affine32"

_SHINGLING = 1  # bump when shingles() changes what it makes of a text: older signatures are then not compared

# A signature is this tag (4 bytes: the parameters above) followed by NUM_PERM little-endian uint32 hash values.
_PARAMETERS = f"minhash:{_SCHEME}:{NUM_PERM}:{SEED}:{SHINGLE_SIZE}:{MIN_SHINGLES}:{_SHINGLING}"
SIGNATURE_TAG = hashlib.sha256(_PARAMETERS.encode()).digest()[:4]
SIGNATURE_BYTES = len(SIGNATURE_TAG) + 4 * NUM_PERM


# datasketch is imported when first used: importing it costs 0.45 s of CPU (it brings scipy and asyncio, and with
# them subprocess), which importing tasks.fields or tasks.write, and a command that signs nothing, need not pay.
@cache
def _template() -> MinHash:
    """An empty MinHash whose permutations every signature shares (made once, not per story)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=_SCHEME)


_SPACES = re.compile(r"\s+")


def comparable_text(text: str) -> str:
    """`text` with case, Unicode compatibility forms and spacing normalised away (what `content_sha256` hashes)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def shingles(text: str) -> set[bytes]:
    """The shingles of `text` (see SHINGLE_SIZE and MIN_SHINGLES): SHINGLE_SIZE consecutive words, punctuation
    left out; in a word of a script written without spaces every character counts as a word."""
    normalised = comparable_text(text)
    unspaced = not normalised.isascii() and UNSPACED_RE.search(normalised) is not None
    tokens: list[str] = []
    for word in split_words(normalised):
        if unspaced and UNSPACED_RE.search(word) is not None:
            tokens.extend(word)
        else:
            tokens.append(word)
    count = len(tokens) - SHINGLE_SIZE + 1
    if count < MIN_SHINGLES:
        return {" ".join(tokens).encode()}
    return {" ".join(tokens[i : i + SHINGLE_SIZE]).encode() for i in range(count)}


def story_signature(text: str) -> bytes:
    """The MinHash signature of a story's text: SIGNATURE_TAG, then NUM_PERM uint32 values (little-endian)."""
    minhash = _template().copy()
    minhash.update_batch(shingles(text))
    return SIGNATURE_TAG + minhash.hashvalues.astype("<u4").tobytes()


def _values(signature: bytes | None) -> np.ndarray | None:
    """The hash values of a signature of these parameters; None for a missing one or one of other parameters."""
    if signature is None or len(signature) != SIGNATURE_BYTES or not signature.startswith(SIGNATURE_TAG):
        return None
    return np.frombuffer(signature, dtype="<u4", offset=len(SIGNATURE_TAG))


def similarity(first: bytes, second: bytes) -> float:
    """The Jaccard similarity of two stories' shingle sets as their signatures estimate it."""
    a, b = _values(first), _values(second)
    if a is None or b is None:
        raise ValueError("not a signature of this version's parameters")
    return float(np.count_nonzero(a == b)) / NUM_PERM


def find_duplicates(rows: Iterable[tuple[str, datetime, bytes | None]]) -> dict[str, str | None]:
    """story_id -> duplicate_of for the rows (story_id, ingested_at, signature) of a whole dataset.

    The stories are taken in order of (ingested_at, story_id). A story whose signature estimates a Jaccard
    similarity of THRESHOLD or more with an earlier first-of-its-kind story repeats it: its duplicate_of is the
    earliest such story. Otherwise it is the first of its kind (None), and later stories are compared with it. So
    exact copies share one canonical story; a story's value depends only on the stories before it (a new run's
    stories never change an earlier row's), and a chain of small edits does not drift: every member of a cluster
    is near-identical to its canonical story itself. A row without a signature (null: carried from a snapshot
    written before the column existed; or made with other parameters) is None and not compared.

    Candidates come from LSH banding done with numpy (the bands of _BANDS): two stories are compared only when
    they agree on every value of one band. The signatures are one uint32 matrix (512 bytes a story) and the band
    keys one uint64 matrix (80 bytes): datasketch's MinHashLSH index held ~3.4 KB a story in Python objects."""
    ordered = sorted(rows, key=lambda row: (row[1], row[0]))
    result: dict[str, str | None] = {story_id: None for story_id, _, _ in ordered}
    signed = [(story_id, values) for story_id, _, signature in ordered if (values := _values(signature)) is not None]
    if len(signed) < 2:
        return result
    ids = [story_id for story_id, _ in signed]
    matrix = np.vstack([values for _, values in signed])  # row = position in (ingested_at, story_id) order
    del signed
    bands, width = _BANDS
    banded = matrix[:, : bands * width].astype(np.uint64).reshape(len(ids), bands, width)
    keys = banded[:, :, 0]
    for column in range(1, width):  # a band's values folded into one key (width 2: exactly, 32 bits each)
        keys = (keys << np.uint64(64 // width)) ^ banded[:, :, column]
    del banded
    groups: dict[int, list[np.ndarray]] = {}  # position -> the groups of positions it shares a band key with
    for band in range(bands):
        column = keys[:, band]
        order = np.argsort(column, kind="stable")  # equal keys side by side, positions ascending within them
        sorted_keys = column[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        sizes = np.diff(np.r_[starts, len(order)])
        for start, size in zip(starts[sizes > 1], sizes[sizes > 1], strict=True):
            members = order[start : start + size]
            for position in members:
                groups.setdefault(int(position), []).append(members)
    first_of_kind = np.ones(len(ids), dtype=bool)
    for position in sorted(groups):
        earlier = sorted({int(p) for members in groups[position] for p in members if p < position})
        for candidate in earlier:  # the earliest first-of-its-kind story it repeats
            if first_of_kind[candidate] and np.count_nonzero(matrix[candidate] == matrix[position]) >= _AGREEING:
                result[ids[position]] = ids[candidate]
                first_of_kind[position] = False
                break
    return result
