from __future__ import annotations

from tasks.models import Line
from tasks.split import body_text, split_stories


def _lines(spec: list[tuple[str, bool]]) -> list[Line]:
    return [Line(n, text, keep, None if keep else "test") for n, (text, keep) in enumerate(spec, start=1)]


def _paragraphs(topic: str, count: int = 3) -> list[tuple[str, bool]]:
    sentence = f"The {topic} report describes {topic} matters in detail and {topic} officials answered questions."
    return [(f"{sentence} Paragraph {i} adds more about the {topic} situation today.", True) for i in range(count)]


def _head(title: str, date: str = "Updated 31 January 2025") -> list[tuple[str, bool]]:
    return [(title, False), (date, False), ("Follow", False), (title, False)]


def test_headline_printed_twice_opens_a_new_story() -> None:
    first = _head("Farmers protest new water rules in the valley") + _paragraphs("irrigation")
    second = _head("City council approves budget for new stadium", "Updated 8 sec ago") + _paragraphs("stadium")
    spans = split_stories(_lines(first + second))
    assert [span[0].text for span in spans] == [
        "Farmers protest new water rules in the valley",
        "City council approves budget for new stadium",
    ]
    assert [len(span) for span in spans] == [len(first), len(second)]


def test_five_stories_with_navigation_between_them() -> None:
    topics = ["irrigation", "stadium", "vaccine", "railway", "election"]
    nav = [(item, False) for item in ["Home", "World", "Sports", "Business", "Opinion", "Video", "Weather", "Login"]]
    spec: list[tuple[str, bool]] = []
    starts = []
    for topic in topics:
        spec += nav
        starts.append(len(spec))
        spec += _head(f"News about the {topic} question this week") + _paragraphs(topic)
    spans = split_stories(_lines(spec))
    assert len(spans) == 5
    assert [topic in body_text(span) for span, topic in zip(spans, topics, strict=True)] == [True] * 5
    # Each later story starts at its headline; the navigation before it ends the previous span.
    assert [spans[0][0].number] == [1]
    assert [span[0].number for span in spans[1:]] == [start + 1 for start in starts[1:]]


def test_a_seam_without_a_change_of_subject_does_not_split() -> None:
    interruption = [(f"Trending item {i}", False) for i in range(10)]
    spec = (
        _head("Farmers protest new water rules") + _paragraphs("irrigation") + interruption + _paragraphs("irrigation")
    )
    assert len(split_stories(_lines(spec))) == 1


FARMING = [
    ("Farmers in the northern valley blocked roads with tractors on Monday, demanding cheaper irrigation water.", True),
    ("Wheat growers say canal fees have tripled since spring while harvest prices keep falling.", True),
    ("Agriculture ministry officials promised subsidies for drip systems before the sowing season.", True),
]
FOOTBALL = [
    ("The striker scored twice in stoppage time as United snatched a dramatic victory at the stadium.", True),
    ("Supporters celebrated until midnight after the goalkeeper saved a penalty in the first half.", True),
    ("The coach praised his squad's defending and confirmed the captain will miss next week's derby.", True),
]


def test_a_seam_between_different_subjects_splits() -> None:
    footer = [(f"Footer link {i}", False) for i in range(12)]
    spans = split_stories(_lines(FARMING + footer + FOOTBALL))
    assert len(spans) == 2
    assert body_text(spans[0]).startswith("Farmers") and body_text(spans[1]).startswith("The striker")


def test_teasers_after_the_story_are_not_a_story() -> None:
    teasers = [("Related Articles", False)] + [
        (f"Teaser headline number {i} about something else entirely", False) for i in range(6)
    ]
    spec = _head("Farmers protest new water rules") + _paragraphs("irrigation") + teasers
    spans = split_stories(_lines(spec))
    assert len(spans) == 1 and spans[0][-1].text.startswith("Teaser headline number 5")


def test_a_short_fragment_is_not_cut_off() -> None:
    spec = _paragraphs("irrigation") + _head("Short item with a repeated title") + [("Just one line here.", True)]
    assert len(split_stories(_lines(spec))) == 1


def test_document_without_body_gives_no_story() -> None:
    assert split_stories(_lines([("Home", False), ("Login", False)])) == []
    assert split_stories([]) == []
