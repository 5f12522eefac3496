"""Near-duplicate stories (tasks/duplicates.py): the signature, the threshold, the clusters, and `duplicate_of` as the
flow writes it, incrementally. The stories are written for these tests: one agency story as two sites print it,
and another story on the same subject, in English and in Chinese."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from newsprep.flows.ingest import ingest
from newsprep.tasks.duplicates import (
    MIN_SHINGLES,
    NUM_PERM,
    SEED,
    SHINGLE_SIZE,
    SIGNATURE_BYTES,
    SIGNATURE_TAG,
    THRESHOLD,
    find_duplicates,
    shingles,
    similarity,
    story_signature,
)
from newsprep.tasks.fields import story_id_for
from newsprep.tasks.models import Document, Story
from newsprep.tasks.write import STORIES_SCHEMA, Snapshot, stories_table

NOW = datetime(2025, 11, 1, 12, 0, tzinfo=UTC)
REFERENCE = datetime(2025, 11, 20, 12, 0, tzinfo=UTC)

EN_AGENCY = [
    "FRANKFURT, March 6 (Reuters) - The European Central Bank left its key interest rates unchanged on Thursday, "
    "saying inflation was easing more slowly than it had expected at the start of the year and that it needed more "
    "evidence before cutting borrowing costs.",
    "The deposit rate stays at 4%, a record high it has held since September, while the main refinancing rate "
    "remains at 4.5%.",
    "ECB President Christine Lagarde told reporters that the governing council had not discussed a rate cut at this "
    "meeting, but that the debate would begin in earnest in the spring once new wage data were available.",
    '"We are making progress, but we are not sufficiently confident yet," Lagarde said, adding that services '
    "inflation in particular remained stubbornly high.",
    "The bank cut its inflation forecast for this year to 2.3% from 2.7%, and now expects price growth to return to "
    "its 2% target in the course of next year.",
    "Growth was also revised down, with the economy of the 20 countries that share the euro seen expanding by just "
    "0.6% this year.",
    "Markets had priced in a first cut for June, and investors trimmed those bets slightly after Lagarde's remarks, "
    "pushing the euro up 0.3% against the dollar.",
    "Several policymakers have argued in recent weeks that waiting too long risks damaging an economy that has "
    "barely grown for more than a year.",
    "Others, led by the heads of the German and Dutch central banks, have warned that a premature move could let "
    "inflation flare up again as wages catch up with past price rises.",
    "The ECB's next policy meeting is on April 11, when economists expect rates to be held again before a cut in June.",
]
# The same wire story on another site: its own opening, one sentence rewritten, the agency's credit line kept.
EN_AGENCY_ELSEWHERE = [
    "FRANKFURT -- The European Central Bank left its key interest rates unchanged on Thursday, saying inflation "
    "was easing more slowly than it had expected at the start of the year and that it needed more evidence before "
    "cutting borrowing costs.",
    *EN_AGENCY[1:6],
    "Traders had been betting on a first cut in June, and they scaled back those bets a little after the press "
    "conference, sending the euro 0.3% higher against the dollar.",
    *EN_AGENCY[7:],
    "(Reporting by Francesco Canepa and Balazs Koranyi; Editing by Catherine Evans)",
]
# Another paper's own story of the same meeting: the same names, figures and dates, other sentences.
EN_SAME_SUBJECT = [
    "The European Central Bank kept borrowing costs at record highs on Thursday and signalled that it was in no "
    "hurry to cut them, disappointing some governments hoping for relief.",
    "Christine Lagarde, the ECB president, said the governing council needed to see more data on wages before it "
    "could be confident that inflation was heading back to 2%.",
    "The bank's deposit rate has been at 4% since September, a record high.",
    "New staff projections showed inflation at 2.3% this year, lower than the 2.7% forecast in December, and "
    "growth of 0.6% for the 20 countries that share the euro.",
    "Lagarde said services prices, which are driven largely by wages, were still rising too fast.",
    "Economists said the comments pointed to a first rate cut in June rather than at the next meeting on April 11.",
    "The euro rose 0.3% against the dollar after the decision, while yields on German government bonds edged higher.",
    "Governments in Rome and Madrid have urged the bank to ease policy quickly, arguing that high rates are choking "
    "investment.",
    "Lagarde declined to comment on the criticism, saying the ECB was independent and would act on the data alone.",
]
ZH_AGENCY = [
    "新华社北京7月30日电 受台风外围环流和冷空气共同影响，华北地区29日至31日出现强降雨天气，北京、天津和河北多地"
    "累计降雨量超过400毫米。",
    "中央气象台30日继续发布暴雨红色预警，提醒公众减少外出，远离河道、山区等危险地带。",
    "北京市防汛指挥部表示，全市已转移安置受威胁群众五万余人，部分山区道路因塌方暂时封闭。",
    "受降雨影响，北京两大机场共取消航班六百余架次，多条铁路线路停运或限速运行。",
    "应急管理部已派出工作组赶赴河北涿州等受灾严重地区，协助地方开展抢险救援工作。",
    "气象专家指出，此次降雨过程持续时间长、累计雨量大、极端性强，为近十年来罕见。",
    "预计31日夜间起降雨将逐渐减弱，但山区仍需警惕山洪和地质灾害。",
]
ZH_AGENCY_ELSEWHERE = [
    "本报讯 受台风外围环流和冷空气共同影响，华北地区29日至31日出现强降雨天气，北京、天津和河北多地累计降雨量超过"
    "400毫米。",
    *ZH_AGENCY[1:3],
    "受降雨影响，首都国际机场和大兴国际机场累计取消航班六百余架次，京广高铁部分区段限速运行。",
    *ZH_AGENCY[4:],
    "（来源：新华网）",
]
ZH_SAME_SUBJECT = [
    "连日来，北京遭遇持续强降雨，门头沟、房山等区出现严重内涝和山洪，多地累计降雨量超过400毫米。",
    "记者30日在房山区看到，多处村庄道路被洪水冲毁，救援人员正驾驶冲锋舟转移被困居民。",
    "一位村民告诉记者，家中一楼已被淹没，全家人在二楼等待了十几个小时才获救。",
    "北京市气象台表示，此次降雨是北京有气象记录以来最强的一次，中央气象台30日继续发布暴雨红色预警。",
    "目前，电力、通信等部门正在全力抢修受损设施，部分地区已恢复供电。",
    "专家提醒，雨停后仍要注意防范次生灾害，不要靠近河道和山体。",
]
# Two more sentences of the ECB story, rewritten by a third site.
EN_REWRITTEN = [
    "In a statement, the bank said policy would stay restrictive for as long as necessary to bring prices down.",
    "Analysts polled before the meeting had unanimously expected the decision, which came after a two-day session.",
    "The decision was widely expected by economists, who now focus on the timing of the first cut this year.",
]


def _text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def _similarity(first: list[str], second: list[str]) -> float:
    return similarity(story_signature(_text(first)), story_signature(_text(second)))


@pytest.mark.parametrize(
    ("copy", "original"),
    [(EN_AGENCY_ELSEWHERE, EN_AGENCY), (ZH_AGENCY_ELSEWHERE, ZH_AGENCY)],
    ids=["English", "Chinese"],
)
def test_an_agency_story_on_another_site_is_a_near_duplicate(copy: list[str], original: list[str]) -> None:
    # A sentence changed, an opening and a credit line of the site's own: still the same story, and not narrowly.
    assert _similarity(copy, original) >= THRESHOLD + 0.1


def test_two_changed_sentences_in_ten_are_still_the_same_story() -> None:
    two_changed = [EN_REWRITTEN[0], *EN_AGENCY[1:4], EN_REWRITTEN[1], *EN_AGENCY[5:]]
    assert _similarity(two_changed, EN_AGENCY) >= THRESHOLD


@pytest.mark.parametrize(
    ("other", "story"),
    [(EN_SAME_SUBJECT, EN_AGENCY), (EN_SAME_SUBJECT, EN_AGENCY_ELSEWHERE), (ZH_SAME_SUBJECT, ZH_AGENCY)],
    ids=["English", "English, the other copy", "Chinese"],
)
def test_another_story_on_the_same_subject_is_not(other: list[str], story: list[str]) -> None:
    assert _similarity(other, story) < 0.1  # far below the threshold, not just under it


def test_chinese_is_shingled_by_characters() -> None:
    # Written without spaces, a Chinese paragraph is one "word" to a space-based split: it would give one shingle
    # per sentence, and the copy with a changed sentence would share almost none of them.
    sentence = ZH_AGENCY[1]
    assert len(shingles(sentence)) == len(set(shingles(sentence))) >= len(sentence) - 3 * SHINGLE_SIZE
    assert all(len(shingle.decode().split()) == SHINGLE_SIZE for shingle in shingles(sentence))
    thai = "กรุงเทพมหานครประกาศปิดโรงเรียนสามวันเนื่องจากฝุ่นละอองเกินมาตรฐาน"
    assert len(shingles(thai)) > 40  # Thai too: character shingles, not one for the whole phrase


def test_the_signature_ignores_case_spacing_punctuation_and_compatibility_forms() -> None:
    text = _text(EN_AGENCY)
    variant = text.upper().replace("\n\n", "\n   ").replace(",", "").replace("%", " %")
    assert story_signature(variant) == story_signature(text)
    assert story_signature("ＡＢＣ news from the ｆｕｌｌ-width world today") == story_signature(
        "abc news from the full-width world today"
    )
    assert len(story_signature(text)) == SIGNATURE_BYTES == 4 + 4 * NUM_PERM


def test_the_signature_holds_datasketchs_minhash_values() -> None:
    """story_signature computes datasketch's MinHash itself (the same permutations drawn from the same seed, the same
    hash of each shingle): the values must be datasketch's own, or signatures stored by earlier versions, made with
    datasketch, would no longer match the stories they repeat."""
    from datasketch import MinHash

    long_text = " ".join(f"word{n % 997} other{n % 13}" for n in range(6000))  # several chunks of shingles
    texts = [
        _text(EN_AGENCY),
        _text(EN_AGENCY).upper(),
        _text(ZH_AGENCY),
        "กรุงเทพมหานครประกาศปิดโรงเรียนสามวันเนื่องจากฝุ่นละอองเกินมาตรฐาน",
        "Share this article with your friends",
        "Read more",
        "",
        long_text,
    ]
    for text in texts:
        reference = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32")  # its default hash: sha1_hash32
        reference.update_batch(shingles(text))
        assert story_signature(text) == SIGNATURE_TAG + reference.hashvalues.astype("<u4").tobytes()


def test_a_very_short_text_matches_an_identical_text_only() -> None:
    short = "Share this article with your friends"  # 6 words: fewer than MIN_SHINGLES word 5-grams
    assert len(shingles(short)) == 1 < MIN_SHINGLES
    assert similarity(story_signature(short), story_signature("share this ARTICLE with your friends!")) == 1.0
    for other in ("Share this story with your friends", "Share this article", "", _text(EN_AGENCY)):
        assert similarity(story_signature(short), story_signature(other)) < THRESHOLD
    # Two different texts too short for one shingle are not alike for having none.
    assert similarity(story_signature("Read more"), story_signature("Photo gallery")) < THRESHOLD
    # Nor does a short text match a long one that contains it.
    assert similarity(story_signature(short), story_signature(short + ". " + _text(EN_AGENCY))) < THRESHOLD


def _at(minutes: int) -> datetime:
    return NOW + timedelta(minutes=minutes)


def test_the_canonical_story_is_the_earliest_then_the_smallest_id() -> None:
    original, copy, other = (story_signature(_text(p)) for p in (EN_AGENCY, EN_AGENCY_ELSEWHERE, EN_SAME_SUBJECT))
    rows = [
        ("d-later-copy", _at(5), copy),
        ("c-exact-copy", _at(0), original),  # same time as b-first: the smaller id goes first
        ("b-first", _at(0), original),
        ("a-other", _at(9), other),
        ("e-unsigned", _at(-5), None),  # carried from before the column: neither compared nor canonical
        ("f-other-parameters", _at(-5), b"\0\0\0\0" + original[4:]),
    ]
    assert find_duplicates(rows) == {
        "b-first": None,
        "c-exact-copy": "b-first",
        "d-later-copy": "b-first",
        "a-other": None,
        "e-unsigned": None,
        "f-other-parameters": None,
    }


def test_a_story_points_to_the_first_of_its_kind_and_a_chain_does_not_drift() -> None:
    base = EN_AGENCY
    edited = [EN_REWRITTEN[0], *base[1:4], EN_REWRITTEN[1], *base[5:]]  # two sentences changed
    further = [*edited[:6], EN_REWRITTEN[2], *edited[7:8], "Markets barely moved.", *edited[9:]]  # two more
    signatures = [story_signature(_text(p)) for p in (base, edited, further)]
    assert (
        similarity(signatures[0], signatures[1]) >= THRESHOLD and similarity(signatures[1], signatures[2]) >= THRESHOLD
    )
    assert similarity(signatures[0], signatures[2]) < THRESHOLD
    result = find_duplicates(
        [("s1", _at(0), signatures[0]), ("s2", _at(1), signatures[1]), ("s3", _at(2), signatures[2])]
    )
    # s3 is near s2 only, and s2 is a copy of s1, not a first of its kind: s3 starts a kind of its own.
    assert result == {"s1": None, "s2": "s1", "s3": None}
    # The earlier rows' values do not depend on the later ones.
    assert find_duplicates([("s1", _at(0), signatures[0]), ("s2", _at(1), signatures[1])]) == {"s1": None, "s2": "s1"}


def _document(name: str, bodies: list[str]) -> Document:
    document = Document(document_id=f"id-{name}", source_path=name, size_bytes=10, sha256="0" * 64)
    document.stories = [
        Story(story_index=i, lines=[], text=body, language="en", language_confidence=0.99)
        for i, body in enumerate(bodies)
    ]
    return document


def test_mark_duplicates_rewrites_this_runs_parts_only(tmp_path: Path) -> None:
    second = Snapshot(tmp_path, "run-2", _at(60))
    second.begin()
    # An earlier run's part as carry_over leaves it: one story unsigned (written before the column), one signed, and
    # an exact copy of that one left unmarked by the run that wrote it: carried rows keep their values all the same.
    old = stories_table([_document("old.txt", [_text(ZH_AGENCY), _text(EN_AGENCY), _text(EN_AGENCY)])], "run-1", NOW)
    old = old.set_column(
        old.schema.get_field_index("minhash"),
        "minhash",
        pa.array([None, *[story_signature(_text(EN_AGENCY))] * 2], pa.binary()),
    )
    carried = second.staging / "stories" / "part-20251101T120000000000-00000.parquet"  # an earlier run's name
    pq.write_table(old, carried)
    inode = carried.stat().st_ino
    second.write_documents(
        0, [_document("new.txt", [_text(ZH_AGENCY_ELSEWHERE), _text(EN_AGENCY_ELSEWHERE)])], "run-2", _at(60)
    )
    second.write_documents(1, [_document("other.txt", [_text(EN_SAME_SUBJECT)])], "run-2", _at(60))
    assert second.mark_duplicates() == 1
    assert carried.stat().st_ino == inode and pq.read_table(carried).equals(old)  # not rewritten
    stories = ds.dataset(second.staging / "stories", format="parquet").to_table().to_pylist()
    marks = {(row["source_path"], row["story_index"]): row["duplicate_of"] for row in stories}
    assert marks == {
        ("old.txt", 0): None,
        ("old.txt", 1): None,
        ("old.txt", 2): None,
        ("new.txt", 0): None,  # its original has no signature: not compared
        ("new.txt", 1): story_id_for("id-old.txt", 1),
        ("other.txt", 0): None,
    }
    ours = second.staging / "stories" / f"{second.part_prefix}-00000.parquet"
    assert pq.read_schema(ours).remove_metadata() == STORIES_SCHEMA


def _page(site: int, paragraphs: list[str]) -> str:
    """The story as site `site` of three prints it: its own menu, head, teasers and footer around the body."""
    menus = (
        ["Home", "World", "Business", "Markets", "Opinion"],
        ["News | Economy | Politics | Tech | Sport"],
        ["Front page", "Europe", "Finance", "Money", "Video", "Podcasts"],
    )
    titles = (
        "ECB holds rates, says it needs more evidence before cutting",
        "European Central Bank leaves rates on hold",
        "ECB keeps rates at record high as inflation eases slowly",
    )
    tails = (
        [
            "Related Articles",
            "Euro zone factory activity shrinks again in February",
            "Share on Facebook",
            "© 2025 Daily Ledger. All rights reserved.",
        ],
        [
            "Read more: Bond yields climb as traders reprice rate path",
            "Share this article",
            "Copyright 2025 Euro Wire Online",
        ],
        [
            "Most read",
            "Oil prices slip on weak Chinese demand",
            "Follow us on Twitter",
            "© Finance Post 2025. All rights reserved.",
        ],
    )
    head = [*menus[site], titles[site], "Published: 6 March 2025, 14:05", "By Staff Reporter"]
    return "\n".join([*head, "", *"\n\n".join(paragraphs).split("\n"), "", *tails[site]]) + "\n"


def _marks(output: Path) -> dict[str, tuple[str, str | None]]:
    table = ds.dataset(output / "stories", format="parquet").to_table(
        columns=["source_path", "story_id", "duplicate_of"]
    )
    return {row["source_path"]: (row["story_id"], row["duplicate_of"]) for row in table.to_pylist()}


def _two_sites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A folder with the agency story on two sites, and where its output goes. Every part counts as big: none is
    merged, so the parts carried into later snapshots stay hard links."""
    monkeypatch.setattr("newsprep.tasks.write.PART_BYTES", 4)
    pages, output = tmp_path / "pages", tmp_path / "out"
    pages.mkdir()
    (pages / "ledger.txt").write_text(_page(0, EN_AGENCY), encoding="utf-8")
    (pages / "eurowire.txt").write_text(_page(1, EN_AGENCY_ELSEWHERE), encoding="utf-8")
    return pages, output


