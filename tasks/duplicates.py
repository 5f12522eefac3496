"""Near-duplicate stories: a MinHash signature per story, and for each story the earlier one it repeats.

An agency story reaches many sites: the cleaned bodies differ by a sentence or two (a site's own intro, a
correction, a credit line), so `content_sha256` tells them apart. MinHash (datasketch's, computed here with the same
numbers) estimates the Jaccard similarity of two texts' shingle sets from two small signatures; an LSH index finds
the candidate pairs without comparing every story with every other.

Pure code, no Prefect: `story_signature` runs with the stages (once per story, its bytes kept in the `minhash`
column), `find_duplicates` at the end of a run over the signatures of the whole dataset (tasks/write.py).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import cache, lru_cache

import numpy as np

from .text.scripts import UNSPACED_RE
from .text.words import split_words

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
# datasketch 2's default permutation scheme (_minhash), named: signatures made by datasketch itself are the same.
_SCHEME = "affine32"

_SHINGLING = 1  # bump when shingles() changes what it makes of a text: older signatures are then not compared

# A signature is this tag (4 bytes: the parameters above) followed by NUM_PERM little-endian uint32 hash values.
_PARAMETERS = f"minhash:{_SCHEME}:{NUM_PERM}:{SEED}:{SHINGLE_SIZE}:{MIN_SHINGLES}:{_SHINGLING}"
SIGNATURE_TAG = hashlib.sha256(_PARAMETERS.encode()).digest()[:4]
SIGNATURE_BYTES = len(SIGNATURE_TAG) + 4 * NUM_PERM


# MinHash as datasketch 2 computes it (MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32"), its default
# sha1_hash32 per shingle), done here with the same numbers: each shingle's hash is the first 4 bytes of its SHA-1
# (little-endian), mixed by MurmurHash3's 32-bit finalizer; permutation k maps a mixed hash h to a_k * h + b_k
# (mod 2^32, a_k odd), and the signature holds each permutation's least value. datasketch stays the reference
# (tests/test_duplicates.py compares the signatures value for value); it is not imported to sign: importing it costs
# ~0.3 s of CPU in every process that signs (it brings scipy), and its per-story bookkeeping (a MinHash copied and
# checked, the hash values through Python lists) more than the arithmetic.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
_CHUNK = 4096  # shingles permuted at a time: a huge text costs 2 MB of uint32 at a time, not 512 bytes a shingle


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The NUM_PERM permutations' (a, b), drawn as datasketch draws them: numpy's RandomState(SEED), a first (odd),
    then b."""
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _minhash(hashes: np.ndarray) -> np.ndarray:
    """The NUM_PERM MinHash values (uint32) of the shingles whose 32-bit hashes are `hashes` (at least one)."""
    s1, m1, s2, m2, s3 = _FMIX32
    mixed = hashes ^ (hashes >> s1)  # MurmurHash3's finalizer, wrapping like C's uint32
    mixed *= m1
    mixed ^= mixed >> s2
    mixed *= m2
    mixed ^= mixed >> s3
    a, b = _permutations()
    values = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    for start in range(0, len(mixed), _CHUNK):
        permuted = np.multiply.outer(mixed[start : start + _CHUNK], a)
        permuted += b
        np.minimum(values, permuted.min(axis=0), out=values)
    return values


@lru_cache(maxsize=8)  # content_sha256 and the signature of a story ask for the same text, one after the other
def comparable_text(text: str) -> str:
    """`text` with case, Unicode compatibility forms and spacing normalised away (what `content_sha256` hashes):
    runs of whitespace (str.isspace, as `re`'s \\s) become one space, none at either end."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def shingles(text: str) -> set[bytes]:
    """The shingles of `text` (see SHINGLE_SIZE and MIN_SHINGLES): SHINGLE_SIZE consecutive words, punctuation
    left out; in a word of a script written without spaces every character counts as a word."""
    joined, starts, ends = _shingle_bounds(text)
    return set(map(joined.__getitem__, map(slice, starts, ends)))


def _shingle_bounds(text: str) -> tuple[bytes, list[int], list[int]]:
    """The shingles of `text` in the text's order, a repeated one as often as it occurs (see `shingles`), as slices
    [start, end) of one encoded text."""
    normalised = comparable_text(text)
    tokens = split_words(normalised)
    if not normalised.isascii() and UNSPACED_RE.search(normalised) is not None:
        tokens = [unit for word in tokens for unit in (word if UNSPACED_RE.search(word) is not None else (word,))]
    count = len(tokens) - SHINGLE_SIZE + 1
    joined = " ".join(tokens).encode()
    if count < MIN_SHINGLES:
        return joined, [0], [len(joined)]
    # Shingle i is tokens i..i+SHINGLE_SIZE-1 joined by spaces: a slice of the whole text, encoded once. A token
    # never holds a space (a run of word characters, or one character of one), so the encoded text's spaces
    # separate the tokens: shingle i starts after space i-1 and ends at space i+SHINGLE_SIZE-1 (or the end).
    spaces = np.flatnonzero(np.frombuffer(joined, dtype=np.uint8) == ord(" "))
    starts = np.concatenate(([0], spaces[: count - 1] + 1)).tolist()
    ends = np.append(spaces[SHINGLE_SIZE - 1 :], len(joined)).tolist()
    return joined, starts, ends


_SHA1_BYTES = hashlib.sha1().digest_size


def story_signature(text: str) -> bytes:
    """The MinHash signature of a story's text: SIGNATURE_TAG, then NUM_PERM uint32 values (little-endian)."""
    joined, starts, ends = _shingle_bounds(text)
    # Each shingle's SHA-1, all in one buffer; its first 4 bytes (little-endian) are the shingle's hash. Each shingle
    # as often as it occurs: a minimum does not change for a value seen twice, and hashing the few repeats costs less
    # than finding them.
    digests = b"".join([hashlib.sha1(joined[start:end]).digest() for start, end in zip(starts, ends, strict=True)])
    hashes = np.ndarray((len(starts),), dtype="<u4", buffer=digests, strides=(_SHA1_BYTES,)).astype(np.uint32)
    return SIGNATURE_TAG + _minhash(hashes).astype("<u4").tobytes()


