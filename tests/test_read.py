from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newsprep.tasks.read import decode_bytes, discover_files, normalise_text, read_document


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_discovery_is_recursive_sorted_and_skips_hidden_and_other_extensions(tmp_path: Path) -> None:
    for name in ["b.txt", "a", "sub/c.TXT", "sub/deeper/d.txt", ".hidden.txt", ".git/e.txt", "f.html", "g.json"]:
        _write(tmp_path / name, b"text")
    found = [p.relative_to(tmp_path).as_posix() for p in discover_files(tmp_path)]
    assert found == ["a", "b.txt", "sub/c.TXT", "sub/deeper/d.txt"]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Grüße aus Köln – “quoted”".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "Grüße aus Köln".encode(), "utf-8"),
        (codecs.BOM_UTF16_LE + "Grüße aus Köln".encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + "Grüße aus Köln".encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_decoding_by_bom_and_utf8(data: bytes, encoding: str) -> None:
    text, found = decode_bytes(data)
    assert found == encoding
    assert text.startswith("Grüße aus Köln")


def test_windows_1252_is_recognised() -> None:
    sentence = (
        "Der Bürgermeister sagte am Donnerstag, dass die Straßen für den Verkehr gesperrt würden. "
        "Die Anwohner äußerten sich „sehr überrascht“ über die Entscheidung – und über die Kosten von 5 €. "
    ) * 5
    text, encoding = decode_bytes(sentence.encode("cp1252"))
    assert text == sentence
    assert encoding.replace("_", "").lower() in {"cp1252", "windows1252"}


def test_binary_bytes_are_refused() -> None:
    with pytest.raises(ValueError, match="not text"):
        decode_bytes(bytes(range(256)) * 40)


def test_normalisation_keeps_line_numbers_and_joiners() -> None:
    raw = "\n\r\nA\u00a0B\u200bC\r\nCafe\u0301\u00ad\nنمی\u200cخواهم   \n\n"
    text = normalise_text(raw)
    assert text.split("\n") == ["", "", "A BC", "Café", "نمی\u200cخواهم"]


def test_bidi_controls_go_and_right_to_left_text_stays_as_written() -> None:
    # An Urdu title wrapped in an embedding (U+202B ... U+202C), an isolated English word (U+2068 ... U+2069) and a
    # right-to-left mark: the letters stay in their order, the controls go.
    raw = "\u202bسینیٹ نے \u2068IMF\u2069 کا بجٹ منظور کر لیا\u202c\u200f\nरिपोर्ट\u200e: राहुल"
    assert normalise_text(raw).split("\n") == ["سینیٹ نے IMF کا بجٹ منظور کر لیا", "रिपोर्ट: राहुल"]


def test_nukta_letters_keep_the_pages_spelling() -> None:
    # NFC would split the precomposed Bengali য় (U+09DF) and Devanagari ज़ (U+095B) into letter + nukta, which
    # Python's \w then splits apart; the decomposed Latin é is still composed.
    raw = "বাংলাদেশের নিয়ম \u09df\nरा\u095bी \u091c\u093c\nCafe\u0301"
    assert normalise_text(raw).split("\n") == ["বাংলাদেশের নিয়ম \u09df", "रा\u095bी \u091c\u093c", "Café"]


def test_read_document_records_every_fate(tmp_path: Path) -> None:
    ok = _write(tmp_path / "ok.txt", b"Hello\r\nworld")
    empty = _write(tmp_path / "empty.txt", b"")
    blank = _write(tmp_path / "blank.txt", b" \n \n")
    binary = _write(tmp_path / "binary", bytes(range(256)) * 40)
    big = _write(tmp_path / "big.txt", b"x" * 2048)

    document = read_document(ok, tmp_path)
    assert (document.status, document.encoding, document.raw_text) == ("ok", "utf-8", "Hello\nworld")
    assert document.size_bytes == 12 and len(document.sha256) == 64 and document.modified_at is not None

    assert read_document(empty, tmp_path).status == "empty"
    assert read_document(blank, tmp_path).status == "empty"
    rejected = read_document(binary, tmp_path)
    assert rejected.status == "rejected" and "not text" in rejected.error and rejected.raw_text is None
    too_big = read_document(big, tmp_path, max_bytes=1024)
    assert too_big.status == "rejected" and "too large" in too_big.error
    assert too_big.sha256 == "" and too_big.size_bytes == 2048  # not read past the limit, so not hashed


def test_document_ids_are_stable_and_distinct_per_path(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.txt", b"same bytes")
    b = _write(tmp_path / "b.txt", b"same bytes")
    first, again, other = read_document(a, tmp_path), read_document(a, tmp_path), read_document(b, tmp_path)
    assert first.document_id == again.document_id
    assert first.sha256 == other.sha256 and first.document_id != other.document_id


def test_a_file_longer_than_its_size_says_is_read_whole_up_to_the_limit() -> None:
    # A file is read for the size stat gives and one byte more: a file written to since (here a /proc file,
    # whose size stat gives as 0) is read on, up to the limit, and refused past it.
    proc = Path("/proc/self/status")
    if not proc.is_file() or proc.stat().st_size != 0:
        pytest.skip("needs Linux's /proc")
    document = read_document(proc, proc.parent)
    assert document.ok and "Name:" in document.raw_text
    assert document.size_bytes > 100
    small = read_document(proc, proc.parent, max_bytes=10)
    assert small.status == "rejected" and "too large" in small.error
