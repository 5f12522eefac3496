"""Stopword density, line classes and the context pass: prose stays in whichever of the page's languages it is
written, short lines follow their neighbours, and a hard-wrapped paragraph is judged as one."""

from __future__ import annotations

from newsprep.tasks.clean import classify_lines

from .helpers import BODY, PARAGRAPHS, _verdicts

GERMAN = [
    "Der Stadtrat hat am Dienstag beschlossen, dass die Bibliothek im Zentrum der Stadt wieder geöffnet wird, "
    "nachdem sie seit dem Sturm im vergangenen Frühjahr geschlossen war. Die Arbeiten sollen ein Jahr dauern.",
    "Die Bürgerinnen und Bürger begrüßten die Entscheidung, die nach einer langen Debatte in der Sitzung "
    "gefallen ist. Der Bürgermeister sprach von einem guten Tag für die ganze Stadt und ihre Schulen.",
    "Kritiker sagten dagegen, die Kosten seien für eine so kleine Stadt viel zu hoch und man hätte das Geld "
    "besser in die Straßen und in den öffentlichen Nahverkehr stecken sollen, wie sie am Abend erklärten.",
]


def test_short_line_inside_the_article_stays() -> None:
    verdicts = _verdicts([*PARAGRAPHS[:2], "A new chapter for the town", *PARAGRAPHS[2:]])
    assert verdicts["A new chapter for the town"] == (True, None)


def test_german_page_uses_german_stopwords() -> None:
    nav = ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Anmelden"]
    verdicts = _verdicts([*nav, *GERMAN, "Mehr zum Thema", "Neue Radwege für die Innenstadt geplant"])
    assert all(verdicts[p] == (True, None) for p in GERMAN)
    assert not any(verdicts[item][0] for item in nav)
    assert verdicts["Neue Radwege für die Innenstadt geplant"][0] is False


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
