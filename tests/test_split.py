"""Story splitting: multi-story files built from small hand-written stories, run through the real cleaner."""

from __future__ import annotations

from newsprep.tasks.clean import classify_lines
from newsprep.tasks.models import Line
from newsprep.tasks.split import body_text, find_story_starts, split_stories

# Hand-written stories on clearly different subjects: (headline, dateline-opened paragraphs).
STORIES = {
    "water": (
        "Farmers block valley roads in protest over new irrigation water fees",
        [
            "MULTAN: Farmers in the northern valley blocked the main roads with their tractors on Monday, demanding "
            "that the provincial government cancel the new irrigation fees before the sowing season begins.",
            "Wheat growers say the canal charges have tripled since spring while the prices paid for their harvest "
            "keep falling, leaving many families unable to repay the loans they took for seed and fertiliser.",
            "Agriculture ministry officials promised subsidies for drip irrigation systems and said a committee "
            "would review the fees, but the farmers' union vowed to keep the roads closed until the order is lifted.",
            "Traders in the district markets reported that deliveries of vegetables and milk were delayed by several "
            "hours, and prices of tomatoes rose sharply in the nearby towns as the protest entered its second day.",
        ],
    ),
    "football": (
        "United snatch late victory as striker scores twice in stoppage time",
        [
            "MANCHESTER — The striker scored twice in stoppage time as United snatched a dramatic victory at a "
            "packed stadium on Saturday evening, ending a run of four league matches without a win.",
            "Supporters celebrated until midnight after the goalkeeper saved a penalty in the first half and the "
            "defenders held firm against waves of attacks from the visiting side throughout the second half.",
            "The coach praised his squad's spirit and confirmed that the captain, who limped off with a hamstring "
            "injury, will miss next week's derby and probably the cup quarter-final against the league leaders.",
            "The club's medical staff expect the captain to return before the winter break, although the coach "
            "warned that he would not rush a player whose contract talks are still unresolved.",
        ],
    ),
    "vaccine": (
        "Health agency approves new vaccine for seasonal influenza in children",
        [
            "GENEVA: The health agency approved a new nasal vaccine against seasonal influenza for children aged two "
            "to twelve, after trials in eleven countries showed fewer hospital admissions among those immunised.",
            "Paediatricians welcomed the decision, saying a spray is far easier to give to young patients than an "
            "injection and could raise vaccination rates in schools, where outbreaks spread fastest every winter.",
            "The manufacturer said it would deliver the first doses to clinics next month and keep its prices "
            "unchanged for public health programmes in low-income countries until the end of the decade.",
            "Doctors advised parents to book appointments early, because supplies in the first weeks are expected "
            "to be limited and priority will go to children with asthma or weakened immune systems.",
        ],
    ),
    "railway": (
        "Government unveils plan for high-speed railway linking the two largest cities",
        [
            "MADRID — The government unveiled a plan for a high-speed railway linking the country's two largest "
            "cities, promising that trains would cover the distance in under two hours by the end of the decade.",
            "Engineers will bore three long tunnels through the mountain range, and the transport minister said "
            "construction contracts worth several billion euros would be tendered to foreign consortia this year.",
            "Environmental groups cautiously backed the railway because it could replace hundreds of short domestic "
            "flights, but residents of villages along the route fear noise and the loss of farmland to the tracks.",
            "Opposition lawmakers questioned the cost estimates and demanded an independent audit of the ticket "
            "revenue forecasts before parliament votes on the first instalment of the funding next spring.",
        ],
    ),
    "election": (
        "Opposition leader launches campaign ahead of municipal elections next spring",
        [
            "NAIROBI: The opposition leader launched her campaign for the municipal elections at a rally attended by "
            "thousands of supporters, pledging free school meals and cleaner streets in the capital's poorest wards.",
            "Her party hopes to win back the city council after two terms in opposition, and its candidates have "
            "promised to publish every public procurement contract online within a week of its signature.",
            "The electoral commission said voter registration would close at the end of the month and urged young "
            "people, whose turnout has been the lowest of any age group, to check their details at local offices.",
            "Analysts said the race would hinge on the suburbs, where rising rents and long commutes have eroded "
            "support for the governing coalition since the last national vote three years ago.",
        ],
    ),
}

