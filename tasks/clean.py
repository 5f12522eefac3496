"""Line classifier: which lines of a rendered news page belong to an article body.

Method (ideas from jusText, C4's line rules and body-text-extraction, re-implemented here):

1. Hard rules catch page furniture by its vocabulary and shape (share widgets, clocks, "Read more:"
   teasers, comment forms, captions, cookie and copyright lines...). Each anchored rule regex sits behind a
   prefix guard derived from its own parse tree, so most lines skip it with one set look-up. Header lines such
   as "Related Articles", "About the Author" or "Leave a Reply" also open a block whose following lines share
   the verdict, until prose (teaser boxes) or a menu (comment forms) shows the block is over.
2. Comment threads are found by their signatures ("Name says:", "Reply", "12 Votes", "May 3, 2019 at 6:34 am"):
   a chain of them a few lines apart removes everything between them, however well written.
3. Every other line gets a jusText-like class from its length, its stopword density and its sentence shape:
   good / near-good / short / bad. Each line votes for the language whose stopwords cover it best; every
   language with a fair share of votes is one of the page's languages, and a line's density is its best
   coverage among them (glued files may hold pages in several languages). Short full sentences are near-good.
4. A context pass re-labels short and near-good lines by their nearest decided neighbours, so a subhead
   or one-line quote between article paragraphs stays while a short line between menus goes.
5. Kept lines are grouped into regions with a maximum-scoring-segments pass over line scores (scanning resumes
   after each segment's best end, so a later story after a long dip is its own segment); regions much weaker
   than the page's best one (isolated teasers, footer blurbs) are dropped as "outside-article". Every region
   above a fixed strength survives, so glued multi-story files keep all their stories.
"""

from __future__ import annotations

import re
import statistics
from functools import cache
from itertools import repeat
from re import _constants as _C  # the prefix guards read the rule regexes' parse trees
from re import _parser

import stopwordsiso
from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.models import Document, Line

__all__ = ["classify_lines", "clean_batch", "looks_like_caption"]

# --------------------------------------------------------------------------------------------------------------
# Language / stopwords
# --------------------------------------------------------------------------------------------------------------

# Languages tried when guessing the page's stopword list. Ordered by how common they are in our input, so a tie
# goes to the more likely language.
_LANGS = (
    "en",
    "de",
    "es",
    "fr",
    "it",
    "pt",
    "nl",
    "sv",
    "da",
    "no",
    "fi",
    "pl",
    "cs",
    "sk",
    "ro",
    "hu",
    "hr",
    "sl",
    "tr",
    "ru",
    "uk",
    "bg",
    "el",
    "ar",
    "fa",
    "ur",
    "he",
    "hi",
    "bn",
    "id",
    "ms",
    "vi",
    "th",
    "zh",
    "ja",
    "ko",
    "ca",
    "eu",
    "gl",
    "lt",
    "lv",
    "et",
    "sw",
    "tl",
    "af",
)


@cache
def _stopwords(lang: str) -> frozenset[str]:
    try:
        return frozenset(w.lower() for w in stopwordsiso.stopwords(lang))
    except Exception:  # a language missing from the installed stopwordsiso version
        return frozenset()


# word -> packed counter: a 1 in the 12-bit field of every language whose stopword list holds the word. Summing
# these integers over a line counts the line's stopwords in all languages at once (one look-up per token).
_FIELD = 16  # bits: a packed sum converts to 16-bit counts with one C call (int.to_bytes + memoryview.cast)
_FIELD_MASK = (1 << _FIELD) - 1
_PACKED_BYTES = _FIELD * len(_LANGS) // 8
_WORD_LANGS: dict[str, int] = {}
for _bit, _lang in enumerate(_LANGS):
    for _w in _stopwords(_lang):
        _WORD_LANGS[_w] = _WORD_LANGS.get(_w, 0) + (1 << (_FIELD * _bit))

# CJK ideographs and kana carry a word's worth of meaning per character and are written without spaces: they
# are tokenised one character at a time (the zh/ja stopword lists hold the common single-character particles).
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN_RE = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
_CJK_RE = re.compile(rf"[{_CJK}]")
_WORD_RE = re.compile(r"[^\W\d_]+")

# --------------------------------------------------------------------------------------------------------------
# Rules: page furniture recognised by its vocabulary
# --------------------------------------------------------------------------------------------------------------

_BULLET_RE = re.compile(r"^(?:[*+\-•·◦▪►▸>»|–—]+|\d{1,2}[.)])\s+")
_SENTENCE_END = frozenset(".!?…。！？؟۔")
_CLOSERS = "\"'”’»)]"
_QUOTE_END = frozenset('"”»')

