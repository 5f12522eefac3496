"""Multi-line structures: menu runs, blocks under a header line, comment threads, teaser lists, and the lists and
tables that belong to the article although their lines look like menus."""

from __future__ import annotations

from .helpers import PARAGRAPHS, _verdicts


def test_article_paragraphs_stay_and_menus_go() -> None:
    verdicts = _verdicts(["Home", "World", "Politics", "Business", "Sports", "Opinion", *PARAGRAPHS])
    assert all(verdicts[p] == (True, None) for p in PARAGRAPHS)
    assert {verdicts[item] for item in ["Home", "World", "Politics", "Opinion"]} == {(False, "menu-run")}


def test_teasers_after_related_articles_are_not_body() -> None:
    teasers = ["Storm damages roof of the old library", "Mayor announces new parks plan for summer"]
    verdicts = _verdicts([*PARAGRAPHS, "Related Articles", *teasers, "Read more: Council elections set for May"])
    assert verdicts["Related Articles"][0] is False
    assert {verdicts[t] for t in teasers} == {(False, "teaser")}
    assert verdicts["Read more: Council elections set for May"] == (False, "teaser")


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


def test_a_bulleted_list_between_paragraphs_stays() -> None:
    items = ["* 200 g of flour", "* 3 fresh eggs from the farm", "* a pinch of salt", "* 100 ml of warm milk"]
    verdicts = _verdicts([*PARAGRAPHS[:2], "You will need:", *items, *PARAGRAPHS[2:]])
    assert all(verdicts[item][0] for item in items)
    # A menu between paragraphs is still a menu.
    nav = ["* Home", "* World", "* Politics", "* Sports"]
    verdicts = _verdicts([*PARAGRAPHS[:2], *nav, *PARAGRAPHS[2:]])
    assert not any(verdicts[item][0] for item in nav)


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


def test_a_commenters_date_stamp_stays_inside_the_comment_section() -> None:
    # "Stephanie September 17, 2014 - 1:01 pm" is a date line, but under "1 comment" it is a commenter's stamp:
    # the comment after it must not join the article as a region of its own.
    comment = (
        "We also fill our refillable bottles before heading out for a family adventure, and the children love "
        "choosing their own colours before every trip we take together through the autumn woods near our home."
    )
    verdicts = _verdicts([*PARAGRAPHS, "1 comment", "Stephanie September 17, 2014 - 1:01 pm", comment, "Reply"])
    assert all(verdicts[p] == (True, None) for p in PARAGRAPHS)
    assert verdicts["Stephanie September 17, 2014 - 1:01 pm"] == (False, "comment-form")
    assert verdicts[comment][0] is False


MENU = ["Home", "News", "Sport", "Motorsport", "Formula 1", "Contact", "About us", "Privacy Policy"]


def test_an_article_of_data_rows_is_the_article() -> None:
    # (#18: schedules, results, tour dates removed as menus) a page whose article is a list of dated rows
    schedule = [
        "1a etapa: 10 de março – Interlagos",
        "2a etapa: 8 de abril – Curitiba",
        "3a etapa: 22 de abril – Velopark",
        "4a etapa: 06 de maio – Londrina",
        "5a etapa: 20 de maio – Santa Cruz do Sul",
    ]
    verdicts = _verdicts([*MENU, "Calendário da Stock Car 2018", *schedule, *MENU])
    assert {verdicts[row] for row in schedule} == {(True, None)}
    tour = ["12 March 2025 – Lahore, Alhamra Hall", "15 March 2025 – Karachi, Arts Council"]
    tour += ["19 March 2025 – Islamabad, Lok Virsa", "22 March 2025 – Peshawar, Nishtar Hall"]
    verdicts = _verdicts([*MENU, "Tour dates", *tour, *MENU])
    assert {verdicts[row] for row in tour} == {(True, None)}


def test_data_rows_beside_a_real_article_are_left_to_the_other_rules() -> None:
    # With a paragraph's worth of prose on the page, its article is that prose: dated menu rows stay menus
    archive = [
        "Archive 2024 (12 posts)",
        "Archive 2023 (31 posts)",
        "Archive 2022 (27 posts)",
        "Archive 2021 (8 posts)",
    ]
    verdicts = _verdicts([*PARAGRAPHS, *MENU, *archive])
    assert all(verdicts[p] == (True, None) for p in PARAGRAPHS)
    assert not any(verdicts[row][0] for row in archive)


def test_a_teaser_header_inside_the_sites_menu_opens_no_box() -> None:
    # "* Latest" is one link of the navigation, not a "Latest" box: the article under the menu, whose sentences
    # the site prints without full stops, stays
    menu = ["* Home", "* Latest", "* Politics", "* World News", "* Sports"]
    article = [
        "Chelsea have this morning paid the record fee to the Spanish league to secure the signing of the keeper",
        "This has freed the move of their current keeper to Real Madrid after weeks of talks",
        *PARAGRAPHS,
    ]
    verdicts = _verdicts([*menu, "BREAKING NEWS: Chelsea sign a new keeper", "August 08, 2018", *article])
    assert not any(verdicts[line][1] == "teaser" for line in article)
    assert verdicts["* Latest"] == (False, "section-header")
    # a "Latest" box of its own (not a menu item) still takes the headlines under it
    box = ["Latest", "Storm damages roof of the old library", "Mayor announces new parks plan for summer"]
    verdicts = _verdicts([*PARAGRAPHS, *box])
    assert {verdicts[line][0] for line in box} == {False}


def test_an_author_box_headed_by_the_authors_name_is_a_bio() -> None:
    # "About Jane Roe" / "Sobre Carlos Nadalim": the box's header names the author instead of saying "the author"
    bio = "Carlos Nadalim é pai de dois filhos e coordenador pedagógico numa escola de educação infantil em Londrina."
    verdicts = _verdicts([*PARAGRAPHS, "Sobre Carlos Nadalim", bio])
    assert verdicts["Sobre Carlos Nadalim"][0] is False and verdicts[bio] == (False, "author-bio")
    bio = "Jane Roe covers city hall for the paper and has written about the town's budget for ten years now."
    verdicts = _verdicts([*PARAGRAPHS, "About Jane Roe", bio])
    assert verdicts[bio] == (False, "author-bio")
    # "About us" is the site's page, not a person's box
    verdicts = _verdicts([*PARAGRAPHS, "About us", "Contact", "Privacy Policy"])
    assert verdicts["About us"][1] != "author-bio"
