"""What pages print around an article, by concept and by language: the one home of each vocabulary.

Every stage that needs one of these concepts builds its patterns from the entries here (once, at import), so the
cleaner, the splitter and the metadata stage cannot drift apart on what a month, a "Related Articles" header or a
"By" label is. Adding a language means adding its entries to the concepts below (a language may leave a concept
out); nothing else changes.

Entries are lower-case. Most are plain phrases; a few are small regular-expression fragments where the printed
form varies: `.{1,40}` stands for a name ("more from <site>"), `(?:a|b)` for alternatives, `?` for an optional
letter. They are matched case-insensitively. Entries in no language (the names of networks and agencies,
symbols) sit under the key "*".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

Vocabulary = Mapping[str, tuple[str, ...]]  # language (ISO 639-1) -> entries

# -------------------------------------------------------------------------------------------- stopwords

# Function words added to stopwordsiso's lists (tasks/text/stopwords.py): its Urdu list is mis-encoded (most of its
# words are spelt with the wrong letters: "اوًچب" for "اونچا"), so the commonest Urdu words ("نے", "میں", "سے")
# are missing from it; it has no Pashto or Punjabi list at all.
STOPWORD_ADDITIONS: Vocabulary = {
    "ur": (
        "کے", "کی", "کا", "کو", "نے", "میں", "سے", "پر", "اور", "یا", "بھی", "ہی", "تو", "کہ", "جو", "جس", "جن",
        "جب", "تک", "اگر", "لیکن", "مگر", "پھر", "اب", "ہے", "ہیں", "تھا", "تھی", "تھے", "ہو", "ہوا", "ہوئی",
        "ہوئے", "ہوں", "ہوگا", "ہوگی", "ہونے", "گا", "گی", "گے", "گیا", "گئی", "گئے", "کر", "کیا", "کرنے", "کرتے",
        "کرتی", "کرتا", "رہا", "رہی", "رہے", "یہ", "وہ", "اس", "ان", "انہوں", "انھوں", "ایک", "کچھ", "کوئی", "سب",
        "اپنے", "اپنی", "اپنا", "ہم", "آپ", "ہمارے", "ہماری", "تمام", "دیا", "دی", "دیے", "لیے", "لئے", "والے",
        "والی", "والا", "ساتھ", "بعد", "پہلے", "نہیں", "نہ", "بہت", "کیونکہ", "جبکہ", "تاکہ", "بلکہ", "یعنی",
    ),
    "ps": (
        "د", "په", "او", "چې", "له", "ته", "سره", "کې", "دی", "دې", "ده", "وه", "وو", "شو", "شوې", "شوی", "شول",
        "به", "هم", "یو", "دا", "هغه", "دوی", "موږ", "زه", "تاسو", "خو", "نه", "کړي", "کړې", "کوي", "وي", "پر",
        "تر", "لپاره", "باندې", "څخه", "وروسته", "مخکې", "ټول", "ډېر", "ډیر", "کوم", "ولې", "اوس",
    ),
    "pa": (
        "ਦੇ", "ਦੀ", "ਦਾ", "ਨੂੰ", "ਨੇ", "ਵਿੱਚ", "ਵਿਚ", "ਤੋਂ", "ਤੇ", "ਅਤੇ", "ਹੈ", "ਹਨ", "ਸੀ", "ਸਨ", "ਇਹ", "ਉਹ", "ਇਸ",
        "ਉਸ", "ਕਿ", "ਜੋ", "ਵੀ", "ਤਾਂ", "ਨਾਲ", "ਲਈ", "ਕੇ", "ਕਰ", "ਕੀਤਾ", "ਗਿਆ", "ਗਈ", "ਗਏ", "ਹੋ", "ਰਹੇ", "ਰਿਹਾ",
        "ਰਹੀ", "ਇੱਕ", "ਇਕ", "ਕੋਈ", "ਸਭ", "ਆਪਣੇ", "ਆਪਣੀ", "ਨਹੀਂ", "ਨਾ",
    ),
}  # fmt: skip

# ------------------------------------------------------------------------------------------------ dates

# The twelve months, each as its names and abbreviations ("january jan").
MONTHS: Vocabulary = {
    "en": (
        "january jan",
        "february feb",
        "march mar",
        "april apr",
        "may",
        "june jun",
        "july jul",
        "august aug",
        "september sept sep",
        "october oct",
        "november nov",
        "december dec",
    ),
    "de": (
        "januar jänner jan",
        "februar feber feb",
        "märz maerz mär mrz",
        "april apr",
        "mai",
        "juni jun",
        "juli jul",
        "august aug",
        "september sept sep",
        "oktober okt",
        "november nov",
        "dezember dez",
    ),
    "fr": (
        "janvier janv",
        "février fevrier févr fevr fév fev",
        "mars",
        "avril avr",
        "mai",
        "juin",
        "juillet juil",
        "août aout",
        "septembre sept",
        "octobre oct",
        "novembre nov",
        "décembre decembre déc",
    ),
    "es": (
        "enero ene",
        "febrero feb",
        "marzo mar",
        "abril abr",
        "mayo",
        "junio jun",
        "julio jul",
        "agosto ago",
        "septiembre setiembre sept sep",
        "octubre oct",
        "noviembre nov",
        "diciembre dic",
    ),
    "it": (
        "gennaio gen",
        "febbraio feb",
        "marzo mar",
        "aprile apr",
        "maggio mag",
        "giugno giu",
        "luglio lug",
        "agosto ago",
        "settembre set",
        "ottobre ott",
        "novembre nov",
        "dicembre dic",
    ),
    "pt": (
        "janeiro jan",
        "fevereiro fev",
        "março mar",
        "abril abr",
        "maio",
        "junho jun",
        "julho jul",
        "agosto ago",
        "setembro set",
        "outubro out",
        "novembro nov",
        "dezembro dez",
    ),
    "nl": (
        "januari jan",
        "februari feb",
        "maart",
        "april apr",
        "mei",
        "juni jun",
        "juli jul",
        "augustus aug",
        "september sep",
        "oktober okt",
        "november nov",
        "december dec",
    ),
}

# Languages whose month names and relative dates come from dateparser's locale data (tasks/text/locales.py); the
# languages above are curated here instead. The region's languages first, then the world's major ones.
DATE_LANGUAGES = (
    "ur", "ps", "fa", "ar", "hi", "bn", "pa", "gu", "mr", "ta", "te", "kn", "ml", "ne", "si",
    "ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "uz", "az", "tr", "el", "he", "ka", "hy", "mn",
    "zh", "ja", "ko", "th", "lo", "km", "my", "vi", "id", "ms", "tl", "sw", "am", "ha", "yo",
    "pl", "cs", "sk", "ro", "hu", "hr", "sl", "sv", "da", "nb", "fi", "et", "lv", "lt", "ca", "sq",
)  # fmt: skip

# Words printed before a date's day, month or year ("ទី២៧ ខែកុម្ភៈ ឆ្នាំ២០២៥": day 27, month February, year 2025):
# the date finder reads the date around them.
DATE_PARTICLES: Vocabulary = {"km": ("ថ្ងៃទី", "ទី", "ខែ", "ឆ្នាំ")}

# The months of the Solar Hijri calendar (Iran's and Afghanistan's civil calendar: "۲۴ بهمن ۱۴۰۳" is 12 February
# 2025): the Iranian names, the Dari names used in Afghanistan, and the Pashto names.
SOLAR_HIJRI_MONTHS: Vocabulary = {
    "fa": ("فروردین حمل", "اردیبهشت ثور", "خرداد جوزا", "تیر سرطان", "مرداد امرداد اسد", "شهریور سنبله",
           "مهر میزان", "آبان عقرب", "آذر قوس", "دی جدی", "بهمن دلو", "اسفند حوت"),
    "ps": ("وری", "غویی", "غبرگولی", "چنگاښ", "زمری", "وږی", "تله", "لړم", "لیندۍ", "مرغومی", "سلواغه", "کب"),
}  # fmt: skip

WEEKDAYS: Vocabulary = {
    "en": ("monday mon", "tuesday tue tues", "wednesday wed", "thursday thu thur thurs", "friday fri",
           "saturday sat", "sunday sun"),
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}  # fmt: skip


def month_numbers(vocabulary: Vocabulary = MONTHS) -> dict[str, int]:
    """Every month name and abbreviation of every language -> its number (1-12)."""
    return {
        name: number
        for months in vocabulary.values()
        for number, names in enumerate(months, start=1)
        for name in names.split()
    }


def words(vocabulary: Vocabulary) -> frozenset[str]:
    """Every word of every entry of every language (for vocabularies of single words such as WEEKDAYS)."""
    return frozenset(word for entries in vocabulary.values() for entry in entries for word in entry.split())


# --------------------------------------------------------------------------------- teasers and sections

# A line that is only a header over a list of links to other stories ("Related Articles", "Most read"). Whole
# line, perhaps with ":" or "…".
TEASER_LIST_HEADERS: Vocabulary = {
    "en": (
        "related",
        "related (?:articles?|stories|story|posts?|news|content|coverage|links|topics|videos?)",
        "more (?:stories|news|articles|videos|from .{1,40}|on .{1,40}|in .{1,40})",
        "more in .{1,40}",
        "more like this",
        "more to read",
        "more coverage",
        "more to explore",
        "trending",
        "trending (?:now|stories|news|topics|articles|videos)",
        "recommended(?: for you| stories| articles| reading)?",
        "top stories",
        "latest(?: news| stories| articles| videos)?",
        "our latest (?:stories|news|posts)",
        "(?:latest|recent|related|popular|more) posts",
        "popular",
        "popular (?:stories|now)",
        "most popular",
        "most read",
        "most viewed",
        "most shared",
        "most commented",
        "most (?:read|popular|viewed|shared) (?:in|on|from) .{1,40}",
        "you (?:may|might) (?:also )?(?:like|enjoy)",
        "you may have missed",
        "don't miss",
        "must (?:read|watch)",
        "editors?[’']? ?picks",
        "what to read next",
        "read next",
        "read these next",
        "up next",
        "in other news",
        "also in .{1,30}",
        "around the web",
        "from the web",
        "sponsored (?:stories|content|links)",
        "promoted (?:stories|content)",
        "explore further",
        "see all .{1,30}",
        "see more .{1,30}",
    ),
    "de": (
        "das könnte sie auch interessieren",
        "das könnte dich auch interessieren",
        "das thema könnte (?:dich|sie) auch interessieren",
        "mehr zum thema",
        "mehr themen",
        "weitere artikel",
        "weitere nachrichten",
        "weitere beiträge",
        "meistgelesen",
        "meistgelesene artikel",
        "(?:seit .{1,20} )?am meisten gelesen",
        "top-artikel",
        "empfehlungen",
        "empfohlene artikel",
        "empfohlener redaktioneller inhalt",
        "ähnliche artikel",
        "ähnliche beiträge",
        "ähnliche themen",
        "verwandte artikel",
        "artikel zum thema",
        "auch interessant",
        "aktuelle nachrichten",
        "neueste artikel",
    ),
    "es": (
        "noticias relacionadas",
        "te puede interesar",
        "lo más leído",
        "noticias más leídas",
        "más noticias",
        "otras noticias",
        "relacionados",
        "mirá también",
        "informate más",
    ),
    "fr": (
        "à lire aussi",
        "lire aussi",
        "à lire également",
        "pour approfondir",
        "sur le même sujet",
        "les plus lus",
        "articles similaires",
        "dans la même rubrique",
    ),
    "it": ("articoli correlati", "notizie correlate"),
    "pt": ("leia também", "notícias relacionadas"),
    "pl": ("zobacz (?:także|też)",),
    "ur": ("متعلقہ خبریں", "مزید خبریں", "تازہ ترین خبریں", "سب سے زیادہ پڑھی جانے والی"),
    "ps": ("اړوند خبرونه", "نور خبرونه"),
    "fa": ("اخبار مرتبط", "مطالب مرتبط", "پربازدیدترین", "آخرین اخبار"),
    "ar": ("أخبار ذات صلة", "مواضيع ذات صلة", "الأكثر قراءة", "الأكثر مشاهدة", "آخر الأخبار", "اقرأ أيضا", "اقرأ أيضاً"),
    "hi": ("संबंधित खबरें", "संबंधित ख़बरें", "ताज़ा खबरें", "ताजा खबरें", "सबसे ज्यादा पढ़ी गई"),
    "bn": ("সম্পর্কিত খবর", "আরও খবর", "সর্বশেষ খবর", "সর্বাধিক পঠিত"),
    "ru": ("похожие новости", "другие новости", "самое читаемое", "по теме", "читайте также"),
    "uk": ("схожі новини", "інші новини", "читайте також"),
    "tr": ("ilgili haberler", "en çok okunanlar", "benzer haberler"),
    "zh": ("相关新闻", "相关阅读", "延伸阅读", "热门新闻"),
    "ja": ("関連記事", "関連ニュース", "人気記事"),
    "ko": ("관련기사", "관련 기사", "많이 본 뉴스", "관련 뉴스"),
    "th": ("ข่าวที่เกี่ยวข้อง", "ข่าวล่าสุด"),
    "id": ("berita terkait", "baca juga", "terpopuler"),
    "he": ("כתבות נוספות", "עוד באתר"),
}

# A header over a part of the page that is not the article but no list of stories either: tags, topics, a table
# of contents. Whole line.
SECTION_LABELS: Vocabulary = {
    "en": ("tags", "topics", "table of contents"),
    "de": ("themen", "schlagworte", "inhaltsverzeichnis"),
    "es": ("índice",),
    "fr": ("sommaire",),
}

# A label that opens a single link to another story ("Read more: <headline>", "Lesen Sie auch"), or stands alone
# over one. At the start of a line.
TEASER_LABELS: Vocabulary = {
    "en": (
        "read also",
        "also read",
        "read next",
        "read:",
        "also see",
        "see also",
        "more:",
        "related:",
        "related story",
        "recommended:",
        "watch:",
        "watch video",
        "video:",
        "listen:",
        "further reading",
        "more on this",
        "click here",
        "explore further",
        "previous (?:post|article|story):",
        "next (?:post|article|story):",
        "tags:",
        "tag:",
    ),
    "de": (
        "lesen sie auch",
        "lesen sie hier",
        "auch interessant",
        "mehr zum thema",
        "mehr dazu",
        "zum artikel",
        "zum thema",
        "das könnte sie auch interessieren",
        "siehe auch",
        "nachfolgebeitrag:",
        "vorgängerbeitrag:",
        "vorschau auf den nächsten artikel",
        "schlagwörter:",
        "schlagworte:",
        "stichwörter:",
        "themen:",
    ),
    "es": (
        "lea también",
        "lea:",
        "lee también",
        "ver también",
        "vea también",
        "ver más",
        "véase también",
        "te puede interesar",
        "también te puede interesar",
        "mire:",
        "mira:",
        "etiquetas:",
    ),
    "fr": (
        "lire aussi",
        "à lire aussi",
        "a lire aussi",
        "à lire également",
        "a lire également",
        "voir aussi",
        "pour approfondir",
        "mots-clés:",
    ),
    "it": ("leggi anche",),
    "pt": ("leia também", "veja também"),
    "nl": ("lees ook",),
    "sv": ("läs också",),
    "no": ("les også",),
    "da": ("læs også",),
    "pl": ("zobacz (?:także|też|również)", "czytaj (?:także|też|więcej)"),
    "ur": ("مزید پڑھیں", "یہ بھی پڑھیں", "یہ بھی پڑھیے"),
    "ps": ("نور ولولئ", "دا هم ولولئ", "دا هم ولوله"),
    "fa": ("بیشتر بخوانید", "همچنین بخوانید", "بخوانید"),
    "ar": ("اقرأ أيضا", "اقرأ أيضاً", "اقرأ ايضا", "إقرأ أيضا", "اقرأ المزيد", "طالع أيضا"),
    "hi": ("और पढ़ें", "यह भी पढ़ें", "ये भी पढ़ें", "इसे भी पढ़ें"),
    "bn": ("আরও পড়ুন", "আরো পড়ুন"),
    "pa": ("ਇਹ ਵੀ ਪੜ੍ਹੋ",),
    "ru": ("читайте также", "смотрите также", "читать также"),
    "uk": ("читайте також",),
    "tr": ("ayrıca okuyun", "ilgili haber"),
    "zh": ("相关阅读", "延伸阅读", "推荐阅读"),
    "ja": ("関連記事",),
    "ko": ("관련기사",),
    "th": ("อ่านต่อ", "อ่านเพิ่มเติม"),
    "id": ("baca juga",),
    "vi": ("xem thêm", "đọc thêm"),
    "he": ("קראו עוד", "קראו גם"),
    "ta": ("மேலும் படிக்க",),
}

# The words of a link to the rest of a story ("Read more", "Weiterlesen"): alone, after a teaser's blurb, or as
# the label of a teaser; never part of a headline.
READ_MORE_LINKS: Vocabulary = {
    "en": ("read more", "continue reading"),
    "de": ("weiterlesen", "mehr lesen", "lesen sie mehr"),
    "es": ("leer más", "lea más"),
    "fr": ("lire la suite", "en savoir plus"),
    "pt": ("leia mais",),
    "nl": ("lees meer",),
    "sv": ("läs mer",),
    "ur": ("مزید پڑھیں",),
    "ar": ("اقرأ المزيد",),
    "hi": ("और पढ़ें", "आगे पढ़ें"),
    "bn": ("আরও পড়ুন",),
    "ru": ("читать далее", "подробнее"),
    "th": ("อ่านต่อ",),
}

# ----------------------------------------------------------------------------------------------- bylines

# Words that open a byline ("By Jane Roe", "Von Max Muster", "Written by ..."): a name follows.
BYLINE_LABELS: Vocabulary = {
    "en": (
        "by",
        "written by",
        "reported by",
        "posted by",
        "submitted by",
        "words by",
        "text by",
        "an? (?:column|essay|commentary|analysis|opinion piece) by",
    ),
    "de": (
        "von",
        "geschrieben von",
        "verfasst von",
        "gespeichert von",
        "erstellt von",
        "eingestellt von",
        "gepostet von",
        "veröffentlicht von",
        "text von",
        "durch",
        "eine? (?:beitrag|artikel|gastbeitrag|kolumne|kommentar|analyse|glosse|essay|reportage|interview) von",
    ),
    "fr": ("par", "publié par", "texte de"),
    "es": ("por", "publicado por"),
    "pt": ("por",),
    "it": ("di",),
    "nl": ("door",),
    "sv": ("av",),
    "no": ("av",),
    "da": ("af",),
    "ar": ("بقلم",),
    "hi": ("द्वारा",),
    "km": ("ដោយ",),
}
# Byline labels printed alone at the end of a line, the names on the next one ("Von:" / "Max Muster").
BYLINE_LABELS_BEFORE_A_BREAK: Vocabulary = {
    "en": ("by",),
    "de": ("von",),
    "fr": ("par",),
    "es": ("por",),
    "pt": ("por",),
}
# Byline labels that also open ordinary lines ("Von Berlin nach Rom", "Di notte", "Text size"): weak evidence alone.
AMBIGUOUS_BYLINE_LABELS: Vocabulary = {"de": ("von",), "it": ("di",), "en": ("text",)}
# The word "author" (or "text") as a byline label: "Autor: Max Muster", "Author Jane Roe". Followed by a name it
# opens a byline (the metadata stage checks the name); without a colon it may as well open a sentence ("Text
# messages flood ...") or head an author box, so the cleaner and the splitter only take it with its colon.
AUTHOR_LABELS: Vocabulary = {
    "en": ("author", "reporter", "text"),
    "de": ("autor(?:in)?", "text", "redaktion", "reportage"),
    "fr": ("auteur", "texte"),
    "es": ("autor", "texto"),
    "pt": ("autor", "texto"),
    "it": ("autore",),
    "ur": ("رپورٹ", "رپورٹر", "تحریر", "مصنف"),
    "ps": ("لیکوال", "راپور"),
    "fa": ("نویسنده", "گزارش", "گزارشگر"),
    "ar": ("كتب", "كتبت", "تقرير", "الكاتب"),
    "hi": ("लेखक", "रिपोर्ट", "रिपोर्टर"),
    "bn": ("লেখক", "প্রতিবেদক"),
    "ru": ("автор", "авторы", "текст"),
    "uk": ("автор", "автори"),
    "tr": ("yazar", "haber"),
    "zh": ("作者", "记者", "撰文"),
    "ja": ("記者",),
    "el": ("συντάκτης", "συντάκτρια"),
    "id": ("penulis", "reporter", "pewarta"),
    "ka": ("ავტორი",),
    "kk": ("автор",),
    "gu": ("અહેવાલ", "લેખક"),
    "am": ("ዘጋቢ",),
}
# A header over the author's box ("About the author"): the lines under it are a bio, and name the author.
AUTHOR_HEADERS: Vocabulary = {
    "en": ("about the authors?", "about author", "author bio", "author", "authors", "the author", "written by"),
    "de": (
        "über den autor",
        "über die autorin",
        "über die autoren",
        "zur person",
        "zum autor",
        "zur autorin",
        "der autor",
        "die autorin",
        "autor",
        "autorin",
    ),
    "es": ("sobre el autor", "sobre la autora"),
    "pt": ("sobre o autor",),
    "fr": ("à propos de l'auteur", "a propos de l'auteur", "l'auteur"),
    "it": ("l'autore",),
}

# An author's or site's blurb at the end of an article ("Jane Roe is a reporter for...", "WIRED is where
# tomorrow is realized"): after a capitalised name, a copula or a verb of the trade, written in lower case and
# matched as written. The cleaner drops such a line among the last kept ones if it holds a verb, or a copula and
# one of the AUTHOR_BIO_WORDS (searched as plain substrings).
# An author box headed by the author's name: "About Jane Roe", "Über Anna Müller", "Sobre Carlos Nadalim".
AUTHOR_BOX_LABELS: Vocabulary = {
    "en": ("about",),
    "de": ("über",),
    "es": ("sobre", "acerca de"),
    "pt": ("sobre",),
    "fr": ("à propos de",),
}
AUTHOR_BIO_COPULAS: Vocabulary = {
    "en": ("is", "was", "has been"),
    "de": ("ist", "war"),
    "pt": ("é",),
    "es": ("es",),
    "fr": ("est",),
    "it": ("è",),
}
AUTHOR_BIO_VERBS: Vocabulary = {
    "en": ("writes", "covers", "reports", "has worked", "has written"),
    "de": ("schreibt", "berichtet", "arbeitet", "beschäftigt sich"),
    "es": ("escribe",),
    "fr": ("écrit",),
}
AUTHOR_BIO_WORDS: Vocabulary = {
    "en": (
        "writer", "journalist", "reporter", "editor", "correspondent", "author", "contributor", "columnist",
        "founder", "professor", "freelance", "blogger", "educator", "covering", "covers", "host of", "lives in",
        "based in", "leading", "source of",
    ),
    "de": ("redakteur", "autor", "journalistin", "lebt in", "studierte"),
    "es": ("periodista", "escritor"),
    "fr": ("journaliste",),
    "pt": ("coordenador",),
}  # fmt: skip

# ------------------------------------------------------------------------------------------- highlights

# A header over the story's bullet summary ("Story highlights", "Das Wichtigste in Kürze"). Whole line.
HIGHLIGHT_HEADERS: Vocabulary = {
    "en": ("story highlights", "highlights", "key takeaways", "at a glance", "summary"),
    "de": ("das wichtigste(?: in kürze)?", "in kürze", "auf einen blick", "zusammenfassung"),
    "es": ("lo más importante",),
    "fr": ("l'essentiel", "en bref"),
    "it": ("in breve",),
}

# ------------------------------------------------------------------------------------------- skip links

# The accessibility link at the top of a page that jumps over its navigation: a page starts here.
SKIP_LINKS: Vocabulary = {
    "en": ("skip to (?:main )?(?:content|navigation|article)", "jump to (?:main )?(?:content|navigation)"),
    "de": ("zum inhalt springen", "direkt zum inhalt"),
    "fr": ("aller au contenu", "passer au contenu"),
    "es": ("ir al contenido", "saltar al contenido"),
    "it": ("vai al contenuto",),
    "pt": ("pular para o conteúdo",),
    "ru": ("перейти к содержанию",),
}

# --------------------------------------------------------------------------------------- captions, credits

# The words that name a picture or its credit in a caption ("Photo: Jane Roe", "Bildquelle: dpa").
CREDIT_WORDS: Vocabulary = {
    "en": ("photo", "photos", "photograph", "image", "picture", "credit", "image credit", "photo credit", "caption"),
    "de": ("foto", "fotos", "bild", "quelle", "bildquelle", "fotoquelle", "bildnachweis"),
    "fr": ("crédit",),
    "es": ("fotografía", "imagen", "fuente", "crédito"),
}
# Picture agencies and the stock words of a credit ("(AFP/File)", "© dpa", "Getty Images"): names, in no language.
PICTURE_AGENCIES: Vocabulary = {
    "*": (
        "afp", "ap", "reuters", "getty(?: images)?", "epa(?:-efe)?", "efe", "dpa", "xinhua", "anadolu(?: agency)?",
        "bloomberg", "shutterstock", "alamy", "istock(?:photo)?", "imago(?: images)?", "picture[ -]alliance",
        "keystone", "ansa", "europa press", "aap", "pa", "nurphoto", "sopa images", "sipa", "zuma", "wenn", "splash",
        "pool", "handout", "file", "archive", "archiv", "photo", "foto", "image", "bild", "courtesy", "screenshot",
        "screengrab", "supplied", "symbolbild", "symbolfoto",
    ),
}  # fmt: skip

# ---------------------------------------------------------------------------------------------- comments

# A header that opens the comment section or its form ("Leave a Reply", "Kommentar schreiben"). Whole line.
COMMENT_HEADERS: Vocabulary = {
    "en": (
        "leave a (?:reply|comment)",
        "post a comment",
        "add a comment",
        "write a comment",
        "show comments",
        "view comments",
        "load comments",
        "join the (?:conversation|discussion)",
        "be the first to comment",
        "comments are closed",
    ),
    "de": (
        "kommentar schreiben",
        "leserkommentare",
        "diskutieren sie mit",
        "hinterlasse (?:eine antwort|einen kommentar)",
        "schreibe einen kommentar",
        "kommentar verfassen",
        "antworten abbrechen",
        "ihre meinung",
        "deine meinung",
    ),
    "es": ("deja un comentario", "dejar un comentario"),
    "fr": ("laisser un commentaire", "vos réactions", "vos commentaires"),
    "it": ("lascia un commento",),
    "pt": ("deixe um comentário",),
}
# What a count of comments counts ("12 comments", "3 thoughts on “...”").
COMMENT_COUNTS: Vocabulary = {
    "en": ("comments?", "responses?", "thoughts?", "replies", "reactions"),
    "de": ("kommentare?",),
    "es": ("comentarios",),
    "fr": ("commentaires",),
}
# The verb of a commenter's signature ("jsmith says:").
SAYS_VERBS: Vocabulary = {
    "en": ("says", "said", "wrote"),
    "de": ("sagt", "schreibt"),
    "es": ("dice", "escribió"),
    "fr": ("dit", "écrit"),
    "it": ("scrive",),
}

# The labels of a comment form's fields and buttons ("Name", "Email", "Submit Comment"): alone on a line, the
# cleaner takes the line for part of a comment form. (Not COMMENT_COUNTS: a "Replies" line is not a form field.)
COMMENT_FORM_FIELDS: Vocabulary = {
    "en": ("cancel reply", "submit comment", "post comment", "name", "email", "e-mail", "website", "comments?"),
    "de": ("kommentare?", "nachricht", "kommentieren"),
    "es": ("comentarios",),
    "fr": ("commentaires",),
    "it": ("commenti",),
}
# The sentences of a comment form ("Your email address will not be published"): the cleaner searches them as plain
# substrings of lines up to 300 characters.
COMMENT_FORM_PHRASES: Vocabulary = {
    "en": (
        "your email address will not be published",
        "required fields are marked",
        "save my name, email",
        "notify me of new",
        "notify me of follow-up",
        "you must be logged in to post a comment",
        "to comment, please",
    ),
    "de": ("e-mail-adresse wird nicht veröffentlicht", "erforderliche felder sind", "benachrichtige mich"),
    "es": ("correo electrónico no será publicada", "para comentar debes"),
    "fr": ("adresse e-mail ne sera pas publiée",),
    "*": ("akismet",),  # the spam filter's notice under a WordPress comment form
}

# ----------------------------------------------------------------------------------------------- kickers

# Labels printed in front of a headline or a first paragraph ("BREAKING:", "Exklusiv –"), one word each.
KICKER_LABELS: Vocabulary = {
    "en": ("update", "updated", "breaking", "exclusive", "analysis", "opinion", "watch", "video", "photo", "live",
           "editor", "note", "q", "a", "faq", "teaser"),
    "de": ("foto", "anzeige", "fazit", "exklusiv"),
}  # fmt: skip

# ------------------------------------------------------------------------------------------- interface

# Interface phrases: buttons, account and navigation labels, page errors. A line holding one is never a
# headline, however headline-shaped (the metadata stage searches them anywhere in a candidate).
INTERFACE_PHRASES: Vocabulary = {
    "en": (
        "sign up", "subscribe", "newsletter", "embed", "jump to recipe", "print recipe", "votes?", "add to",
        "filed under", "cookies?", "privacy", "javascript", "loading", "funded by", "sponsored",
        "toggle navigation", "navigation", "dark mode", "go top", "back to top", "view all",
        "exact matches", "sharing options", "show me this", "like us", "follow us", "in partnership", "log in",
        "sign in", "my account", "shopping cart", "click here", "learn more", "more info", "donate", "image \\d+ of",
        "photo \\d+ of", "\\d+ shares?", "all articles", "page not found", "official site",
    ),
    "de": (
        "abonnieren", "anzeigen", "datenschutz", "werden geladen", "nach oben", "schreibe eine antwort",
        "antwort schreiben", "kommentare[n]? (?:schreiben|verfassen)", "schreiben sie einen kommentar",
        "empfehlen sie", "suchbegriff", "wechseln zu", "zur navigation", "folge uns", "folgen sie uns", "vorlesen",
        "zurück", "zurückblättern", "weiter zum", "exklusiv für", "nur für abonnenten", "abonnent",
        "einloggen", "registrieren", "mein konto", "warenkorb", "hier klicken", "mehr erfahren", "spenden",
        "bild \\d+ von", "alle artikel", "alle beiträge", "seite nicht gefunden", "offizielle seite",
    ),
    "fr": ("description de", "cliquez"),
}  # fmt: skip

# ---------------------------------------------------------------------------------------- legal, read time

# The site's legal and service links ("Impressum", "Privacy Policy", "Contact us"): footer furniture.
LEGAL_LINKS: Vocabulary = {
    "en": (
        "terms of (?:use|service)",
        "privacy(?: policy| notice| settings)?",
        "cookie (?:policy|settings)",
        "imprint",
        "contact(?: us)?",
        "about us",
        "accessibility(?: links| statement)?",
        "sitemap",
        "careers",
        "advertise(?: with us)?",
    ),
    "de": ("impressum", "datenschutz(?:erklärung)?", "agb", "nutzungsbedingungen", "kontakt", "mediadaten"),
    "es": ("aviso legal", "política de privacidad"),
    "fr": ("mentions légales",),
}
# A reading time: "5 min read", "Lesezeit: 3 Minuten". The words for minutes, and the labels that follow the
# figure ("read") or stand before it ("Lesezeit:").
MINUTE_WORDS: Vocabulary = {
    "en": ("min(?:ute)?s?",),
    "de": ("minuten",),
    "es": ("minutos?",),
    "fr": ("minutes?",),
    "it": ("minuti",),
    "nl": ("minuten",),
}
READ_TIME_AFTER: Vocabulary = {
    "en": ("read",),
    "de": ("lesezeit", "lesen"),
    "fr": ("de lecture",),
    "es": ("de lectura",),
}
READ_TIME_BEFORE: Vocabulary = {
    "en": ("reading time", "read time"),
    "de": ("lesezeit", "lesedauer"),
    "es": ("tiempo de lectura",),
    "fr": ("temps de lecture",),
    "pt": ("tempo de leitura",),
    "it": ("tempo di lettura",),
    "nl": ("leestijd",),
}

# ------------------------------------------------------------------------------------------------ rights

# "All rights reserved" as pages print it: a page's copyright footer.
RIGHTS_RESERVED: Vocabulary = {
    "en": ("all rights reserved",),
    "de": ("alle rechte vorbehalten",),
    "es": ("todos los derechos reservados",),
    "fr": ("tous droits réservés",),
    "it": ("tutti i diritti riservati",),
    "pt": ("todos os direitos reservados",),
    "nl": ("alle rechten voorbehouden",),
    "sv": ("alla rättigheter förbehållna",),
    "pl": ("wszelkie prawa zastrzeżone",),
    "tr": ("tüm hakları saklıdır",),
    "ru": ("все права защищены",),
    "ar": ("جميع الحقوق محفوظة",),
    "ur": ("جملہ حقوق محفوظ",),
    "hi": ("सर्वाधिकार सुरक्षित",),
    "ps": ("ټول حقونه خوندي دي",),
    "fa": ("تمامی حقوق محفوظ است", "کلیه حقوق محفوظ است"),
    "bn": ("সর্বস্বত্ব সংরক্ষিত",),
    "pa": ("ਸਾਰੇ ਹੱਕ ਰਾਖਵੇਂ ਹਨ",),
    "ta": ("அனைத்து உரிமைகளும் பாதுகாக்கப்பட்டவை",),
    "uk": ("всі права захищені", "усі права захищен[оі]"),
    "zh": ("版权所有",),
    "ja": ("無断転載を禁じます", "無断転載禁止"),
    "ko": ("무단전재 및 재배포 금지", "무단 전재"),
    "th": ("สงวนลิขสิทธิ์",),
    "he": ("כל הזכויות שמורות",),
    "id": ("hak cipta dilindungi",),
    "el": ("με (?:την )?επιφύλαξη παντός δικαιώματος",),
    "ka": ("ყველა უფლება დაცულია",),
    "hy": ("բոլոր իրավունքները պաշտպանված են",),
    "kk": ("барлық құқықтар қорғалған",),
    "am": ("(?:ሁሉም )?መብቶች (?:ሁሉ )?የተጠበቁ ናቸው", "መብቱ በሕግ የተጠበቀ ነው"),
    "gu": ("સર્વાધિકાર સુરક્ષિત", "સર્વ હક્ક સ્વાધીન"),
    "ml": ("എല്ലാ അവകാശങ്ങളും നിക്ഷിപ്തം",),
    "si": ("සියලු(?:ම)? හිමිකම් ඇවිරිණි",),
    "my": ("မူပိုင်ခွင့် (?:အားလုံး )?ရယူထားသည်",),
    "km": ("រក្សាសិទ្ធិគ្រប់យ៉ាង",),
    "sw": ("haki zote zimehifadhiwa",),
    "vi": ("bảo lưu mọi quyền", "giữ bản quyền"),
}

# ------------------------------------------------------------------------------------- share bars, toolbars

# The words a share bar or toolbar line is made of ("Share | Tweet | Print", "Teilen Drucken Merken"): the cleaner
# drops a line made only of them (and of SKIP_LINKS), in any order and number. Shares many entries with MENU_LABELS
# (share, print, facebook, menu, search...), but each holds words the other must not take: a headline may start
# with "Top", "Next" or "Play"; "Home" or "Startseite" alone is no toolbar line.
SHARE_WIDGET_WORDS: Vocabulary = {
    "en": (
        "share", "shares", "share this(?: article| story| page| post)?", "share on \\w+", "share via \\w+",
        "share article", "tweet", "pin it", "follow", "follow us", "follow us on \\w+", "subscribe", "subscribe now",
        "print", "print this(?: article| page)?", "email", "e-mail", "mail", "copy link", "copy url", "link copied",
        "short url", "shorturl", "comments?", "save", "bookmark", "gift this article", "listen",
        "listen to (?:this )?(?:article|story)", "audio", "play", "zoom", "font size", "sign in", "sign up",
        "log ?in", "register", "register now", "menu", "search", "close", "back to top", "top", "show image",
        "close image", "previous", "next", "gallery", "back to overview",
    ),
    "de": (
        "teilen", "artikel teilen", "drucken", "merken", "folgen", "empfehlen", "versenden", "per e-mail",
        "link kopieren", "artikel anhören", "vorlesen", "anmelden", "registrieren", "jetzt registrieren",
        "jetzt anmelden", "abonnieren", "menü", "suche", "schließen", "nach oben", "bild anzeigen", "bild schließen",
        "vorherige", "nächste", "zurück", "weiter", "galerie", "pinnen", "bei pinterest speichern",
        "zurück zur übersicht", "zur übersicht",
    ),
    "es": ("compartir", "imprimir", "seguir", "buscar"),
    "fr": ("partager", "imprimer", "suivre", "rechercher"),
    "it": ("condividi", "stampa"),
    "pt": ("partilhar",),
    "nl": ("delen",),
    # in no language: the networks' names and the font-size buttons
    "*": (
        "whatsapp", "facebook", "twitter", "x", "linkedin", "pinterest", "reddit", "telegram", "flipboard",
        "messenger", "instagram", "youtube", "tiktok", "a\\+", "a-",
    ),
    "ur": ("شیئر کریں", "شیئر"),
    "ps": ("شریک کړئ",),
    "fa": ("اشتراک‌گذاری", "اشتراک گذاری", "اشتراک"),
    "ar": ("شارك", "مشاركة", "طباعة"),
    "hi": ("शेयर करें", "शेयर"),
    "bn": ("শেয়ার করুন", "শেয়ার"),
    "ru": ("поделиться",),
    "tr": ("paylaş",),
    "zh": ("分享到", "分享"),
    "ja": ("シェアする", "シェア"),
    "ko": ("공유하기", "공유"),
    "th": ("แชร์",),
    "he": ("שתפו", "שתף"),
    "id": ("bagikan",),
    "ta": ("பகிர்",),
}  # fmt: skip

# ------------------------------------------------------------------------------------------- calls to action

# A whole line asking the reader to subscribe, follow, share, get the app or support the site ("Sign up for our
# newsletter", "Follow us on Twitter"): the cleaner drops it (up to 200 characters).
READER_PROMPTS: Vocabulary = {
    "en": (
        "add .{1,40} as a preferred source",
        "sign up (?:for|to) (?:our|the) .{0,40}newsletter",
        "subscribe to (?:our|the) .{0,60}",
        "get (?:our|the) .{0,40}newsletter",
        "newsletter",
        "follow .{1,40} on (?:google news|twitter|facebook|instagram|x|whatsapp|telegram|linkedin)",
        "click here to .{0,60}",
        "share (?:this|the) .{0,40}",
        "(?:join|download) (?:our|the) .{0,40}(?:app|channel|newsletter)",
        "support (?:our|independent) journalism",
    ),
    "de": ("newsletter abonnieren", "jetzt abonnieren"),
}
# Calls to action around an article (newsletter boxes, "follow us", app and donation pleas, consent to load
# embedded content): words a news paragraph almost never uses. The cleaner searches them as plain substrings of
# lines too short to be a paragraph about the subject itself.
CALL_TO_ACTION_PHRASES: Vocabulary = {
    "en": (
        "newsletter", "subscribe to our", "subscribe now", "subscribe for free", "sign up for our", "sign up to our",
        "sign up now", "sign up here", "thanks for signing up", "your inbox", "follow us", "app store", "google play",
        "donate", "opt-in", "unsubscribe", "email address", "push notifications",
        "load the content", "support us", "support our", "to support it", "never miss",
        "click here to", "please subscribe", "already a subscriber",
    ),
    "de": (
        "abonnier", "abonniere", "postfach", "folgen sie uns", "folge uns", "e-mail-adresse", "jetzt teilen",
        "damit einverstanden", "zum inhalt von", "um den inhalt", "nichts mehr verpassen", "nichts verpassen",
        "ausgabe bestellen", "jetzt bestellen",
        "dein einverständnis", "ihr einverständnis", "redaktion per e-mail",
        "unterstütze uns", "unterstützen sie uns",
    ),
    "fr": ("abonnez", "abonner", "suivez-nous"),
    "es": ("suscríbete", "suscribete", "suscribirse", "síguenos", "siguenos"),
    "it": ("seguici",),
    # in no language: the services a call to action sends the reader to
    "*": ("telegram", "whatsapp", "youtube", "paypal"),
}  # fmt: skip

# -------------------------------------------------------------------------------------- live and weather

# The weather widget's words ("Wetter", "Loading weather..."): a line that is only one of them (or a temperature)
# is page furniture for the cleaner.
WEATHER_WORDS: Vocabulary = {
    "en": ("fetching weather", "loading weather", "weather"),
    "de": ("wetter",),
}
# Live and breaking-news labels ("Breaking News", "Live", "Eilmeldung"): alone on a line, furniture for the cleaner.
LIVE_LABELS: Vocabulary = {
    "en": ("breaking news", "breaking", "live", "watch live", "live updates", "newsflash", "just in"),
    "de": ("eilmeldung",),
}

# --------------------------------------------------------------------------- policy, cookies, disclaimers

# Policy and consent notices (C4's policy substrings): the cleaner searches them as plain substrings of a line
# ("cookie-notice" if the line says "cookie", else "legal"). Not LEGAL_LINKS: those are whole-line link labels.
POLICY_PHRASES: Vocabulary = {
    "en": (
        "terms of use", "terms of service", "privacy policy", "cookie policy", "uses cookies", "use of cookies",
        "use cookies", "cookie settings",
    ),
    "de": ("cookie-einstellungen", "cookies einstellungen", "verwendet cookies", "verwenden cookies", "nutzt cookies"),
    "es": ("utiliza cookies", "utilizamos cookies"),
    "fr": ("utilise des cookies", "utilisons des cookies"),
    "*": ("lorem ipsum",),  # placeholder text: a template, not an article
}  # fmt: skip
# Browser and ad-blocker notices ("Please enable JavaScript", "Ihr Browser ..."): searched like POLICY_PHRASES, but
# only in lines up to 200 characters (in a paragraph they are more likely a tech article than a notice).
BROWSER_NOTICE_PHRASES: Vocabulary = {
    "en": ("your browser", "enable js", "ad blocker"),
    "de": ("ihr browser", "werbeblocker"),
    "*": ("javascript", "adblock"),
}
# The word a consent banner explains itself with, and the words that go with it in its full sentences
# ("Necessary cookies are essential for the website..."): a line holding both is a cookie notice.
COOKIE_WORDS: Vocabulary = {"*": ("cookies",)}
COOKIE_CONTEXT_WORDS: Vocabulary = {"en": ("website", "consent", "browser")}
# Disclaimers and affiliate notes: the site speaking about itself. The cleaner searches them as plain substrings
# of lines up to 500 characters.
DISCLAIMER_PHRASES: Vocabulary = {
    "en": (
        "disclaimer", "not responsible for", "affiliate", "compensation", "opinions expressed", "views expressed",
        "medical advice", "associates program", "amazon associates", "privacy statement", "commission from",
        "a small commission", "earn a commission", "results may vary", "informational purposes",
        "information provided on this", "letters to the editor", "advertising disclosure",
    ),
    "de": ("keine haftung", "haftungsausschluss", "haftungshinweis", "haftung für", "datenschutzerklärung"),
    "fr": ("n'engagent que",),
}  # fmt: skip

# ---------------------------------------------------------------------------------------------------- ads

# The label over an ad ("Advertisement", "Anzeige", "- Anzeige -"): alone on a line, the cleaner drops it.
AD_LABELS: Vocabulary = {
    "en": (
        "advertisement", "advertising", "ad", "ads", "sponsored", "sponsored content", "paid content", "paid post",
        "promoted",
    ),
    "de": ("anzeige", "werbung", "- anzeige -"),
    "es": ("publicidad",),
    "fr": ("publicité",),
    "it": ("pubblicità",),
    "pt": ("publicidade",),
    "pl": ("reklama",),
    "da": ("reklame",),
    "no": ("reklame",),
    "sv": ("annons",),
    "nl": ("advertentie",),
}  # fmt: skip
# The line an ad breaks a story with ("Story continues below advertisement", "Werbung überspringen"): alone on a
# line, the cleaner drops it.
AD_BREAKS: Vocabulary = {
    "en": (
        "story continues below(?: advertisement)?",
        "article continues below",
        "scroll to continue(?: with content)?",
    ),
    "de": ("werbung überspringen",),
}

# --------------------------------------------------------------------------------------------- headlines

# Menu items, toolbar and section labels ("Share", "Startseite", "Breaking News", "Kommentare"): for the metadata
# stage, a line of up to four words that starts with one (as a whole word) is never a headline. Shares entries
# with SHARE_WIDGET_WORDS, LIVE_LABELS, AD_LABELS and COMMENT_FORM_FIELDS but is not built from them: their other
# entries ("top", "next", "live", "breaking", "ad", "name"...) also start headlines.
MENU_LABELS: Vocabulary = {
    "en": (
        "share", "follow", "short url", "print", "e-?mail", "newsletter", "login", "menu", "search", "home",
        "watch live", "breaking news", "accessibility links", "newsflash", "advertisement", "comments?",
    ),
    "de": (
        "teilen", "folgen", "drucken", "anmelden", "menü", "suche", "startseite", "anzeige", "werbung", "kommentare?",
    ),
    "*": ("facebook", "twitter", "whatsapp", "linkedin"),  # in no language: the networks' names
    "ur": ("ہوم",), "ar": ("الرئيسية",), "fa": ("صفحه اصلی",), "hi": ("होम",), "bn": ("প্রচ্ছদ",),
    "ru": ("главная",), "zh": ("首页",), "ja": ("トップ",), "ko": ("홈",), "th": ("หน้าแรก",), "he": ("ראשי",),
}  # fmt: skip
# The label in front of a breadcrumb ("You are here: Home » News"): a line starting with it is never a headline.
BREADCRUMB_LABELS: Vocabulary = {
    "de": ("sie sind hier", "du bist hier", "sie befinden sich"),
    "en": ("you are here",),
    "fr": ("vous êtes ici",),
    "es": ("usted está aquí",),
}
# Function words a headline never ends on ("In partnership with", "Mehr von"): the metadata stage rejects a line
# ending on one.
DANGLING_WORDS: Vocabulary = {
    "en": ("with", "and", "or", "of", "the", "by", "for", "to", "from"),
    "de": ("mit", "und", "oder", "von", "der", "die", "das", "für", "zu", "aus", "bei"),
    "fr": ("avec", "et", "de", "du", "des", "par", "pour"),
    "es": ("con", "y", "de", "por", "para", "del"),
}

# --------------------------------------------------------------------------------------------- compiling


def entries(*vocabularies: Vocabulary) -> tuple[str, ...]:
    """Every entry of the given vocabularies, each once, in the order written."""
    return tuple(dict.fromkeys(entry for vocabulary in vocabularies for entries in vocabulary.values()
                               for entry in entries))  # fmt: skip


def alternation(*vocabularies: Vocabulary) -> str:
    """The entries as one regex alternation (a non-capturing group)."""
    return "(?:" + "|".join(entries(*vocabularies)) + ")"


def first_letter_alternation(alternatives: Iterable[str]) -> str:
    """The alternation of `alternatives` (pattern sources), those opening with a lower-case ASCII letter grouped by
    that letter, each group behind a lookahead for its letter; the others follow, as they are.  re tries every
    alternative of a case-insensitive alternation at each position it reaches (it skips an alternative on its first
    character only for a case-sensitive literal); now it tries the alternatives of the letter there.  The same
    spans and groups as the plain alternation: an alternative matches only where its first letter does, two ASCII
    letters match no common character under IGNORECASE (only one group passes its lookahead at a position), and
    within a group the original order holds (the same alternative wins, the same text is captured).  The others
    are tried after the groups: exact where they cannot match where a letter opens a match ("\\d+ shares?")."""
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for alternative in alternatives:
        if "a" <= alternative[:1] <= "z":
            groups.setdefault(alternative[0], []).append(alternative)
        else:
            others.append(alternative)
    # and before the groups, a lookahead for any of the letters (a class of letters under IGNORECASE matches
    # what its letters match, one by one: where it fails, every group would)
    by_letter = "|".join(f"(?={letter})(?:{'|'.join(group)})" for letter, group in groups.items())
    grouped = f"(?=[{''.join(groups)}])(?:{by_letter})" if groups else ""
    return "(?:" + "|".join(filter(None, [grouped, *others])) + ")"


def opening_lookahead(openings: Iterable[str]) -> str:
    """A lookahead for the first characters of `openings` (the plain texts that the alternatives of a pattern open
    with), to put before the pattern: a search then leaves a position where none of them starts at one class test,
    instead of trying each alternative there (re skips an alternative on its first character only for a
    case-sensitive literal). The same matches: a match starts with one of these characters (under IGNORECASE, a
    class matches what its characters match, one by one)."""
    firsts = {opening[0] for opening in openings}
    return f"(?=[{''.join(map(re.escape, sorted(firsts)))}])"


def phrase_alternation(phrases: Iterable[str]) -> str:
    """Plain phrases (no regex syntax) as one alternation, escaped."""
    return "(?:" + "|".join(map(re.escape, phrases)) + ")"
