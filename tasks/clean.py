"""Line classifier: which lines of a rendered news page belong to an article body.

Method (ideas from jusText, C4's line rules and body-text-extraction, re-implemented here):

1. Hard rules catch page furniture by its vocabulary and shape (share widgets, clocks, "Read more:"
   teasers, comment forms, captions, cookie and copyright lines...). Each anchored rule regex sits behind a
   prefix guard derived from its own parse tree, so most lines skip it with one set look-up. Header lines such
   as "Related Articles", "About the Author" or "Leave a Reply" also open a block whose following lines share
   the verdict, until prose (teaser boxes) or a menu (comment forms) shows the block is over.
   Phrase rules (calls to action, disclaimers, consent banners...) only run on lines holding one of their
   trigger words. Everything the text of a line alone decides is cached per distinct line (templates repeat).
2. Comment threads are found by their signatures ("Name says:", "Reply", "12 Votes", "May 3, 2019 at 6:34 am"):
   a chain of them a few lines apart removes everything between them, however well written. Teaser lists are
   found by their structure: chains of title + short-blurb pairs, or of excerpts cut short with "...".
   Hard-wrapped paragraphs (plain-text pages) are judged as the paragraph their lines form, and a bulleted
   list between two paragraphs (ingredients, key facts) is not a menu, nor is a table (rows of cells padded
   apart, in one layout, mostly figures: standings, results, fees) next to the article's prose.
3. Every other line gets a jusText-like class from its length, its stopword density and its sentence shape:
   good / near-good / short / bad. Each line votes for the language whose stopwords cover it best; every
   language with a fair share of votes is one of the page's languages, and a line's density is its best
   coverage among them (glued files may hold pages in several languages). Short full sentences are near-good.
4. A context pass re-labels short and near-good lines by their nearest decided neighbours, so a subhead
   or one-line quote between article paragraphs stays while a short line between menus goes.
5. Kept lines are grouped into regions with a maximum-scoring-segments pass over line scores (scanning resumes
   after each segment's best end, so a later story after a long dip is its own segment); regions much weaker
   than the page's best one (isolated teasers, footer blurbs) are dropped as "outside-article". Every region
   above a fixed strength survives, so glued multi-story files keep all their stories. Author and site blurbs
   ("<Name> is a reporter for...") among the last kept lines go as "author-bio".
"""

from __future__ import annotations

import operator
import re
import statistics
from collections import Counter
from functools import cache
from re import _constants as _C  # the prefix guards read the rule regexes' parse trees
from re import _parser

import stopwordsiso

from tasks.models import Document, Line

__all__ = ["RIGHTS_RESERVED", "classify_lines", "clean_documents", "looks_like_caption"]

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


# word -> packed counter: a 1 in the 8-bit field of every language whose stopword list holds the word. Summing
# these integers over a line counts the line's stopwords in all languages at once (one look-up per token).
_FIELD = 8  # bits: at most _DENSITY_WORDS (< 256) words are counted; narrow fields keep the sums cheap
_PACKED_BYTES = _FIELD * len(_LANGS) // 8
_WORD_LANGS: dict[str, int] = {}
for _bit, _lang in enumerate(_LANGS):
    for _w in _stopwords(_lang):
        _WORD_LANGS[_w] = _WORD_LANGS.get(_w, 0) + (1 << (_FIELD * _bit))