def test_the_flow_marks_copies_of_a_story_incrementally(
    prefect_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages, output = _two_sites(tmp_path, monkeypatch)
    ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE)
    marks = _marks(output)
    assert set(marks) == {"ledger.txt", "eurowire.txt"}
    # One run: the same ingested_at, so the smaller story_id is the first of its kind, the other points to it.
    (first_id, first_mark), (later_id, later_mark) = sorted(marks.values())
    assert (first_mark, later_mark) == (None, first_id)
    parts = {part.name: part.stat().st_ino for part in (output / "current" / "stories").glob("*.parquet")}
    assert len(parts) == 1

    # A third copy, on a third site, in a later run: it points to the first story, the carried rows stay as they were.
    third = [*EN_AGENCY[:8], EN_REWRITTEN[2], *EN_AGENCY[9:]]
    (pages / "financepost.txt").write_text(_page(2, third), encoding="utf-8")
    summary = ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE)
    assert (summary["new"], summary["unchanged"], summary["processed"]) == (1, 2, 1)
    # The run says how many of its stories repeat an earlier one, and how many the dataset holds.
    assert (summary["near_duplicates"], summary["dataset_near_duplicates"]) == (1, 2)
    after = _marks(output)
    assert after["financepost.txt"][1] == first_id
    assert {path: after[path] for path in marks} == marks
    current = {part.name: part.stat().st_ino for part in (output / "current" / "stories").glob("*.parquet")}
    assert all(current.get(name) == inode for name, inode in parts.items())  # the carried part is a hard link


