"""The headline: which line of the head it is, and the headline without its kicker."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsprep.tasks.clean import classify_lines

from .helpers import BODY, TITLE, _meta


def test_headline_printed_twice_is_the_title_not_the_breadcrumb() -> None:
    title = "Government and opposition agree to resume talks"
    meta = _meta(["• Home", "• /World", f"• /{title}", title, "Updated 31 January 2025", "Follow", title])
    assert meta.title == title
    assert meta.published_at == datetime(2025, 1, 31, tzinfo=UTC)
    assert meta.dateline == "ISLAMABAD"


def test_breadcrumb_with_the_headline_at_its_end_is_not_the_title() -> None:
    meta = _meta(["Sie sind hier: Home » News » " + TITLE, TITLE, "Von Anna Müller"])
    assert meta.title == TITLE


def test_headline_over_its_deck() -> None:
    deck = "A new round is planned in the capital after months of tension between the two camps"
    assert _meta([TITLE, deck]).title == TITLE


def test_name_line_is_not_the_title() -> None:
    assert _meta([TITLE, "Jane Smith"]).title == TITLE


def test_kicker_joined_with_a_spaced_colon_is_dropped() -> None:
    meta = _meta(["Klimaschutz : Bohren, bis es heiß wird", "Von Heike Buchter"], language="de")
    assert meta.title == "Bohren, bis es heiß wird"
    assert _meta(["Tesla: Profits fall for the third quarter in a row"]).title.startswith("Tesla:")
    french = _meta(["Retraites : le gouvernement recule sur l'âge légal"], language="fr")
    assert french.title == "Retraites : le gouvernement recule sur l'âge légal"


def test_headline_ending_on_a_verb_particle_is_a_headline() -> None:
    # "aus", "uit" end many German and Dutch headlines (separable verbs); they are also prepositions, which a
    # hard rule on the last word turned away.
    de = _meta(["Bundeswehr bildet künftig Piloten in Bremen aus", "Von Anna Müller"], language="de")
    assert de.title == "Bundeswehr bildet künftig Piloten in Bremen aus"
    nl = _meta(["Kabinet stelt besluit over nieuwe kerncentrale uit", "Door Jan de Vries"], language="nl")
    assert nl.title == "Kabinet stelt besluit over nieuwe kerncentrale uit"


def test_bulleted_headline_is_the_title_without_its_bullet() -> None:
    assert _meta(["* " + TITLE, "By Jane Smith"]).title == TITLE


def test_headline_far_above_a_late_body_start() -> None:
    # a head of 45 lines of furniture between the headline and the body (share rows, a table of contents...)
    meta = _meta([TITLE, "By Jane Smith", *["— — —"] * 45])
    assert meta.title == TITLE


def test_weights_fitted_for_other_features_are_refused(tmp_path, monkeypatch) -> None:
    import json

    from newsprep.tasks.metadata import title

    fitted = json.loads(title._WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert fitted["features"] == list(title.TITLE_FEATURES)
    assert 0 < fitted["cross_validated_accuracy"] <= fitted["candidate_recall"] <= 1
    stale = tmp_path / "title_weights.json"
    stale.write_text(json.dumps({**fitted, "features": fitted["features"][:-1]}), encoding="utf-8")
    monkeypatch.setattr(title, "_WEIGHTS_FILE", stale)
    with pytest.raises(RuntimeError, match="fit_title"):
        title._load_weights()


def test_headline_printed_only_with_the_site_name_is_the_title_without_it() -> None:
    # (#18: a title inside a longer line) the page prints its headline once, joined to the site's name
    meta = _meta(["Home", "World", f"{TITLE} | Example Daily News", "31 January 2025"])
    assert meta.title == TITLE
    meta = _meta(["Startseite / Politik / " + TITLE, "31. Januar 2025"])
    assert meta.title == TITLE


def test_a_headline_with_a_dash_of_its_own_stays_whole() -> None:
    title = "Die Minze als Mutmacher – ein Bericht aus dem Gefängnis in der Hauptstadt"
    assert _meta([title, "Von Anna Müller"], language="de").title == title


def test_a_headline_may_open_on_a_small_letter_or_hold_an_interface_word() -> None:
    # (#18) hard rules turned these away: a brand written in small letters, a German verb that is also a button
    # label ("anzeigen", "zurück"); the fitted score now weighs them as features
    iphone = "iPhone 17 sales fall for the first time in China"
    assert _meta([iphone, "By Jane Smith"]).title == iphone
    for title in ("Polizei will Raser in Berlin künftig schneller anzeigen", "Der Wolf kehrt nach Brandenburg zurück"):
        assert _meta([title, "Von Anna Müller"], language="de").title == title
    # ... while a short interface line stays no headline
    assert _meta(["Kommentar schreiben", TITLE, "Von Anna Müller"], language="de").title == TITLE


def test_each_read_bounds_the_score_from_above() -> None:
    # find_title leaves a candidate once the bound `read` returns is below the best score: each group must read
    # exactly the features counted as its own, and the bound never fall under the candidate's final score
    from operator import mul

    from newsprep.tasks.metadata import title

    head = ["Home", "World", f"{TITLE} | Example Daily News", "Jane Smith", TITLE, "By Jane Smith", "31 January 2025"]
    lines = classify_lines("\n".join([*head, *BODY]))
    window = title._Window(lines, len(head), None)
    candidates = window.candidates()
    assert len(candidates) >= 3
    for candidate in candidates:
        bounds = []
        for group in range(title.FEATURE_GROUPS):
            read_before = set(candidate.values)
            bounds.append(window.read(candidate, group))
            assert {name for name in candidate.values if name not in read_before} == {
                name for name, of in title._GROUP_OF.items() if of == group
            }
        score = sum(map(mul, title.TITLE_WEIGHTS, candidate.features()))
        assert all(bound >= score - title._BOUND_MARGIN for bound in bounds)


def test_a_key_is_counted_on_the_lines_kept_for_it_as_on_the_whole_page() -> None:
    # page_for keeps only the lines holding the key's longest word: the counts must be those of the whole page
    from newsprep.tasks.metadata import title
    from newsprep.tasks.metadata.lines import NON_WORD_RE, flat

    texts = ["Straße gesperrt", "Straße gesperrt", "Home", "Straße gesperrt", "x" * 300, "» Straße gesperrt «"]
    texts += ["Die Straße bleibt gesperrt", "नई दिल्ली में बारिश", "नई दिल्ली", TITLE, f"{TITLE} | Daily", "Daily"]
    lines = classify_lines("\n".join(texts))
    short = "\n".join(line.text for line in lines if len(line.text) <= 250)
    whole = " \n " + NON_WORD_RE.sub(" ", short.casefold()).replace("\n", " \n ") + " \n "
    window = title._Window(lines, len(lines), None)
    for key in {flat(line.text) for line in lines} | {"strasse", "gesperrt", "daily"}:
        kept = window.page_for(key)
        for printed in (f"\n {key} \n", f" {key} "):
            assert kept.count(printed) == whole.count(printed), (key, printed)


def test_the_choice_read_best_bound_first_is_that_of_every_score_read_in_order() -> None:
    # find_title reads the costly groups best bound first and leaves candidates that cannot win: it must choose what
    # reading every candidate in full would (of equal scores, the first candidate's), as the traced choice does
    from newsprep.tasks.metadata import title

    heads = [
        ["Home", "World", f"{TITLE} | Example Daily News", "Jane Smith", TITLE, "By Jane Smith", "31 January 2025"],
        ["Related", TITLE, TITLE, "Most read", TITLE, "Updated 31 January 2025"],  # equal scores: the first wins
        ["« Older post", "Newer post »", "Menu", "Sign up", TITLE, "2 hours ago"],
    ]
    for head in heads:
        lines = classify_lines("\n".join([*head, *BODY]))
        for body in range(len(head) - 2, len(head) + 3):
            trace: list = []
            assert title.find_title(lines, body) == title.find_title(lines, body, trace=trace)
            assert trace


def test_previous_and_next_links_are_told_by_the_line_ends() -> None:
    from newsprep.tasks.metadata.title import _is_prev_next_link

    for link in ("« Older title", "‹ Previous", "<  Back", "← Zurück", "Newer title →", "Next ›", "Weiter >", "Next »"):
        assert _is_prev_next_link(link) and _is_prev_next_link(f"  {link}\t")
    for text in ("«Quoted» title", "A title « quoted »", "Title", "A > B in the polls", "« Quote » »"):
        assert not _is_prev_next_link(text), text
