"""Importers: each format's quirks on small excerpts written here in the same shapes, then the
real files of ../shared/corpus read in place."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import SHARED
from tests.helpers import run
from vae_quiz.decks.loader import load_deck
from vae_quiz.interop import anki_csv, hascard, opentriviaqa
from vae_quiz.interop.base import ImportFailed, decode
from vae_quiz.interop.run import ImportOptions, run_import

CORPUS = SHARED / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside")

TRIVIA = (
    "#Q Which planet is\r\nknown as the red planet?\r\n^ Mars \r\nA Venus\r\nB Mars\r\n\r\n"
    "#Q Pick one\n^ Yes\nA Yes\nB Yes\n\n"
    "#Q No key here\nA One\nB Two\n\n"
    "#Q Largest ocean?\n^ Pacific\nA Atlantic\nB Pacific\nC Indian\nD Arctic\n"
)


def test_opentriviaqa_multiline_crlf_trimmed_answers_and_reported_skips() -> None:
    result = opentriviaqa.parse(TRIVIA, "t")
    assert [q["question"] for q in result.questions] == [
        "Which planet is known as the red planet?", "Largest ocean?"]  # fmt: skip
    assert result.questions[0]["answer"] == "Mars"
    assert result.skipped == [("t:7", "two choices have the same text"),
                              ("t:12", "no '^' answer line")]  # fmt: skip


def test_ids_come_from_content_so_reordering_the_source_keeps_them() -> None:
    first = {q["question"]: q["id"] for q in opentriviaqa.parse(TRIVIA, "t").questions}
    blocks = TRIVIA.replace("\r\n", "\n").split("\n\n")
    reordered = "\n\n".join(reversed([b for b in blocks if b.strip()])) + "\n"
    again = {q["question"]: q["id"] for q in opentriviaqa.parse(reordered, "t").questions}
    assert first == again


def test_a_byte_that_is_not_utf8_is_reported_with_line_and_offset() -> None:
    data = b"line one\nCaf" + b"\xe9 au lait\n"
    with pytest.raises(ImportFailed, match=r"src:2: byte 0xe9 at offset 12 is not UTF-8"):
        decode(data, "src", None)
    assert decode(data, "src", "cp1252").endswith("Café au lait\n")
    notes: list[tuple[str, str]] = []
    mixed = "é ok\n".encode() + b"\xe9\n"
    assert decode(mixed, "src", "utf-8+cp1252", notes) == "é ok\né\n"
    assert notes == [("src:2", "byte 0xe9 at offset 6 read as cp1252 'é'")]


def test_a_byte_the_named_encoding_cannot_read_is_reported_with_line_and_offset() -> None:
    data = "“quoted” line\n".encode() + b"caf\xe9\n"  # UTF-8 quotes, a cp1252 byte
    with pytest.raises(ImportFailed, match=r"^src:1: byte 0x9d at offset 11 cannot be read as "
                       r"cp1252 \(.*\); for a file that is UTF-8 with a few cp1252 bytes, use "
                       r"--encoding utf-8\+cp1252$"):  # fmt: skip
        decode(data, "src", "cp1252")
    with pytest.raises(ImportFailed, match=r"^src:3: byte 0xe9 at offset 21 cannot be read as "
                       r"ascii \(ordinal not in range\(128\)\)$"):  # fmt: skip
        decode(b"line one\nline two\n" + b"caf\xe9", "src", "ascii")
    with pytest.raises(ImportFailed, match=r"^src: cannot decode as nosuch: unknown encoding"):
        decode(b"x", "src", "nosuch")


def test_mixed_encoding_drops_a_bom_and_counts_offsets_from_the_file_start() -> None:
    notes: list[tuple[str, str]] = []
    assert decode(b"\xef\xbb\xbfab\xe9", "src", "utf-8+cp1252", notes) == "abé"
    assert notes == [("src:1", "byte 0xe9 at offset 5 read as cp1252 'é'")]


ANKI = (
    "#separator:tab\n#html:true\n#columns:Front\tBack\tTags\n#deck:Geo\n"
    "Capital of <b>France</b>?\tParis<br>(on the Seine) &amp; more\tgeo\n"
    'Flag of Japan\t<img src="jp.svg" /> [sound:jp.mp3]\tgeo\n'
    "Empty back\t\tgeo\n"
)


def test_anki_headers_html_entities_and_media() -> None:
    result = anki_csv.parse(ANKI, "a.txt")
    assert [(c["front"], c["back"]) for c in result.cards] == [
        ("Capital of France?", "Paris\n(on the Seine) & more"),
        ("Flag of Japan", "[image: jp.svg] [sound:jp.mp3]"),
    ]
    assert result.media == {"jp.svg": 1, "jp.mp3": 1}
    assert ("a.txt:4", "header '#deck' is not used") in result.skipped
    assert ("a.txt:7", "empty back (Back)") in result.skipped


def test_anki_csv_columns_by_name_and_guid_punctuation_is_not_html() -> None:
    text = 'word,reading,meaning,guid\r\n会う,あう,"to meet, to see",ku<B!k}<\r\n'
    result = anki_csv.parse(text, "n.csv", front="word", back="meaning")
    assert result.cards[0]["back"] == "to meet, to see"
    result = anki_csv.parse(text, "n.csv", front="1", back="guid")
    assert result.cards[0]["back"] == "ku<B!k}<"
    with pytest.raises(ImportFailed, match="no column 'nope'"):
        anki_csv.parse(text, "n.csv", back="nope")


def test_columns_left_out_are_noted_with_how_to_choose_them() -> None:
    text = "expression,reading,meaning\n会う,あう,to meet\n"
    result = anki_csv.parse(text, "n5.csv")
    assert result.cards[0]["front"] == "会う" and result.cards[0]["back"] == "あう"
    assert result.notes == [
        ("n5.csv", "column not imported: meaning (choose with --front COL --back COL)")
    ]
    assert result.skipped == []
    chosen = anki_csv.parse(text + "x,y,z\n", "n5.csv", front="expression", back="3")
    assert chosen.notes == [("n5.csv", "column not imported: reading")]
    unnamed = anki_csv.parse("a,b,c,d\n", "g.csv", generic=True)
    assert unnamed.notes == [
        ("g.csv", "columns not imported: 3, 4 (choose with --front COL --back COL)")
    ]
    assert anki_csv.parse("front,back\ndog,Hund\n", "g.csv", generic=True).notes == []
    assert anki_csv.parse("front,back\ndog,Hund\n", "g.csv").notes == []


def test_line_ends_inside_a_quoted_field_of_a_crlf_file_become_newlines() -> None:
    text = 'front,back\r\n"two\r\nlines",x\r\n"old\rmac","<b>a</b>\r\nb"\r\n'
    for generic in (False, True):
        result = anki_csv.parse(text, "t.csv", generic=generic)
        assert [(c["front"], c["back"]) for c in result.cards] == [
            ("two\nlines", "x"), ("old\nmac", "a\nb")]  # fmt: skip


def test_skipped_rows_are_named_by_their_own_line_after_a_field_spanning_lines() -> None:
    text = 'front,back\n"one\ntwo\nthree",x\nno back,\n"a\nb",y\n,no front\n'
    for generic in (False, True):
        result = anki_csv.parse(text, "t.csv", generic=generic)
        assert result.skipped == [("t.csv:5", "empty back (back)"),
                                  ("t.csv:8", "empty front (front)")]  # fmt: skip


def test_blank_lines_before_the_header_row_are_passed_over() -> None:
    result = anki_csv.parse("\n\r\nfront;back\nF;B\n;only back\n", "t.csv")
    assert [(c["front"], c["back"]) for c in result.cards] == [("F", "B")]
    assert result.skipped == [("t.csv:5", "empty front (front)")]


def test_generic_csv_with_and_without_a_header() -> None:
    assert len(anki_csv.parse("dog,Hund\ncat,Katze\n", "g.csv", generic=True).cards) == 2
    assert len(anki_csv.parse("front,back\ndog,Hund\n", "g.csv", generic=True).cards) == 1


HASCARD = """# Pick the right one
- wrong
* right
---
# Gaps
The _retina_ sits under the _choroid|CH_.
---
# Check all
[*] a
[ ] b
[*] c
---
# Order
2. second
1. first
---
# Header only
---
# Definition
Some text
over two lines
"""


def test_hascard_card_types_are_mapped_or_reported() -> None:
    result = hascard.parse(HASCARD, "h.txt")
    assert [q["answer"] for q in result.questions] == ["right", ["a", "c"]]
    fronts = {c["front"]: c["back"] for c in result.cards}
    assert fronts["Gaps\nThe ____ sits under the ____."] == "retina; choroid or CH"
    assert fronts["Order\n- second\n- first"] == "1. first\n2. second"
    assert fronts["Definition"] == "Some text\nover two lines"
    assert result.skipped == [("h.txt:17", "header only: no answer to recall")]


def test_an_import_without_output_lands_in_the_user_deck_folder(tmp_path: Path) -> None:
    source = tmp_path / "My Trivia.txt"
    source.write_text(TRIVIA)
    decks = tmp_path / "decks"
    env = {"VAE_QUIZ_DECKS": str(decks)}
    result = run("import", str(source), "--from", "opentriviaqa", env=env)
    assert result.returncode == 0, result.stderr
    assert (decks / "my-trivia.yaml").exists()
    assert "2 items skipped" in result.stdout
    listed = run("decks", env=env)
    assert any(line.startswith("my-trivia ") for line in listed.stdout.splitlines())


def test_the_cli_reports_a_bad_byte_and_exits_1(tmp_path: Path) -> None:
    source = tmp_path / "latin.txt"
    source.write_bytes(b"#Q Caf\xe9?\n^ Yes\nA Yes\nB No\n")
    result = run("import", str(source), "--from", "opentriviaqa", "-o", str(tmp_path / "o.yaml"))
    assert result.returncode == 1
    assert "latin.txt:1: byte 0xe9 at offset 6 is not UTF-8" in result.stderr
    ok = run("import", str(source), "--from", "opentriviaqa", "-o", str(tmp_path / "o.yaml"),
             "--encoding", "cp1252")  # fmt: skip
    assert ok.returncode == 0 and load_deck(tmp_path / "o.yaml").questions[0].question == "Café?"


def test_a_zip_archive_is_refused_as_one_not_as_a_wrong_encoding(tmp_path: Path) -> None:
    import zipfile

    package = tmp_path / "deck.apkg"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("collection.anki2", b"SQLite format 3\0" + bytes(range(256)))
    for fmt in ("opentriviaqa", "anki-csv", "csv", "hascard"):
        for extra in ([], ["--encoding", "latin-1"]):
            result = run("import", str(package), "--from", fmt, "-o", str(tmp_path / "o.yaml"),
                         *extra)  # fmt: skip
            assert result.returncode == 1
            assert result.stderr.count("\n") == 1, result.stderr
            assert "deck.apkg: is a zip archive (an Anki .apkg or .colpkg?)" in result.stderr
            assert "not UTF-8" not in result.stderr
    assert not (tmp_path / "o.yaml").exists()


def test_a_binary_or_utf16_file_is_named_as_such() -> None:
    with pytest.raises(ImportFailed, match=r"^src:2: a NUL byte at offset 4: this is a binary"):
        decode(b"a,b\n\0x,y\n", "src", None)
    utf16 = "front,back\nhé,w\n".encode("utf-16")
    with pytest.raises(ImportFailed, match=r"^src: starts with a UTF-16 byte order mark; say so "
                       r"with --encoding utf-16$"):  # fmt: skip
        decode(utf16, "src", None)
    assert decode(utf16, "src", "utf-16") == "front,back\nhé,w\n"


@needs_corpus
def test_the_real_anki_packages_are_refused_in_one_line(tmp_path: Path) -> None:
    packages = sorted((CORPUS / "anki-apkg").rglob("*.*pkg"))
    assert len(packages) == 10
    for package in packages:
        with pytest.raises(ImportFailed, match=r"is a zip archive \(an Anki"):
            run_import(ImportOptions(source=package, fmt="anki-csv",
                                     out=tmp_path / "o.yaml"), tmp_path)  # fmt: skip


# Counts from ../shared/corpus/README.md: every item is either imported or reported skipped.
REAL = [
    ("mcq/opentriviaqa/animals", "opentriviaqa", None, 1366),
    ("mcq/opentriviaqa/brain-teasers", "opentriviaqa", None, 207),
    ("mcq/opentriviaqa/general", "opentriviaqa", "utf-8+cp1252", 3290),
    ("mcq/opentriviaqa/geography", "opentriviaqa", None, 842),
    ("mcq/opentriviaqa/music", "opentriviaqa", None, 5579),
    ("mcq/opentriviaqa/science-technology", "opentriviaqa", "utf-8+cp1252", 2486),
    ("anki-csv/ultimate-geography/main.csv", "anki-csv", None, 323),
    ("anki-csv/ultimate-geography/country.csv", "anki-csv", None, 323),
    ("anki-csv/ultimate-geography/capital.csv", "anki-csv", None, 219),
    ("anki-csv/ultimate-geography/capital_hint.csv", "anki-csv", None, 6),
    ("anki-csv/open-anki-jlpt/n5.csv", "anki-csv", None, 718),
    ("anki-csv/open-anki-jlpt/n4.csv", "anki-csv", None, 668),
    ("anki-csv/open-anki-jlpt/n2.csv", "anki-csv", None, 1906),
    ("anki-csv/open-anki-jlpt/n1.csv", "anki-csv", None, 2699),
    ("hascard/example.txt", "hascard", None, 6),
    ("hascard/syntax.txt", "hascard", None, 5),
    ("hascard/analysis3.txt", "hascard", None, 9),
    ("hascard/images-and-formulas.txt", "hascard", None, 3),
    ("hascard/light.txt", "hascard", None, 13),
]


@needs_corpus
@pytest.mark.parametrize(("name", "fmt", "encoding", "count"), REAL, ids=[r[0] for r in REAL])
def test_every_real_corpus_file_imports_and_its_deck_loads(tmp_path: Path, name: str, fmt: str,
                                                           encoding: str | None,
                                                           count: int) -> None:  # fmt: skip
    from vae_quiz.modes.concepts import ConceptSession
    from vae_quiz.modes.scheduler import Scheduler
    from vae_quiz.modes.session import SessionOptions
    from vae_quiz.modes.study import StudySession
    from vae_quiz.modes.test import TestSession
    from vae_quiz.progress.store import ProgressStore

    report = run_import(ImportOptions(source=CORPUS / name, fmt=fmt, encoding=encoding,
                                      out=tmp_path / "deck.yaml"), tmp_path)  # fmt: skip
    r = report.result
    items = r.counts.total()
    row_skips = [s for s in r.skipped if "header '#" not in s[1]]
    assert items + len(row_skips) == count
    assert items >= count * 0.6
    deck = load_deck(report.out)
    assert len(deck.items) == items
    again = run_import(ImportOptions(source=CORPUS / name, fmt=fmt, encoding=encoding,
                                     out=tmp_path / "again.yaml"), tmp_path)  # fmt: skip
    assert [i.id for i in load_deck(again.out).items] == [i.id for i in deck.items]
    store = ProgressStore(tmp_path / "p.sqlite3")
    try:

        def now() -> datetime:
            return datetime.now(UTC)

        if deck.cards:
            assert StudySession([deck], store, Scheduler(), now).queue
        if deck.questions:
            every = SessionOptions(limit=0)
            quiz = TestSession([deck], store, Scheduler(), now, every)
            assert quiz.total == len(deck.questions)
        if deck.prompts:
            assert ConceptSession([deck], store, Scheduler(), now).total == len(deck.prompts)
    finally:
        store.close()