_SHARE_WORDS = (
    r"share|shares|share this( article| story| page| post)?|share on \w+|share via \w+|share article|tweet|"
    r"pin it|follow|follow us|follow us on \w+|subscribe|subscribe now|print|print this( article| page)?|"
    r"email|e-mail|mail|copy link|copy url|link copied|short url|shorturl|whatsapp|facebook|twitter|x|linkedin|"
    r"pinterest|reddit|telegram|flipboard|messenger|instagram|youtube|tiktok|comments?|save|bookmark|"
    r"teilen|artikel teilen|drucken|merken|folgen|empfehlen|versenden|per e-mail|link kopieren|"
    r"compartir|imprimir|seguir|partager|imprimer|suivre|condividi|stampa|partilhar|delen|gift this article|"
    r"listen|listen to (this )?(article|story)|audio|play|artikel anhören|vorlesen|zoom|a\+|a-|font size|"
    r"sign in|sign up|log ?in|register|anmelden|registrieren|menu|menü|search|suche|buscar|rechercher|close|"
    r"schließen|skip to (main )?content|skip to navigation|zum inhalt springen|back to top|nach oben|top"
)
_SHARE_RE = re.compile(rf"^(?:(?:{_SHARE_WORDS})[\s,|/·•:]*)+$", re.I)
_SHARE_PHRASE_RE = re.compile(
    r"^(?:add .{1,40} as a preferred source|sign up (?:for|to) (?:our|the) .{0,40}newsletter|"
    r"subscribe to (?:our|the) .{0,60}|get (?:our|the) .{0,40}newsletter|newsletter|"
    r"follow .{1,40} on (?:google news|twitter|facebook|instagram|x|whatsapp|telegram|linkedin)|"
    r"click here to .{0,60}|share (?:this|the) .{0,40}|newsletter abonnieren|jetzt abonnieren|"
    r"(?:join|download) (?:our|the) .{0,40}(?:app|channel|newsletter)|support (?:our|independent) journalism)"
    r"[\s.!:]*$",
    re.I,
)

_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "januar jänner februar märz maerz mai juni juli oktober dezember "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre "
    "janvier février fevrier mars avril juin juillet août aout septembre octobre novembre décembre "
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre "
    "janeiro fevereiro março maio junho julho setembro outubro novembro dezembro"
)
_DATE_WORDS = frozenset(
    (
        _MONTHS + " monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat "
        "sun montag dienstag mittwoch donnerstag freitag samstag sonntag lunes martes miércoles jueves viernes "
        "sábado domingo lundi mardi mercredi jeudi vendredi samedi dimanche am pm a m p gmt utc cet cest est edt "
        "pst pdt ist pkt bst mez mesz updated update published posted last modified ago sec secs second seconds "
        "min mins minute minutes hour hours hr hrs h day days week weeks month months year years yesterday today "
        "now just on at the of et st nd rd th read reading time lesezeit um uhr stand aktualisiert "
        "veröffentlicht zuletzt vor stunde stunden minuten tag tagen woche wochen monat monaten jahr jahren "
        "gestern heute am de del la le actualizado publicado hace horas minutos días à il y a mis jour publié "
        "heures jours le aggiornato pubblicato ore fa"
    ).split()
)
_DATE_ANCHOR_RE = re.compile(
    r"\d|\b(?:ago|yesterday|today|gestern|heute|hace|" + "|".join(_MONTHS.split()) + r")\b", re.I
)
_CLOCK_PHRASE_RE = re.compile(
    r"^(?:fetching weather|loading weather|\d{1,3}\s?°\s?[cf]?\b|weather|wetter|"
    r"breaking news|breaking|live|watch live|live updates|newsflash|eilmeldung|just in|"
    r"\d+\s*(?:min|minute|minuten|mins)\.?\s*(?:read|lesezeit|de lectura|de lecture)|"
    r"(?:reading time|lesezeit|lesedauer)[:\s]+.{0,20})\W*",
    re.I,
)

_TEASER_RE = re.compile(
    r"^(?:read more|read also|also read|read next|read:|also see|see also|more:|related:|related story|"
    r"recommended:|watch:|watch video|video:|listen:|further reading|more on this|click here|"
    r"lesen sie auch|lesen sie mehr|lesen sie hier|auch interessant|mehr zum thema|mehr dazu|weiterlesen|"
    r"mehr lesen|zum artikel|zum thema|das könnte sie auch interessieren|siehe auch|"
    r"lea también|lea más|lea:|leer más|lee también|ver también|te puede interesar|también te puede interesar|"
    r"lire aussi|à lire aussi|a lire aussi|lire la suite|voir aussi|en savoir plus|"
    r"leggi anche|leia também|leia mais|lees ook)\b",
    re.I,
)
_TEASER_TAIL_RE = re.compile(r"(?:\.\.\.|…)\s*(?:read more|mehr|weiterlesen|leer más|lire la suite)?\s*$", re.I)

