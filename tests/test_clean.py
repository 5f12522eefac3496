"""The cleaner on small pages written for the test: one rule family per test."""

from __future__ import annotations

from tasks.clean import classify_lines, looks_like_caption

BODY = (
    "The city council voted on Tuesday to approve a new budget for the public library, which had been closed "
    "for repairs since the storm last spring. "
)
PARAGRAPHS = [
    BODY + "Officials said the work would take a year.",
    BODY + "Residents welcomed the decision at the meeting.",
    BODY + "The mayor said it was a good day for the town.",
    BODY + "Critics said the cost was too high for the town.",
]
GERMAN = [
    "Der Stadtrat hat am Dienstag beschlossen, dass die Bibliothek im Zentrum der Stadt wieder geöffnet wird, "
    "nachdem sie seit dem Sturm im vergangenen Frühjahr geschlossen war. Die Arbeiten sollen ein Jahr dauern.",
    "Die Bürgerinnen und Bürger begrüßten die Entscheidung, die nach einer langen Debatte in der Sitzung "
    "gefallen ist. Der Bürgermeister sprach von einem guten Tag für die ganze Stadt und ihre Schulen.",
    "Kritiker sagten dagegen, die Kosten seien für eine so kleine Stadt viel zu hoch und man hätte das Geld "
    "besser in die Straßen und in den öffentlichen Nahverkehr stecken sollen, wie sie am Abend erklärten.",
]


def _verdicts(lines: list[str]) -> dict[str, tuple[bool, str | None]]:
    return {line.text: (line.keep, line.reason) for line in classify_lines("\n".join(lines))}


def test_every_non_blank_line_is_accounted_for_with_its_number() -> None:
    lines = classify_lines("Home\n\n  " + PARAGRAPHS[0] + "  \n\n\n" + PARAGRAPHS[1] + "\n")
    assert [(line.number, line.text[:4]) for line in lines] == [(1, "Home"), (3, "The "), (6, "The ")]
    assert all(line.keep == (line.reason is None) for line in lines)


def test_article_paragraphs_stay_and_menus_go() -> None:
    verdicts = _verdicts(["Home", "World", "Politics", "Business", "Sports", "Opinion", *PARAGRAPHS])
    assert all(verdicts[p] == (True, None) for p in PARAGRAPHS)
    assert {verdicts[item] for item in ["Home", "World", "Politics", "Opinion"]} == {(False, "menu-run")}


def test_short_line_inside_the_article_stays() -> None:
    verdicts = _verdicts([*PARAGRAPHS[:2], "A new chapter for the town", *PARAGRAPHS[2:]])
    assert verdicts["A new chapter for the town"] == (True, None)


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


def test_teasers_after_related_articles_are_not_body() -> None:
    teasers = ["Storm damages roof of the old library", "Mayor announces new parks plan for summer"]
    verdicts = _verdicts([*PARAGRAPHS, "Related Articles", *teasers, "Read more: Council elections set for May"])
    assert verdicts["Related Articles"][0] is False
    assert {verdicts[t] for t in teasers} == {(False, "teaser")}
    assert verdicts["Read more: Council elections set for May"] == (False, "teaser")


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


def test_a_stray_blurb_far_from_the_article_is_outside_it() -> None:
    blurb = "Subscribe to our newsletter and get the best stories of the week delivered to you every Friday."
    nav = ["Home", "World", "Politics", "Business", "Sports", "Opinion", "Video", "Podcasts"]
    verdicts = _verdicts([*PARAGRAPHS, *nav, blurb, *nav])
    assert verdicts[blurb][0] is False
    assert all(verdicts[p][0] for p in PARAGRAPHS)


def test_german_page_uses_german_stopwords() -> None:
    nav = ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Anmelden"]
    verdicts = _verdicts([*nav, *GERMAN, "Mehr zum Thema", "Neue Radwege für die Innenstadt geplant"])
    assert all(verdicts[p] == (True, None) for p in GERMAN)
    assert not any(verdicts[item][0] for item in nav)
    assert verdicts["Neue Radwege für die Innenstadt geplant"][0] is False


def test_a_headline_printed_twice_is_kept_out_of_the_body() -> None:
    title = "Council approves library budget after long debate"
    verdicts = _verdicts([title, "Updated 31 January 2025", title, *PARAGRAPHS])
    assert verdicts[title][0] is False


