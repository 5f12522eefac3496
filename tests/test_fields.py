"""The output columns' one declaration (tasks/fields.py): schemas, row builders and the README follow from it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsprep.tasks.fields import (
    DOCUMENT_COLUMNS,
    DOCUMENTS_SCHEMA,
    STORIES_SCHEMA,
    STORY_COLUMNS,
    Column,
    Run,
    document_row,
    markdown_table,
    story_row,
)
from newsprep.tasks.models import Document, Line, Story
from newsprep.tasks.write import DOCUMENTS_SCHEMA as WRITE_DOCUMENTS_SCHEMA
from newsprep.tasks.write import STORIES_SCHEMA as WRITE_STORIES_SCHEMA

README = Path(__file__).resolve().parents[1] / "README.md"
RUN = Run("run-1", datetime(2025, 11, 1, 12, 0, tzinfo=UTC), "0123456789abcdef")

# The columns that were required (not nullable) when the migration rule was set. Rows carried over from an older
# snapshot read a column it lacks as null, so no column may join this list: a new column must be nullable.
REQUIRED_BEFORE_THE_RULE = {
    "stories": {
        "story_id",
        "document_id",
        "source_path",
        "story_index",
        "text",
        "language",
        "language_confidence",
        "authors",
        "highlights",
        "image_captions",
        "word_count",
        "content_sha256",
        "ingested_at",
        "run_id",
    },
    "documents": {
        "document_id",
        "source_path",
        "size_bytes",
        "sha256",
        "status",
        "story_count",
        "removed_lines",
        "pipeline_version",
        "ingested_at",
        "run_id",
    },
}


def _readme_table(intro: str) -> str:
    """The markdown table that follows the README's paragraph starting with `intro`."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(intro))
    first = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("|"))
    end = next((i for i in range(first, len(lines)) if not lines[i].startswith("|")), len(lines))
    return "\n".join(lines[first:end])


def _document() -> Document:
    document = Document(document_id="doc-1", source_path="a/b.txt", size_bytes=42, sha256="f" * 64, encoding="utf-8")
    document.raw_text = "Menu\nHeadline\nOne two three."
    document.lines = [Line(1, "Menu", keep=False, reason="menu-run"), Line(2, "Headline"), Line(3, "One two three.")]
    document.stories = [Story(story_index=0, lines=document.lines[1:], text="One two three.", title="Headline")]
    return document


@pytest.mark.parametrize(("intro", "columns"), [("`stories/`:", STORY_COLUMNS), ("`documents/`:", DOCUMENT_COLUMNS)])
def test_the_readme_shows_the_declared_columns(intro: str, columns: tuple[Column, ...]) -> None:
    assert _readme_table(intro) == markdown_table(columns)


def test_the_schemas_are_the_declared_columns() -> None:
    for schema, columns in ((STORIES_SCHEMA, STORY_COLUMNS), (DOCUMENTS_SCHEMA, DOCUMENT_COLUMNS)):
        assert schema.names == [column.name for column in columns]
        assert len(set(schema.names)) == len(columns)
        for field, column in zip(schema, columns, strict=True):
            assert (field.type, field.nullable) == (column.type, column.nullable)
    # tasks.write serves the same schemas (tests and other code read them from there).
    assert WRITE_STORIES_SCHEMA is STORIES_SCHEMA and WRITE_DOCUMENTS_SCHEMA is DOCUMENTS_SCHEMA


@pytest.mark.parametrize(("dataset", "columns"), [("stories", STORY_COLUMNS), ("documents", DOCUMENT_COLUMNS)])
def test_a_new_column_must_be_nullable(dataset: str, columns: tuple[Column, ...]) -> None:
    required = {column.name for column in columns if not column.nullable}
    assert required <= REQUIRED_BEFORE_THE_RULE[dataset], "new columns must be nullable (see tasks/fields.py)"


def test_the_row_builders_give_exactly_the_schemas_columns(tmp_path: Path) -> None:
    document = _document()
    story = story_row(document, document.stories[0], RUN)
    row = document_row(document, RUN)
    assert list(story) == STORIES_SCHEMA.names
    assert list(row) == DOCUMENTS_SCHEMA.names
    # Every value fits its column, required ones are there, and the rows come back from Parquet as built.
    for name, schema, built in (("stories", STORIES_SCHEMA, story), ("documents", DOCUMENTS_SCHEMA, row)):
        table = pa.Table.from_pylist([built], schema=schema)
        table.validate(full=True)
        assert all(table.column(field.name).null_count == 0 for field in schema if not field.nullable)
        pq.write_table(table, tmp_path / f"{name}.parquet")
        back = pq.read_table(tmp_path / f"{name}.parquet")
        assert back.schema.remove_metadata() == schema
        assert back.to_pylist() == [built]
    assert (story["word_count"], story["run_id"], story["ingested_at"]) == (3, "run-1", RUN.ingested_at)
    assert story["story_id"] != story["document_id"] and len(story["story_id"]) == 24
    assert (row["story_count"], row["pipeline_version"]) == (1, "0123456789abcdef")
    assert row["removed_lines"] == [{"line": 1, "text": "Menu", "reason": "menu-run"}]


def test_the_rendered_table_writes_types_as_the_readme_does_and_escapes_pipes() -> None:
    columns = (
        Column("when", pa.timestamp("us", tz="UTC"), lambda d, run: None, "a | b, or `\\|` already escaped"),
        Column("names", pa.list_(pa.string()), lambda d, run: [], "", nullable=False),
        Column("score", pa.float64(), lambda d, run: 0.0, "0..1", nullable=False),
    )
    assert markdown_table(columns).splitlines() == [
        "| column | type | meaning |",
        "|---|---|---|",
        "| when | timestamp[us, UTC], null | a \\| b, or `\\|` already escaped |",
        "| names | list<string> | |",
        "| score | float64 | 0..1 |",
    ]
