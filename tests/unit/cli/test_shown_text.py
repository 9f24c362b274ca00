"""Plain-text output shows deck text, file names and progress rows as text: no control
character reaches the terminal, no markup is read, and `check` warns about such text."""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import run
from vae_quiz.progress.store import MISSED, Answer, ProgressStore
from vae_quiz.text import unsafe_characters

HOSTILE = "\x1b]0;PWNED\x07 \x1b[2J \x1b]52;c;SGVsbG8=\x07 \x9b31m [@click=app.quit]Q[/] [b]x"
# What `cat -v` would show as ^X or M-^X: C0 controls but tab and line feed, DEL, C1 controls.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
CLI = Path(__file__).parents[3] / "vae_quiz" / "cli"


def _deck(folder: Path, name: str = "hostile [old].yaml") -> Path:
    deck = {
        "id": "hostile",
        "title": f"Python list[int] and Regex [a-z]+ {HOSTILE}",
        "cards": [{"id": "c1", "front": f"F {HOSTILE}", "back": "B"}],
        "prompts": [{"id": "p1", "prompt": "P", "concepts": [f"K {HOSTILE}", "plain"]}],
    }
    path = folder / name
    path.write_text(yaml.safe_dump(deck), encoding="utf-8")
    return path


def _assert_plain(result) -> None:
    for stream in (result.stdout, result.stderr):
        assert not CONTROL.search(stream), CONTROL.findall(stream)
        assert "Traceback" not in stream


def test_decks_check_and_stats_print_no_control_character_when_text_is_hostile(
    tmp_path: Path,
) -> None:
    deck = _deck(tmp_path)
    db = tmp_path / "progress.sqlite3"
    store = ProgressStore(db)
    store.record(Answer(deck="hostile", item="p1", kind="prompt", mode="concepts",
                        outcome="1/2", answered_at=datetime.now(UTC), result=MISSED,
                        concepts=((f"K {HOSTILE}", False), ("plain", True))))  # fmt: skip
    store.close()
    env = {"VAE_QUIZ_CACHE": str(tmp_path / "cache")}

    listed = run("decks", str(deck), "--db", str(db), env=env)
    assert listed.returncode == 0, listed.stderr
    _assert_plain(listed)
    assert "Python list[int] and Regex [a-z]+ ␛]0;PWNED␇ ␛[2J" in listed.stdout
    assert "hostile [old].yaml" in listed.stdout and "[@click=app.quit]Q[/]" in listed.stdout

    checked = run("check", str(deck), env=env)
    assert checked.returncode == 0, checked.stdout
    _assert_plain(checked)

    stats = run("stats", str(deck), "--db", str(db), env=env)
    assert stats.returncode == 0, stats.stderr
    _assert_plain(stats)
    assert "hostile / p1: K ␛]0;PWNED␇ ␛[2J ␛]52;c;SGVsbG8=␇ \\x9b31m" in stats.stdout