# Headers that open a block of teasers (the lines under them are links to other stories).
_TEASER_HEADER_RE = re.compile(
    r"^(?:related|related (?:articles?|stories|story|posts?|news|content|coverage|links|topics|videos?)|"
    r"more (?:stories|news|articles|videos|from .{1,40}|on .{1,40}|in .{1,40})|trending|trending (?:now|"
    r"stories|news|topics|articles|videos)|recommended(?: for you| stories| articles| reading)?|top stories|"
    r"latest(?: news| stories| articles| videos)?|popular|most popular|most read|most viewed|most shared|"
    r"you may also like|you might also like|you may have missed|don't miss|must (?:read|watch)|editor'?s picks|"
    r"what to read next|read next|up next|in other news|also in .{1,30}|more to explore|around the web|"
    r"from the web|sponsored (?:stories|content|links)|promoted (?:stories|content)|"
    r"das könnte sie auch interessieren|mehr zum thema|weitere artikel|weitere nachrichten|meistgelesen|"
    r"meistgelesene artikel|am meisten gelesen|top-artikel|empfehlungen|ähnliche artikel|verwandte artikel|"
    r"auch interessant|aktuelle nachrichten|neueste artikel|das könnte dich auch interessieren|"
    r"noticias relacionadas|te puede interesar|lo más leído|más noticias|relacionados|"
    r"à lire aussi|sur le même sujet|les plus lus|articles similaires|dans la même rubrique|"
    r"articoli correlati|notizie correlate|leia também|notícias relacionadas|tags|topics|themen|schlagworte)"
    r"[\s:.!]*$",
    re.I,
)
_AUTHOR_HEADER_RE = re.compile(
    r"^(?:about the authors?|about author|author bio|author|authors|über den autor|über die autorin|"
    r"über die autoren|zur person|zum autor|sobre el autor|sobre la autora|sobre o autor|"
    r"à propos de l'auteur|a propos de l'auteur|l'auteur|written by)[\s:.]*$",
    re.I,
)
_COMMENT_HEADER_RE = re.compile(
    r"^(?:leave a (?:reply|comment)|post a comment|add a comment|write a comment|\d+ comments?|"
    r"show comments|view comments|load comments|join the (?:conversation|discussion)|be the first to comment|"
    r"kommentar schreiben|\d+ kommentare?|leserkommentare|diskutieren sie mit|"
    r"deja un comentario|dejar un comentario|\d+ comentarios|laisser un commentaire|"
    r"lascia un commento|deixe um comentário)[\s:.!]*$",
    re.I,
)
_COMMENT_FIELD_RE = re.compile(
    r"^(?:cancel reply|submit comment|post comment|name|email|e-mail|website|comments?|kommentare?|nachricht|"
    r"kommentieren|comentarios|commentaires|commenti)"
    r"[\s:.!*]*$",
    re.I,
)
# Comment-form sentences, found as plain substrings of the lower-cased line (much faster than a regex search).
_COMMENT_PHRASES = (
    "your email address will not be published",
    "required fields are marked",
    "save my name, email",
    "notify me of new",
    "notify me of follow-up",
    "e-mail-adresse wird nicht veröffentlicht",
    "erforderliche felder sind",
    "correo electrónico no será publicada",
    "adresse e-mail ne sera pas publiée",
    "you must be logged in to post a comment",
    "comments are closed",
    "to comment, please",
)
_COPYRIGHT_PHRASES = (
    "©",
    "copyright",
    "all rights reserved",
    "alle rechte vorbehalten",
    "todos los derechos reservados",
    "tous droits réservés",
    "tutti i diritti riservati",
    "todos os direitos reservados",
)
# C4's policy substrings plus browser / ad-blocker notices.
_POLICY_PHRASES = (
    "terms of use",
    "terms of service",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
    "cookie settings",
    "cookie-einstellungen",
    "cookies einstellungen",
    "verwendet cookies",
    "verwenden cookies",
    "nutzt cookies",
    "utiliza cookies",
    "utilizamos cookies",
    "utilise des cookies",
    "utilisons des cookies",
    "javascript",
    "your browser",
    "ihr browser",
    "enable js",
    "adblock",
    "ad blocker",
    "werbeblocker",
    "lorem ipsum",
)
_LEGAL_RE = re.compile(
    r"^(?:terms of (?:use|service)|privacy(?: policy| notice| settings)?|cookie (?:policy|settings)|imprint|"
    r"impressum|datenschutz(?:erklärung)?|agb|nutzungsbedingungen|kontakt|contact(?: us)?|about us|"
    r"aviso legal|política de privacidad|mentions légales|accessibility(?: links| statement)?|sitemap|"
    r"careers|advertise(?: with us)?|mediadaten)[\s|•·,]*",
    re.I,
)
_AD_RE = re.compile(
    r"^(?:advertisement|advertising|ad|ads|sponsored|sponsored content|paid content|paid post|promoted|"
    r"anzeige|werbung|publicidad|publicité|pubblicità|publicidade|story continues below(?: advertisement)?|"
    r"continue reading below|article continues below|scroll to continue(?: with content)?|"
    r"werbung überspringen|- anzeige -)[\s:.]*$",
    re.I,
)
_BYLINE_RE = re.compile(
    r"^(?:by|von|por|par|di|door|written by|reported by|posted by|text:|autor:|autorin:|author:|"
    r"redaktion:)\s+\S.{0,80}$|^gravatar",
    re.I,
)
_HIGHLIGHT_HEADER_RE = re.compile(
    r"^(?:story highlights|highlights|key points|key takeaways|das wichtigste in kürze|in kürze|"
    r"lo más importante|l'essentiel|summary|zusammenfassung|auf einen blick)[\s:]*$",
    re.I,
)