def test_comment_thread_is_not_body() -> None:
    thread = []
    for name, comment in [
        ("riverfan", "I think the council made the right call here, the old building was falling apart anyway."),
        ("jdoe42", "Another tax hike for a building nobody uses. The money should have gone to the roads instead."),
        ("m.ortiz", "My kids loved that library and I am glad it will finally open again next year for everyone."),
    ]:
        thread += [f"{name} says:", "November 19, 2019 at 6:34 am", comment, "Reply"]
    verdicts = _verdicts([*PARAGRAPHS, "3 responses", *thread])
    assert all(verdicts[p] == (True, None) for p in PARAGRAPHS)
    comments = [line for line in thread if len(line) > 60]
    assert {verdicts[c] for c in comments} == {(False, "comment")}


def test_teaser_box_inside_the_article_does_not_swallow_it() -> None:
    teaser = "Storm damages roof of the old library"
    verdicts = _verdicts([*PARAGRAPHS[:2], "Trending", teaser, *PARAGRAPHS[2:]])
    assert verdicts["Storm damages roof of the old library"] == (False, "teaser")
    assert all(verdicts[p] == (True, None) for p in PARAGRAPHS)


def test_every_story_of_a_glued_file_survives_a_long_dip() -> None:
    nav = ["Home", "World", "Politics", "Business", "Sports", "Opinion", "Video", "Podcasts"]
    form = ["Leave a Reply", "Your email address will not be published. Required fields are marked *", "Name *"]
    second = [
        "Heavy rain flooded the lower town on Sunday night, and firefighters spent hours pumping water out of "
        "cellars and the basement of the primary school, the fire brigade said on Monday. " + tail
        for tail in ["Nobody was hurt.", "The school stays closed until Wednesday.", "Roads have reopened."]
    ]
    big_first = [(p + " " + BODY * 3).strip() for p in PARAGRAPHS]
    verdicts = _verdicts([*big_first, *form, *nav, *nav, *nav, *second])
    assert all(verdicts[p][0] for p in big_first)
    assert all(verdicts[p] == (True, None) for p in second)


def test_a_file_with_pages_in_two_languages_keeps_both_articles() -> None:
    # More and longer English lines than German ones: the German article must not be judged by English stopwords.
    english = [f"{BODY}{p} It was meeting number {n} this year." for n in range(6) for p in PARAGRAPHS]
    verdicts = _verdicts([*english, "Startseite", "Politik", "Sport", *GERMAN])
    assert all(verdicts[p] == (True, None) for p in GERMAN)
    assert all(verdicts[p][0] for p in english)


KOREAN = [
    "서울시는 화요일 시의회에서 새 예산안이 통과되면서 지난봄 폭풍 이후 문을 닫았던 시립 도서관을 다시 열기로 "
    "결정했다고 밝혔다. 공사는 약 일 년이 걸릴 것으로 보인다.",
    "시민들은 긴 논의 끝에 나온 이번 결정을 환영했다. 시장은 도시와 학교를 위해 좋은 날이라고 말했지만, 일부 "
    "의원들은 비용이 너무 많이 든다고 지적했다.",
    "비판하는 쪽은 그 돈을 도로와 대중교통에 쓰는 편이 나았을 것이라고 주장했다. 시는 다음 달 구체적인 일정을 "
    "발표할 예정이라고 덧붙였다.",
]
# Article paragraphs as long as the press prints them (Hangul packs a word into two or three characters).
KOREAN = [
    p + " 시 관계자는 주민 설명회를 열어 자세한 내용을 알리겠다고 말했다. 도서관은 그동안 임시 건물에서 운영되며, "
    "어린이 열람실과 자료실은 공사가 끝나는 대로 차례로 다시 문을 열 계획이다."
    for p in KOREAN
]


def test_prose_of_a_language_thin_in_stopword_tokens_survives_an_english_page() -> None:
    # Korean particles are suffixes, so its prose has few stopword tokens; judged by the English lines' density
    # on the same (glued) page, every Korean paragraph would be "not prose".
    english = [f"{BODY}{p} It was meeting number {n} this year." for n in range(4) for p in PARAGRAPHS]
    verdicts = _verdicts([*english, "Home", "World", "Sport", "엔터테인먼트", "문화", *KOREAN])
    assert all(verdicts[p] == (True, None) for p in KOREAN)
    assert all(verdicts[p][0] for p in english)


def test_short_full_sentence_between_paragraphs_stays() -> None:
    verdicts = _verdicts([*PARAGRAPHS, "Nobody was hurt in the storm last year.", "Home", "World", "Politics"])
    assert verdicts["Nobody was hurt in the storm last year."] == (True, None)


def test_prefix_guard_never_rejects_a_line_its_regex_matches() -> None:
    from tasks.clean import _SHORT_RE, _Guard

    guard = _Guard(_SHORT_RE)
    lines = ["Share", "share on facebook", "21°C", "5 min read", "Anzeige", "x", "A+", "12 Kommentare", "Suche"]
    for line in lines:
        assert _SHORT_RE.fullmatch(line), line
        assert guard.fullmatch(line, line[:3].lower()), line
    assert not guard.possible("cit")  # most article lines skip the regex