NAVIGATION = ["Home", "World", "Business", "Sport", "Opinion", "Video", "Weather", "Sign in"]
FOOTER = ["About us", "Contact us", "Privacy Policy", "Terms of Use", "© 2025 Example Media Ltd. All rights reserved."]
TEASERS = [
    "Related Articles",
    "Central bank holds interest rates steady for a third month",
    "Updated 2 hours ago",
    "Wildfire forces evacuation of mountain villages overnight",
    "Updated 5 hours ago",
    "Tech company recalls thousands of overheating laptops",
    "Updated 7 hours ago",
]
COMMENTS = [
    "3 thoughts on this story",
    "1. jsmith says:",
    "January 31, 2025 at 7:02 am",
    "Finally somebody listens to the farmers, this has been going on for years and nobody cared at all about us.",
    "2. river_dweller says:",
    "January 31, 2025 at 8:15 am",
    "The fees are too high for small plots, the big estates can pay but the rest of us cannot afford any of it.",
]


def _head(key: str, date: str = "Updated 31 January 2025") -> list[str]:
    """A story head as a news page prints it: headline, date, follow button, headline again."""
    title = STORIES[key][0]
    return [title, date, "Follow", title]


def _story(key: str) -> list[str]:
    return _head(key) + STORIES[key][1]


def _page(key: str) -> list[str]:
    """A whole saved page: navigation, the story, the footer."""
    return NAVIGATION + _story(key) + FOOTER


def _classify(blocks: list[list[str]]) -> list[Line]:
    return classify_lines("\n\n".join("\n\n".join(block) for block in blocks) + "\n")


def _starts(spans: list[list[Line]]) -> list[str]:
    return [span[0].text for span in spans]


def _assert_bodies(spans: list[list[Line]], keys: list[str]) -> None:
    """Each span carries exactly its own story's paragraphs."""
    assert len(spans) == len(keys)
    for span, key in zip(spans, keys, strict=True):
        body = body_text(span)
        for other, (_, paragraphs) in STORIES.items():
            for paragraph in paragraphs:
                assert (paragraph in body) == (other == key), (key, paragraph[:40])


def test_two_stories_glued_split_at_the_second_headline() -> None:
    spans = split_stories(_classify([_story("water"), _story("football")]))
    _assert_bodies(spans, ["water", "football"])
    assert _starts(spans) == [STORIES["water"][0], STORIES["football"][0]]


def test_three_whole_pages_split_after_each_footer() -> None:
    lines = _classify([_page("water"), _page("vaccine"), _page("railway")])
    spans = split_stories(lines)
    _assert_bodies(spans, ["water", "vaccine", "railway"])
    # Each later page starts at its own navigation, right after the previous page's copyright line.
    assert _starts(spans) == [NAVIGATION[0]] * 3
    for span in spans[:-1]:
        assert span[-1].text == FOOTER[-1]


def test_five_stories_with_repeated_navigation_between_them() -> None:
    keys = ["water", "football", "vaccine", "railway", "election"]
    lines = _classify([NAVIGATION + _story(key) for key in keys])
    spans = split_stories(lines)
    _assert_bodies(spans, keys)
    # The repeated navigation opens every later story, so each span holds its whole head.
    assert _starts(spans) == [NAVIGATION[0]] * 5
    assert all(STORIES[key][0] in [line.text for line in span[:12]] for span, key in zip(spans, keys, strict=True))


def test_teasers_at_the_end_are_not_stories() -> None:
    lines = _classify([_story("water"), _story("election"), TEASERS])
    spans = split_stories(lines)
    _assert_bodies(spans, ["water", "election"])
    assert spans[-1][-1].text == TEASERS[-1]


def test_teasers_between_stories_stay_with_the_first_story() -> None:
    keys = ["football", "vaccine", "railway"]
    lines = _classify([_story("football"), TEASERS, _story("vaccine"), TEASERS, _story("railway"), TEASERS])
    spans = split_stories(lines)
    _assert_bodies(spans, keys)
    assert _starts(spans) == [STORIES[key][0] for key in keys]


