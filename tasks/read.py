"""Stage 1: find the input files and turn their bytes into normalised text.

Every file found becomes a Document, whatever its fate: unreadable, empty, binary or oversized files get a
status and a reason instead of an exception, so a run never loses track of an input.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import ftfy
from charset_normalizer import from_bytes

from .models import EMPTY, ERROR, REJECTED, Document
from .text.stopwords import every_stopword

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
# Any character of the four classes above: most pages hold none, and one search is cheaper than four passes.
_NORMALISED_AWAY = re.compile("|".join(rx.pattern for rx in (_SPACE_LIKE, _INVISIBLE, _BIDI_CONTROLS, _CONTROL)))


@dataclass
class Discovery:
    """What a walk of the input folder found: the entries to account for as documents (regular files, and the
    symbolic links and special files among the names newsprep reads, each then `rejected` with its reason), and
    the entries it could not look into (relative path -> why): unreadable folders, links to folders."""

    paths: list[Path] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)


def discover(input_dir: Path) -> Discovery:
    """Every `.txt` file and file without an extension below `input_dir`, hidden files and folders skipped, sorted
    by source path. Links are listed, never followed (reading decides what becomes of them)."""
    input_dir = Path(input_dir)
    found = Discovery()

    def unreadable(error: OSError) -> None:
        where = Path(error.filename or input_dir)
        found.skipped[source_names(where, input_dir)[0] or "."] = f"cannot list folder: {error.strerror or error}"

    for folder, subfolders, names in os.walk(input_dir, onerror=unreadable, followlinks=False):
        base = Path(folder)
        for name in list(subfolders):
            if name.startswith("."):
                subfolders.remove(name)
            elif (base / name).is_symlink():  # os.walk lists links to folders among the folders, and skips them
                found.skipped[source_names(base / name, input_dir)[0]] = "symbolic link to a folder: not followed"
        for name in names:
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in ("", ".txt"):
                found.paths.append(base / name)
    found.paths.sort(key=lambda path: source_names(path, input_dir)[0])
    return found


def discover_files(input_dir: Path) -> list[Path]:
    """The files of `discover(input_dir)`."""
    return discover(input_dir).paths


def source_names(path: Path, input_dir: Path) -> tuple[str, bytes | None]:
    """A file's path relative to the input folder, `/`-separated, as text a person and every Parquet reader can
    read (bytes that are not UTF-8, as old archives' names are, written `\\xe9`), and its exact bytes when that
    text is not exactly them (else None)."""
    exact = os.fsencode(Path(path).relative_to(input_dir).as_posix())
    readable = exact.decode("utf-8", "backslashreplace")
    return readable, (None if readable.encode("utf-8") == exact else exact)


_UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff]|{_BIDI_CONTROLS.pattern}")


def printable(text: str) -> str:
    """`text` safe to print on a terminal or in a log: control characters (an ESC starting a terminal command, a
    newline forging a log line) and bidirectional controls (which reorder what follows) written as escapes, and a
    byte of a file name that is not UTF-8 (which Python keeps as a lone surrogate) as `\\xe9`."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    char = match.group()
    if 0xDC80 <= ord(char) <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape", errors="backslashreplace").decode("ascii")


def document_id_for(source_path: str | bytes, sha256: str) -> str:
    """Stable while the file keeps its path and bytes; two copies of one file stay two documents. A name that is
    not UTF-8 counts by its exact bytes."""
    name = source_path if isinstance(source_path, bytes) else source_path.encode("utf-8")
    return hashlib.sha256(name + b"\0" + sha256.encode()).hexdigest()[:24]


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode raw bytes; returns the text and how it was decoded (the `encoding` column, repairs noted).

    A byte-order mark decides outright. Bytes that are UTF-8, or almost (a stray byte, a page pasted together
    from UTF-8 and Windows-1252 parts), are read as UTF-8, the stray bytes as Windows-1252. Bytes of a single-byte
    code page are read with the one that makes them one language's text (see _single_byte: Latin-1 French is not
    Baltic "grčve"). Text encoded twice
    ("Ã©" for "é") is repaired with ftfy's encoding fixer alone (its other fixes, such as straightening quotes,
    would change the page). Raises ValueError when the bytes are not text: a binary format, or no code page fits.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            raise ValueError(f"not text: {kind}")
    if b"\x00" in data:  # UTF-16 or UTF-32 without a mark, or a binary: charset-normalizer tells
        best = from_bytes(data).best()
        if best is None:
            raise ValueError("not text: no character encoding fits the bytes (binary file?)")
        text, encoding = str(best), best.encoding
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            high = len(data) - len(data.translate(None, _HIGH_BYTES))
            stray = high - sum(map(len, _UTF8_SEQUENCE.findall(data)))  # high bytes outside valid sequences
            if high - stray >= stray:
                text = data.decode("utf-8", errors=_STRAY_BYTES_AS_CP1252)
                encoding = f"utf-8 ({stray} stray bytes read as cp1252)"
            else:
                text, encoding = _single_byte(data)
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise ValueError("not text: control characters in the content (binary file?)")
    if not text.isascii() and _MOJIBAKE_HINT.search(text):
        repaired = ftfy.fix_encoding(text)
        if repaired != text:
            text, encoding = repaired, f"{encoding}; mojibake repaired (ftfy)"
    return text, encoding


