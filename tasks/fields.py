"""The output columns, declared once.

Each column of the two datasets is one `Column` in STORY_COLUMNS or DOCUMENT_COLUMNS: its name, Arrow type,
nullability, how its value is obtained, and its meaning (the text of the README's column tables). The Arrow
schemas, the row builders and the README's column tables (`markdown_table`) all follow from these two tuples;
tests/test_fields.py checks that the README shows what `markdown_table` renders.

Values are functions of (document, story, run) for `stories` and of (document, run) for `documents`.

Migration rule: a column added in a newer version reads as null in rows carried over from older snapshots
(`Snapshot.carry_over` fills in what an older snapshot lacks, and drops what is no longer declared). So every
column added from now on must be nullable (the default here); `--full` computes it for every file in the input.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

import pyarrow as pa

from .duplicates import NUM_PERM, SHINGLE_SIZE, THRESHOLD, comparable_text, story_signature
from .models import STATUSES, Document, Story
from .text.scripts import count_words


class Run(NamedTuple):
    """What every row written by one run shares."""

    run_id: str
    ingested_at: datetime
    pipeline_version: str


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: pa.DataType
    value: Callable[..., Any]  # stories: (document, story, run) -> value; documents: (document, run) -> value
    meaning: str  # markdown, as shown in the README's column table
    nullable: bool = True  # columns added from now on must stay nullable (see the module's docstring)

    @property
    def field(self) -> pa.Field:
        return pa.field(self.name, self.type, nullable=self.nullable)


def content_hash(text: str) -> str:
    """Hash of the text with case, Unicode compatibility forms and spacing normalised away."""
    return hashlib.sha256(comparable_text(text).encode()).hexdigest()


def _statuses_text() -> str:
    """`ok` (...), `no-article` (...), ... or `error` (...): the status column's values as the README lists them."""
    items = [f"`{status}` ({meaning})" if meaning else f"`{status}`" for status, meaning in STATUSES.items()]
    return ", ".join(items[:-1]) + " or " + items[-1]


def story_id_for(document_id: str, story_index: int) -> str:
    return hashlib.sha256(f"{document_id}:{story_index}".encode()).hexdigest()[:24]


_TS = pa.timestamp("us", tz="UTC")
REMOVED_LINE = pa.struct([pa.field("line", pa.int32()), pa.field("text", pa.string()), pa.field("reason", pa.string())])

