"""Big and odd imports: the mixed encoding in one pass, a big CSV written as it is read, sources
that are not regular files refused at once."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import run
from vae_quiz.decks.loader import load_deck
from vae_quiz.interop import anki_csv, hascard, opentriviaqa
from vae_quiz.interop.base import (
    MAX_ITEM_LINES,
    MAX_SKIPS_LISTED,
    DeckWriter,
    ImportFailed,
    ImportResult,
    decode,
    iter_lines,
)
from vae_quiz.interop.run import ImportOptions, run_import

MIXED = "utf-8+cp1252"


class CountingBytes(bytes):
    """Bytes that count how many bytes their slices copy."""

    copied = 0

    def __getitem__(self, key):  # type: ignore[no-untyped-def, override]
        part = super().__getitem__(key)
        if isinstance(key, slice):
            CountingBytes.copied += len(part)
        return part


def test_the_mixed_encoding_is_decoded_in_one_pass_not_once_per_odd_byte() -> None:
    # 2,000 lines with a cp1252 byte each: decoding the rest again after each such byte copied
    # the rest each time (120 s for 1.3 MB); one pass copies the data about once.
    data = CountingBytes(b"".join(b"caf\xe9 na\xc3\xafve %d\n" % n for n in range(2_000)))
    CountingBytes.copied = 0
    notes: list[tuple[str, str]] = []
    text = decode(data, "src", MIXED, notes)
    assert text.splitlines()[1999] == "café naïve 1999"
    # The first 1,000 bytes are listed, the other 1,000 counted.
    assert len(notes) == MAX_SKIPS_LISTED + 1 and notes[-2][0] == f"src:{MAX_SKIPS_LISTED}"
    assert notes[-1] == ("src", f"{2_000 - MAX_SKIPS_LISTED:,} more bytes read as cp1252, not "
                         f"listed (only the first {MAX_SKIPS_LISTED:,} are)")  # fmt: skip
    assert CountingBytes.copied < 2 * len(data)


# A piece of the source: a UTF-8 text, or one byte cp1252 defines that is not UTF-8 alone.
CP1252_ONLY = [b for b in range(0x80, 0x100) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)]
pieces = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=5).map(str.encode),
    st.sampled_from([bytes([b]) for b in CP1252_ONLY]),
)


@given(st.lists(pieces, max_size=30))
def test_mixed_decoding_reads_utf8_as_utf8_and_each_other_byte_as_cp1252(
    parts: list[bytes],
) -> None:  # fmt: skip
    data = b"".join(parts)
    # The reference: the longest UTF-8 prefix, then one byte as cp1252, and so on.
    expected, offsets, position = [], [], 0
    while position < len(data):
        try:
            expected.append(data[position:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            bad = position + exc.start
            expected.append(data[position:bad].decode("utf-8"))
            expected.append(data[bad : bad + 1].decode("cp1252"))
            offsets.append(bad)
            position = bad + 1
    notes: list[tuple[str, str]] = []
    assert decode(data, "s", MIXED, notes) == "".join(expected)
    assert all(f"at offset {o} " in why for (_, why), o in zip(notes, offsets, strict=True))
    lines = [data.count(b"\n", 0, offset) + 1 for offset in offsets]
    assert [where for where, _ in notes] == [f"s:{line}" for line in lines]


def test_a_byte_neither_encoding_has_is_one_line_naming_its_offset() -> None:
    with pytest.raises(ImportFailed, match=r"^src: byte 0x81 at offset 4 is neither UTF-8 nor"):
        decode(b"caf\xe9\x81", "src", MIXED, [])


def _import_peak(folder: Path, rows: int) -> tuple[int, int]:
    """The size of a CSV of `rows` rows and the peak of Python's memory while importing it."""
    folder.mkdir()
    source = folder / "big.csv"
    source.write_text("".join(f"front {n} words here,back {n} words there\n" for n in range(rows)))
    tracemalloc.start()
    try:
        report = run_import(ImportOptions(source=source, fmt="csv", out=folder / "big.yaml"),
                            folder)  # fmt: skip
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.result.counts["cards"] == rows and report.result.cards == []
    deck = load_deck(report.out)
    assert [c.front for c in deck.cards[-2:]] == [f"front {rows - 2} words here",
                                                  f"front {rows - 1} words here"]  # fmt: skip
    return source.stat().st_size, peak


def test_a_big_csv_import_is_written_as_it_is_read_never_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(DeckWriter, "BATCH", 200)
    _import_peak(tmp_path / "warm-up", 10)  # modules imported and cached outside the figures
    small_size, small_peak = _import_peak(tmp_path / "small", 2_000)
    big_size, big_peak = _import_peak(tmp_path / "big", 6_000)
    # What grows with the rows is the text and the ids made so far (one batch of items is held
    # at a time): about 3.3 bytes a source byte. Holding every item, its YAML and the deck read
    # back from it grew 73 bytes a source byte (1.9 GB for a 34 MB CSV).
    assert big_peak - small_peak < 6 * (big_size - small_size)


def test_ids_repeated_across_batches_are_made_unique_in_source_order(tmp_path: Path) -> None:
    # The same card 5,000 times spans three batches of the writer.
    assert DeckWriter.BATCH < 5_000
    source = tmp_path / "same.csv"
    source.write_text("dog,Hund\n" * 5_000)
    report = run_import(ImportOptions(source=source, fmt="csv", out=tmp_path / "o.yaml"),
                        tmp_path)  # fmt: skip
    ids = [c.id for c in load_deck(report.out).cards]
    assert len(set(ids)) == 5_000
    assert ids[1] == f"{ids[0]}-2" and ids[-1] == f"{ids[0]}-5000"


