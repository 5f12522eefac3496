"""The last stage (tasks/outcome.py): a page read fine that gives no story is `no-article`, with a reason."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from newsprep.flows.explain import explain_document, render
from newsprep.tasks.fields import DOCUMENT_COLUMNS
from newsprep.tasks.models import STATUSES, Document, Line, Story
from newsprep.tasks.outcome import flag_no_article, no_article_reason
from newsprep.tasks.pipeline import StageContext, process_files


def _page(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "furniture.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_page_of_furniture_only_is_no_article_with_the_reasons_its_lines_were_removed(
    tmp_path: Path, furniture_only_page: str
) -> None:
    document = process_files([_page(tmp_path, furniture_only_page)], tmp_path, StageContext())[0]

    assert (document.status, document.stories) == ("no-article", [])
    assert len(document.removed_lines()) == len(furniture_only_page.splitlines()) == 11
    # Most frequent reason first, each with its count: the menu, the share buttons, the date, the copyright line.
    assert document.error.startswith("no-article: all 11 lines removed (menu-run 6, share-widget 3, ")
    assert document.error.endswith(")") and "\n" not in document.error
    named = dict(item.rsplit(" ", 1) for item in document.error.split(" (", 1)[1].rstrip(")").split(", "))
    assert {"menu-run", "share-widget", "copyright"} <= set(named)
    assert sum(map(int, named.values())) == 11
    assert document.status_line() == document.error  # the run summary does not say `no-article: no-article: ...`


def test_the_reason_names_six_reasons_at_most_most_frequent_first() -> None:
    reasons = ["teaser"] * 3 + ["menu-run"] * 5 + ["a", "b", "c", "d", "e"] + ["share-widget"] * 3
    lines = [Line(n, f"line {n}", keep=False, reason=reason) for n, reason in enumerate(reasons, 1)]
    assert no_article_reason(lines) == (
        "no-article: all 16 lines removed (menu-run 5, teaser 3, share-widget 3, a 1, b 1, c 1, ...)"
    )
    assert no_article_reason(lines[:1]) == "no-article: the only line removed (teaser 1)"


def test_kept_lines_that_made_no_story_are_said_so() -> None:
    document = Document(document_id="d", source_path="p.txt", size_bytes=1, sha256="0" * 64, raw_text="x")
    document.lines = [
        Line(1, "Home", keep=False, reason="menu-run"),
        Line(2, "A short line."),
        Line(3, "World", keep=False, reason="menu-run"),
        Line(4, "Another one."),
        Line(5, "© Example", keep=False, reason="copyright"),
    ]
    flag_no_article([document])
    assert (document.status, document.error) == (
        "no-article",
        "no-article: 2 of 5 lines kept, but no story was made of them; 3 removed (menu-run 2, copyright 1)",
    )


def test_only_readable_documents_without_a_story_are_flagged() -> None:
    with_story = Document(document_id="a", source_path="a.txt", size_bytes=1, sha256="0" * 64)
    with_story.lines = [Line(1, "Body.")]
    with_story.stories = [Story(story_index=0, lines=with_story.lines, text="Body.")]
    empty = Document(document_id="b", source_path="b.txt", size_bytes=0, sha256="", status="empty", error="0 bytes")
    flag_no_article([with_story, empty])
    assert (with_story.status, with_story.error) == ("ok", None)
    assert (empty.status, empty.error) == ("empty", "0 bytes")


def test_every_status_is_declared_once_and_documented() -> None:
    assert list(STATUSES) == ["ok", "no-article", "empty", "rejected", "error"]
    meaning = next(column.meaning for column in DOCUMENT_COLUMNS if column.name == "status")
    assert all(f"`{status}`" in meaning for status in STATUSES)


def test_explain_shows_the_lines_of_a_no_article_page_and_its_reason(tmp_path: Path, furniture_only_page: str) -> None:
    document = explain_document(_page(tmp_path, furniture_only_page))
    out = io.StringIO()
    render(document, Console(file=out, width=200))
    lines = out.getvalue().splitlines()
    assert sum(line.startswith("- ") for line in lines) == 11
    assert lines[-1] == f"furniture.txt: {document.error}"
    assert lines[-1].startswith("furniture.txt: no-article: all 11 lines removed (menu-run 6")