STORY_COLUMNS: tuple[Column, ...] = (
    Column(
        "story_id",
        pa.string(),
        lambda d, s, run: story_id_for(d.document_id, s.story_index),
        "unique per row; the same for the same story when unchanged input is ingested again "
        "(hash of `document_id` and `story_index`)",
        nullable=False,
    ),
    Column(
        "document_id",
        pa.string(),
        lambda d, s, run: d.document_id,
        "the input file's id (see documents)",
        nullable=False,
    ),
    Column(
        "source_path",
        pa.string(),
        lambda d, s, run: d.source_path,
        "input file's path relative to INPUT_DIR, `/`-separated",
        nullable=False,
    ),
    Column(
        "story_index",
        pa.int32(),
        lambda d, s, run: s.story_index,
        "0-based position of the story in its file",
        nullable=False,
    ),
    Column(
        "title",
        pa.string(),
        lambda d, s, run: s.title,
        'the headline, once, as printed (without a kicker glued to it by " : "); a story that merely continues '
        "the one before it (no head or byline of its own) carries that story's title and authors",
    ),
    Column(
        "text",
        pa.string(),
        lambda d, s, run: s.text,
        "the story's body: paragraphs (kept lines) joined by `\\n\\n`; no headline, boilerplate, captions, bullet "
        "highlights or teasers. A standfirst (the summary sentence under the headline) that reads as article text "
        "stays as the first paragraph, and is also listed in `highlights`. A dateline stays where it is printed, "
        "at the start of the first paragraph after the head.",
        nullable=False,
    ),
    Column("language", pa.string(), lambda d, s, run: s.language, "ISO 639-1, or `und`", nullable=False),
    Column("language_confidence", pa.float64(), lambda d, s, run: s.language_confidence, "0..1", nullable=False),
    Column(
        "published_at",
        _TS,
        lambda d, s, run: s.published_at,
        "best-known publication date/time of the story: a date printed in the story's head or byline (never one "
        'from the body or a caption); relative dates ("10 months ago") count back from `--reference-time`, else '
        "a clock printed on the page, else the file's modification time",
    ),
    Column(
        "updated_at",
        _TS,
        lambda d, s, run: s.updated_at,
        'the "Updated ..." date when the page prints one; when it prints no other date, `published_at` is that '
        "date too (the best known)",
    ),
    Column(
        "date_precision",
        pa.string(),
        lambda d, s, run: s.date_precision,
        "how precise `published_at` is: `second`, `minute`, `hour`, `day`, `month` or `year` "
        '(a relative "10 months ago" is `month`)',
    ),
    Column(
        "authors",
        pa.list_(pa.string()),
        lambda d, s, run: s.authors,
        "bylines, one person or desk per item; empty when none",
        nullable=False,
    ),
    Column(
        "dateline",
        pa.string(),
        lambda d, s, run: s.dateline,
        "place line that opens the story (`ISLAMABAD`), as printed",
    ),
    Column(
        "highlights",
        pa.list_(pa.string()),
        lambda d, s, run: s.highlights,
        "bullet summaries / standfirst printed with the story (a standfirst may also open `text`)",
        nullable=False,
    ),
    Column(
        "image_captions",
        pa.list_(pa.string()),
        lambda d, s, run: s.image_captions,
        "captions (with credits) printed with the story",
        nullable=False,
    ),
    Column(
        "site_name",
        pa.string(),
        lambda d, s, run: s.site_name,
        "the site's name when the page prints it (copyright line)",
    ),
    Column(
        "word_count",
        pa.int32(),
        lambda d, s, run: count_words(s.text),
        "words in `text` (in Chinese and Japanese one per character; in Thai, Lao, Khmer and Myanmar one per four)",
        nullable=False,
    ),
    Column(
        "content_sha256",
        pa.string(),
        lambda d, s, run: content_hash(s.text),
        "SHA-256 of `text` after NFKC, case folding and whitespace collapsing, for de-duplication",
        nullable=False,
    ),
    Column(
        "minhash",
        pa.binary(),
        lambda d, s, run: story_signature(s.text),
        f"MinHash signature of `text` (`tasks/duplicates.py`: a 4-byte tag of its parameters, then {NUM_PERM} "
        f"little-endian uint32 values, over the text's {SHINGLE_SIZE}-word shingles, {SHINGLE_SIZE}-character ones in "
        "Chinese, Japanese and Thai): what `duplicate_of` is computed from, kept so that later runs need not sign "
        "carried stories again; null in rows carried from a snapshot written before the column existed",
    ),
    Column(
        "duplicate_of",
        pa.string(),
        lambda d, s, run: None,  # set for the whole dataset before the run publishes (Snapshot.mark_duplicates)
        f"`story_id` of an earlier story with near-identical text (MinHash Jaccard estimate >= {THRESHOLD}): of the "
        "stories that are the first of their kind, the earliest by `ingested_at`, then `story_id`; null when this "
        "one is the first of its kind (or its `minhash` is null). Set when the row is written; a carried row keeps "
        "its value unless the story it names is gone (its file changed or was pruned): then it is decided again",
    ),
    Column(
        "ingested_at",
        _TS,
        lambda d, s, run: run.ingested_at,
        "when this row was written (the run's start)",
        nullable=False,
    ),
    Column("run_id", pa.string(), lambda d, s, run: run.run_id, "the Prefect flow run that wrote it", nullable=False),
)