def _body(rx: re.Pattern[str]) -> str:
    p = rx.pattern
    return p[1:-1] if p.startswith("^") and p.endswith("$") else p.lstrip("^")


# All full-line rules for short lines in one regex: one C-level call per line instead of ten. Group order is
# the precedence; the group name is the verdict.
_SHORT_RULES = {
    "comment_header": _COMMENT_HEADER_RE,
    "teaser_header": _TEASER_HEADER_RE,
    "author_header": _AUTHOR_HEADER_RE,
    "highlight_header": _HIGHLIGHT_HEADER_RE,
    "share": _SHARE_RE,
    "share_phrase": _SHARE_PHRASE_RE,
    "comment_field": _COMMENT_FIELD_RE,
    "clock": _CLOCK_PHRASE_RE,
    "ad": _AD_RE,
    "legal": _LEGAL_RE,
}
_SHORT_RE = re.compile("|".join(f"(?P<{k}>{_body(v)})" for k, v in _SHORT_RULES.items()), re.I)
_SHORT_REASON = {
    "comment_header": "comment-form",
    "teaser_header": "section-header",
    "author_header": "author-bio",
    "highlight_header": "highlight",
    "share": "share-widget",
    "share_phrase": "share-widget",
    "comment_field": "comment-form",
    "clock": "clock-weather",
    "ad": "ad",
    "legal": "legal",
}

# --------------------------------------------------------------------------------------------------------------
# Prefix guards: most lines cannot match a rule, and a big alternation costs ~10 µs per line to reject. Each
# anchored rule regex gets the set of lower-cased 3-character prefixes a matching line can start with, derived
# from the regex's own parse tree (so the guard can never drift from the rule); a line whose prefix is not in the
# set skips the regex. If the derivation meets something it cannot enumerate, that branch stops early and the
# guard becomes more permissive, never stricter.
# --------------------------------------------------------------------------------------------------------------

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

    def match(self, s: str, head: str) -> re.Match[str] | None:
        return self.rx.match(s) if self.possible(head) else None

    def fullmatch(self, s: str, head: str) -> re.Match[str] | None:
        return self.rx.fullmatch(s) if self.possible(head) else None


# Photo captions and credits.
_AGENCY = (
    r"AFP|AP|Reuters|Getty(?: Images)?|EPA(?:-EFE)?|EFE|dpa|Xinhua|Anadolu(?: Agency)?|Bloomberg|Shutterstock|"
    r"Alamy|iStock(?:photo)?|imago(?: images)?|picture[ -]alliance|Keystone|ANSA|Europa Press|AAP|PA|"
    r"NurPhoto|SOPA Images|Sipa|Zuma|WENN|Splash|Pool|Handout|File|Archive|Archiv|Photo|Foto|Image|Bild|"
    r"Courtesy|Screenshot|Screengrab|Supplied|Symbolbild|Symbolfoto"
)
_CAPTION_START_RE = re.compile(
    r"^(?:in this (?:image|photo|picture|handout|file|undated|video|photograph|frame|screen ?grab|aerial)|"
    r"this (?:image|photo|picture|handout photo|file photo|undated photo)|file photo|file picture|"
    r"(?:photo|foto|bild|image|picture|pictured|photograph|credit|caption|fotografía|crédit|quelle|"
    r"bildquelle|image source|photo credit|photo by|image by)\s*[:|(]|photo by |image: |pictured:|"
    r"\((?:photo|image|picture|foto)\b)",
    re.I,
)
_CAPTION_END_RE = re.compile(
    r"(?:"
    r"[(\[]\s*(?:[^()\[\]]{0,60}/\s*)?(?:" + _AGENCY + r")\b[^()\[\]]{0,60}[)\]]"  # (AFP/File), [Name/AFP]
    r"|[(\[][^()\[\]/]{1,60}/[^()\[\]]{1,60}[)\]]"  # (Name/Agency)
    r"|(?:^|[\s|/(])(?:photo|foto|bild|image|picture|credit|photograph|quelle|crédit|fotos?|"
    r"image credit|photo credit)s?\s*:\s*[^.:]{2,80}"  # Photo: Name
    r"|(?:[/|©]|\bvia)\s*(?:" + _AGENCY + r")\b[^.]{0,40}"  # / AFP, © dpa
    r"|\bgetty images\b[^.]{0,30}"
    r")\s*[.)\]]?\s*$",
    re.I,
)