def test_a_trending_block_inside_a_body_does_not_split_it() -> None:
    title, paragraphs = STORIES["water"]
    trending = ["Trending Stories", *TEASERS[1:]]
    lines = _classify([_head("water"), paragraphs[:2], trending, paragraphs[2:]])
    spans = split_stories(lines)
    assert len(spans) == 1 and all(paragraph in body_text(spans[0]) for paragraph in paragraphs)


def test_a_comment_thread_is_not_a_story() -> None:
    assert len(split_stories(_classify([_story("water"), COMMENTS]))) == 1


def _lines(spec: list[tuple[str, bool]]) -> list[Line]:
    return [Line(n, text, keep, None if keep else "test") for n, (text, keep) in enumerate(spec, start=1)]


def _kept(key: str) -> list[tuple[str, bool]]:
    return [(paragraph, True) for paragraph in STORIES[key][1]]


def test_a_seam_alone_does_not_split() -> None:
    # Ten removed lines between two bodies on different subjects, with nothing that looks like a page or a head
    # (the second body's dateline paragraph left out: a dateline is a head cue).
    interruption = [(f"Trending item {i}", False) for i in range(10)]
    assert len(split_stories(_lines(_kept("water") + interruption + _kept("football")[1:]))) == 1
    # A dateline opening the next paragraph is no head either: without a headline, a date or page evidence, the
    # trending block is still furniture inside one page.
    dated = _kept("water") + interruption + _kept("football")
    assert len(split_stories(_lines(dated))) == 1


def test_a_footer_needs_a_change_of_subject() -> None:
    # The same story's body on both sides of a copyright line is one story (a page printing its footer twice).
    title, paragraphs = STORIES["railway"]
    spec = [(p, True) for p in paragraphs[:2]] + [(line, False) for line in FOOTER + NAVIGATION]
    spec += [(p, True) for p in paragraphs[:2]]
    assert len(split_stories(_lines(spec))) == 1


def test_a_short_fragment_is_not_cut_off() -> None:
    spec = _kept("water") + [(line, False) for line in _head("football")] + [("Just one line here.", True)]
    assert len(split_stories(_lines(spec))) == 1


def test_removed_body_is_still_found_between_pages() -> None:
    # A later page whose body the cleaner removed gives no story, but the pages around it are still cut apart.
    spec = [(line, False) for line in NAVIGATION + _head("water")] + _kept("water")
    spec += [(line, False) for line in FOOTER + NAVIGATION + _story("vaccine") + FOOTER + NAVIGATION]
    spec += [(line, False) for line in _head("railway")] + _kept("railway")
    spans = split_stories(_lines(spec))
    assert [body_text(span).split(":")[0].split(" —")[0] for span in spans] == ["MULTAN", "MADRID"]


def test_document_without_body_gives_no_story() -> None:
    assert split_stories(_lines([("Home", False), ("Login", False)])) == []
    assert split_stories([]) == []
    assert find_story_starts([]) == []


def test_what_follows_a_teaser_list_is_the_page_end() -> None:
    # A "Recommended for you" list ends with a teaser headline over its date, which looks like a head. What the
    # cleaner kept after it is the page's end, as on a science site whose feedback form it kept, and not that
    # teaser's story.
    teasers = [
        "Scientists map the ocean floor beneath the Antarctic ice shelf",
        "20 hours ago",
        "New battery design could double the range of electric buses",
        "22 hours ago",
        "Astronomers spot a comet that will be visible to the naked eye",
        "23 hours ago",
        "Ancient seeds found in a cave sprout after two thousand years",
        "Nov 18, 2019",
        "User comments",
    ]
    page_end = [
        "What do you think about this particular story, and what should our reporters look into next?",
        "Your feedback will go directly to the editors of this website, who read every message sent to them.",
        "Thank you for taking your time to send in your valued opinion to our editors today.",
        "You can be assured our editors closely monitor every feedback sent and will take appropriate actions.",
        "We do not guarantee individual replies due to the extremely high volume of correspondence we receive.",
    ]
    after = [(line, False) for line in teasers] + [(line, True) for line in page_end]
    assert len(split_stories(_lines(_kept("water") + [("Recommended for you", False)] + after))) == 1
    # Without the list's header too: a teaser headline over its date is no story head when the page's own end
    # follows it.
    assert len(split_stories(_lines(_kept("water") + after))) == 1


