"""Stage 1: find the input files and turn their bytes into normalised text.

Every file found becomes a Document, whatever its fate: unreadable, empty, binary or oversized files get a
status and a reason instead of an exception, so a run never loses track of an input.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from charset_normalizer import from_bytes

from tasks.models import EMPTY, ERROR, REJECTED, Document

DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024

# Byte-order marks decide the encoding outright; longest first (UTF-32-LE starts like UTF-16-LE).
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

# Spaces that render as a plain space. Zero-width joiners (U+200C/U+200D) are NOT removed: Persian, Urdu
# and Indic scripts need them to spell words correctly.
_SPACE_LIKE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
# Bidirectional formatting characters (Unicode's Bidi_Control: the embeddings, overrides and isolates U+202A-U+202E
# and U+2066-U+2069, and the marks U+200E, U+200F, U+061C). Right-to-left text needs none of them to read right:
# its letters carry their direction. They only steer the display of mixed text, their pairs come apart once a page
# is cut into lines and stories, and inside a title or a name they stop it matching.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Letters Unicode excludes from composition (the Indic nukta letters: Devanagari क़, Bengali য়, Gurmukhi ਜ਼, Oriya
# ଡ଼): NFC would rewrite the page's single letter as two code points, which Python's `\w` splits apart. They stay
# as the page wrote them; everything around them is NFC.
_COMPOSITION_EXCLUDED = re.compile("([\u0958-\u095f\u09dc\u09dd\u09df\u0a33\u0a36\u0a59-\u0a5b\u0a5e\u0b5c\u0b5d])")
# C0/C1 control characters other than newline; in decoded "text" they betray binary content.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def discover_files(input_dir: Path) -> list[Path]:
    """Text files below input_dir: `.txt` or no extension, hidden files and folders skipped, sorted."""
    input_dir = Path(input_dir)
    found = []
    for path in input_dir.rglob("*"):
        relative = path.relative_to(input_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in ("", ".txt"):
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(input_dir).as_posix())


def document_id_for(source_path: str, sha256: str) -> str:
    """Stable while the file keeps its path and bytes; two copies of one file stay two documents."""
    return hashlib.sha256(f"{source_path}\0{sha256}".encode()).hexdigest()[:24]


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode raw bytes: BOM first, then strict UTF-8, then charset-normalizer's best guess.

    Raises ValueError when the bytes are not text in any encoding we can tell.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    best = from_bytes(data).best()
    if best is None:
        raise ValueError("not text: no character encoding fits the bytes (binary file?)")
    text, encoding = str(best), best.encoding
    # Several code pages often fit Western text equally well; the web's de-facto default wins the tie.
    if encoding != "cp1252" and "cp1252" in best.could_be_from_charset:
        text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
    # charset-normalizer will happily "decode" binaries as some exotic code page; control characters
    # give them away.
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise ValueError("not text: control characters in the content (binary file?)")
    return text, encoding


def _nfc(text: str) -> str:
    """NFC, but for the letters excluded from composition, which keep the page's spelling."""
    if unicodedata.is_normalized("NFC", text):
        return text
    parts = _COMPOSITION_EXCLUDED.split(text)  # odd indexes: the excluded letters themselves
    return "".join(part if k % 2 else unicodedata.normalize("NFC", part) for k, part in enumerate(parts))


def normalise_text(text: str) -> str:
    """One line-ending convention, NFC (the Indic nukta letters as written), plain spaces, no invisible or bidi
    formatting characters, no trailing blanks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _nfc(text)
    text = _INVISIBLE.sub("", text)
    text = _BIDI_CONTROLS.sub("", text)
    text = _SPACE_LIKE.sub(" ", text)
    text = _CONTROL.sub("", text)
    # Leading blank lines stay: removed_lines reports line numbers of the file as a person opens it.
    return "\n".join(line.rstrip() for line in text.split("\n")).rstrip("\n")


def read_document(path: Path, input_dir: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Document:
    """Read one file into a Document; failures become a status and a reason, never an exception."""
    source_path = Path(path).relative_to(input_dir).as_posix()
    try:
        stat = path.stat()
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            head = handle.read(max_bytes + 1)
            digest.update(head)
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        return Document(
            document_id=document_id_for(source_path, ""),
            source_path=source_path,
            size_bytes=0,
            sha256="",
            status=ERROR,
            error=f"cannot read file: {exc.strerror or exc}",
        )
    sha256 = digest.hexdigest()
    document = Document(
        document_id=document_id_for(source_path, sha256),
        source_path=source_path,
        size_bytes=stat.st_size,
        sha256=sha256,
        modified_at=datetime.fromtimestamp(stat.st_mtime, tz=UTC),
    )
    if stat.st_size == 0:
        document.status, document.error = EMPTY, "file is empty (0 bytes)"
        return document
    if stat.st_size > max_bytes:
        document.status = REJECTED
        document.error = f"too large: {stat.st_size:,} bytes, limit {max_bytes:,} (see --max-file-bytes)"
        return document
    try:
        text, encoding = decode_bytes(head)
    except ValueError as exc:
        document.status, document.error = REJECTED, str(exc)
        return document
    document.encoding = encoding
    document.raw_text = normalise_text(text)
    if not document.raw_text.strip():
        document.status, document.error = EMPTY, "no text: the file holds only whitespace"
    return document


def read_documents(paths: list[Path], input_dir: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> list[Document]:
    """Read every file of a batch (see read_document)."""
    return [read_document(path, input_dir, max_bytes) for path in paths]
