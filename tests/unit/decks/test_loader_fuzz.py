"""The loader fuzzed with mutated real decks: the bundled VAE deck and a deck built from the
OpenTriviaQA bank in ../shared/corpus. Whatever the mutation, the loader raises DeckError whose
every problem is one line naming the file and a line in it, or returns a deck holding exactly the
file's items, in order, with unique ids; nothing else escapes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.decks.test_loader_corpus import TRIVIA, _trivia_questions
from vae_quiz.decks.loader import load_deck
from vae_quiz.errors import DeckError
from vae_quiz.locations import bundled_deck_dir

SEEDS: dict[str, bytes] = {"vae": (bundled_deck_dir() / "vae.yaml").read_bytes()}
if TRIVIA.is_dir():
    questions = _trivia_questions(TRIVIA / "geography")[:40]
    SEEDS["trivia"] = yaml.safe_dump(
        {"id": "geo", "title": "Geography", "questions": questions},
        allow_unicode=True, sort_keys=False,
    ).encode()  # fmt: skip

# Bytes that matter to YAML and to our checks, plus some that are not UTF-8 at all.
NASTY = [b":", b"-", b" ", b"\t", b"\n", b"&a", b"*a", b"!!python/object:os.system", b"[",
         b"{", b"'", b'"', b"#", b"\x00", b"\xff", b"\xc3", b"? ", b"|", b">", b"%YAML 1.1\n",
         b"answer: x\n", b"  - id: dup\n", b"\xe2\x80\xae"]  # fmt: skip

mutation = st.one_of(
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 40)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(NASTY) | st.binary(max_size=8)),
    st.tuples(st.just("swap-lines"), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("duplicate-line"), st.floats(0, 1), st.integers(1, 3)),
    st.tuples(st.just("duplicate-item"), st.floats(0, 1), st.floats(0, 1)),
)


def _mutate(data: bytes, steps: list[tuple]) -> bytes:
    for kind, where, arg in steps:
        if kind == "delete":
            at = int(where * len(data))
            data = data[:at] + data[at + arg :]
        elif kind == "insert":
            at = int(where * len(data))
            data = data[:at] + arg + data[at:]
        else:
            lines = data.split(b"\n")
            i = int(where * (len(lines) - 1))
            starts = [n for n, line in enumerate(lines) if line.lstrip().startswith(b"- id:")]
            if kind == "swap-lines":
                j = int(arg * (len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
            elif kind == "duplicate-item" and starts:  # copied whole, id and all, elsewhere
                k = int(where * (len(starts) - 1))
                item = lines[starts[k] : starts[k + 1] if k + 1 < len(starts) else len(lines)]
                at = starts[int(arg * (len(starts) - 1))]
                lines[at:at] = item
            elif kind == "duplicate-line":
                lines[i:i] = [lines[i]] * arg
            data = b"\n".join(lines)
    return data


PROBLEM = re.compile(r"^(?P<path>.+?):(?P<line>\d+): ")
_PLAIN_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # every scalar as text


@pytest.mark.parametrize("seed", list(SEEDS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(steps=st.lists(mutation, min_size=1, max_size=6))
def test_a_mutated_real_deck_loads_or_is_reported_with_file_and_line(
    seed: str, steps: list[tuple], tmp_path: Path
) -> None:
    data = _mutate(SEEDS[seed], steps)
    path = tmp_path / f"{seed}.yaml"
    path.write_bytes(data)
    lines_in_file = data.count(b"\n") + 1
    try:
        deck = load_deck(path)
    except DeckError as exc:
        assert exc.problems
        for problem in exc.problems:
            text = str(problem)
            match = PROBLEM.match(text)
            assert match, text
            assert match["path"] == str(path)
            assert 1 <= int(match["line"]) <= lines_in_file + 1, text
            assert "\n" not in text, text  # one line per problem
        return
    # A deck that loads holds exactly the file's items, in order, with unique ids.
    doc = yaml.load(data.decode("utf-8-sig"), Loader=_PLAIN_LOADER)
    assert deck.id == doc["id"].strip() and deck.title == doc["title"].strip()
    for items, section in ((deck.cards, "cards"), (deck.questions, "questions"),
                           (deck.prompts, "prompts")):  # fmt: skip
        assert list(items.ids) == [entry["id"].strip() for entry in doc.get(section) or []]
        assert all(1 <= item.line <= lines_in_file for item in items)
    ids = [*deck.cards.ids, *deck.questions.ids, *deck.prompts.ids]
    assert 0 < len(set(ids)) == len(ids)
