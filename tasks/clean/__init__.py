"""Line classifier: which lines of a rendered news page belong to an article body.

Method (ideas from jusText, C4's line rules and body-text-extraction, re-implemented here):

1. Hard rules catch page furniture by its vocabulary and shape (share widgets, clocks, "Read more:"
   teasers, comment forms, captions, cookie and copyright lines...: rules.py). Each anchored rule regex sits
   behind a prefix guard derived from its own parse tree (guards.py), so most lines skip it with one set look-up.
   Header lines such as "Related Articles", "About the Author" or "Leave a Reply" also open a block whose
   following lines share the verdict, until prose (teaser boxes) or a menu (comment forms) shows the block is
   over (structure.py). Phrase rules (calls to action, disclaimers, consent banners...) only run on lines holding
   one of their trigger words. Everything the text of a line alone decides is cached per distinct line
   (templates repeat: features.py).
2. Comment threads are found by their signatures ("Name says:", "Reply", "12 Votes", "May 3, 2019 at 6:34 am"):
   a chain of them a few lines apart removes everything between them, however well written. Teaser lists are
   found by their structure: chains of title + short-blurb pairs, or of excerpts cut short with "...".
   Hard-wrapped paragraphs (plain-text pages) are judged as the paragraph their lines form (density.py), and a
   bulleted list between two paragraphs (ingredients, key facts) is not a menu, nor is a table (rows of cells
   padded apart, in one layout, mostly figures: standings, results, fees) next to the article's prose; on a
   page without a paragraph of prose, a run of data rows (a figure and a few words each, laid out alike: a
   season's schedule, tour dates) is the article (structure.py).
3. Every other line gets a jusText-like class from its length, its stopword density and its sentence shape:
   good / near-good / short / bad. Each line votes for the language whose stopwords cover it best; every
   language with a fair share of votes is one of the page's languages, and a line's density is its best
   coverage among them (glued files may hold pages in several languages). The limits scale with the density of
   the page's own sentence-ended paragraphs, and a line is "bad" only when its density is also improbably low
   for a sample of its size: prose whose stopwords are prefixes or suffixes (Arabic, Hebrew, Korean), or whose
   language has no list (Tamil), is then judged by length and sentence shape. Short full sentences are near-good,
   and a page without one good line keeps its near-good sentences (density.py). Sentence ends, word counts and
   caseless first letters work in every script (tasks/text/scripts.py).
4. A context pass re-labels short and near-good lines by their nearest decided neighbours, so a subhead
   or one-line quote between article paragraphs stays while a short line between menus goes (density.py).
5. Kept lines are grouped into regions with a maximum-scoring-segments pass over line scores (scanning resumes
   after each segment's best end, so a later story after a long dip is its own segment); regions much weaker
   than the page's best one (isolated teasers, footer blurbs) are dropped as "outside-article". Every region
   above a fixed strength survives, so glued multi-story files keep all their stories. Author and site blurbs
   ("<Name> is a reporter for...") among the last kept lines go as "author-bio" (regions.py).

Modules, each importing only the ones before it:

- guards.py: the prefix guards (a rule regex's possible 3-character line starts, from its parse tree).
- rules.py: furniture by vocabulary and shape: the rule regexes and phrase lists, captions, signatures, _rule.
- features.py: the facts a line's text alone decides (_facts, cached in _FACTS) and _Feat, one line of a page;
  looks_like_caption, answered from those facts when the line's are there.
- density.py: the page's languages, stopword density limits, the line classes, hard-wrapped paragraphs, the
  context pass.
- structure.py: multi-line structures: header blocks, comment threads, menu runs, teaser lists, list, table and
  data-row rescue.
- regions.py: maximum-scoring regions, tail bios, repeats, lines without text, naming the reasons.
- classify.py: classify_lines, the steps in the order they run, and clean_documents (the pipeline stage).

The public API is re-exported here.
"""

from __future__ import annotations

from .classify import classify_lines, clean_documents
from .features import looks_like_caption
from .rules import RIGHTS_RESERVED

__all__ = ["RIGHTS_RESERVED", "classify_lines", "clean_documents", "looks_like_caption"]