_SHORT_G = _Guard(_SHORT_RE)
_TEASER_G = _Guard(_TEASER_RE)
_BYLINE_G = _Guard(_BYLINE_RE)
_SHARE_PHRASE_G = _Guard(_SHARE_PHRASE_RE)
_CAPTION_START_G = _Guard(_CAPTION_START_RE)


def looks_like_caption(line: str) -> bool:
    """True if `line` reads like a photo caption or a photo credit (and not like an article paragraph)."""
    s = line.strip()
    if not s or len(s) > 600:
        return False
    if _CAPTION_START_G.match(s, s[:_PK].lower()):
        return True
    # Credits sit at the end of the line; look only there, and only if a credit's marks are present.
    tail = s[-120:]
    low = tail.lower()
    if tail[-1] in ")]" or ":" in tail or "/" in tail or "©" in tail or "getty" in low or "via " in low:
        return bool(_CAPTION_END_RE.search(tail))
    return False


# --------------------------------------------------------------------------------------------------------------
# Features
# --------------------------------------------------------------------------------------------------------------

_GOOD, _NEAR, _SHORT, _BAD = "good", "near-good", "short", "bad"

# jusText's length limits (characters; a CJK character counts as three) and stopword densities. The ISO lists
# are larger than jusText's, so the densities are higher than jusText's 0.30/0.32; they are also scaled down
# for pages whose article text is sparse in stopwords (see _thresholds).
_LEN_LOW = 70
_LEN_HIGH = 200
_SENTENCE_MIN = 25  # characters: shorter terminal lines are buttons and fragments, not sentences
_SW_LOW = 0.30
_SW_HIGH = 0.36
_REGION_MIN = 300.0  # a region weaker than this (and than a quarter of the best) is a stray blurb
_REGION_FRAC = 0.25
_REGION_CAP = 2 * _REGION_MIN  # a region this strong always stays (the next story of a glued file)


class _Feat:
    __slots__ = (
        "idx",
        "number",
        "text",
        "core",
        "length",
        "words",
        "sw",
        "terminal",
        "bullet",
        "cls",
        "reason",
        "kind",
    )

    def __init__(self, idx: int, number: int, text: str) -> None:
        self.idx = idx
        self.number = number
        self.text = text
        m = _BULLET_RE.match(text)
        self.bullet = bool(m)
        self.core = text[m.end() :] if m else text
        core = self.core
        self.length = len(core) if core.isascii() else len(core) + 2 * len(_CJK_RE.findall(core))
        # Tokens are only needed for lines long enough to be prose (shorter ones are "short" anyway).
        stripped = core.rstrip(_CLOSERS)
        self.terminal = bool(stripped) and stripped[-1] in _SENTENCE_END or core[-1] in _QUOTE_END
        # Tokens are only needed for lines that may be prose: long ones, and short full sentences.
        prose = self.length >= _LEN_LOW or (self.terminal and self.length >= _SENTENCE_MIN)
        self.words: list[str] = _TOKEN_RE.findall(core.lower()) if prose else []
        self.sw = 0.0
        self.cls = _SHORT
        self.reason: str | None = None
        self.kind: str | None = None  # which short-line rule matched (a header opens a block)


def _lang_counts(words: list[str]) -> list[int]:
    """Stopword hits of `words` in every language of _LANGS, in one pass over the words."""
    packed = sum(map(_WORD_LANGS.get, words[:_FIELD_MASK], repeat(0)))
    return memoryview(packed.to_bytes(_PACKED_BYTES, "little")).cast("H").tolist()


def _stopword_density(feats: list[_Feat]) -> None:
    """Set every line's stopword density in the page's language(s).

    Each line with a few words votes for the language whose stopwords cover most of its tokens; every language
    with a fair share of the votes is one of the page's languages (a file may hold pages in several languages),
    and a line's density is its best coverage among them."""
    counts = {}
    votes = [0] * len(_LANGS)
    for f in feats:
        if f.words:
            c = _lang_counts(f.words)
            counts[f.idx] = c
            if len(f.words) >= 5:
                m = max(c)
                if m:
                    votes[c.index(m)] += 1
    top = max(votes)
    # No stopword hits at all: fall back to English (bit 0), as before.
    chosen = [b for b, v in enumerate(votes) if v == top or v >= max(3, 0.1 * top)] if top else [0]
    for f in feats:
        if f.words:
            c = counts[f.idx]
            f.sw = max(c[b] for b in chosen) / len(f.words)


def _is_date_only(f: _Feat, low: str) -> bool:
    if f.length > 90:
        return False
    # Cheap guard: a date line holds a digit or starts with a date word ("Yesterday", "Monday, 3 May").
    if not any(map(str.isdigit, low)):
        first = _WORD_RE.search(low)
        if first is None or first.group() not in _DATE_WORDS:
            return False
    words = _WORD_RE.findall(low)
    return all(w in _DATE_WORDS for w in words) and bool(_DATE_ANCHOR_RE.search(f.core))