def test_legal_links_after_a_copyright_line_stay_with_the_page_that_ends() -> None:
    # "Terms of Use" under the copyright line is the old page's footer, not the next page's head (the pattern once
    # held an escaped "\\b" in a raw string and never matched it).
    footer = ["© 2025 Example Media Ltd. All rights reserved.", "Terms of Use", "Privacy Policy", "Cookie settings"]
    lines = _classify([_story("water"), footer, NAVIGATION, _story("vaccine"), footer])
    spans = split_stories(lines)
    _assert_bodies(spans, ["water", "vaccine"])
    assert _starts(spans)[1] == NAVIGATION[0]
    assert [line.text for line in spans[0][-4:]] == footer


# ------------------------------------------------------------------ error classes of pages never seen (#18)
# Each builds a realistic page (a site's navigation, a footer) around the hand-written stories above.

SITE_NAVIGATION = [
    "Skip to content",
    *NAVIGATION,
    "Politics",
    "Economy",
    "Science",
    "Culture",
    "Travel",
    "Podcasts",
    "Newsletters",
    "Search",
]
SITE_FOOTER = [
    "About us",
    "Careers",
    "Advertise with us",
    "Contact us",
    "Privacy Policy",
    "Cookie settings",
    "Terms of Use",
    "© 2025 Example Media Ltd. All rights reserved.",
]


def _site_page(key: str, extra: list[str] | None = None) -> list[str]:
    """A whole saved page: the site's navigation, the story (head and body), `extra` lines, the footer."""
    return SITE_NAVIGATION + _story(key) + (extra or []) + SITE_FOOTER


def test_infinite_scroll_stories_on_one_subject_split_at_each_head() -> None:
    # The user's own capture (seeds/000_...): the next story is appended with its head only -- headline, "Updated",
    # "Follow", headline again, highlights -- and both stories are about the same country.
    first = ["Court extends detention of opposition leader in graft case", "Updated 31 January 2025", "Follow"]
    first += [first[0]]
    body = [
        "ISLAMABAD: A court in the capital extended the detention of the opposition leader by two weeks on Friday, "
        "rejecting his lawyers' plea that the graft case against him was politically motivated.",
        "The opposition party said it would challenge the order in the high court and called on its supporters to "
        "gather peacefully outside the court building when the appeal is heard next week.",
        "Government ministers said the courts were independent and that the case rested on documents gathered by "
        "investigators over two years, long before the current political crisis began.",
    ]
    second = ["Government offers talks to opposition as protests spread to three cities", "Updated 8 sec ago"]
    second += ["Follow", second[0]]
    highlights = [
        "• Ministers say the offer of talks stands until the end of the month",
        "• The opposition demands the release of detained leaders before any meeting",
    ]
    body2 = [
        "ISLAMABAD: The government offered on Saturday to resume talks with the opposition after protests over the "
        "detention of its leader spread from the capital to three other cities overnight.",
        "The interior minister told reporters that the police had been ordered to show restraint, and that the "
        "offer of talks would stand until the end of the month whatever the protesters decided.",
        "Opposition leaders said they welcomed any dialogue but would not sit at the table while their chairman "
        "and dozens of party workers remained in custody without charge.",
    ]
    spans = split_stories(_classify([first, body, second, highlights, body2]))
    assert [body_text(span)[:30] for span in spans] == [body[0][:30], body2[0][:30]]


def test_whole_pages_glued_split_after_each_footer() -> None:
    spans = split_stories(_classify([_site_page(key) for key in ("water", "vaccine", "railway", "election")]))
    _assert_bodies(spans, ["water", "vaccine", "railway", "election"])