def test_title_and_blurb_pairs_after_the_article_are_teasers() -> None:
    pairs = [
        ("Storm damages roof of the old library", "The roof was torn off in the night and the books got wet."),
        ("Mayor announces new parks plan for summer", "Three new parks will open along the river next year."),
        ("School board elects a new chairwoman", "She has been a teacher in the town for twenty years."),
    ]
    lines = [line for title, blurb in pairs for line in (title, blurb)]
    verdicts = _verdicts([*PARAGRAPHS, *lines])
    assert all(verdicts[p] == (True, None) for p in PARAGRAPHS)
    assert {verdicts[line] for line in lines} == {(False, "teaser")}


def test_slideshow_steps_with_one_repeated_caption_are_not_teasers() -> None:
    steps = [f"Step {n}: mix the flour, the sugar and the eggs until the dough is smooth." for n in range(4)]
    lines = [line for step in steps for line in ("Show image close image now", step)]
    verdicts = _verdicts([*PARAGRAPHS[:2], *lines, *PARAGRAPHS[2:]])
    assert all(verdicts[step][1] != "teaser" for step in steps)


def test_excerpts_cut_short_in_a_row_are_teasers() -> None:
    cuts = [
        "Council weighs the future of the harbour WASHINGTON: The committee met on Monday to discuss the plans...",
        "Railway station to close for repairs LONDON: Trains will not stop in the town for three months while...",
        "Museum opens a new wing for modern art PARIS: Visitors will be able to see the collection from May...",
    ]
    verdicts = _verdicts([*cuts, *PARAGRAPHS])
    assert {verdicts[c] for c in cuts} == {(False, "teaser")}
    assert all(verdicts[p] == (True, None) for p in PARAGRAPHS)


def test_calls_to_action_disclaimers_and_cookie_banners_are_furniture() -> None:
    cta = "Get the latest news straight to your phone with the Town News app."
    disclosure = "Disclosure: we may earn a commission from some of the products featured on this page."
    cookies = "Necessary cookies are absolutely essential for the website to function properly."
    verdicts = _verdicts([*PARAGRAPHS, cta, disclosure, cookies])
    assert verdicts[cta] == (False, "call-to-action")
    assert verdicts[disclosure] == (False, "legal")
    assert verdicts[cookies] == (False, "cookie-notice")


def test_teaser_prefix_with_a_colon_is_a_teaser() -> None:
    line = "Lea: Consejo municipal aprueba el presupuesto de la biblioteca"
    assert _verdicts([*PARAGRAPHS, line])[line] == (False, "teaser")


def test_author_bio_at_the_end_of_the_article_is_removed() -> None:
    bio = "Jane Smith is a reporter for the Town News, covering city hall and the schools since 2015."
    verdicts = _verdicts([*PARAGRAPHS, bio])
    assert verdicts[bio] == (False, "author-bio")
    # The same shape inside the article is news.
    inside = "Jane Smith is a teacher at the primary school and has lived in the town since 1990."
    verdicts = _verdicts([*PARAGRAPHS[:2], inside, *PARAGRAPHS[2:]])
    assert verdicts[inside][0] is True


def test_a_bulleted_list_between_paragraphs_stays() -> None:
    items = ["* 200 g of flour", "* 3 fresh eggs from the farm", "* a pinch of salt", "* 100 ml of warm milk"]
    verdicts = _verdicts([*PARAGRAPHS[:2], "You will need:", *items, *PARAGRAPHS[2:]])
    assert all(verdicts[item][0] for item in items)
    # A menu between paragraphs is still a menu.
    nav = ["* Home", "* World", "* Politics", "* Sports"]
    verdicts = _verdicts([*PARAGRAPHS[:2], *nav, *PARAGRAPHS[2:]])
    assert not any(verdicts[item][0] for item in nav)


def test_a_hard_wrapped_paragraph_is_judged_as_one() -> None:
    wrapped = [
        "The fire brigade said on Monday that the heavy rain had flooded",
        "the lower town on Sunday night, and that its firefighters spent",
        "hours pumping water out of cellars and the basement of the school",
        "before the roads could be opened again in the early morning.",
    ]
    text = "\n\n".join(PARAGRAPHS[:2]) + "\n\n" + "\n".join(wrapped) + "\n\n" + "\n\n".join(PARAGRAPHS[2:])
    verdicts = {line.text: line.keep for line in classify_lines(text)}
    assert all(verdicts[line] for line in wrapped)