def _rule(f: _Feat) -> str | None:
    """The reason a line is furniture whatever its neighbours, or None."""
    s = f.core
    n = f.length
    low = s.lower()
    head = low[:_PK]
    if n <= 80:
        m = _SHORT_G.fullmatch(s, head)
        if m:
            f.kind = m.lastgroup
            return _SHORT_REASON[f.kind]
        if _is_date_only(f, low):
            return "clock-weather"
        if (_BYLINE_G.match(s, head) or low.endswith(" ago")) and not f.terminal:
            return "byline"
    elif n <= 200 and _SHARE_PHRASE_G.match(s, head):
        return "share-widget"
    if _TEASER_G.match(s, head):
        return "teaser"
    # Cheap guards before the phrase lists: most lines contain none of these marks.
    if n <= 300 and ("mail" in low or "comment" in low or "felder" in low) and any(p in low for p in _COMMENT_PHRASES):
        return "comment-form"
    copyright_mark = "©" in s or "copyright" in low or "reserv" in low or "rechte" in low or "riserv" in low
    if n <= 400 and copyright_mark and any(p in low for p in _COPYRIGHT_PHRASES):
        return "copyright"
    if (
        n <= 600
        and (
            "cookie" in low
            or "terms of" in low
            or "privacy" in low
            or "script" in low
            or "browser" in low
            or "block" in low
            or "lorem" in low
            or "enable" in low
        )
        and any(p in low for p in _POLICY_PHRASES)
    ):
        return "cookie-notice" if "cookie" in low else "legal"
    if looks_like_caption(f.text):
        return "caption"
    return None


def _thresholds(feats: list[_Feat]) -> tuple[float, float]:
    """Stopword-density limits, scaled down when the page's prose is sparse in stopwords (odd language guess,
    telegraphic style), so such a page does not lose its whole article."""
    dens = [f.sw for f in feats if f.length >= _LEN_HIGH and f.terminal]
    if len(dens) < 3:
        return _SW_LOW, _SW_HIGH
    ref = statistics.median(dens)
    return min(_SW_LOW, 0.6 * ref), min(_SW_HIGH, 0.75 * ref)


def _classify(f: _Feat, sw_low: float, sw_high: float) -> str:
    if f.length < _LEN_LOW:
        # A short full sentence ("Nobody was hurt.") reads like the article when its neighbours do; a menu item,
        # button or headline does not end like a sentence.
        if len(f.words) >= 5 and f.sw >= sw_high and f.core[0].isupper() and not f.bullet:
            return _NEAR
        return _SHORT
    if len(f.words) < 3:
        return _SHORT
    if f.sw < sw_low:
        return _BAD if f.length >= _LEN_HIGH or f.terminal else _SHORT
    # Lines without a sentence ending are headlines, teaser titles or menu items unless they are long.
    if not f.terminal and f.length < _LEN_HIGH:
        return _SHORT
    if f.bullet and f.length < _LEN_HIGH:
        return _NEAR if f.terminal else _SHORT
    if f.sw >= sw_high and (f.length >= _LEN_HIGH or (f.terminal and f.length >= 120)):
        return _GOOD
    return _NEAR


def _nearest(classes: list[str], ignore_near: bool) -> tuple[list[str], list[str]]:
    """For every index, the class of the nearest decided line before and after it (page edges count as bad)."""
    n = len(classes)
    prev, nxt = [_BAD] * n, [_BAD] * n
    last = _BAD
    for i in range(n):
        prev[i] = last
        c = classes[i]
        if c in (_GOOD, _BAD) or c == _NEAR and not ignore_near:
            last = c
    last = _BAD
    for i in range(n - 1, -1, -1):
        nxt[i] = last
        c = classes[i]
        if c in (_GOOD, _BAD) or c == _NEAR and not ignore_near:
            last = c
    return prev, nxt


def _context(classes: list[str]) -> list[str]:
    """jusText's context pass: short and near-good lines take the class of their surroundings."""
    out = list(classes)
    prev_i, next_i = _nearest(classes, True)
    prev_n, next_n = _nearest(classes, False)
    for i, c in enumerate(classes):
        if c == _SHORT:
            prev, nxt = prev_i[i], next_i[i]
            if prev == nxt:
                out[i] = prev
            elif (prev == _BAD and prev_n[i] == _NEAR) or (nxt == _BAD and next_n[i] == _NEAR):
                out[i] = _GOOD
            else:
                out[i] = _BAD
        elif c == _NEAR:
            out[i] = _BAD if prev_i[i] == next_i[i] == _BAD else _GOOD
    return out


# --------------------------------------------------------------------------------------------------------------
# Blocks opened by a header line
# --------------------------------------------------------------------------------------------------------------