# Lines are tokenised by splitting on spaces (cheap), so a stopword can carry a comma or an opening quote.
for _w, _v in list(_WORD_LANGS.items()):
    for _mark in ",.:;":
        _WORD_LANGS[_w + _mark] = _v
    for _mark in '"“„«(¿¡':
        _WORD_LANGS[_mark + _w] = _v

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
    r"schließen|skip to (main )?content|skip to navigation|zum inhalt springen|back to top|nach oben|top|"
    r"bild anzeigen|bild schließen|show image|close image|previous|next|vorherige|nächste|zurück|weiter|"
    r"jetzt registrieren|register now|jetzt anmelden|abonnieren|gallery|galerie|rezept drucken|pinnen|"
    r"bei pinterest speichern|zurück zur übersicht|zur übersicht|back to overview"
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
        "heures jours le aggiornato pubblicato ore fa il alle ultima modifica em às atualizado publicada "
        "publicado actualizada gepostet erstellt geändert modifié"
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
    r"leggi anche|leia também|leia mais|lees ook|lees meer|läs också|läs mer|les også|læs også|"
    r"lea:|mire:|mira:|vea también|ver más|véase también|zobacz (?:także|też|również)|czytaj (?:także|też|więcej)|"
    r"à lire également|a lire également|pour approfondir|explore further|nachfolgebeitrag:|vorgängerbeitrag:|"
    r"previous (?:post|article|story):|next (?:post|article|story):|vorschau auf den nächsten artikel|"
    r"schlagwörter:|schlagworte:|stichwörter:|tags:|themen:|etiquetas:|mots-clés:|tag:)(?!\w)",
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
    r"articoli correlati|notizie correlate|leia também|notícias relacionadas|tags|topics|themen|schlagworte|"
    r"most (?:read|popular|viewed|shared) (?:in|on|from) .{1,40}|more coverage|our latest (?:stories|news|posts)|"
    r"(?:latest|recent|related|popular|more) posts|artikel zum thema|weitere beiträge|ähnliche beiträge|"
    r"empfohlene artikel|empfohlener redaktioneller inhalt|das könnte dich auch interessieren|zobacz (?:także|też)|"
    r"explore further|pour approfondir|à lire également|noticias más leídas|otras noticias|"
    r"dans la même rubrique|lire aussi|more in .{1,40}|see all .{1,30}|see more .{1,30}|mehr themen|"
    r"ähnliche themen|das thema könnte (?:dich|sie) auch interessieren|(?:seit .{1,20} )?am meisten gelesen|"
    r"mirá también|informate más|inhaltsverzeichnis|table of contents|índice|sommaire)"
    r"[\s:.!…]*$",
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
    r"lascia un commento|deixe um comentário|hinterlasse (?:eine antwort|einen kommentar)|"
    r"schreibe einen kommentar|kommentar verfassen|antworten abbrechen|vos réactions|vos commentaires|"
    r"ihre meinung|deine meinung)[\s:.!]*$",
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
    "benachrichtige mich",
    "akismet",
    "para comentar debes",
)
# "All rights reserved" as pages print it. Also read by the splitter (a page ends there) and the metadata stage (a
# page's copyright line is no picture credit).
RIGHTS_RESERVED = (
    "all rights reserved",
    "alle rechte vorbehalten",
    "todos los derechos reservados",
    "tous droits réservés",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "alle rechten voorbehouden",
    "alla rättigheter förbehållna",
    "wszelkie prawa zastrzeżone",
    "tüm hakları saklıdır",
    "все права защищены",
    "جميع الحقوق محفوظة",
    "جملہ حقوق محفوظ",
    "सर्वाधिकार सुरक्षित",
)
_COPYRIGHT_PHRASES = ("©", "copyright", *RIGHTS_RESERVED)
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
# Calls to action around an article (newsletter boxes, "follow us", app and donation pleas), found by vocabulary a
# news paragraph almost never uses, in lines too short to be a paragraph about the subject itself.
_CTA_WORDS = (
    "newsletter",
    "abonnier",
    "abonnez",
    "abonner",
    "abonniere",
    "suscríbete",
    "suscribete",
    "suscribirse",
    "subscribe to our",
    "subscribe now",
    "subscribe for free",
    "sign up for our",
    "sign up to our",
    "sign up now",
    "sign up here",
    "thanks for signing up",
    "your inbox",
    "postfach",
    "follow us",
    "folgen sie uns",
    "folge uns",
    "síguenos",
    "siguenos",
    "suivez-nous",
    "seguici",
    "telegram",
    "whatsapp",
    "youtube",
    "app store",
    "google play",
    "patreon",
    "paypal",
    "donate",
    "opt-in",
    "unsubscribe",
    "e-mail-adresse",
    "email address",
    "push notifications",
    "jetzt teilen",
    "straight to your phone",
    "damit einverstanden",
    "zum inhalt von",
    "um den inhalt",
    "load the content",
    "support us",
    "support our",
    "to support it",
    "needs your help",
    "nichts mehr verpassen",
    "nichts verpassen",
    "never miss",
    "ausgabe bestellen",
    "jetzt bestellen",
    "benachrichtigung aktivieren",
    "send me email",
    "hier klicken und",
    "click here to",
    "please subscribe",
    "already a subscriber",
    "nichts mehr versäumen",
    "dein einverständnis",
    "ihr einverständnis",
    "redaktion per e-mail",
    "unterstütze uns",
    "unterstützen sie uns",
)
_CTA_MAX = 250
# Disclaimers and affiliate notes: the site speaking about itself.
_DISCLAIMER_WORDS = (
    "disclaimer",
    "keine haftung",
    "haftungsausschluss",
    "haftungshinweis",
    "haftung für",
    "not responsible for",
    "affiliate",
    "compensation",
    "opinions expressed",
    "views expressed",
    "n'engagent que",
    "medical advice",
    "associates program",
    "amazon associates",
    "datenschutzerklärung",
    "privacy statement",
    "commission from",
    "a small commission",
    "earn a commission",
    "results vary",
    "results may vary",
    "informational purposes",
    "information provided on this",
    "letters to the editor",
    "quote data",
    "advertising disclosure",
)


def _trigger(phrase: str) -> str:
    words = phrase.lower().replace("'", " ").replace("-", " ").split()
    return max(words, key=len)[:_TRIGGER_LEN] if words else ""


_TRIGGER_LEN = 6
_COOKIE_WORDS = ("cookies",)
# Phrase list -> bit; a trigger maps to the lists it came from, so a line only searches the lists it may match.
_GROUPS = {
    "comment": (1, _COMMENT_PHRASES),
    "copyright": (2, _COPYRIGHT_PHRASES),
    "policy": (4, _POLICY_PHRASES),
    "cookie": (8, _COOKIE_WORDS),
    "cta": (16, _CTA_WORDS),
    "disclaimer": (32, _DISCLAIMER_WORDS),
}
_G = {name: bit for name, (bit, _) in _GROUPS.items()}
_TRIGGERS: dict[str, int] = {}
for _bit, _phrases in _GROUPS.values():
    for _p in _phrases:
        _t = _trigger(_p)
        _TRIGGERS[_t] = _TRIGGERS.get(_t, 0) | _bit
_TRIGGER_KEYS = frozenset(_TRIGGERS)

# "your browser" / "JavaScript" / "ad blocker" in a paragraph is more likely a tech article than a browser notice.
_POLICY_PHRASES_LONG = tuple(
    p for p in _POLICY_PHRASES if not any(w in p for w in ("browser", "javascript", "block", "enable"))
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
    r"anzeige|werbung|publicidad|publicité|pubblicità|publicidade|reklama|reklame|annons|advertentie|"
    r"story continues below(?: advertisement)?|"
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
    r"image credit|photo credit|bildquelle|fotoquelle|bildnachweis)s?\s*:\s*[^.:]{2,80}"  # Photo: Name
    r"|\bcc[ -]by(?:[ -](?:sa|nc|nd))*(?:[ -]\d\.\d)?"  # a Creative Commons licence
    r"|(?:[/|©]|\bvia)\s*(?:" + _AGENCY + r")\b[^.]{0,40}"  # / AFP, © dpa
    r"|\bgetty images\b[^.]{0,30}"
    r")\s*[.)\]]?\s*$",
    re.I,
)

_TEASER_G = _Guard(_TEASER_RE)
_BYLINE_G = _Guard(_BYLINE_RE)
_SHARE_PHRASE_G = _Guard(_SHARE_PHRASE_RE)
_CAPTION_START_G = _Guard(_CAPTION_START_RE)