# Speed shortcuts must never change a verdict: each pre-test is checked against the full regex it stands for.
GATE_LINES = [
    "Share",
    "share on facebook",
    "21°C",
    "5 min read",
    "Anzeige",
    "x",
    "A+",
    "12 Kommentare",
    "Suche",
    "Related Articles",
    "About the author",
    "Leave a Reply",
    "Impressum",
    "Home",
    "Photo: John Smith",
    "Security forces near the border. (AFP/File)",
    "A man walks past. [Name/AFP]",
    "The bridge at night. Photo by Jane Doe | CC BY-SA 2.0",
    "Crowds gather in the square via Getty Images",
    "IMAGE: Reuters",
    "Quelle: Reuters | © dpa",
    "John says:",
    "Reply",
    "12 Votes",
    "May 3, 2019 at 6:34 am",
    "(view all)",
    "Marie écrit :",
    "Rating: +5 points",
    "The council voted on Tuesday: the library stays open (for now).",
    PARAGRAPHS[0],
]


def test_short_rules_one_by_one_give_the_alternations_verdict() -> None:
    from tasks.clean import _SHORT_RE, _rule

    for line in GATE_LINES:
        m = _SHORT_RE.fullmatch(line)
        _reason, kind = _rule(line, line, line.lower(), len(line), False, 0)
        assert kind == (m.lastgroup if m else None), line


def test_caption_pre_tests_never_hide_a_credit() -> None:
    from tasks.clean import _CAPTION_END_RE, _CAPTION_START_RE

    for line in GATE_LINES:
        tail = line[-120:]
        marks = any(c in tail for c in ")]:/©") or "getty" in tail.lower() or "via " in tail.lower()
        full = bool(_CAPTION_START_RE.match(line)) or (marks and bool(_CAPTION_END_RE.search(tail)))
        assert looks_like_caption(line) == full, line


def test_signature_pre_tests_never_hide_a_signature() -> None:
    from tasks.clean import _SIGNATURE_RE, _facts

    for line in GATE_LINES:
        sig = _facts(line)[8]
        if len(line) <= 80 and not line.endswith("."):
            assert sig == bool(_SIGNATURE_RE.match(line)), line


STANDINGS = [
    "Pos.  Driver            Points  Wins",
    "1     Kyle Morgan         5040     5",
    "2     Martin Reyes        5035     7",
    "3     Kevin Hart          5033     4",
    "4     Denny Walsh         5027     6",
]


def test_a_table_next_to_the_article_stays() -> None:
    # A results page: one paragraph, then the table, then the site's footer. Alone, the rows read like a menu.
    menu = ["Home", "World", "Politics", "Business", "Sports", "Opinion", "Weather", "Contact"]
    verdicts = _verdicts([*menu, PARAGRAPHS[0], "Final standings after 36 races:", *STANDINGS, *menu[::-1]])
    assert all(verdicts[row] == (True, None) for row in STANDINGS)


def test_a_table_among_menus_is_not_the_article() -> None:
    menu = ["Home", "World", "Politics", "Business", "Sports", "Opinion", "Weather", "Contact"]
    verdicts = _verdicts([*PARAGRAPHS, *menu, *STANDINGS, *menu[::-1]])
    assert not any(verdicts[row][0] for row in STANDINGS)


def test_rows_in_one_column_layout_but_without_figures_are_no_table() -> None:
    # A footer's link grid right after the article: padded like a table, but a table holds figures.
    grid = [
        "Home      World     Politics",
        "Business  Sports    Opinion",
        "Weather   Contact   Jobs",
        "About     Help      Terms",
    ]
    menu = ["Home", "World", "Politics", "Business", "Sports", "Opinion"]
    verdicts = _verdicts([*PARAGRAPHS, *grid, *menu])
    assert not any(verdicts[row][0] for row in grid)


def test_furniture_labels_in_more_languages() -> None:
    verdicts = _verdicts(
        ["Reklama", "Zurück zur Übersicht", *PARAGRAPHS, "Rezept drucken", "Vos réactions", "Ihre Meinung"]
    )
    assert verdicts["Reklama"] == (False, "ad")
    assert verdicts["Zurück zur Übersicht"] == (False, "share-widget")
    assert verdicts["Rezept drucken"] == (False, "share-widget")
    assert verdicts["Vos réactions"] == (False, "comment-form")
    assert verdicts["Ihre Meinung"] == (False, "comment-form")


def test_a_line_without_a_word_character_leaves_the_body_but_not_the_article() -> None:
    # A scene break between paragraphs: it goes, and the paragraphs on both sides stay.
    lines = [*PARAGRAPHS[:2], "* * *", "\u200b", *PARAGRAPHS[2:]]
    verdicts = _verdicts(lines)
    assert verdicts["* * *"] == (False, "no-text")
    assert verdicts["\u200b"] == (False, "no-text")
    assert all(verdicts[p] == (True, None) for p in PARAGRAPHS)