def signature_values(signature: bytes | None) -> np.ndarray | None:
    """The hash values of a signature of these parameters; None for a missing one or one of other parameters."""
    if signature is None or len(signature) != SIGNATURE_BYTES or not signature.startswith(SIGNATURE_TAG):
        return None
    return np.frombuffer(signature, dtype="<u4", offset=len(SIGNATURE_TAG))


def similarity(first: bytes, second: bytes) -> float:
    """The Jaccard similarity of two stories' shingle sets as their signatures estimate it."""
    a, b = signature_values(first), signature_values(second)
    if a is None or b is None:
        raise ValueError("not a signature of this version's parameters")
    return float(np.count_nonzero(a == b)) / NUM_PERM


def find_duplicates(
    rows: Iterable[tuple[str, datetime, bytes | np.ndarray | None]], stored: Mapping[str, str | None] | None = None
) -> dict[str, str | None]:
    """story_id -> duplicate_of for the rows (story_id, ingested_at, signature or its hash values) of a dataset.

    The stories are taken in order of (ingested_at, story_id). A story whose signature estimates a Jaccard
    similarity of THRESHOLD or more with an earlier first-of-its-kind story repeats it: its duplicate_of is the
    earliest such story. Otherwise it is the first of its kind (None), and later stories are compared with it. So
    exact copies share one canonical story, and a chain of small edits does not drift: every member of a cluster
    is near-identical to its canonical story itself. A row without a signature (null: carried from a snapshot
    written before the column existed; or made with other parameters) is None and not compared.

    `stored`: the values rows carried from the published snapshot already have (story_id -> duplicate_of). Such a
    row keeps its value, and one with None stays a first-of-its-kind story the others may repeat, unless its value
    names a story no longer among `rows` (changed or pruned since): then it is decided again, or readers who drop
    the repeats (`duplicate_of is null`) would lose the story. The others, this run's, are decided here.

    Candidates come from LSH banding done with numpy (the bands of _BANDS): a story is compared only with the
    first-of-its-kind stories that agree with it on every value of one band, so a cluster of thousands of copies
    costs one comparison a copy. The signatures are one uint32 matrix (512 bytes a story), the band keys 80 bytes."""
    stored = stored or {}
    ordered = sorted(rows, key=lambda row: (row[1], row[0]))
    present = {story_id for story_id, _, _ in ordered}
    result: dict[str, str | None] = {}
    ids: list[str] = []
    signatures: list[np.ndarray] = []
    for story_id, _, signature in ordered:
        result[story_id] = stored.get(story_id)
        values = signature if isinstance(signature, np.ndarray) else signature_values(signature)
        if values is not None:
            ids.append(story_id)
            signatures.append(values)
    if not ids:
        return result
    matrix = np.vstack(signatures)  # row = position in (ingested_at, story_id) order
    del signatures
    groups_of = _band_groups(matrix)  # position -> ids of the groups of positions that share a band key with it
    leaders: dict[int, list[int]] = {}  # group -> its first-of-its-kind positions so far, ascending
    for position, story_id in enumerate(ids):
        if story_id in stored and (stored[story_id] is None or stored[story_id] in present):
            is_first = stored[story_id] is None  # decided by an earlier run, and still whole
        else:
            candidates = sorted({c for group in groups_of.get(position, ()) for c in leaders.get(group, ())})
            match = next((c for c in candidates if np.count_nonzero(matrix[c] == matrix[position]) >= _AGREEING), None)
            result[story_id] = None if match is None else ids[match]
            is_first = match is None
        if is_first:
            for group in groups_of.get(position, ()):
                leaders.setdefault(group, []).append(position)
    return result


def _band_groups(matrix: np.ndarray) -> dict[int, list[int]]:
    """For each row of `matrix` (signatures) that agrees with another on all values of a band: the ids of those
    groups (one per band and key). Rows that share no band with any other are left out."""
    bands, width = _BANDS
    banded = matrix[:, : bands * width].astype(np.uint64).reshape(len(matrix), bands, width)
    keys = banded[:, :, 0]
    for column in range(1, width):  # a band's values folded into one key (width 2: exactly, 32 bits each)
        keys = (keys << np.uint64(64 // width)) ^ banded[:, :, column]
    del banded
    groups_of: dict[int, list[int]] = {}
    group = 0
    for band in range(bands):
        column = keys[:, band]
        order = np.argsort(column, kind="stable")  # equal keys side by side
        sorted_keys = column[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        sizes = np.diff(np.r_[starts, len(order)])
        for start, size in zip(starts[sizes > 1], sizes[sizes > 1], strict=True):
            for position in order[start : start + size].tolist():
                groups_of.setdefault(position, []).append(group)
            group += 1
    return groups_of
