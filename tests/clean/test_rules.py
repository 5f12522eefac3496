"""Furniture recognised by its vocabulary and shape, on small pages written for the test: one rule family per
test. Then the rules' speed shortcuts, each checked against the full regex it stands for."""

from __future__ import annotations

from newsprep.tasks.clean import looks_like_caption

from .helpers import GATE_LINES, PARAGRAPHS, _verdicts


def test_share_follow_and_clock_lines_are_furniture() -> None:
    verdicts = _verdicts(
        [
            "Share on Facebook",
            "Share on Twitter",
            "Follow us",
            "12:30 PM, 23 October 2025",
            "Fetching weather...",
            *PARAGRAPHS,
        ]
    )
    assert verdicts["Share on Facebook"] == (False, "share-widget")
    assert verdicts["Follow us"] == (False, "share-widget")
    assert verdicts["12:30 PM, 23 October 2025"] == (False, "clock-weather")
    assert verdicts["Fetching weather..."][0] is False


def test_comment_form_and_copyright_are_removed() -> None:
    form = ["Leave a Reply", "Your email address will not be published. Required fields are marked *", "Name *"]
    verdicts = _verdicts([*PARAGRAPHS, *form, "© 2025 Town News. All rights reserved."])
    assert {verdicts[line] for line in form} == {(False, "comment-form")}
    assert verdicts["© 2025 Town News. All rights reserved."] == (False, "copyright")


def test_rights_reserved_in_the_regions_languages_is_a_copyright_line() -> None:
    # Without a copyright sign, only the words say it: in Arabic, Urdu, Hindi, Russian, Polish, Turkish, Dutch.
    footers = [
        "جميع الحقوق محفوظة لقناة الأخبار 2025",
        "جملہ حقوق محفوظ ہیں",
        "सर्वाधिकार सुरक्षित दैनिक समाचार",
        "Все права защищены. 2025",
        "2021 Example Media. WSZELKIE PRAWA ZASTRZEŻONE",
        "Tüm hakları saklıdır.",
        "Alle rechten voorbehouden.",
    ]
    for footer in footers:
        assert _verdicts([*PARAGRAPHS, footer])[footer] == (False, "copyright"), footer


def test_captions_with_credits_are_removed() -> None:
    caption = "The library building in the town centre. (Photo: AFP/Getty Images)"
    verdicts = _verdicts([*PARAGRAPHS[:2], caption, *PARAGRAPHS[2:]])
    assert verdicts[caption] == (False, "caption")
    assert looks_like_caption("Security personnel near the border crossing on Monday. [Shafiullah Kakar/AFP]")
    assert not looks_like_caption(PARAGRAPHS[0])


def test_byline_is_not_body() -> None:
    verdicts = _verdicts(["By Jane Smith | 3 hours ago", *PARAGRAPHS])
    assert verdicts["By Jane Smith | 3 hours ago"] == (False, "byline")


def test_calls_to_action_disclaimers_and_cookie_banners_are_furniture() -> None:
    cta = "Get the latest news on your phone: the Town News app is free on the App Store and Google Play."
    disclosure = "Disclosure: we may earn a commission from some of the products featured on this page."
    cookies = "Necessary cookies are absolutely essential for the website to function properly."
    verdicts = _verdicts([*PARAGRAPHS, cta, disclosure, cookies])
    assert verdicts[cta] == (False, "call-to-action")
    assert verdicts[disclosure] == (False, "legal")
    assert verdicts[cookies] == (False, "cookie-notice")


def test_teaser_prefix_with_a_colon_is_a_teaser() -> None:
    line = "Lea: Consejo municipal aprueba el presupuesto de la biblioteca"
    assert _verdicts([*PARAGRAPHS, line])[line] == (False, "teaser")


def test_furniture_labels_in_more_languages() -> None:
    verdicts = _verdicts(["Reklama", "Zurück zur Übersicht", *PARAGRAPHS, "Drucken", "Vos réactions", "Ihre Meinung"])
    assert verdicts["Reklama"] == (False, "ad")
    assert verdicts["Zurück zur Übersicht"] == (False, "share-widget")
    assert verdicts["Drucken"] == (False, "share-widget")
    assert verdicts["Vos réactions"] == (False, "comment-form")
    assert verdicts["Ihre Meinung"] == (False, "comment-form")


# Speed shortcuts must never change a verdict: each pre-test is checked against the full regex it stands for.
def test_short_rules_one_by_one_give_the_alternations_verdict() -> None:
    from newsprep.tasks.clean.rules import _rule, _short_alternation

    short_re = _short_alternation()
    for line in GATE_LINES:
        m = short_re.fullmatch(line)
        _reason, kind = _rule(line, line, line.lower(), len(line), False, 0)
        assert kind == (m.lastgroup if m else None), line