# UTF-8 read as Latin-1 or Windows-1252 shows as a lead byte's letter (Â Ã ... ô) followed by a continuation
# byte's character (U+0080-U+00BF, or the Windows-1252 punctuation in 0x80-0x9F): "Ã©", "â€™". Only text with such a
# pair goes to ftfy, whose own test costs more than a millisecond a page.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
# A well-formed UTF-8 sequence of two to four bytes.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH_BYTES = bytes(range(0x80, 0x100))
_STRAY_BYTES_AS_CP1252 = "newsprep-stray-bytes-as-cp1252"


def _stray_bytes_as_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    stray = error.object[error.start : error.end]
    return "".join(bytes((byte,)).decode("cp1252", errors="replace") for byte in stray), error.end


codecs.register_error(_STRAY_BYTES_AS_CP1252, _stray_bytes_as_cp1252)

# Single-byte code pages in the order that wins a tie: the web's de-facto default first.
_CODE_PAGES = ("cp1252", "cp1250", "iso8859_2", "cp1257", "cp1254", "cp1251", "koi8_r", "cp1253", "cp1256", "cp1255")
_WORD_RE = re.compile(r"[^\W\d_]+")
_LATIN_WORD = re.compile(r"[a-z\u00c0-\u024f\u1e00-\u1eff]+", re.IGNORECASE)  # Latin letters only
_ASCII_LETTER = re.compile(r"[a-z]", re.IGNORECASE)
_EXPECTED_SYMBOLS = frozenset("“”‘’„‚–—…€«»°§©®£¥·•×÷±¿¡ ")


def _single_byte(data: bytes) -> tuple[str, str]:
    """The single-byte code page whose reading of `data` reads as one language: the largest share of its letters
    outside ASCII that one language's alphabet holds (Czech in Windows-1252 mixes French è, Danish ø and Czech š),
    then the most accented words that are stopwords, then the fewest stray symbols (see decode_bytes)."""
    function_words = every_stopword()
    best: tuple[tuple, str, str] | None = None
    for order, code_page in enumerate(_CODE_PAGES):
        try:
            text = data.decode(code_page)
        except UnicodeDecodeError:
            continue
        lowered = text.lower()
        letters = Counter(char for char in lowered if not char.isascii() and char.isalpha())
        total = sum(letters.values()) or 1
        coverage = max(sum(n for char, n in letters.items() if char in alphabet) for alphabet in _alphabets()) / total
        accented = [word for word in _WORD_RE.findall(lowered) if not word.isascii()]
        # Words of ASCII letters and letters of another script ("VlАda"): a Latin page read as Cyrillic.
        mixed = sum(1 for word in accented if not _LATIN_WORD.fullmatch(word) and _ASCII_LETTER.search(word))
        known = sum(word in function_words for word in accented)
        symbols = sum(1 for char in text if ord(char) >= 0x80 and not char.isalpha() and char not in _EXPECTED_SYMBOLS)
        score = (round(coverage * (1 - mixed / max(len(accented), 1)), 2), known - symbols, -order)
        if best is None or score > best[0]:
            best = (score, text, code_page)
    if best is None:
        raise ValueError("not text: no character encoding fits the bytes (binary file?)")
    return best[1], best[2]


@cache
def _alphabets() -> list[frozenset[str]]:
    """Each language's letters beyond ASCII (Czech č ď ě ň ř ť ů, Turkish ç ğ ı ö ş ü), from Unicode CLDR: see
    scripts/build_alphabets.py, which wrote alphabets.json."""
    table = json.loads((Path(__file__).parent / "text" / "alphabets.json").read_text(encoding="utf-8"))
    return [frozenset(letters) for letters in table.values()]