def _heads(g: _Guard) -> frozenset[str]:
    """The guard as one set test (for guards whose prefixes are all enumerable), inlined in the hot path."""
    assert not g.starts, "use _Guard.possible for this rule"
    return g.exact


_TEASER_HEADS = _heads(_TEASER_G)
_BYLINE_HEADS = _heads(_BYLINE_G)
_SHARE_PHRASE_HEADS = _heads(_SHARE_PHRASE_G)
_CAPTION_HEADS = _heads(_CAPTION_START_G)

# The short-line rules one by one, each behind its own (much narrower) guard: a line runs only the few rules that
# can start the way it does, in _SHORT_RULES' precedence order, instead of the whole alternation (which one line
# in four reached through the union of the guards). Same verdict: the alternation's first matching branch.
_SHORT_EACH = [(k, re.compile(_body(v), re.I), _Guard(v)) for k, v in _SHORT_RULES.items()]
_SHORT_CANDS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}
for _k, _rx, _g in _SHORT_EACH:
    for _h in _g.exact:
        _SHORT_CANDS[_h] = (*_SHORT_CANDS.get(_h, ()), (_k, _rx))
_SHORT_STARTS = tuple({p for _, _, _g in _SHORT_EACH for p in _g.starts})  # ("3°", ...): rare, slow path


