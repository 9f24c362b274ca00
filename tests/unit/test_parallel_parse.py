"""A big deck parsed in parts at once: the same deck as parsed whole, or no result at all (and
then the whole parse runs); never a different deck."""

from __future__ import annotations

import marshal
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vae_quiz.domain.deck_cache as deck_cache
import vae_quiz.domain.parallel_parse as parallel_parse
from vae_quiz.domain.deck_cache import deck_from_records, load_deck_cached
from vae_quiz.domain.deck_split import split_deck
from vae_quiz.domain.errors import DeckError
from vae_quiz.domain.loader import parse_deck, parse_deck_bytes
from vae_quiz.domain.model import Deck
from vae_quiz.domain.parallel_parse import parse_in_parts, part_records


def _here(parts: list[tuple[bool, bytes]]) -> list[tuple | None]:
    """Runs each part in this process, through marshal as a worker's answer would come."""
    return [marshal.loads(marshal.dumps(part_records(first, text))) for first, text in parts]


def _deck(records: deck_cache.DeckRecords | None, shown: str = "d.yaml") -> Deck | None:
    if records is None:
        return None
    fields = (records.deck_id, records.title, records.description, records.kinds)
    return deck_from_records(b"".join(records.records), 0, shown, *fields)


def _card(n: int, indent: str) -> str:
    return f"{indent}- id: c{n}\n{indent}  front: Front {n}\n{indent}  back: Back {n}\n"


def _question(n: int, indent: str) -> str:
    return (
        f"{indent}- id: q{n}\n{indent}  level: advanced\n{indent}  question: Which {n}?\n"
        f"{indent}  choices:\n{indent}    - one\n{indent}    - two\n{indent}  answer: two\n"
    )


def _prompt(n: int, indent: str) -> str:
    return (
        f"{indent}- id: p{n}\n{indent}  prompt: Say {n}\n"
        f"{indent}  concepts: [alpha, beta]\n{indent}  hint: h{n}\n"
    )


def deck_text(cards: int = 30, questions: int = 30, prompts: int = 30, indent: str = "  ") -> str:
    out = "id: big\ntitle: Big deck\ndescription: Many items\n"
    for name, count, make in (
        ("cards", cards, _card),
        ("questions", questions, _question),
        ("prompts", prompts, _prompt),
    ):
        if count:
            out += f"{name}:\n" + "".join(make(n, indent) for n in range(count))
    return out


@pytest.mark.parametrize("count", [2, 3, 5, 8])
@pytest.mark.parametrize("indent", ["", "  ", "    "])
def test_parts_make_the_same_deck_as_the_whole_file(count: int, indent: str) -> None:
    data = deck_text(indent=indent).encode()
    parts = split_deck(data, count)
    assert parts is not None and len(parts) == count
    assert _deck(parse_in_parts(data, count, run=_here)) == parse_deck_bytes(data, "d.yaml")


def test_each_later_part_starts_at_an_item_and_keeps_the_file_s_line_numbers() -> None:
    data = deck_text().encode()
    lines = data.decode().splitlines()
    parts = split_deck(data, 4)
    assert parts is not None
    assert [p.start for p in parts[1:]] == [p.end for p in parts[:-1]]
    assert parts[0].start == 0 and parts[-1].end == len(data)
    for part in parts[1:]:
        assert part.section in ("cards", "questions", "prompts")
        assert re.match(rb" *- ", data[part.start :])
        text = part.text(data).decode().splitlines()
        assert text[0] == f"{part.section}:"
        assert text[part.line] == lines[part.line]  # the part's first line is the file's
        assert text[-1] == lines[-1] if part is parts[-1] else True


def test_items_keep_the_lines_they_have_in_the_file() -> None:
    data = deck_text().encode()
    whole = parse_deck_bytes(data, "d.yaml")
    parted = _deck(parse_in_parts(data, 3, run=_here))
    assert parted is not None
    assert [i.line for i in parted.items] == [i.line for i in whole.items]
    assert parted.prompts[-1].line == data.decode().splitlines().index("  - id: p29") + 1


def test_a_part_with_tags_or_marks_that_only_look_like_them_is_checked_whole() -> None:
    text = deck_text().replace("Back 3\n", "Snap !\n").replace("h27\n", "Q & A !x\n")
    text = text.replace("Front 4\n", "!!str Front 4\n").replace("Front 5\n", "'&anchor 5'\n")
    data = text.encode()
    assert _deck(parse_in_parts(data, 4, run=_here)) == parse_deck_bytes(data, "d.yaml")


def test_workers_in_processes_give_the_same_deck(tmp_path: Path) -> None:
    data = deck_text(200, 200, 200).encode()
    records = parse_in_parts(data, 3)
    assert records is not None
    assert _deck(records) == parse_deck_bytes(data, "d.yaml")


UNCUT = dict(
    [
        ("an anchor", deck_text().replace("Front 3\n", "&a Front 3\n")),
        ("a directive", "%TAG !e! tag:example.com,2000:\n---\n" + deck_text()),
        ("a line break YAML counts but LF does not", deck_text().replace("Back 3", "Back\r3")),
        ("a NEL line break", deck_text().replace("Back 3", "Back\x853")),
        ("a NUL byte", deck_text().replace("Back 3", "Back\x003")),
        ("flow lists", "id: d\ntitle: T\ncards: [{id: a, front: f, back: b}]\n"),
    ]
)


@pytest.mark.parametrize("why", UNCUT)
def test_a_file_that_cannot_be_cut_safely_is_not_cut(why: str) -> None:
    assert split_deck(UNCUT[why].encode(), 4) is None