# Formats that are not text whatever their bytes look like: their magic numbers.
_BINARY_MAGIC = (
    (b"%PDF-", "a PDF document (save the page's text instead)"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
)
# Markup: a page saved as its source rather than as the text a browser shows.
_MARKUP_START = re.compile(r"\s*<(?:!doctype\s+html|html[\s>]|\?xml|rss[\s>]|feed[\s>]|svg[\s>])", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?>")


def markup_kind(text: str) -> str | None:
    """ "HTML source" (or XML, ...) when `text` is markup rather than page text: it opens like a markup document,
    or most of its lines are tags. A page quoting a tag, or showing a form's source among its text, is text."""
    head = _MARKUP_START.match(text[:1000])
    if head:
        opening = head.group().strip().lower()
        return "XML source" if opening.startswith(("<?xml", "<rss", "<feed")) else "HTML source"
    if len(_TAG.findall(text)) < 20:  # most pages: their lines need no look
        return None
    lines = [line for line in text.split("\n") if line.strip()]
    if sum(line.lstrip().startswith("<") for line in lines) * 2 >= len(lines):
        return "HTML source"
    return None


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
    if _NORMALISED_AWAY.search(text) is not None:
        text = _INVISIBLE.sub("", text)
        text = _BIDI_CONTROLS.sub("", text)
        text = _SPACE_LIKE.sub(" ", text)
        text = _CONTROL.sub("", text)
    # Leading blank lines stay: removed_lines reports line numbers of the file as a person opens it.
    return "\n".join([line.rstrip() for line in text.split("\n")]).rstrip("\n")


# Open without following a link or blocking on a pipe (POSIX); Windows has neither flag (there the lstat above and
# the fstat below still refuse what is not a regular file).
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_document(path: Path, input_dir: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Document:
    """Read one file into a Document; failures become a status and a reason, never an exception.

    Only a regular file is read, opened without following a link and without blocking on a pipe, and checked
    again on the open descriptor (a file swapped for a link in the meantime is not followed either). Nothing past
    `max_bytes` is read or hashed."""
    source_path, exact_name = source_names(path, input_dir)

    def refused(status: str, reason: str, info: os.stat_result | None = None) -> Document:
        return Document(
            document_id=document_id_for(exact_name or source_path, ""),
            source_path=source_path,
            source_path_bytes=exact_name,
            size_bytes=info.st_size if info is not None else 0,
            sha256="",
            status=status,
            error=reason,
            modified_at=datetime.fromtimestamp(info.st_mtime, tz=UTC) if info is not None else None,
        )

    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            return refused(REJECTED, _not_regular(Path(path), info, Path(input_dir)))
        if info.st_size > max_bytes:  # not read, not hashed (a sparse file of 20 GB costs nothing)
            return refused(REJECTED, _too_large(info.st_size, max_bytes), info)
        descriptor = os.open(path, _OPEN_FLAGS)
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode):
                return refused(REJECTED, _not_regular(Path(path), info, Path(input_dir)))
            # As many bytes as the file has, and one more to see it grew: a read of `max_bytes` would allocate
            # that much for every file.
            data = handle.read(min(info.st_size, max_bytes) + 1)
            if len(data) > info.st_size:  # written to since: read on up to the limit
                data += handle.read(max_bytes + 1 - len(data))
    except OSError as exc:
        return refused(ERROR, f"cannot read file: {exc.strerror or exc}")
    if len(data) > max_bytes:  # grew since it was looked at
        return refused(REJECTED, _too_large(len(data), max_bytes), info)
    return document_from_bytes(data, source_path, exact_name, datetime.fromtimestamp(info.st_mtime, tz=UTC))


def document_from_bytes(
    data: bytes, source_path: str, exact_name: bytes | None = None, modified_at: datetime | None = None
) -> Document:
    """A Document of bytes already read (a file's, or standard input's for `newsprep explain -`): decoded, or
    with the status and reason that say why not."""
    sha256 = hashlib.sha256(data).hexdigest()
    document = Document(
        document_id=document_id_for(exact_name or source_path, sha256),
        source_path=source_path,
        source_path_bytes=exact_name,
        size_bytes=len(data),
        sha256=sha256,
        modified_at=modified_at,
    )
    if not data:
        document.status, document.error = EMPTY, "file is empty (0 bytes)"
        return document
    try:
        text, encoding = decode_bytes(data)
    except ValueError as exc:
        document.status, document.error = REJECTED, str(exc)
        return document
    document.encoding = encoding
    markup = markup_kind(text)
    if markup is not None:
        document.status = REJECTED
        document.error = f"not text: {markup} (newsprep reads pages as a browser shows them: save the page as text)"
        return document
    document.raw_text = normalise_text(text)
    if not document.raw_text.strip():
        document.status, document.error = EMPTY, "no text: the file holds only whitespace"
    return document


TOO_LARGE = "too large"  # how a file refused for its size is noted: a higher limit reads it again


def _too_large(size: int, limit: int) -> str:
    return f"{TOO_LARGE}: {size:,} bytes, limit {limit:,} (see --max-file-bytes)"


_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
}


def _not_regular(path: Path, info: os.stat_result, input_dir: Path) -> str:
    """Why an entry that is not a regular file is not read."""
    if not stat.S_ISLNK(info.st_mode):
        return f"not a regular file: {_KINDS.get(stat.S_IFMT(info.st_mode), 'a special file')}"
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a loop, on Pythons before 3.13
        return "symbolic link that leads nowhere (broken, or a loop): not followed"
    if not target.is_relative_to(input_dir.resolve()):
        return "symbolic link to a file outside the input folder: not read"
    inside = source_names(target, input_dir.resolve())[0]
    return f"symbolic link to {inside} in the input folder: not followed (the file is read under its own name)"


def read_documents(paths: list[Path], input_dir: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> list[Document]:
    """Read every file of a batch (see read_document)."""
    return [read_document(path, input_dir, max_bytes) for path in paths]