def _mark_blocks(feats: list[_Feat]) -> None:
    """Lines under a teaser / author / comment header share the header's verdict until the article resumes."""
    i = 0
    n = len(feats)
    while i < n:
        f = feats[i]
        block = None
        if f.kind == "teaser_header":
            block = "teaser"
        elif f.kind == "author_header":
            block = "author-bio"
        elif f.kind == "comment_header":
            block = "comment-form"
        if block is None:
            i += 1
            continue
        limit = {"teaser": 12, "author-bio": 6, "comment-form": 40}[block]
        j = i + 1
        while j < n and j - i <= limit:
            g = feats[j]
            # Prose means the article goes on (a "Trending" box inside the body): a long paragraph, or for
            # teaser boxes (lists of headlines) any full sentence-shaped paragraph.
            if g.reason is None and (
                (g.length >= 250 and g.cls == _GOOD)
                or (block == "teaser" and g.cls in (_GOOD, _NEAR) and g.terminal and g.length >= 100)
            ):
                break
            if g.reason in ("section-header", "author-bio") and block == "teaser":
                break
            # A menu after a comment form is the next page's header (glued files), not more of the form.
            if block == "comment-form" and j + 2 < n and all(_is_menu_item(h) for h in feats[j : j + 3]):
                break
            if g.reason is None:
                g.reason = block
            j += 1
        i = j


# Comment threads: paragraphs interleaved with "Name says:", "Reply", "12 Votes" and "May 3, 2019 at 6:34 am" lines.
_SIGNATURE_RE = re.compile(
    r"^(?:.{1,60}\s(?:says|wrote|schreibt|escribió|écrit|scrive)\s?:|"
    r"(?:reply|replies|antworten|antwort|responder|répondre|rispondi|report|report abuse|melden|like|likes|"
    r"permalink|flag|upvote|downvote|(?:view|load|show) (?:all|more)(?: replies| comments)?|\(view all\))"
    r"(?:\s*[↓↑|·•]\s*(?:reply|report|like|share|flag|permalink))*|"
    r"(?:rating:\s*)?[+-]?\d+\s*(?:votes?|likes?|replies|points|stimmen|antworten)|"
    r".{0,40}\d{4}\s+(?:at|um|à|a las|alle)\s+\d{1,2}[:.]\d\d.{0,12}|"
    r".{0,30}\bago\s+at\s+\d{1,2}[:.]\d\d.{0,12})[\s.!]*$",
    re.I,
)
_THREAD_GAP = 8  # lines between two signatures of the same thread
_THREAD_MIN = 3  # signatures that make a thread


def _is_signature(f: _Feat) -> bool:
    if f.length > 80 or f.terminal and not f.core.endswith(":"):
        return False
    # Cheap guard: long signatures hold a colon ("says:", "at 6:34 am"); short ones are "Reply" or "12 Votes".
    if f.length > 30 and ":" not in f.core:
        return False
    return _SIGNATURE_RE.match(f.core) is not None


def _mark_threads(feats: list[_Feat]) -> None:
    """A chain of comment signatures, each a few lines from the next, is a comment thread: every line from
    the first signature to the comment after the last one goes, whatever its prose quality."""
    sigs = [k for k, f in enumerate(feats) if f.length <= 80 and _is_signature(f)]
    start = 0
    while start < len(sigs):
        end = start
        while end + 1 < len(sigs) and sigs[end + 1] - sigs[end] <= _THREAD_GAP:
            end += 1
        if end - start + 1 >= _THREAD_MIN:
            first, last = sigs[start], sigs[end]
            # The last comment's text follows its signature: up to the next header or menu.
            stop = last + 1
            while (
                stop < len(feats) and stop - last <= 4 and feats[stop].kind is None and not _is_menu_item(feats[stop])
            ):
                stop += 1
            for f in feats[first:stop]:
                if f.reason is None or f.reason in ("clock-weather", "byline", "share-widget"):
                    f.reason = "comment"
        start = end + 1


_MENU_ITEM_MAX = 30  # characters: "Home", "World news", "• /Politics"
_MENU_RUN_MIN = 3


def _is_menu_item(f: _Feat) -> bool:
    return f.reason is None and f.length <= _MENU_ITEM_MAX and not f.terminal and len(f.core.split()) <= 4


def _mark_menu_runs(feats: list[_Feat]) -> None:
    """Several tiny unpunctuated lines in a row are a menu, wherever they stand. The context pass must not
    pull them into the article just because paragraphs surround them (jusText would)."""
    i, n = 0, len(feats)
    while i < n:
        j = i
        while j < n and _is_menu_item(feats[j]):
            j += 1
        if j - i >= _MENU_RUN_MIN:
            for f in feats[i:j]:
                f.reason = "menu-run"
        i = max(j, i + 1)


# --------------------------------------------------------------------------------------------------------------
# Regions: maximum-scoring segments
# --------------------------------------------------------------------------------------------------------------


def _line_score(f: _Feat, keep: bool) -> float:
    if keep:
        return max(20.0, min(f.length, 600) * (1.5 if f.cls == _GOOD else 0.8))
    if f.reason in ("section-header", "teaser", "comment-form", "comment", "author-bio", "copyright", "legal"):
        return -150.0
    return -max(25.0, min(f.length, 200) * 0.6)


