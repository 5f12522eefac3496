"""Site furniture learnt across pages: a synthetic site of several pages sharing one template."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from newsprep.flows.ingest import ingest
from newsprep.tasks.clean import classify_lines
from newsprep.tasks.site import SiteMemory, line_key, mark_site_furniture, page_line_keys

TOPICS = ["harbour", "railway", "orchard", "museum", "bakery", "bridge"]
PROMO = "Add Daily Ledger as a preferred source on Google"
FOOTER_NOTE = "Our newsroom publishes the stories you can trust every morning, and you can write to the editors."


def _page(topic: str) -> str:
    paragraphs = [
        f"The {topic} committee met on Monday to discuss the plans for the {topic}, which has been the subject "
        f"of a long debate in the town council since the spring, officials said after the meeting ended.",
        f"Residents who live near the {topic} told reporters that they were worried about the noise and the "
        f"traffic the works would bring, and asked the council to publish a timetable for the {topic} project.",
        PROMO,
        f"The council said it would answer their questions about the {topic} at a public meeting next month, and "
        f"that no work would begin before the summer holidays were over in the town and its villages.",
        FOOTER_NOTE,
    ]
    return "\n\n".join([f"Council weighs the future of the {topic}", *paragraphs])


def _memory(pages: list[str]) -> SiteMemory:
    memory = SiteMemory()
    for page in pages:
        memory.learn(hashlib.sha256(page.encode()).hexdigest(), page_line_keys(page))
    return memory


def test_a_single_page_cannot_tell_its_template() -> None:
    page = _page("harbour")
    lines = mark_site_furniture(classify_lines(page), _memory([page]))
    assert PROMO in [line.text for line in lines if line.keep]


def test_template_lines_go_from_the_second_page_on() -> None:
    pages = [_page(topic) for topic in TOPICS[:2]]
    memory = _memory(pages)
    for page in pages:
        lines = mark_site_furniture(classify_lines(page), memory)
        verdicts = {line.text: (line.keep, line.reason) for line in lines}
        assert verdicts[PROMO] == (False, "repeated-on-site")
        assert verdicts[FOOTER_NOTE][0] is True  # sentence-shaped: needs more than two pages
        assert sum(keep for keep, _ in verdicts.values()) == 4  # the three paragraphs and the footer note
    memory = _memory([_page(topic) for topic in TOPICS[:4]])
    lines = mark_site_furniture(classify_lines(_page("harbour")), memory)
    assert {line.text: line.reason for line in lines}[FOOTER_NOTE] == "repeated-on-site"


def test_ingesting_the_same_page_again_does_not_count_twice() -> None:
    page = _page("harbour")
    memory = _memory([page, page])
    assert memory.pages_showing(PROMO) == 1


def test_an_article_saved_in_two_files_keeps_its_short_lines() -> None:
    article = _page("museum").replace(PROMO, "A new wing for the museum").replace(FOOTER_NOTE, "")
    first, second = article + "\n\nOther page one", "Other page two\n\n" + article
    memory = _memory([first, second])
    lines = mark_site_furniture(classify_lines(first), memory)
    assert "A new wing for the museum" in [line.text for line in lines if line.keep]


def test_the_memory_is_kept_across_runs_in_the_output_folder(prefect_server, tmp_path: Path) -> None:
    inputs, output = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "first.txt").write_text(_page("harbour"))
    ingest(input_dir=inputs, output_dir=output)
    first_run = pd.read_parquet(output / "stories")
    assert PROMO in first_run.text[0]  # one page: nothing to compare with yet

    (inputs / "first.txt").unlink()
    (inputs / "second.txt").write_text(_page("railway"))
    ingest(input_dir=inputs, output_dir=output)
    stories = pd.read_parquet(output / "stories").set_index("source_path")
    assert PROMO not in stories.text["second.txt"]
    removed = pd.read_parquet(output / "documents").set_index("source_path").removed_lines["second.txt"]
    assert any(item["text"] == PROMO and item["reason"] == "repeated-on-site" for item in removed)
    assert SiteMemory.load(output).pages_showing(PROMO) == 2


def test_the_memory_is_bounded_and_forgets_single_page_lines_first(monkeypatch) -> None:
    monkeypatch.setattr("newsprep.tasks.site.MAX_KEYS", 40)
    monkeypatch.setattr("newsprep.tasks.site._MERGE_EVERY", 10)
    memory = SiteMemory()
    for n in range(30):  # each page: the promo line and five lines of its own
        page = "\n".join([PROMO, *(f"line {n}.{k} of this page alone" for k in range(5))])
        memory.learn(hashlib.sha256(page.encode()).hexdigest(), page_line_keys(page))
    assert len(memory) <= 40 + 10 * 6  # the bound, plus what waits to be merged
    assert memory.pages_showing(PROMO) == 30


def test_the_memory_survives_pickling_and_reads_the_older_state_format(tmp_path: Path) -> None:
    import pickle

    import pyarrow as pa
    import pyarrow.parquet as pq

    pages = [_page(topic) for topic in TOPICS[:3]]
    memory = _memory(pages)
    assert pickle.loads(pickle.dumps(memory)).pages_showing(PROMO) == 3
    memory.save(tmp_path)
    state = tmp_path / "state"
    # Versions before 2026-11 kept every page's whole hash as a string.
    hashes = [hashlib.sha256(page.encode()).hexdigest() for page in pages]
    pq.write_table(pa.table({"page_sha256": hashes}), state / "site-pages.parquet")
    loaded = SiteMemory.load(tmp_path)
    loaded.learn(hashes[0], page_line_keys(pages[0]))  # a page seen before does not count again
    assert loaded.pages_showing(PROMO) == 3


def test_page_line_keys_are_the_line_keys_of_its_lines():
    """page_line_keys folds and splits a whole page at once: the keys must be line_key's, line by line, whatever
    the spacing (a normally spaced page takes a shorter way than one with odd spacing)."""
    pages = [
        "Home\nNews\n\nSport",
        "  Home  \n\tNews\u00a0today \n\u2028\n ẞtraße İstanbul ﬃ\n \n",
        "one line only",
        "\n\n",
    ]
    for page in pages:
        expected = {line_key(line) for line in page.split("\n") if line.strip()}
        assert page_line_keys(page) == expected


def test_other_whitespace_is_every_space_character_but_a_space_and_a_line_break() -> None:
    from newsprep.tasks import site

    others = [chr(c) for c in range(0x110000) if chr(c).isspace() and chr(c) not in " \n"]
    assert list(site._OTHER_WHITESPACE_CHARACTERS) == others
    assert all(site._OTHER_WHITESPACE.fullmatch(c) for c in others)
    assert site._OTHER_WHITESPACE.search("no other space at all\nbut these") is None