def test_quoted_fields_spanning_lines_and_crlf_survive_the_streamed_read() -> None:
    text = 'front,back\r\n"two\r\nlines","a ""quote"""\r\nlast,row'
    result = anki_csv.parse(text, "q.csv")
    assert [(c["front"], c["back"]) for c in result.cards] == [
        ("two\nlines", 'a "quote"'), ("last", "row"),
    ]  # fmt: skip


def test_nothing_importable_leaves_no_file_and_no_temp_file(tmp_path: Path) -> None:
    source = tmp_path / "empty.csv"
    source.write_text("front,back\n,only a back\n")
    with pytest.raises(ImportFailed, match="nothing to import"):
        run_import(ImportOptions(source=source, fmt="anki-csv", out=tmp_path / "o.yaml"),
                   tmp_path)  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.csv"]


def test_an_import_from_a_fifo_or_a_device_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    for source in (fifo, Path("/dev/zero")):
        done = run("import", str(source), "--from", "csv", "-o", str(tmp_path / "o.yaml"))
        assert done.returncode == 1
        assert done.stderr.strip().splitlines() == [
            f"vae-quiz import: {source}: is not a regular file (a FIFO, device or socket)"
        ]
    assert not (tmp_path / "o.yaml").exists()


def test_a_file_of_anki_headers_only_has_nothing_to_import(tmp_path: Path) -> None:
    source = tmp_path / "headers.txt"
    source.write_text("#separator:tab\n#html:false\n")
    with pytest.raises(ImportFailed, match=r"nothing to import \(0 skipped\)"):
        run_import(ImportOptions(source=source, fmt="anki-csv", out=tmp_path / "o.yaml"),
                   tmp_path)  # fmt: skip


PARSERS = {"hascard": hascard.parse, "opentriviaqa": opentriviaqa.parse}


def _parse_peak(fmt: str, lines: int) -> tuple[int, ImportResult]:
    # hascard: one card of every line; the others: every line a skipped item.
    text = ("# t\n" if fmt == "hascard" else "") + "ab\n" * lines
    tracemalloc.start()
    try:
        result = PARSERS[fmt](text, "s")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, result


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_a_big_file_of_lines_that_make_no_item_is_read_in_bounded_memory(fmt: str) -> None:
    _parse_peak(fmt, 10)  # modules imported outside the figures
    small_peak, _ = _parse_peak(fmt, 100_000)
    big_peak, result = _parse_peak(fmt, 600_000)
    # A list of every line, or a (where, why) for every skipped line, grew 40 to 100 bytes a
    # source byte (3.3 GB for a 32 MB file of one hascard card).
    assert big_peak - small_peak < 6 * 3 * (600_000 - 100_000)
    assert not result.counts
    skipped = 1 if fmt == "hascard" else 600_000
    assert result.skipped_count == skipped
    assert len(result.skipped) == min(skipped, MAX_SKIPS_LISTED)
    if fmt == "hascard":
        assert result.skipped == [("s:1", f"a card of 600,001 lines; at most {MAX_ITEM_LINES:,}")]


def test_an_item_of_too_many_lines_is_skipped_and_the_next_one_kept() -> None:
    body = "x\n" * MAX_ITEM_LINES
    cards = hascard.parse(f"# big\n{body}---\n# ok\nanswer\n", "h")
    assert cards.skipped == [("h:1", f"a card of {MAX_ITEM_LINES + 1:,} lines; at most "
                                     f"{MAX_ITEM_LINES:,}")]  # fmt: skip
    assert [c["front"] for c in cards.cards] == ["ok"]
    trivia = opentriviaqa.parse(f"#Q big\n{body}^ a\nA a\nB b\n\n#Q ok\n^ a\nA a\nB b\n", "t")
    assert trivia.skipped == [("t:1", f"a question of {MAX_ITEM_LINES + 4:,} lines; at most "
                                      f"{MAX_ITEM_LINES:,}")]  # fmt: skip
    assert [q["question"] for q in trivia.questions] == ["ok"]


def test_only_the_first_skipped_items_are_kept_all_are_counted() -> None:
    result = ImportResult()
    for n in range(MAX_SKIPS_LISTED + 7):
        result.skip(f"s:{n + 1}", "why")
    assert result.skipped_count == MAX_SKIPS_LISTED + 7
    assert len(result.skipped) == MAX_SKIPS_LISTED and result.skipped[-1][0] == "s:1000"


def test_the_skipped_items_past_the_listed_ones_are_counted_and_said(tmp_path: Path) -> None:
    source = tmp_path / "many.csv"
    source.write_text("front,back\nF,B\n" + "only one column\n" * (MAX_SKIPS_LISTED + 5))
    result = run("import", str(source), "--from", "anki-csv", "-o", str(tmp_path / "o.yaml"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert sum(line.startswith("skipped  many.csv:") for line in lines) == MAX_SKIPS_LISTED
    assert lines[-2:] == [f"skipped  5 more, not listed (only the first {MAX_SKIPS_LISTED:,} are)",
                          f"{MAX_SKIPS_LISTED + 5:,} items skipped"]  # fmt: skip


@given(st.lists(st.sampled_from(["a", "b", "\n", "\r", "\r\n", "xy", ""]), max_size=40))
def test_iter_lines_splits_as_str_split_does_across_chunks(parts: list[str]) -> None:
    import vae_quiz.interop.base as base

    text = "".join(parts)
    expected = text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if text else []
    saved = base._LINES_CHUNK
    try:
        for chunk in (1, 3, saved):
            base._LINES_CHUNK = chunk
            assert list(iter_lines(text)) == expected
    finally:
        base._LINES_CHUNK = saved