def test_a_repeat_whose_first_story_is_gone_is_decided_again(
    prefect_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A carried row that names a story gone since (its file changed, or was pruned) would keep pointing at nothing,
    and readers who drop the repeats (`duplicate_of is null`) would lose the story altogether."""
    pages, output = _two_sites(tmp_path, monkeypatch)
    ingest(input_dir=pages, output_dir=output, batch_size=1, reference_time=REFERENCE)
    first = _marks(output)
    (leader_path,) = [path for path, (_, mark) in first.items() if mark is None]
    (follower_path,) = [path for path, (_, mark) in first.items() if mark is not None]
    earlier_snapshot = (output / "current").resolve()

    # The first story's file changes: its story is a new row, the old one is gone.
    leader = pages / leader_path
    leader.write_text(leader.read_text(encoding="utf-8") + "\nA correction was appended to this story.\n")
    summary = ingest(input_dir=pages, output_dir=output, batch_size=1, reference_time=REFERENCE)
    assert (summary["changed"], summary["processed"]) == (1, 1)
    after = _marks(output)
    ids = {story_id for story_id, _ in after.values()}
    assert all(mark is None or mark in ids for _, mark in after.values())  # nothing names a story that is gone
    # The carried repeat is now the first of its kind (it came earlier), and the changed story repeats it.
    assert after[follower_path] == (first[follower_path][0], None)
    assert after[leader_path][1] == first[follower_path][0]
    stories = pd.read_parquet(output / "stories")
    assert len(stories[stories.duplicate_of.isna()]) == 1  # the story is still there once for those who dedupe
    # The earlier snapshot's file (the carried part was a hard link) keeps its own value.
    earlier = pd.read_parquet(earlier_snapshot / "stories").set_index("source_path")
    assert earlier.duplicate_of[follower_path] == first[follower_path][1]
