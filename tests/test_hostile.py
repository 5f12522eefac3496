"""Hostile input: odd names, links, special files, broken encodings, markup; nothing crashes, nothing outside the
input folder is read, every entry is accounted for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from newsprep.flows.ingest import SERVED_FOLDERS_ENV, ingest
from newsprep.tasks.read import decode_bytes, discover, printable, read_document

FRENCH = (
    "La grève des cheminots a paralysé le réseau ferré dans toute la région. Les usagers étaient très mécontents, "
    "et les syndicats ont annoncé qu'ils poursuivraient le mouvement jusqu'à la fin de la semaine."
)
CZECH = (
    "Vláda v úterý schválila návrh zákona, který má zlepšit situaci nájemníků. Ministr řekl, že změny začnou "
    "platit až od příštího roku, ale že je to krok správným směrem."
)
TURKISH = (
    "Hükümet salı günü kiracıların durumunu iyileştirmesi beklenen yasa tasarısını onayladı. Bakan değişikliklerin "
    "ancak gelecek yıldan itibaren yürürlüğe gireceğini söyledi."
)
SECRET = "TOP-SECRET-LINE-OUTSIDE-THE-INPUT"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (FRENCH.encode("latin-1"), FRENCH, "cp1252"),  # Latin-1 without C1 bytes reads the same as cp1252
        (CZECH.encode("cp1250"), CZECH, "cp1250"),  # not "nájemníkù", "øekl" (Windows-1252)
        (CZECH.encode("iso8859_2"), CZECH, "iso8859_2"),
        (TURKISH.encode("cp1254"), TURKISH, "cp1254"),  # not "salý", "iyileþtirmesi"
    ],
)
def test_a_single_byte_page_is_read_in_the_code_page_of_its_language(data: bytes, text: str, encoding: str) -> None:
    assert decode_bytes(data) == (text, encoding)


def test_a_utf8_page_with_a_stray_byte_or_two_stays_utf8() -> None:
    page = FRENCH.replace("'", "’")
    one_stray = page.encode().replace("’".encode(), b"\x92", 1)  # one Windows-1252 apostrophe among UTF-8 ones
    assert decode_bytes(one_stray) == (page, "utf-8 (1 stray bytes read as cp1252)")
    mixed = FRENCH.encode() + b"\n" + FRENCH.encode("latin-1")  # a page pasted together from two sources
    assert decode_bytes(mixed)[0] == FRENCH + "\n" + FRENCH


def test_text_encoded_twice_is_repaired_and_the_repair_noted() -> None:
    twice = FRENCH.encode().decode("latin-1").encode()  # "grÃ¨ve"
    assert decode_bytes(twice) == (FRENCH, "utf-8; mojibake repaired (ftfy)")
    curly = "“Quoted” and ‘quoted’ stay curly."
    assert decode_bytes(curly.encode()) == (curly, "utf-8")  # ftfy's quote straightening is not used


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n(Some text) Tj\n%%EOF\n", "not text: a PDF document"),
        (b"<!DOCTYPE html>\n<html><head><title>News</title></head><body><p>Text</p></body></html>\n", "HTML source"),
        (b'<?xml version="1.0"?>\n<rss><channel><title>Feed</title></channel></rss>\n', "XML source"),
        (b"<div class='a'><span>x</span></div>\n" * 30, "HTML source"),  # a fragment: tags are most of it
    ],
)
def test_documents_that_are_not_page_text_are_rejected_with_their_kind(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    (tmp_path / "page.txt").write_bytes(data)
    document = read_document(tmp_path / "page.txt", tmp_path)
    assert document.status == "rejected" and reason in document.error


def test_a_news_page_quoting_a_tag_is_text(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(f"Use the <b> tag for bold, the editors said.\n{FRENCH}\n")
    assert read_document(tmp_path / "page.txt", tmp_path).ok


def test_a_name_that_is_not_utf8_is_read_and_kept_losslessly(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"  # Latin-1 bytes, as on old archives
    with open(name, "wb") as handle:
        handle.write(FRENCH.encode())
    [path] = discover(tmp_path).paths
    document = read_document(path, tmp_path)
    assert document.ok and document.source_path == "caf\\xe9.txt" and document.source_path_bytes == b"caf\xe9.txt"
    assert printable("caf\udce9") == "caf\\xe9"


def test_links_and_special_files_are_rejected_and_nothing_outside_is_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(SECRET)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "real.txt").write_text(FRENCH)
    (folder / "passwd.txt").symlink_to(outside)
    (folder / "alias.txt").symlink_to(folder / "real.txt")
    (folder / "broken.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(folder / "pipe.txt")
    found = discover(folder)
    assert found.skipped == {"elsewhere": "symbolic link to a folder: not followed"}
    documents = {d.source_path: d for d in (read_document(path, folder) for path in found.paths)}
    assert documents["real.txt"].ok
    assert documents["passwd.txt"].error == "symbolic link to a file outside the input folder: not read"
    assert "not followed (the file is read under its own name)" in documents["alias.txt"].error
    assert "leads nowhere" in documents["broken.txt"].error and "leads nowhere" in documents["loop.txt"].error
    assert documents["pipe.txt"].error == "not a regular file: a named pipe (FIFO)"  # and it did not block
    assert all(document.status == "rejected" for name, document in documents.items() if name != "real.txt")
    assert all(SECRET not in (document.raw_text or "") for document in documents.values())


def test_a_huge_sparse_file_is_rejected_without_being_read(tmp_path: Path) -> None:
    with open(tmp_path / "huge.txt", "wb") as handle:
        handle.truncate(20 * 1024**3)  # 20 GB of nothing: hashing it would take a minute
    document = read_document(tmp_path / "huge.txt", tmp_path, max_bytes=1024)
    assert document.status == "rejected" and document.error.startswith("too large: 21,474,836,480 bytes")
    assert document.sha256 == ""  # not hashed


def test_an_unreadable_folder_is_listed_as_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "page.txt").write_text(FRENCH)
    (tmp_path / "page.txt").write_text(FRENCH)
    scandir = os.scandir

    def refusing(path=".", *args, **kwargs):  # root reads any folder: the error is injected
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", refusing)
    found = discover(tmp_path)
    assert [p.name for p in found.paths] == ["page.txt"]
    assert found.skipped == {"locked": "cannot list folder: Permission denied"}


def test_names_that_would_drive_the_terminal_are_printed_escaped(tmp_path: Path, prefect_env: dict) -> None:
    hostile = tmp_path / "\x1b]0;owned\x07\x1b[2J.txt"
    hostile.write_bytes(b"")  # empty: explain reports it by name
    result = subprocess.run(
        [sys.executable, "-m", "newsprep.flows.cli", "explain", str(hostile)],
        capture_output=True,
        env=prefect_env,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert b"\x1b" not in result.stdout + result.stderr
    assert b"\\x1b]0;owned\\x07\\x1b[2J.txt" in result.stdout


def test_a_served_deployment_refuses_folders_it_was_not_served_with(
    prefect_server, seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served_input, served_output = tmp_path / "in", tmp_path / "out"
    served_input.mkdir()
    monkeypatch.setenv(SERVED_FOLDERS_ENV, f"{served_input}{os.pathsep}{served_output}")
    with pytest.raises(PermissionError, match="outside .* the folder this deployment was served with"):
        ingest(input_dir=seeds_dir, output_dir=served_output)
    with pytest.raises(PermissionError, match="output_dir"):
        ingest(input_dir=served_input, output_dir=tmp_path / "elsewhere")


def test_a_hostile_folder_is_ingested_in_one_run_every_entry_accounted_for(
    prefect_server, tmp_path: Path, seeds_dir: Path
) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text(SECRET)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(next(iter(sorted(seeds_dir.iterdir()))).read_bytes())
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as handle:
        handle.write(FRENCH.encode("latin-1"))
    (folder / "twice.txt").write_bytes(FRENCH.encode().decode("latin-1").encode())
    (folder / "czech.txt").write_bytes(CZECH.encode("cp1250"))
    (folder / "page.pdf.txt").write_bytes(b"%PDF-1.4\n(text) Tj\n")
    (folder / "source.txt").write_text("<!DOCTYPE html><html><body><p>x</p></body></html>")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary").write_bytes(bytes(range(256)) * 8)
    (folder / "passwd.txt").symlink_to(outside)
    (folder / "broken.txt").symlink_to(folder / "missing.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "\x1b[2Jname.txt").write_text(FRENCH)
    (folder / "sub").mkdir()
    (folder / "sub" / "link-up").symlink_to(folder, target_is_directory=True)
    output = tmp_path / "out"
    summary = ingest(input_dir=folder, output_dir=output)
    documents = ds.dataset(output / "documents", format="parquet").to_table().to_pylist()
    assert len(documents) == summary["files"] == 12
    assert summary["skipped"] == {"sub/link-up": "symbolic link to a folder: not followed"}
    by_name = {row["source_path"]: row for row in documents}
    assert by_name["caf\\xe9.txt"]["source_path_bytes"] == b"caf\xe9.txt" and by_name["caf\\xe9.txt"]["status"] == "ok"
    assert "mojibake repaired" in by_name["twice.txt"]["encoding"]
    assert by_name["czech.txt"]["encoding"] == "cp1250"
    for name in ("page.pdf.txt", "source.txt", "binary", "passwd.txt", "broken.txt", "pipe.txt"):
        assert by_name[name]["status"] == "rejected", name
    stories = ds.dataset(output / "stories", format="parquet").to_table().to_pylist()
    assert all(SECRET not in (row["raw_text"] or "") for row in documents)
    assert all(SECRET not in row["text"] for row in stories)