def _regions(feats: list[_Feat], keep: list[bool]) -> list[tuple[int, int, float]]:
    """Disjoint maximal-scoring segments (start, end inclusive, score) over line scores.

    Kadane with reset; when a segment closes, scanning resumes right after its best end, so a strong block
    that follows a long dip (the next glued story after a comment form) is found as a segment of its own
    instead of being swallowed by a run that never got back above its earlier best."""
    scores = [_line_score(f, k) for f, k in zip(feats, keep, strict=True)]
    out = []
    n = len(scores)
    i = 0
    while i < n:
        if scores[i] <= 0:
            i += 1
            continue
        total = best = 0.0
        best_end = i
        j = i
        while j < n:
            total += scores[j]
            if total > best:
                best, best_end = total, j
            if total <= 0:
                break
            j += 1
        out.append((i, best_end, best))
        i = best_end + 1
    return out


# --------------------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------------------


def classify_lines(text: str) -> list[Line]:
    """One Line per non-blank line of `text` (line.strip() != ""), in order; Line.number is the 1-based
    index in text.split("\\n"); Line.text is the stripped line; keep=True for article-body lines, else
    keep=False with a short human-readable reason."""
    feats: list[_Feat] = []
    for number, raw in enumerate(text.split("\n"), 1):
        s = raw.strip()
        if s:
            feats.append(_Feat(len(feats), number, s))
    if not feats:
        return []

    _stopword_density(feats)
    for f in feats:
        f.reason = _rule(f)
    sw_low, sw_high = _thresholds(feats)
    for f in feats:
        f.cls = _BAD if f.reason else _classify(f, sw_low, sw_high)
    _mark_blocks(feats)
    _mark_threads(feats)
    _mark_menu_runs(feats)
    for f in feats:
        if f.reason:
            f.cls = _BAD

    classes = _context([f.cls for f in feats])
    keep = [c == _GOOD for c in classes]

    regions = _regions(feats, keep)
    if regions:
        top = max(r[2] for r in regions)
        inside = [False] * len(feats)
        for a, b, score in regions:
            if score == top or score >= max(_REGION_MIN, min(_REGION_FRAC * top, _REGION_CAP)):
                for k in range(a, b + 1):
                    inside[k] = True
        for k, f in enumerate(feats):
            if keep[k] and not inside[k]:
                keep[k] = False
                f.reason = "outside-article"

    _repeats(feats, keep)
    _name_reasons(feats, keep, classes)
    return [Line(f.number, f.text, keep[k], None if keep[k] else f.reason) for k, f in enumerate(feats)]


def _repeats(feats: list[_Feat], keep: list[bool]) -> None:
    """Lines repeating other text of the page: headlines printed twice, highlights and pull quotes that
    repeat a sentence of the body. The longer line (the paragraph) is the one that stays."""
    seen: dict[str, int] = {}
    for k, f in enumerate(feats):
        key = f.core.lower()
        if key in seen and f.length >= 20:
            if keep[k]:
                keep[k] = False
                f.reason = "duplicate"
        else:
            seen[key] = k
    # Each kept line appears once in kept_text; a second hit means it is repeated inside another kept line.
    kept_text = "\n".join(f.core for k, f in enumerate(feats) if keep[k])
    for k, f in enumerate(feats):
        if keep[k] and 40 <= f.length < 400 and kept_text.count(f.core) >= 2:
            keep[k] = False
            f.reason = "highlight"


def _name_reasons(feats: list[_Feat], keep: list[bool], classes: list[str]) -> None:
    """Give lines removed by the statistics (no rule hit) a reason a person understands."""
    first_kept = next((k for k in range(len(feats)) if keep[k]), len(feats))
    # Length of the run of removed short lines each line belongs to (a menu is a run of them).
    runs = [0] * len(feats)
    k = 0
    while k < len(feats):
        j = k
        while j < len(feats) and not keep[j] and feats[j].cls == _SHORT:
            j += 1
        for m in range(k, j):
            runs[m] = j - k
        k = j + 1 if j == k else j
    for k, f in enumerate(feats):
        if keep[k] or f.reason:
            continue
        # Head of the article: headline, bullet highlights and standfirst just before the first kept line.
        if first_kept - 12 <= k < first_kept:
            if f.bullet:
                f.reason = "highlight"
                continue
            if f.cls == _NEAR or (f.cls == _GOOD and f.length < 400):
                f.reason = "standfirst"
                continue
            if f.cls == _SHORT and len(f.words) >= 4 and not f.terminal:
                f.reason = "headline"
                continue
        if f.cls == _SHORT:
            f.reason = "menu-run" if runs[k] >= 3 else "short-no-sentence"
        elif f.cls == _BAD:
            f.reason = "not-prose"
        else:
            f.reason = "outside-article"


@task(name="clean-boilerplate", cache_policy=NO_CACHE)
def clean_batch(documents: list[Document]) -> list[Document]:
    for document in documents:
        if document.ok and document.raw_text is not None:
            document.lines = classify_lines(document.raw_text)
    return documents