def test_a_more_from_list_of_bulleted_heads_is_no_story() -> None:
    # (C) "More from <site>": bulleted title / author / date / lead, then the footer.
    more = ["More from Example News"]
    for title, author, lead in [
        ("Central bank holds interest rates steady", "Jane Roe", "The bank kept its main rate unchanged again."),
        ("Wildfire forces evacuation of villages", "John Doe", "Hundreds of residents left their homes overnight."),
        ("Tech company recalls overheating laptops", "Mary Major", "The recall covers three models sold last year."),
    ]:
        more += [f"• {title}", f"By {author}", "12 January 2025", lead]
    spans = split_stories(_classify([_site_page("water", more)]))
    _assert_bodies(spans, ["water"])


def test_a_copyright_credit_inside_a_page_is_not_its_end() -> None:
    # (B) "© author" under a picture and an agency credit are not the page's footer: the bio and the comments
    # after them stay with the story.
    extra = [
        "© Jane Roe",
        "Jane Roe is a reporter covering agriculture and rural affairs. She joined the paper in 2015 after ten "
        "years at a regional radio station.",
        "© Agence Example 2025",
        "2 comments",
        "jsmith says:",
        "The fees are too high for small plots, the big estates can pay but the rest of us cannot afford any of it.",
    ]
    spans = split_stories(_classify([_site_page("water", extra)]))
    assert len(spans) == 1


def test_pages_in_scripts_without_spaces_are_split() -> None:
    # (E) Chinese and Thai pages glued: words are counted per character run, not split() tokens.
    chinese = [
        "政府宣布新的铁路计划连接两个最大城市",
        "2025年1月31日",
        "政府周五公布了一项高速铁路计划，承诺到本十年末列车将在两小时内往返两个最大城市之间。工程师将在山区开凿三条长隧道。",
        "交通部长表示，价值数十亿元的建设合同将于今年招标，环保团体谨慎支持这条铁路，因为它可以取代数百个国内短途航班。",
        "反对派议员质疑成本估算，要求在议会就第一笔资金投票之前，对票价收入预测进行独立审计，并公开所有合同。",
    ]
    thai = [
        "ชาวนาปิดถนนประท้วงค่าน้ำชลประทานใหม่",
        "31 มกราคม 2568",
        "ชาวนาในหุบเขาทางเหนือปิดถนนสายหลักด้วยรถแทรกเตอร์เมื่อวันจันทร์ เรียกร้องให้รัฐบาลยกเลิกค่าน้ำชลประทานใหม่ก่อนฤดูเพาะปลูกจะเริ่มขึ้น",
        "ผู้ปลูกข้าวสาลีกล่าวว่าค่าคลองเพิ่มขึ้นสามเท่าตั้งแต่ฤดูใบไม้ผลิ ขณะที่ราคาผลผลิตลดลงเรื่อยๆ ทำให้หลายครอบครัวไม่สามารถชำระหนี้ได้",
        "เจ้าหน้าที่กระทรวงเกษตรสัญญาว่าจะให้เงินอุดหนุนระบบน้ำหยด และกล่าวว่าคณะกรรมการจะทบทวนค่าธรรมเนียม",
    ]
    spans = split_stories(_classify([SITE_NAVIGATION + chinese + SITE_FOOTER, SITE_NAVIGATION + thai + SITE_FOOTER]))
    assert [body_text(span)[:6] for span in spans] == [chinese[2][:6], thai[2][:6]]


def test_an_article_of_short_lines_is_kept_whole() -> None:
    # (G) A results table of short lines under a story is the story's, not a page of its own.
    results = ["Results of the first round"] + [
        f"{team} {a} - {b} Rovers"
        for team, a, b in [("United", 2, 1), ("City", 0, 0), ("Athletic", 3, 2), ("Wanderers", 1, 4), ("Albion", 2, 2)]
    ]
    spans = split_stories(_classify([_site_page("football", results)]))
    _assert_bodies(spans, ["football"])