def test_check_warns_about_control_characters_by_file_line_item_and_field(tmp_path) -> None:
    deck = tmp_path / "d.yaml"
    deck.write_text(
        'id: d\n'
        'title: "Tricky \\e]0;x\\a"\n'
        'cards:\n'
        '  - {id: ok, front: a, back: b}\n'
        '  - id: c2\n'
        '    front: "zero\\u200bwidth \\u202eevil"\n'
        '    back: fine\n'
        'prompts:\n'
        '  - id: p1\n'
        '    prompt: P\n'
        '    concepts: [plain, "\\x9b31m"]\n',
        encoding="utf-8",
    )  # fmt: skip
    result = run("check", str(deck), env={"VAE_QUIZ_CACHE": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == [
        f"ok  {deck}: d: 2 cards, 0 questions, 1 prompt",
        f"{deck}:2: deck 'd': title: warning: control or invisible characters "
        "(U+001B shown as ␛, U+0007 shown as ␇)",
        f"{deck}:5: card 'c2': front: warning: control or invisible characters "
        "(U+200B not shown, U+202E shown as \\u202e)",
        f"{deck}:9: prompt 'p1': concept 2: warning: control or invisible characters "
        "(U+009B shown as \\x9b)",
        "1 deck checked: all valid; 3 warnings",
    ]


def test_check_exits_1_for_a_broken_deck_and_still_warns_about_a_good_one(tmp_path) -> None:
    good = tmp_path / "a.yaml"
    good.write_text('id: a\ntitle: "\\e"\ncards:\n  - {id: c, front: a, back: b}\n')
    broken = tmp_path / "b.yaml"
    broken.write_text("id: b\ntitle: B\ncards:\n  - {id: c, front: a}\n", encoding="utf-8")
    result = run("check", str(tmp_path), env={"VAE_QUIZ_CACHE": str(tmp_path / "cache")})
    assert result.returncode == 1
    assert f"{good}:2: deck 'a': title: warning: control or invisible characters" in result.stdout
    assert f"{broken}:4: card 'c': back: required field is missing" in result.stdout
    assert result.stdout.endswith("2 decks checked: 1 valid, 1 invalid (1 problem); 1 warning\n")


def test_error_and_import_lines_show_a_hostile_file_name_as_text(tmp_path: Path) -> None:
    missing = run("check", str(tmp_path / "gone \x1b[2J.yaml"))
    assert missing.returncode == 2
    _assert_plain(missing)
    assert "gone ␛[2J.yaml: no such file or folder" in missing.stderr

    source = tmp_path / "cards \x1b]0;PWNED\x07.csv"
    source.write_text("front,back\nhello,world\n,no front\n", encoding="utf-8")
    imported = run("import", str(source), "--from", "csv", "-o", str(tmp_path / "out.yaml"),
                   env={"VAE_QUIZ_CACHE": str(tmp_path / "cache")})  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    _assert_plain(imported)
    assert "skipped  cards ␛]0;PWNED␇.csv:3: empty front" in imported.stdout


def test_every_command_prints_through_the_sanitising_helpers() -> None:
    # common.echo and common.cell sanitise; a bare `.print(...)` elsewhere could leak deck text.
    # The one exception: a Rich table whose cells are all made by common.cell.
    for module in CLI.glob("*.py"):
        if module.name == "common.py":
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "print":
                first = node.args[0] if node.args else None
                assert isinstance(first, ast.Name) and first.id == "table", (
                    f"{module.name}:{node.lineno}: print through common.echo"
                )


def test_export_csv_and_doctor_show_hostile_progress_text_and_paths_as_text(
    tmp_path: Path,
) -> None:
    db = tmp_path / "progress \x1b]0;PWNED\x07.sqlite3"
    store = ProgressStore(db)
    store.record(Answer(deck="hostile", item="p1", kind="prompt", mode="concepts",
                        outcome="1/2", answered_at=datetime.now(UTC), result=MISSED,
                        response=f"written {HOSTILE}\nsecond line",
                        concepts=((f"K {HOSTILE}", False), ("plain", True))))  # fmt: skip
    store.close()

    csv_out = run("export", "--db", str(db))
    assert csv_out.returncode == 0, csv_out.stderr
    _assert_plain(csv_out)
    # The learner's answer as text, its line break kept inside the quoted CSV field.
    assert '"written ␛]0;PWNED␇ ␛[2J ␛]52;c;SGVsbG8=␇ \\x9b31m [@click=app.quit]Q[/] [b]x\n' \
        'second line"' in csv_out.stdout  # fmt: skip

    # JSON lines are exempt: JSON escapes the C0 controls itself, and the text stays exact.
    jsonl = run("export", "--format", "jsonl", "--db", str(db))
    assert jsonl.returncode == 0, jsonl.stderr
    assert "\x1b" not in jsonl.stdout and "\\u001b]0;PWNED\\u0007" in jsonl.stdout

    backup = tmp_path / "backup \x1b[2J.sqlite3"
    doctor = run("doctor", "--db", str(db), "--backup", str(backup))
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    _assert_plain(doctor)
    assert "progress ␛]0;PWNED␇.sqlite3" in doctor.stdout
    assert "backup written: " in doctor.stdout and "backup ␛[2J.sqlite3" in doctor.stdout
    assert backup.exists()  # the real file keeps its real name


def test_decks_table_keeps_markup_like_titles_and_file_names_literally(tmp_path: Path) -> None:
    deck = tmp_path / "notes [old].yaml"
    deck.write_text(
        "id: vim\ntitle: 'Vim :s/[/]// tricks [link=https://evil.example/login]x[/link]'\n"
        "cards:\n  - {id: c, front: a, back: b}\n",
        encoding="utf-8",
    )
    listed = run("decks", str(deck), "--db", str(tmp_path / "p.sqlite3"),
                 env={"VAE_QUIZ_CACHE": str(tmp_path / "cache")})  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    _assert_plain(listed)
    assert "Vim :s/[/]// tricks [link=https://evil.example/login]x[/link]" in listed.stdout
    assert "notes [old].yaml" in listed.stdout
    assert "\x1b]8;" not in listed.stdout  # no terminal hyperlink


def test_checks_quick_look_at_a_deck_files_bytes_finds_every_character_printable_changes() -> None:
    from vae_quiz.cli.check import may_hold_unsafe_bytes

    # Every character of the BMP (all the unsafe ones are there), and astral ones spread out.
    for code in (*range(0xD800), *range(0xE000, 0x10000), *range(0x10000, 0x110000, 97)):
        ch = chr(code)
        # A CR in a deck file is a YAML line break: it never reaches a text as it is.
        expected = bool(unsafe_characters(ch)) and ch != "\r"
        assert may_hold_unsafe_bytes(f"title: x{ch}y\n".encode()) == expected, hex(code)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec=None) | st.sampled_from("\x1b\x07\x85\x9b\u200b\u202e\ufeff")))
def test_checks_quick_look_never_misses_text_that_yaml_escaped(text: str) -> None:
    from vae_quiz.cli.check import may_hold_unsafe_bytes

    for unicode in (False, True):
        dumped = yaml.safe_dump({"title": text}, allow_unicode=unicode).encode("utf-8", "replace")
        loaded = yaml.safe_load(dumped.decode("utf-8"))["title"]
        if unsafe_characters(loaded):
            assert may_hold_unsafe_bytes(dumped), dumped