TITLE_LAST = deck_text().replace("title: Big deck\n", "") + "title: Big deck\n"
# Valid YAML: a quoted text may go on over lines; a cut falls on its second line.
QUOTE_OVER_CUT = deck_text(60, 0, 0).replace(
    "front: Front 30", 'front: "Front 30\n  - id: fake\n  front: x"'
)


NOT_FITTING = dict(
    [
        ("an alias to nothing", deck_text().replace("h28\n", "*a\n")),
        ("a tag not allowed", deck_text().replace("hint: h28", "hint: !!binary QmFjaw==")),
        ("a duplicate id in two parts", deck_text().replace("id: p29", "id: c0")),
        ("a bad field late in the file", deck_text().replace("hint: h28", "hnit: h28")),
        ("a section written twice", deck_text() + "cards:\n" + _card(99, "  ")),
        ("the title after the items", TITLE_LAST),
        ("a quoted text over the cut", QUOTE_OVER_CUT),
    ]
)


@pytest.mark.parametrize("why", NOT_FITTING)
def test_parts_that_do_not_fit_give_no_result(why: str) -> None:
    assert parse_in_parts(NOT_FITTING[why].encode(), 4, run=_here) is None


def test_a_bad_big_deck_reports_exactly_what_the_whole_parse_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = deck_text().replace("hint: h28", "hnit: h28").replace("id: p29", "id: c0")
    deck_file = tmp_path / "big.yaml"
    deck_file.write_text(text)
    monkeypatch.setattr(deck_cache, "PARALLEL_FROM", 64)
    with pytest.raises(DeckError) as parted:
        load_deck_cached(deck_file, tmp_path / "cache")
    with pytest.raises(DeckError) as whole:
        parse_deck(text, str(deck_file))
    assert [str(p) for p in parted.value.problems] == [str(p) for p in whole.value.problems]
    assert len(whole.value.problems) == 2


def test_a_big_deck_is_parsed_in_parts_cached_and_loaded_again_equal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck_file = tmp_path / "big.yaml"
    deck_file.write_text(deck_text(100, 100, 100))
    monkeypatch.setattr(deck_cache, "PARALLEL_FROM", 64)
    monkeypatch.setattr(parallel_parse, "worker_count", lambda: 2)
    calls: list[int] = []
    real = deck_cache._parse

    def counting(data: bytes, shown: str):  # type: ignore[no-untyped-def]
        deck, records = real(data, shown)
        calls.append(records is not None)
        return deck, records

    monkeypatch.setattr(deck_cache, "_parse", counting)
    cache = tmp_path / "cache"
    first = load_deck_cached(deck_file, cache)
    second = load_deck_cached(deck_file, cache)
    whole = parse_deck(deck_file.read_text(), str(deck_file))
    assert first == second == whole
    assert calls == [True]  # parsed once, in parts; then from the cache


# -- any layout: the parts make the same deck, or none -----------------------------------------

tricky_texts = st.sampled_from(
    [
        "plain words",
        "'single: quoted'",
        '"double # quoted"',
        '"a quoted text\n  - id: fake\n    front: over two lines"',
        "|\n      a block\n      - id: not an item\n",
        ">-\n      folded\n\n      text\n",
        "text with - dash and # hash",
        "Snap !",
        "!!str tagged",
        "&name anchored",
        "Q & A",
    ]
)
fillers = st.sampled_from(["", "\n", "# a comment\n", "  # indented comment\n", "\n\n"])


@st.composite
def deck_files(draw: st.DrawFn) -> bytes:
    indent = draw(st.sampled_from(["", "  ", "    "]))
    order = draw(st.permutations(["cards", "questions", "prompts"]))
    head = "id: gen\ntitle: Generated\n"
    if draw(st.booleans()):
        head += "description: |\n  a block at the top\n  - id: looks like an item\n"
    body = ""
    serial = 0
    for section in order:
        count = draw(st.integers(0, 6))
        if not count:
            continue
        body += f"{section}:\n" + draw(fillers)
        for _ in range(count):
            serial += 1
            text = draw(tricky_texts)
            if section == "cards":
                item = _card(serial, indent).replace(f"Front {serial}", text)
            elif section == "questions":
                item = _question(serial, indent)
            else:
                item = _prompt(serial, indent).replace(f"h{serial}", text)
            body += item + draw(fillers)
    if not serial:
        body = "cards:\n" + _card(0, indent)
    text = head + body
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    data = text.encode()
    return b"\xef\xbb\xbf" + data if draw(st.booleans()) else data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deck_files(), st.integers(2, 6))
def test_any_layout_gives_the_same_deck_as_the_whole_file_or_none(data: bytes, count: int) -> None:
    try:
        whole: Deck | None = parse_deck_bytes(data, "d.yaml")
    except DeckError:
        whole = None
    parted = _deck(parse_in_parts(data, count, run=_here))
    if parted is not None:
        assert parted == whole
        assert [i.line for i in parted.items] == [i.line for i in whole.items]


def test_workers_started_for_a_file_that_cannot_be_cut_are_ended(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[subprocess.Popen[bytes]] = []
    real = subprocess.Popen

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(real(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(subprocess, "Popen", recording)
    data = deck_text().replace("Front 3\n", "&a Front 3\n").encode()  # anchors: never cut
    assert parse_in_parts(data, 2) is None
    assert len(started) == 2
    assert all(process.returncode is not None for process in started)