def test_two_whole_pages_on_one_subject_are_two_stories() -> None:
    # (F) The next day's story on the same protest shares most of its words with the first: the pages' own
    # furniture (footer, navigation printed again, headline twice) still cuts them apart.
    follow_up = (
        "Farmers end road blockade after government suspends irrigation water fees",
        [
            "MULTAN: Farmers in the northern valley cleared the main roads of their tractors on Wednesday after the "
            "provincial government suspended the new irrigation fees until the end of the sowing season.",
            "Wheat growers said the suspension of the canal charges was a first step, but that the prices paid for "
            "their harvest must rise before families can repay the loans they took for seed and fertiliser.",
            "Agriculture ministry officials said the committee reviewing the fees would meet the farmers' union "
            "next week, and that subsidies for drip irrigation systems would be paid from the spring.",
            "Traders in the district markets said deliveries of vegetables and milk were back to normal, and prices "
            "of tomatoes fell in the nearby towns as the first trucks arrived from the valley.",
        ],
    )
    second = SITE_NAVIGATION + [follow_up[0], "Updated 2 February 2025", "Follow", follow_up[0]]
    second += follow_up[1] + SITE_FOOTER
    spans = split_stories(_classify([_site_page("water"), second]))
    assert [body_text(span)[:40] for span in spans] == [STORIES["water"][1][0][:40], follow_up[1][0][:40]]


def test_a_menu_of_teasers_with_glued_blurbs_is_no_story() -> None:
    # (A) each teaser prints its headline and its blurb on one line: prose-shaped, but no story of its own
    more = ["More stories"]
    for title, blurb in [
        ("Central bank holds interest rates steady", "The bank kept its main rate unchanged as inflation eased."),
        (
            "Wildfire forces evacuation of villages",
            "Hundreds of residents left their homes as winds pushed the flames.",
        ),
        ("Tech company recalls overheating laptops", "The recall covers three models sold after customers got burns."),
        ("City council approves new bus lanes", "The lanes will run along the main avenue from March, officials say."),
    ]:
        more.append(f"{title} {blurb}")
    _assert_bodies(split_stories(_classify([_site_page("water", more)])), ["water"])


def test_a_table_header_printed_twice_is_no_headline() -> None:
    # (D) a table's header row above and below it reads like a headline printed twice
    title, paragraphs = STORIES["football"]
    table = ["Team Played Won Points", "United 20 14 45", "City 20 13 42", "Rovers 20 11 37", "Team Played Won Points"]
    blocks = [SITE_NAVIGATION, [title, "31 January 2025", title], paragraphs[:2], table, paragraphs[2:], SITE_FOOTER]
    assert len(split_stories(_classify(blocks))) == 1


def test_side_figures_are_the_sums_over_each_kept_lines_words() -> None:
    """_Sides sums per-line figures with numpy over the page's letter runs (their facts looked up once per distinct
    run, _RunFacts): the same as walking each line."""
    from collections import Counter

    from newsprep.tasks import split
    from newsprep.tasks.language import script_counts

    texts = [
        *STORIES["water"][1],
        "Die Bauern blockierten die Straßen, weil die neuen Gebühren für das Wasser zu hoch sind und bleiben.",
        "Los agricultores bloquearon las carreteras porque las nuevas tasas del agua son demasiado altas.",
        "• 12 short bullet words that are still long enough to count as a paragraph here, really they are",
        "ИСТАНБУЛ: Фермеры перекрыли дороги в знак протеста против новых тарифов на воду для полива полей.",
        "İSTANBUL Straße STRASSE ﬁnal ŉ x",
        "",
    ]
    lines = [Line(n, text) for n, text in enumerate(texts, start=1)]
    kept = list(range(len(lines)))
    stopword_languages = split._latin_stopword_languages()
    for max_runs in (split._RunFacts.MAX_RUNS, 5):  # also when the facts are forgotten page after page
        split._RUN_FACTS.MAX_RUNS = max_runs
        try:
            sides = split._Sides(lines, kept)
        finally:
            del split._RUN_FACTS.MAX_RUNS
        # the vocabulary's columns: the page's stems in the order of their numbers
        page_stems = {run.casefold()[: split.STEM] for run in split._TOKEN.findall(" ".join(texts)) if len(run) >= 4}
        column = {stem: c for c, stem in enumerate(sorted(page_stems, key=split._RUN_FACTS.stems.__getitem__))}
        assert sides.vocabulary_size == len(column)
        for first in range(len(kept)):
            for last in range(first, len(kept) + 1):
                words = paragraphs = tokens = 0
                per_language = [0] * len(split._LANGUAGES)
                scripts: Counter[str] = Counter()
                vocabulary: Counter[int] = Counter()
                content: Counter[int] = Counter()
                for text in texts[first:last]:
                    n = split.count_words(text)
                    words += n
                    paragraphs += n >= split.MIN_PARAGRAPH_WORDS and not split.BULLET_RE.match(text)
                    counts = script_counts(text)
                    scripts.update(counts)
                    runs = split._TOKEN.findall(text)
                    latin = bool(counts.get("Latin"))
                    tokens += len(runs) if latin else 0
                    for run in runs:
                        low = run.lower()
                        if latin:
                            for index in stopword_languages.get(low, ()):
                                per_language[index] += 1
                        if len(run) >= split._WORD_LETTERS:
                            stem = column[run.casefold()[: split.STEM]]
                            vocabulary[stem] += 1
                            content[stem] += low not in stopword_languages
                got_words, got_paragraphs, language = sides.side(first, last)
                got_vocabulary, got_content = sides.vocabularies([(first, last)])
                assert (got_words, got_paragraphs) == (words, min(paragraphs, 10))
                assert {stem: n for stem, n in enumerate(got_vocabulary.tolist()) if n} == dict(vocabulary)
                assert {stem: n for stem, n in enumerate(got_content.tolist()) if n} == {
                    s: n for s, n in content.items() if n
                }
                scripts = Counter({name: n for name, n in scripts.items() if n})
                assert language == split._language(dict(scripts), per_language, tokens)