def test_caption_pre_tests_never_hide_a_credit() -> None:
    from newsprep.tasks.clean.rules import _CAPTION_END_RE, _CAPTION_START_RE

    for line in GATE_LINES:
        tail = line[-120:]
        marks = any(c in tail for c in ")]:/©") or "getty" in tail.lower() or "via " in tail.lower()
        full = bool(_CAPTION_START_RE.match(line)) or (marks and bool(_CAPTION_END_RE.search(tail)))
        assert looks_like_caption(line) == full, line


def test_caption_end_speed_ups_change_no_verdict() -> None:
    # The lookahead in front of _CAPTION_END_RE only skips positions where no branch can start; the vocabularies
    # grouped by first letter match what their plain alternations match.
    import re

    from newsprep.tasks.clean.rules import _AGENCY, _CAPTION_END_RE, _CREDIT
    from newsprep.tasks.text.vocabulary import CREDIT_WORDS, PICTURE_AGENCIES, alternation

    prefix = "(?=[(\\[\\s|/©cvg]|^)"
    assert _CAPTION_END_RE.pattern.startswith(prefix)
    plain = _CAPTION_END_RE.pattern[len(prefix) :].replace(_AGENCY, alternation(PICTURE_AGENCIES))
    bare = re.compile(plain.replace(_CREDIT, alternation(CREDIT_WORDS)), re.I)
    odd = ["Foto: ſtudio", "Kelvin K: x", "Photo credit :  Jane Doe ", "CC BY-SA 4.0", "VIA AFP", "(Name/Agency)"]
    for line in [*GATE_LINES, *odd]:
        for tail in (line, line[-120:], line[1:], line.upper()):
            assert bool(_CAPTION_END_RE.search(tail)) == bool(bare.search(tail)), tail


def test_a_figure_alone_is_no_date_line() -> None:
    # A line without letters ("2,5 %", "1.234") or a gallery counter ("1 of 6") is no clock or date: the cleaner
    # once took any letterless line with a digit for one. Real date lines still are, in several languages.
    figures = ["2,5 %", "1.234", "1 of 6"]
    dates = ["Nov 18, 2019", "vor 2 Stunden", "Stand: 12.03.2023 um 14:00 Uhr", "15 de marzo de 2023"]
    verdicts = _verdicts([PARAGRAPHS[0], *figures, PARAGRAPHS[1], *dates, *PARAGRAPHS[2:]])
    assert {verdicts[line] for line in figures} == {(False, "number-only")}
    assert {verdicts[line] for line in dates} == {(False, "clock-weather")}


def test_a_copyright_footer_longer_than_600_characters_is_a_copyright_line() -> None:
    # (#18 class B's neighbour) a footer that runs on after its ©: the rule meant it, the trigger-word gate (600
    # characters) never let it run
    footer = (
        "©Example News Group Limited in England No. 123456 Registered office: 1 Example Street, London. "
        + "Example News is a registered trademark of Example News Group Limited. " * 7
        + "The website is regulated by the press standards organisation."
    )
    assert len(footer) > 600
    assert _verdicts([*PARAGRAPHS, footer])[footer] == (False, "copyright")
    german = "Copyright 2024 Beispiel Verlag GmbH. " + " ".join(["Alle Inhalte sind urheberrechtlich geschützt."] * 14)
    assert len(german) > 600
    assert _verdicts([*PARAGRAPHS, german])[german] == (False, "copyright")


def test_caption_answer_from_the_cleaners_verdicts_is_the_caption_test() -> None:
    # looks_like_caption answers from the cached rule verdict of a line the cleaner has judged (None: no caption;
    # "caption": one); lines another rule caught first are tested again.
    from newsprep.tasks.clean import classify_lines
    from newsprep.tasks.clean.features import _FACTS
    from newsprep.tasks.clean.rules import _is_caption

    lines = [
        "Security personnel near the border crossing on Monday. [Shafiullah Kakar/AFP]",
        "Photo: Reuters",  # a caption ...
        "Share on Facebook",  # ... furniture of another kind
        "Read more: Floods hit the north (AFP)",  # a teaser that is also credit-shaped
        *GATE_LINES,
        *PARAGRAPHS,
    ]
    for cache_warm in (True, False):
        _FACTS.clear()
        if cache_warm:
            classify_lines("\n".join(lines))
        for line in lines:
            s = line.strip()
            assert looks_like_caption(line) == (bool(s) and len(s) <= 600 and _is_caption(s, s[:3].lower())), line