DOCUMENT_COLUMNS: tuple[Column, ...] = (
    Column(
        "document_id",
        pa.string(),
        lambda d, run: d.document_id,
        "stable id of the file: hash of its path and its bytes. Two copies of one file at two paths are two "
        "documents with the same `sha256`.",
        nullable=False,
    ),
    Column("source_path", pa.string(), lambda d, run: d.source_path, "as in stories", nullable=False),
    Column(
        "source_path_bytes",
        pa.binary(),
        lambda d, run: d.source_path_bytes,
        "the path's exact bytes when `source_path` is not exactly them (a name that is not UTF-8, as on old "
        "archives, is written `caf\\xe9.txt` in `source_path`); null otherwise",
    ),
    Column("size_bytes", pa.int64(), lambda d, run: d.size_bytes, "", nullable=False),
    Column("sha256", pa.string(), lambda d, run: d.sha256, "of the raw bytes", nullable=False),
    Column(
        "modified_at",
        _TS,
        lambda d, run: d.modified_at,
        "the file's modification time when it was read: a later run takes a file of this size and time for "
        "unchanged without reading it (`--verify` reads every file)",
    ),
    Column(
        "encoding",
        pa.string(),
        lambda d, run: d.encoding,
        "how the bytes were decoded (BOM, strict UTF-8, else charset-normalizer's best guess)",
    ),
    Column(
        "status",
        pa.string(),
        lambda d, run: d.status,
        _statuses_text(),
        nullable=False,
    ),
    Column("error", pa.string(), lambda d, run: d.error, "the reason, when status is not `ok`"),
    Column(
        "unread_because",
        pa.string(),
        lambda d, run: None,
        "why the latest run could not read the file (gone, or unreadable for a moment): this row and the file's "
        "stories are kept from the run that last read it; null when the latest run read it or its bytes were known",
    ),
    Column("story_count", pa.int32(), lambda d, run: len(d.stories), "", nullable=False),
    Column(
        "raw_text",
        pa.string(),
        lambda d, run: d.raw_text,
        "the decoded, normalised input (Unicode NFC, the Indic nukta letters as the page wrote them; `\\n` line "
        "ends, plain spaces, no zero-width spaces, soft hyphens or bidirectional controls; zero-width joiners kept "
        "for Persian, Urdu and Indic scripts), for audit and re-processing; line numbers match the file",
    ),
    Column(
        "removed_lines",
        pa.list_(REMOVED_LINE),
        lambda d, run: [{"line": line.number, "text": line.text, "reason": line.reason} for line in d.removed_lines()],
        "every non-blank line left out of the story bodies, and why",
        nullable=False,
    ),
    Column(
        "pipeline_version",
        pa.string(),
        lambda d, run: run.pipeline_version,
        "digest of the stage code that processed the file (a change re-processes it)",
        nullable=False,
    ),
    Column("ingested_at", _TS, lambda d, run: run.ingested_at, "as in stories", nullable=False),
    Column("run_id", pa.string(), lambda d, run: run.run_id, "as in stories", nullable=False),
)


def schema_of(columns: tuple[Column, ...]) -> pa.Schema:
    return pa.schema([column.field for column in columns])


STORIES_SCHEMA = schema_of(STORY_COLUMNS)
DOCUMENTS_SCHEMA = schema_of(DOCUMENT_COLUMNS)


def story_row(document: Document, story: Story, run: Run) -> dict[str, Any]:
    return {column.name: column.value(document, story, run) for column in STORY_COLUMNS}


def document_row(document: Document, run: Run) -> dict[str, Any]:
    return {column.name: column.value(document, run) for column in DOCUMENT_COLUMNS}


def type_text(data_type: pa.DataType) -> str:
    """The type as the README writes it: `list<string>`, `timestamp[us, UTC]`, `float64`, ..."""
    if pa.types.is_timestamp(data_type):
        return f"timestamp[{data_type.unit}, {data_type.tz}]"
    if pa.types.is_list(data_type):
        return f"list<{type_text(data_type.value_type)}>"
    if pa.types.is_struct(data_type):
        return "struct<" + ", ".join(f"{field.name}: {type_text(field.type)}" for field in data_type) + ">"
    if data_type == pa.float64():
        return "float64"
    return str(data_type)


_BARE_PIPE = re.compile(r"(?<!\\)\|")  # a `|` in a cell must be written `\|`


def _cell(text: str) -> str:
    return " " + _BARE_PIPE.sub(r"\\|", text) + " |" if text else " |"


def markdown_table(columns: tuple[Column, ...]) -> str:
    """The README's column table (column | type | meaning), one line per column, without a final newline."""
    lines = ["| column | type | meaning |", "|---|---|---|"]
    for column in columns:
        type_cell = type_text(column.type) + (", null" if column.nullable else "")
        lines.append("|" + "".join(_cell(text) for text in (column.name, type_cell, column.meaning)))
    return "\n".join(lines)