def test_a_block_runs_up_to_a_seam_or_the_window() -> None:
    """_Sides.block finds the seams by bisect: the same block as walking kept line by kept line."""
    from newsprep.tasks import split

    def walked(kept: list[int], k: int, step: int) -> tuple[int, int]:
        first = last = k
        while last - first + 1 < split.SIMILARITY_WINDOW:
            after = (last if step > 0 else first) + step
            if not 0 <= after < len(kept) or abs(kept[after] - kept[after - step]) - 1 >= split.SEAM_MIN_REMOVED_LINES:
                break
            first, last = (first, after) if step > 0 else (after, last)
        return first, last + 1

    seam = split.SEAM_MIN_REMOVED_LINES
    for removed in ([0] * 100, [0] * 30 + [seam] + [0] * 60 + [seam - 1, seam + 3] + [0] * 5, [seam] * 7, [0, 2] * 45):
        kept = [0]
        for gap in removed:
            kept.append(kept[-1] + gap + 1)
        lines = [Line(n, "word " * 3, keep=False) for n in range(kept[-1] + 1)]
        for i in kept:
            lines[i].keep = True
        sides = split._Sides(lines, kept)
        for k in range(len(kept)):
            assert sides.block(k, 1) == walked(kept, k, 1)
            assert sides.block(k, -1) == walked(kept, k, -1)


def test_the_letter_run_memo_numbers_a_pages_stems_consistently_in_threads() -> None:
    """The letter runs' memo (_RunFacts) numbers stems for the whole process and forgets them all when full: a page
    looked up in one thread must not see them numbered again by another halfway (one number per stem, one stem per
    number, within a page)."""
    import sys
    from concurrent.futures import ThreadPoolExecutor

    from newsprep.tasks import split

    pages = [
        [f"{stem}{ending}" for stem in (f"stem{n}x" for n in range(page, page + 120)) for ending in "ab"]
        for page in range(40)
    ]
    facts = split._RunFacts()
    facts.MAX_RUNS = 300  # forgotten every page or two

    def consistent(runs: list[str]) -> bool:
        stems, _ = facts.of(runs)
        number_of = dict(zip((run[: split.STEM] for run in runs), stems.tolist(), strict=True))
        return len(set(number_of.values())) == len(number_of) and all(
            number_of[run[: split.STEM]] == n for run, n in zip(runs, stems.tolist(), strict=True)
        )

    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns often
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            assert all(pool.map(consistent, pages * 10))
    finally:
        sys.setswitchinterval(switching)
