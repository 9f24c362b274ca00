"""`vae-quiz new DECK`: a commented starter deck in the deck folder, checked, never over a file;
an id another deck has is refused; the title stays data."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import run
from vae_quiz.decks.loader import load_deck, parse_deck_bytes
from vae_quiz.decks.starter import starter_deck
from vae_quiz.errors import DeckError


def _new(tmp_path: Path, *args: str):
    return run("new", *args, env={"VAE_QUIZ_DECKS": str(tmp_path / "decks")})


def test_new_writes_a_valid_commented_deck_and_says_what_to_run(tmp_path: Path) -> None:
    result = _new(tmp_path, "Linear Algebra")
    path = tmp_path / "decks" / "linear-algebra.yaml"
    assert result.returncode == 0, result.stderr
    assert f"wrote {path}: deck 'linear-algebra'" in result.stdout
    assert f"vae-quiz check {path}" in result.stdout
    assert "vae-quiz today linear-algebra" in result.stdout
    deck = load_deck(path)
    assert (deck.id, deck.title) == ("linear-algebra", "Linear algebra")
    assert (len(deck.cards), len(deck.questions), len(deck.prompts)) == (1, 1, 1)
    text = path.read_text(encoding="utf-8")
    assert text.count("\n#") >= 5 and "# Multiple-choice questions" in text
    assert run("check", str(path)).returncode == 0


def test_new_never_replaces_a_file_and_refuses_a_taken_id(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    assert _new(tmp_path, "algebra").returncode == 0
    mine = decks / "algebra.yaml"
    mine.write_text(mine.read_text() + "# my edits\n")
    before = mine.read_bytes()
    again = _new(tmp_path, "algebra")
    assert again.returncode == 1 and again.stdout == ""
    assert again.stderr.strip() == (
        f"vae-quiz: deck id 'algebra' is already taken by {mine}; choose another id"
    )
    assert mine.read_bytes() == before
    bundled = _new(tmp_path, "vae")
    assert bundled.returncode == 1 and "already taken by" in bundled.stderr
    assert "vae.yaml" in bundled.stderr and not (decks / "vae.yaml").exists()
    # A file named like the id but holding another deck: the new deck takes a free name.
    other = decks / "geometry.yaml"
    other.write_text("id: shapes\ntitle: Shapes\ncards: [{id: a, front: b, back: c}]\n")
    kept = other.read_bytes()
    made = _new(tmp_path, "geometry")
    assert made.returncode == 0 and other.read_bytes() == kept
    assert load_deck(decks / "geometry-2.yaml").id == "geometry"
    assert sorted(p.name for p in decks.iterdir()) == [
        "algebra.yaml", "geometry-2.yaml", "geometry.yaml",
    ]  # fmt: skip


def test_bad_names_and_folders_are_one_line(tmp_path: Path) -> None:
    no_word = _new(tmp_path, "$$$")
    assert no_word.returncode == 2 and len(no_word.stderr.strip().splitlines()) == 1
    assert "no letter a-z or digit" in no_word.stderr
    # A name in another script: its letters cannot make an id; the message says what to do.
    other_script = _new(tmp_path, "日本語")
    assert other_script.returncode == 2 and len(other_script.stderr.strip().splitlines()) == 1
    assert "new my-deck --title '日本語'" in other_script.stderr
    blank = _new(tmp_path, "x", "--title", "  ")
    assert blank.returncode == 2 and "--title is blank" in blank.stderr
    (tmp_path / "file").write_text("")
    in_a_file = run("new", "x", env={"VAE_QUIZ_DECKS": str(tmp_path / "file" / "decks")})
    assert in_a_file.returncode == 1 and "Traceback" not in in_a_file.stderr
    assert len(in_a_file.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.glob("**/*.tmp"))


def test_a_hostile_title_stays_the_title_and_never_reaches_the_terminal(tmp_path: Path) -> None:
    title = "\x1b]0;PWNED\x07 [b]bold[/b] key: value # not a comment"
    result = _new(tmp_path, "odd", "--title", title)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert load_deck(tmp_path / "decks" / "odd.yaml").title == title


@settings(max_examples=200, deadline=None)
@given(title=st.text(min_size=1, max_size=200).filter(lambda t: t.strip() != ""))
def test_any_title_round_trips_through_the_starter_deck(title: str) -> None:
    data = starter_deck("t", title, "/some where/t.yaml").encode("utf-8")
    try:
        deck = parse_deck_bytes(data, "t.yaml")
    except DeckError as exc:  # the loader may refuse some titles; never the YAML around them
        assert all("title" in str(problem) for problem in exc.problems), exc.problems
        return
    assert deck.title == title.strip()  # the loader trims a title
