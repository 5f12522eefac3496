"""classify_lines: the cleaner's steps in the order they run (see the package docstring), and clean_documents,
the pipeline stage."""

from __future__ import annotations

from ..models import Document, Line
from .density import (
    _classify,
    _context,
    _join_wrapped,
    _promote_best_prose,
    _stopword_density,
    _thresholds,
    _thresholds_by_language,
)
from .features import _BAD, _FACTS, _GOOD, _facts, _Feat
from .regions import _drop_outside_regions, _drop_symbol_lines, _drop_tail_bios, _name_reasons, _repeats
from .structure import (
    _mark_blocks,
    _mark_cut_excerpts,
    _mark_menu_runs,
    _mark_teaser_pairs,
    _mark_threads,
    _rescue_data_rows,
    _rescue_lists,
    _rescue_tables,
)


def classify_lines(text: str) -> list[Line]:
    """One Line per non-blank line of `text` (line.strip() != ""), in order; Line.number is the 1-based
    index in text.split("\\n"); Line.text is the stripped line; keep=True for article-body lines, else
    keep=False with a short human-readable reason."""
    feats: list[_Feat] = []
    append = feats.append
    # Most lines' facts are in the cache's young generation: a dict look-up, not a call of LineCache.get. After a
    # miss the cache may have started a new generation, so `young` is read again.
    cache = _FACTS
    young = cache.young
    for number, raw in enumerate(text.split("\n"), 1):
        s = raw.strip()
        if s:
            facts = young.get(s)
            if facts is None:
                facts = cache.get(s) or _facts(s)
                young = cache.young
            append(_Feat(number, s, facts))
    if not feats:
        return []

    chosen = _stopword_density(feats)
    limits = _thresholds(feats)
    by_language = _thresholds_by_language(feats, chosen, limits)
    for f in feats:
        if f.reason:
            f.cls = _BAD
        else:
            f.cls = _classify(f, by_language.get(f.vote, limits) if by_language else limits)
    _join_wrapped(feats, chosen, limits)
    _mark_blocks(feats)
    _mark_threads(feats)
    _mark_menu_runs(feats)
    _mark_teaser_pairs(feats)
    _mark_cut_excerpts(feats)
    _rescue_lists(feats)
    _rescue_tables(feats)
    _rescue_data_rows(feats)
    for f in feats:
        if f.reason:
            f.cls = _BAD
    _promote_best_prose(feats)

    classes = _context([f.cls for f in feats])
    keep = [c == _GOOD for c in classes]

    _drop_outside_regions(feats, keep)
    _drop_tail_bios(feats, keep)
    _repeats(feats, keep)
    _drop_symbol_lines(feats, keep)
    _name_reasons(feats, keep, classes)
    return [Line(f.number, f.text, kept, None if kept else f.reason) for f, kept in zip(feats, keep, strict=True)]


def clean_documents(documents: list[Document]) -> list[Document]:
    """Stage: every readable document's lines, each kept or removed with its reason."""
    for document in documents:
        if document.ok and document.raw_text is not None:
            document.lines = classify_lines(document.raw_text)
    return documents