def _short_cands(head: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((k, rx) for k, rx, g in _SHORT_EACH if g.possible(head))


# Characters that re.IGNORECASE matches to an ASCII letter although str.lower() does not give that letter
# ("ı" ~ "i", "ſ" ~ "s", Kelvin "K" ~ "k"): a line holding one skips the substring pre-tests below.
_FOLD_ODD = frozenset("ıİſKÅ")
_CAPTION_WORDS = ("photo", "foto", "bild", "image", "picture", "credit", "quelle", "crédit")


def looks_like_caption(line: str) -> bool:
    """True if `line` reads like a photo caption or a photo credit (and not like an article paragraph)."""
    s = line.strip()
    if not s or len(s) > 600:
        return False
    return _is_caption(s, s[:_PK].lower())


def _is_caption(s: str, head: str) -> bool:
    """looks_like_caption for a stripped, non-empty line of at most 600 characters; `head` = s[:3].lower()."""
    if head in _CAPTION_HEADS and _CAPTION_START_RE.match(s):
        return True
    # Credits sit at the end of the line; look only there, and only if a credit's marks are present.
    tail = s[-120:]
    if not (")" in tail or "]" in tail or ":" in tail or "/" in tail or "©" in tail):
        low = tail.lower()
        if not ("getty" in low or "via " in low):
            return False
    # Each branch of _CAPTION_END_RE needs some marks or words in the tail; the regex search (every start
    # position of the tail) only runs if one of them can match.
    if (
        "/" in tail
        or "|" in tail
        or "©" in tail
        or (("(" in tail or "[" in tail) and (")" in tail or "]" in tail))
        or (not tail.isascii() and not _FOLD_ODD.isdisjoint(tail))
    ):
        return _CAPTION_END_RE.search(tail) is not None
    low = tail.lower()
    if (
        "cc by" in low
        or "cc-by" in low
        or "via" in low
        or "getty" in low
        or ":" in tail
        and any(w in low for w in _CAPTION_WORDS)
    ):
        return _CAPTION_END_RE.search(tail) is not None
    return False


# --------------------------------------------------------------------------------------------------------------
# Features
# --------------------------------------------------------------------------------------------------------------

_GOOD, _NEAR, _SHORT, _BAD = "good", "near-good", "short", "bad"

# jusText-like length limits (characters; a CJK character counts as three; 60 rather than jusText's 70 keeps
# short article paragraphs in play) and stopword densities. The ISO lists
# are larger than jusText's, so "good" needs a higher density than jusText's 0.32; "bad" (not prose at all) is
# kept low: long sentence-shaped lines thin in stopwords are mostly names and numbers of the article (results,
# figures, lists of people), while furniture is caught by shape and vocabulary. Both are scaled down for pages
# whose article text is sparse in stopwords (see _thresholds).
_LEN_LOW = 60
_LEN_HIGH = 200
_SENTENCE_MIN = 25  # characters: shorter terminal lines are buttons and fragments, not sentences
_SW_LOW = 0.15
_SW_HIGH = 0.36
_REGION_MIN = 200.0  # a region weaker than this (and than a quarter of the best) is a stray blurb
_REGION_FRAC = 0.25
_REGION_CAP = 600.0  # a region this strong always stays (the next story of a glued file)


class _Feat:
    """One non-blank line: the cached facts of its text (see _static) plus the page-level verdicts."""

    __slots__ = (
        "idx",
        "number",
        "text",
        "core",
        "bullet",
        "length",
        "terminal",
        "nwords",
        "counts",
        "reason",
        "kind",
        "sig",
        "menuish",
        "upper",
        "shape",
        "low",
        "vote",
        "sw",
        "cls",
    )

    def __init__(self, idx: int, number: int, text: str, facts: tuple) -> None:
        self.idx = idx
        self.number = number
        self.text = text
        (
            self.core,
            self.bullet,
            self.length,
            self.terminal,
            self.nwords,
            self.counts,
            self.reason,
            self.kind,
            self.sig,
            self.menuish,
            self.upper,
            self.shape,
            self.low,
            self.vote,
        ) = facts
        self.sw = 0.0
        self.cls = _SHORT


# Everything a line's text alone decides is computed once per distinct line and cached: a site's template lines
# (menus, share bars, footers) repeat on every one of its pages. The cache is dropped when it grows too big.
_FACTS: dict[str, tuple] = {}
_FACTS_MAX = 300_000
_INVISIBLE = "\u200b\u200c\u200d\u2060\u2063\ufeff"  # zero-width marks some CMSs leave after a full stop
_DENSITY_WORDS = 48
_HIGH_RE = re.compile("[\u3040-\U0010ffff]")  # any character from the kana on (max(core) made a str per character)
_HEAD = operator.itemgetter(slice(0, 6))  # a word's first _TRIGGER_LEN letters
_SPLIT_MARKS = "’‘–—/"
_BULLET_FIRST = frozenset("*+-•·◦▪►▸>»|–—0123456789")


_DIGIT_RE = re.compile(r"\d")
_SAYS = ("says", "wrote", "schreibt", "escribió", "écrit", "scrive")  # _SIGNATURE_RE's "Name says:" verbs
_DENOMINATOR = [bytes((k,)) for k in range(_DENSITY_WORDS + 1)]


def _facts(s: str) -> tuple:
    m = _BULLET_RE.match(s) if s[0] in _BULLET_FIRST else None
    core = s[m.end() :] if m else s
    ascii_only = core.isascii()
    cjk = not ascii_only and _HIGH_RE.search(core) is not None  # most non-ASCII text is not CJK
    length = len(core) + 2 * len(_CJK_RE.findall(core)) if cjk else len(core)
    stripped = core.rstrip(_CLOSERS + _INVISIBLE)
    terminal = bool(stripped) and stripped[-1] in _SENTENCE_END or core[-1] in _QUOTE_END
    low = core.lower()
    # Tokens are only needed for lines that may be prose: long ones, and short full sentences. Splitting on
    # spaces is 3x cheaper than a token regex; the stopword table also holds "the," / "(the" forms (see above).
    # Unspaced scripts (CJK) still go through the regex, one token per ideograph.
    counts = None
    nwords = 0
    vote = -1  # the language (bit) whose stopwords cover the line best, for lines with a few words
    # Apostrophes and hyphens split words as the token regex did ("don't" -> "don", "t").
    words = low.replace("'", " ").replace("-", " ")
    if not ascii_only:  # str.translate is slow on non-ASCII text; a few replace() scans are not
        for mark in _SPLIT_MARKS:
            if mark in words:
                words = words.replace(mark, " ")
    words = words.split()
    if length >= _LEN_LOW or (terminal and length >= _SENTENCE_MIN):
        if cjk and _CJK_RE.search(low):
            words = _TOKEN_RE.findall(low)
        nwords = len(words)
        if nwords:
            # The density of a long paragraph is estimated from its first words: the cost of a line stays bounded.
            # Only stopwords are added up (adding a zero still copies the 360-bit counter).
            packed = sum(filter(None, map(_WORD_LANGS.get, words[:_DENSITY_WORDS])))
            if packed:
                # One count per language, and the denominator rides along at the end. Bytes, not a list: the
                # cached facts then hold no container the garbage collector has to traverse again and again.
                counts = packed.to_bytes(_PACKED_BYTES, "little") + _DENOMINATOR[min(nwords, _DENSITY_WORDS)]
                if nwords >= 5:
                    vote = counts.index(max(counts[:-1]))
    # The phrase rules below run only if one of their words (by its first six letters) is in the line: a set
    # test instead of a hundred substring searches.
    vocab = 0
    if length <= 600:
        hits = _TRIGGER_KEYS.intersection(map(_HEAD, words))
        if hits:
            for hit in hits:
                vocab |= _TRIGGERS[hit]
        if "©" in s:
            vocab |= _COPYRIGHT_BIT
    reason, kind = _rule(s, core, low, length, terminal, vocab)
    # A comment signature ("Name says:", "Reply", "12 Votes"); the cheap tests are _is_signature's guards.
    sig = False
    if (
        length <= 80
        and (not terminal or core.endswith(":"))
        and (":" in core or length <= 30 and ("." in core or low[:1] in _SIGNATURE_FIRST))
        # Every branch of the regex starts with one of those characters, holds a "says" word or a digit.
        and (
            low[:1] in _SIGNATURE_FIRST
            or _DIGIT_RE.search(low) is not None
            or any(w in low for w in _SAYS)
            or (not ascii_only and not _FOLD_ODD.isdisjoint(core))
        )
    ):
        sig = _SIGNATURE_RE.match(core) is not None
    spaces = core.count(" ")
    menuish = length <= _MENU_ITEM_MAX and not terminal and spaces <= 3
    cut = core.endswith(("...", "…"))
    shape = (
        (
            (_PAIR_TITLE[0] <= length <= _PAIR_TITLE[1] and (not terminal or cut) and spaces >= 2)
            and not core.endswith(":")
        )
        * _TITLE
        | (_PAIR_BLURB[0] <= length <= _PAIR_BLURB[1] and (terminal or cut)) * _BLURB
        | (length >= _CUT_CHARS and cut) * _CUT
    )
    upper = core[:1].isupper()
    facts = (core, bool(m), length, terminal, nwords, counts, reason, kind, sig, menuish, upper, shape, low, vote)
    if len(_FACTS) >= _FACTS_MAX:
        _FACTS.clear()
    _FACTS[s] = facts
    return facts


def _stopword_density(feats: list[_Feat]) -> list[int]:
    """Set every line's stopword density in the page's language(s).

    Each line with a few words votes for the language whose stopwords cover most of its tokens; every language
    with a fair share of the votes is one of the page's languages (a file may hold pages in several languages),
    and a line's density is its best coverage among them."""
    votes = [0] * len(_LANGS)
    scored = [f for f in feats if f.nwords]
    for f in scored:
        if f.vote >= 0:
            votes[f.vote] += 1
    top = max(votes)
    # No stopword hits at all: fall back to English (bit 0), as before.
    chosen = [b for b, v in enumerate(votes) if v == top or v >= max(3, 0.1 * top)] if top else [0]
    _set_density(scored, chosen)
    return chosen


def _set_density(scored: list[_Feat], chosen: list[int]) -> None:
    if len(chosen) == 1:
        b = chosen[0]
        for f in scored:
            if f.counts is not None:
                f.sw = f.counts[b] / f.counts[-1]
    else:
        for f in scored:
            c = f.counts
            if c is not None:
                f.sw = max([c[b] for b in chosen]) / c[-1]


def _is_date_only(core: str, low: str, length: int) -> bool:
    if length > 90:
        return False
    # Cheap guard: every word of a date line is a date word, so the first one must be ("Monday, 3 May").
    first = _WORD_RE.search(low)
    if first is not None and first.group() not in _DATE_WORDS:
        return False
    return all(w in _DATE_WORDS for w in _WORD_RE.findall(low)) and bool(_DATE_ANCHOR_RE.search(core))


_COMMENT_BIT, _COPYRIGHT_BIT, _POLICY_BIT = _G["comment"], _G["copyright"], _G["policy"]
_COOKIE_BIT, _CTA_BIT, _DISCLAIMER_BIT = _G["cookie"], _G["cta"], _G["disclaimer"]


def _rule(s: str, core: str, low: str, n: int, terminal: bool, vocab: int) -> tuple[str | None, str | None]:
    """The reason a line is furniture whatever its neighbours (or None), and which short-line rule matched.
    `vocab` has the bit of every phrase list (_GROUPS) one of whose trigger words the line holds."""
    head = low[:_PK]
    if n <= 80:
        cands = _short_cands(head) if _SHORT_STARTS and head.startswith(_SHORT_STARTS) else _SHORT_CANDS.get(head)
        if cands:
            for kind, rx in cands:
                if rx.fullmatch(core):
                    return _SHORT_REASON[kind], kind
        if _is_date_only(core, low, n):
            return "clock-weather", None
        if not terminal and (low.endswith(" ago") or head in _BYLINE_HEADS and _BYLINE_RE.match(core)):
            return "byline", None
    elif n <= 200 and head in _SHARE_PHRASE_HEADS and _SHARE_PHRASE_RE.match(core):
        return "share-widget", None
    if head in _TEASER_HEADS and _TEASER_RE.match(core):
        return "teaser", None
    if vocab:
        verdict = _phrase_rule(low, n, vocab)
        if verdict is not None:
            return verdict, None
    # looks_like_caption(s) (s is stripped and non-empty; the 600-character limit is tested here).
    if len(s) <= 600 and _is_caption(s, s[:_PK].lower()):
        return "caption", None
    return None, None


def _phrase_rule(low: str, n: int, vocab: int) -> str | None:
    if vocab & _COMMENT_BIT and n <= 300 and any(p in low for p in _COMMENT_PHRASES):
        return "comment-form"
    short_enough = n <= 400 or low.startswith(("©", "copyright"))  # a footer may run long after its ©
    if vocab & _COPYRIGHT_BIT and short_enough and any(p in low for p in _COPYRIGHT_PHRASES):
        return "copyright"
    if vocab & _POLICY_BIT and any(p in low for p in (_POLICY_PHRASES if n <= 200 else _POLICY_PHRASES_LONG)):
        return "cookie-notice" if "cookie" in low else "legal"
    # Consent banners explain their cookie categories in full sentences ("Necessary cookies are essential...").
    if vocab & _COOKIE_BIT and "cookies" in low and ("website" in low or "consent" in low or "browser" in low):
        return "cookie-notice"
    if vocab & _CTA_BIT and n <= _CTA_MAX and any(w in low for w in _CTA_WORDS):
        return "call-to-action"
    if vocab & _DISCLAIMER_BIT and n <= 500 and any(w in low for w in _DISCLAIMER_WORDS):
        return "legal"
    return None


def _thresholds(feats: list[_Feat]) -> tuple[float, float]:
    """Stopword-density limits, scaled down when the page's prose is sparse in stopwords (odd language guess,
    telegraphic style), so such a page does not lose its whole article."""
    return _scaled([f.sw for f in feats if f.length >= _LEN_HIGH and f.terminal], (_SW_LOW, _SW_HIGH))


def _scaled(dens: list[float], default: tuple[float, float]) -> tuple[float, float]:
    if len(dens) < 3:
        return default
    ref = statistics.median(dens)
    return min(_SW_LOW, 0.6 * ref), min(_SW_HIGH, 0.75 * ref)


def _thresholds_by_language(feats: list[_Feat], chosen: list[int], page: tuple[float, float]) -> dict[int, tuple]:
    """With several languages on one page (glued stories), each language's lines get limits scaled on its own
    prose: Korean or Turkish prose, whose particles are suffixes, is thinner in stopword tokens than English."""
    if len(chosen) < 2:
        return {}
    dens: dict[int, list[float]] = {b: [] for b in chosen}
    for f in feats:
        # Paragraph-sized sentence-ended lines, counted in words: a length in characters would leave out most
        # Hangul paragraphs, which pack a word into two or three characters.
        if f.vote in dens and f.nwords >= 25 and f.terminal:
            dens[f.vote].append(f.sw)
    return {b: _scaled(d, page) for b, d in dens.items()}


def _classify(f: _Feat, sw_low: float, sw_high: float) -> str:
    if f.length < _LEN_LOW:
        # A short full sentence ("Nobody was hurt.") reads like the article when its neighbours do; a menu item,
        # button or headline does not end like a sentence.
        if f.nwords >= 5 and f.sw >= sw_high and f.upper and not f.bullet:
            return _NEAR
        return _SHORT
    if f.nwords < 3:
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


def _context(classes: list[str]) -> list[str]:
    """jusText's context pass: short and near-good lines take the class of their surroundings.

    For every line, the class of the nearest decided line before and after it, once ignoring near-good lines
    (good / bad only) and once not (page edges count as bad); both are tracked in one pass each way."""
    n = len(classes)
    out = list(classes)
    prev_i, prev_n, next_i, next_n = [_BAD] * n, [_BAD] * n, [_BAD] * n, [_BAD] * n
    li = ln = _BAD
    for i, c in enumerate(classes):
        prev_i[i] = li
        prev_n[i] = ln
        if c in (_GOOD, _BAD):
            li = ln = c
        elif c == _NEAR:
            ln = c
    li = ln = _BAD
    for i in range(n - 1, -1, -1):
        next_i[i] = li
        next_n[i] = ln
        c = classes[i]
        if c in (_GOOD, _BAD):
            li = ln = c
        elif c == _NEAR:
            ln = c
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


_WRAP_MIN_CHARS = 30  # a hard-wrapped line (but the paragraph's last) fills most of the column


def _continues(a: _Feat, b: _Feat) -> bool:
    """Does line b carry on the sentence of line a on the next raw line (a hard line break mid-sentence)?"""
    return not a.terminal and b.core[:1].islower() and not a.core.endswith(":")


def _join_wrapped(feats: list[_Feat], chosen: list[int], sw_low: float, sw_high: float) -> None:
    """Plain-text pages wrapped at a fixed width split each paragraph over several raw lines, none of which looks
    like prose alone. Adjacent lines (no blank line between) that continue each other's sentences are judged as
    the paragraph they form, and every one of them takes the paragraph's verdict."""
    n = len(feats)
    i = 0
    while i < n - 1:
        j = i
        joins = 0
        while (
            j + 1 < n
            and feats[j + 1].number == feats[j].number + 1
            and feats[j].length >= _WRAP_MIN_CHARS
            and not feats[j].bullet
            and not feats[j + 1].bullet
        ):
            joins += _continues(feats[j], feats[j + 1])
            j += 1
        if j > i and joins * 2 >= j - i:
            run = feats[i : j + 1]
            text = " ".join(f.core for f in run)
            para = _Feat(-1, -1, text, _FACTS.get(text) or _facts(text))
            _set_density([para], chosen)
            cls = _BAD if para.reason else _classify(para, sw_low, sw_high)
            for f in run:
                f.cls, f.reason, f.kind, f.menuish, f.sig = cls, para.reason, None, False, False
        i = j + 1


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
            # After a list of bulleted headlines, a plain full sentence is the article again (headlines do not
            # end with a full stop; a teaser's blurb follows an unbulleted title instead).
            prev = feats[j - 1]
            if (
                block == "teaser"
                and g.reason is None
                and g.terminal
                and g.nwords >= 8
                and not g.bullet
                and (prev.bullet or prev.terminal or j == i + 1)
            ):
                break
            # A menu after a comment form is the next page's header (glued files), not more of the form.
            if block == "comment-form" and j + 2 < n and all(_is_menu_item(h) for h in feats[j : j + 3]):
                break
            if g.reason is None:
                g.reason = block
            j += 1
        i = j


# Teaser lists: "title / one-paragraph blurb" pairs (with a source or date line here and there) are links to other
# stories, however well their blurbs read. An article's subheads are followed by longer text, or by several
# paragraphs, so three or more short pairs in a row are the list.
_PAIR_TITLE = (15, 160)  # characters
_PAIR_BLURB = (30, 320)
_PAIR_BLURB_MEAN = 200
_PAIR_META = 40  # a kicker, source or date line inside a pair ("Company Town", "4 diggs Video")
_PAIR_MIN = 3


_TITLE, _BLURB, _CUT = 1, 2, 4  # _Feat.shape bits, decided by the text alone (see _facts)


def _is_title(f: _Feat) -> bool:
    # Teaser titles may be cut short ("...plus JBL he..."), but are not sentences (nor interview questions).
    return f.reason is None and bool(f.shape & _TITLE)


def _is_blurb(f: _Feat) -> bool:
    return f.reason is None and bool(f.shape & _BLURB)


def _pair_end(title: list[bool], blurb: list[bool], meta: list[bool], j: int) -> int | None:
    """Index of the blurb of a title+blurb pair starting at j (after at most two meta lines), else None."""
    n = len(title)
    for a in range(j, min(j + 3, n)):
        if a > j and not meta[a - 1]:
            return None
        if not title[a]:
            continue
        b = a + 1
        while b < n and b - a <= 3:
            if blurb[b]:
                return b
            if not meta[b]:
                break
            b += 1
    return None


def _is_teaser_chain(feats: list[_Feat], units: list[tuple[int, int]]) -> bool:
    # Teaser blurbs are a sentence or two; a listicle's items (the article itself) say more.
    if sum(feats[b].length for _, b in units) > _PAIR_BLURB_MEAN * len(units):
        return False
    # Steps of a slideshow or recipe repeat one caption ("Bild anzeigen"); teasers link to different stories.
    titles = [f.core for a, b in units for f in feats[a:b] if _is_title(f)]
    return len(set(titles)) == len(titles)


_LIST_MIN_WORDS = 3  # mean words per item: "* 2 tsp dark soya sauce", not "* World" / "* Contact Us"
_LIST_MIN_CHARS = 18


def _is_prose(f: _Feat) -> bool:
    return f.reason is None and f.cls in (_GOOD, _NEAR)


def _rescue_lists(feats: list[_Feat]) -> None:
    """A bulleted list between two paragraphs of the article (ingredients, steps, key facts) is part of it, even
    though its items are short and unpunctuated like a menu: its items are phrases, not one or two nav words."""
    n = len(feats)
    i = 0
    while i < n:
        if not (feats[i].bullet and feats[i].reason in (None, "menu-run")):
            i += 1
            continue
        j = i
        while j < n and feats[j].bullet and feats[j].reason in (None, "menu-run"):
            j += 1
        items = feats[i:j]
        if (
            len(items) >= 2
            and sum(f.core.count(" ") + 1 for f in items) >= _LIST_MIN_WORDS * len(items)
            and 4 * sum(" " in f.core for f in items) >= 3 * len(items)  # "* Salz" may be one of them
            and sum(f.length for f in items) >= _LIST_MIN_CHARS * len(items)
            and any(map(_is_prose, feats[max(0, i - 3) : i]))
            and any(map(_is_prose, feats[j : j + 3]))
        ):
            for f in items:
                f.reason = None
                if f.cls in (_SHORT, _BAD):
                    f.cls = _NEAR
        i = j


# Tables (standings, results, timetables) reach us as rows whose cells are padded apart with runs of spaces.
# Their rows are short on stopwords and sentence endings, so the line statistics call them menus; a block of
# such rows with one column layout, next to the article's prose, is part of the article.
_CELL_GAP_RE = re.compile(r"\S(?=(?: {2,}|\t+)\S)")  # a cell's last character before a padded gap
_TABLE_MIN_ROWS = 4
_TABLE_MIN_CELLS = 3
_TABLE_LAYOUT_SHARE = 0.6  # rows that share the block's most common number of cells
_TABLE_CONTEXT = 3  # lines between the table and the prose it belongs to


def _cells(f: _Feat) -> int:
    return len(_CELL_GAP_RE.findall(f.core)) + 1 if ("  " in f.core or "\t" in f.core) else 1


def _rescue_tables(feats: list[_Feat]) -> None:
    """A block of consecutive table rows (at least _TABLE_MIN_ROWS lines of _TABLE_MIN_CELLS padded cells or
    more, most of them in one layout, half of them holding figures) next to the article's prose joins the
    article: its rows become good lines, so the context pass and the regions treat the table as text."""
    cells = [_cells(f) if f.reason in (None, "menu-run") else 0 for f in feats]
    n = len(feats)
    i = 0
    while i < n:
        if cells[i] < _TABLE_MIN_CELLS:
            i += 1
            continue
        j = i + 1
        while j < n and cells[j] >= _TABLE_MIN_CELLS and feats[j].number == feats[j - 1].number + 1:
            j += 1
        rows = feats[i:j]
        layout = Counter(cells[i:j]).most_common(1)[0][1]
        if (
            len(rows) >= _TABLE_MIN_ROWS
            and layout >= _TABLE_LAYOUT_SHARE * len(rows)
            and 2 * sum(_DIGIT_RE.search(f.core) is not None for f in rows) >= len(rows)
            and (
                any(map(_is_prose, feats[max(0, i - _TABLE_CONTEXT) : i]))
                or any(map(_is_prose, feats[j : j + _TABLE_CONTEXT]))
            )
        ):
            for f in rows:
                f.reason = None
                f.cls = _GOOD
        i = j


_CUT_MIN = 3  # cut-short excerpts in a row
_CUT_CHARS = 60


def _mark_cut_excerpts(feats: list[_Feat]) -> None:
    """Several excerpts in a row that each stop mid-sentence with "..." are teasers for other stories (a list of
    "Headline LOCATION: first words..."), however article-like their words are."""
    cut = [f.shape & _CUT and f.reason is None for f in feats]
    if sum(cut) < _CUT_MIN:
        return
    n = len(feats)
    i = 0
    while i < n:
        if not cut[i]:
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < n and j - run[-1] <= 2:  # one kicker or date line may sit between two excerpts
            if cut[j]:
                run.append(j)
            elif feats[j].length > _PAIR_META:
                break
            j += 1
        if len(run) >= _CUT_MIN:
            for f in feats[run[0] : run[-1] + 1]:
                if f.reason is None:
                    f.reason = "teaser"
        i = run[-1] + 1


def _mark_teaser_pairs(feats: list[_Feat]) -> None:
    """Chains of at least _PAIR_MIN title+blurb pairs become "teaser"."""
    title = [f.shape & _TITLE and f.reason is None for f in feats]
    blurb = [f.shape & _BLURB and f.reason is None for f in feats]
    if sum(title) < _PAIR_MIN or sum(blurb) < _PAIR_MIN:
        return
    # A kicker, source or date line, or a line already judged furniture, inside or between pairs.
    meta = [
        (f.length <= 80 and f.reason != "teaser")
        if f.reason is not None
        else (f.length <= _PAIR_META and not f.terminal)
        for f in feats
    ]
    n = len(feats)
    # Lines where a pair can start: a title, or a meta line with a title right after it.
    starts = [k for k in range(n) if title[k] or meta[k] and any(title[k + 1 : k + 3])]
    i = 0
    for k in starts:
        if k < i:
            continue
        i = k
        units: list[tuple[int, int]] = []
        j = i
        while j < n:
            b = _pair_end(title, blurb, meta, j)
            if b is None:
                break
            units.append((j, b))
            j = b + 1
        if len(units) >= _PAIR_MIN and _is_teaser_chain(feats, units):
            for f in feats[units[0][0] : units[-1][1] + 1]:
                if f.reason is None:
                    f.reason = "teaser"
            i = j
        else:
            i += 1


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
_SIGNATURE_FIRST = frozenset("rapmlfudvs(+-0123456789")  # reply, antworten, permalink, like, flag, 12 votes...
_THREAD_GAP = 8  # lines between two signatures of the same thread
_THREAD_MIN = 3  # signatures that make a thread


def _is_signature(core: str, low: str, length: int, terminal: bool) -> bool:
    if length > 80 or terminal and not core.endswith(":"):
        return False
    # Cheap guards: long signatures hold a colon ("says:", "at 6:34 am"); short ones without a colon or a dot
    # are "Reply" or "12 Votes", which start with one of a few characters.
    if ":" not in core and (length > 30 or "." not in core and low[:1] not in _SIGNATURE_FIRST):
        return False
    return _SIGNATURE_RE.match(core) is not None


def _mark_threads(feats: list[_Feat]) -> None:
    """A chain of comment signatures, each a few lines from the next, is a comment thread: every line from
    the first signature to the comment after the last one goes, whatever its prose quality."""
    sigs = [k for k, f in enumerate(feats) if f.sig]
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


_MENU_ITEM_MAX = 20  # characters: "Home", "World news", "• /Politics"
_MENU_RUN_MIN = 4  # three short lines in a row are as often a list or a fact box of the article


def _is_menu_item(f: _Feat) -> bool:
    return f.menuish and f.reason is None


def _mark_menu_runs(feats: list[_Feat]) -> None:
    """Several tiny unpunctuated lines in a row are a menu, wherever they stand. The context pass must not
    pull them into the article just because paragraphs surround them (jusText would)."""
    items = [f.menuish and f.reason is None for f in feats]  # _is_menu_item, before any run is marked
    i, n = 0, len(feats)
    while i < n:
        if not items[i]:
            i += 1
            continue
        j = i + 1
        while j < n and items[j]:
            j += 1
        if j - i >= _MENU_RUN_MIN:
            for f in feats[i:j]:
                f.reason = "menu-run"
        i = j


# --------------------------------------------------------------------------------------------------------------
# Regions: maximum-scoring segments
# --------------------------------------------------------------------------------------------------------------


_HARD_REASONS = frozenset(("section-header", "teaser", "comment-form", "comment", "author-bio", "copyright", "legal"))


def _regions(feats: list[_Feat], keep: list[bool]) -> list[tuple[int, int, float]]:
    """Disjoint maximal-scoring segments (start, end inclusive, score) over line scores.

    Kadane with reset; when a segment closes, scanning resumes right after its best end, so a strong block
    that follows a long dip (the next glued story after a comment form) is found as a segment of its own
    instead of being swallowed by a run that never got back above its earlier best."""
    scores = [
        (max(20.0, min(f.length, 600) * (1.5 if f.cls == _GOOD else 0.8)))
        if k
        else (-150.0 if f.reason in _HARD_REASONS else -max(25.0, min(f.length, 200) * 0.6))
        for f, k in zip(feats, keep, strict=True)
    ]
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
    cache = _FACTS
    for number, raw in enumerate(text.split("\n"), 1):
        s = raw.strip()
        if s:
            feats.append(_Feat(len(feats), number, s, cache.get(s) or _facts(s)))
    if not feats:
        return []

    chosen = _stopword_density(feats)
    sw_low, sw_high = _thresholds(feats)
    by_language = _thresholds_by_language(feats, chosen, (sw_low, sw_high))
    for f in feats:
        if f.reason:
            f.cls = _BAD
        else:
            low_limit, high_limit = by_language.get(f.vote, (sw_low, sw_high))
            f.cls = _classify(f, low_limit, high_limit)
    _join_wrapped(feats, chosen, sw_low, sw_high)
    _mark_blocks(feats)
    _mark_threads(feats)
    _mark_menu_runs(feats)
    _mark_teaser_pairs(feats)
    _mark_cut_excerpts(feats)
    _rescue_lists(feats)
    _rescue_tables(feats)
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

    _drop_tail_bios(feats, keep)
    _repeats(feats, keep)
    _drop_symbol_lines(feats, keep)
    _name_reasons(feats, keep, classes)
    return [Line(f.number, f.text, kept, None if kept else f.reason) for f, kept in zip(feats, keep, strict=True)]


# Author and site blurbs at the end of an article: "<Name> is a reporter for...", "Molly Wood (@mollywood) is an
# Ideas contributor", "WIRED is where...". A name-shaped subject, a copula, then words that describe a person or
# a publication. Only the last few kept lines are tested: inside the article the same shape is ordinary news.
_BIO_RE = re.compile(
    r"^(?:[A-ZÀ-Þ][\w.'’&-]*\s){0,3}[A-ZÀ-Þ][\w.'’&-]*(?:\s\([^)]{1,40}\))?,?\s"
    r"(?:(?:is|was|has been|ist|war|é|es|est|è)\s|(?P<verb>writes|covers|reports|has worked|has written|"
    r"schreibt|berichtet|arbeitet|beschäftigt sich|escribe|écrit)\b)",
)
_BIO_WORDS = (
    "writer",
    "journalist",
    "reporter",
    "editor",
    "correspondent",
    "author",
    "contributor",
    "columnist",
    "founder",
    "professor",
    "freelance",
    "blogger",
    "educator",
    "covering",
    "covers",
    "host of",
    "lives in",
    "based in",
    "redakteur",
    "autor",
    "journalistin",
    "lebt in",
    "studierte",
    "periodista",
    "escritor",
    "journaliste",
    "coordenador",
    "leading",
    "source of",
    "where tomorrow",
)
_BIO_TAIL = 3  # kept lines at the end of the page that may be a bio


def _drop_tail_bios(feats: list[_Feat], keep: list[bool]) -> None:
    kept = [k for k in range(len(feats)) if keep[k]]
    for k in kept[-_BIO_TAIL:]:
        f = feats[k]
        m = _BIO_RE.match(f.core) if f.length <= 450 else None
        if m:
            low = f.low
            if m.group("verb") or any(w in low for w in _BIO_WORDS):
                keep[k] = False
                f.reason = "author-bio"


def _repeats(feats: list[_Feat], keep: list[bool]) -> None:
    """Lines repeating other text of the page: headlines printed twice, highlights and pull quotes that
    repeat a sentence of the body. The longer line (the paragraph) is the one that stays."""
    seen: dict[str, int] = {}
    for k, f in enumerate(feats):
        if f.length < 20:  # only lines this long count as repeats (and a repeat has the same length)
            continue
        key = f.low
        if key in seen:
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


_WORD_CHAR_RE = re.compile(r"\w")


def _drop_symbol_lines(feats: list[_Feat], keep: list[bool]) -> None:
    """A kept line without a word character ("*", "* * *", "———", a lone zero-width space) carries no text: it
    leaves the body ("___", the news agencies' section rule, stays: it is printed as part of their copy). Done
    last, so such a line still counts as part of the article for the passes above (a scene break does not split
    a story)."""
    for k, f in enumerate(feats):
        if keep[k] and _WORD_CHAR_RE.search(f.text) is None:
            keep[k] = False
            f.reason = "no-text"


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
            if f.cls == _SHORT and f.nwords >= 4 and not f.terminal:
                f.reason = "headline"
                continue
        if f.cls == _SHORT:
            f.reason = "menu-run" if runs[k] >= 3 else "short-no-sentence"
        elif f.cls == _BAD:
            f.reason = "not-prose"
        else:
            f.reason = "outside-article"


def clean_documents(documents: list[Document]) -> list[Document]:
    """Stage: every readable document's lines, each kept or removed with its reason."""
    for document in documents:
        if document.ok and document.raw_text is not None:
            document.lines = classify_lines(document.raw_text)
    return documents
