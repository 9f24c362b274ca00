"""The settings file: what it may set (globally and per deck), every bad key or value refused in
one line naming the file, the line and the key, and the theme line saved with the rest kept as it
was."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vae_quiz.settings import (
    DEFAULT_NEW_PER_DAY,
    DEFAULT_RETENTION,
    MAX_SETTINGS_BYTES,
    DeckSettings,
    Settings,
    SettingsError,
    load_settings,
    save_theme,
)
from vae_quiz.toml_lines import line_of

THEMES = ("nord", "dracula", "textual-dark")
FULL = """\
# my vae-quiz settings
desired_retention = 0.85   # a little less work
new_per_day = 10
theme = "nord"

[decks.vae]
desired_retention = 0.95
new_per_day = 3

[decks.other-deck]
new_per_day = 0
"""


def _load(tmp_path: Path, text: str, themes=THEMES) -> Settings:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path, themes=themes)


def test_every_setting_is_read_globally_and_per_deck(tmp_path: Path) -> None:
    loaded = _load(tmp_path, FULL)
    assert (loaded.desired_retention, loaded.new_per_day, loaded.theme) == (0.85, 10, "nord")
    assert loaded.decks == {"vae": DeckSettings(0.95, 3), "other-deck": DeckSettings(None, 0)}
    assert loaded.deck_retentions() == {"vae": 0.95}
    assert loaded.deck_new_per_day() == {"vae": 3, "other-deck": 0}


def test_defaults_when_there_is_no_file_or_it_is_empty(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "absent.toml") == Settings()
    empty = _load(tmp_path, "")
    assert (empty.desired_retention, empty.new_per_day) == (DEFAULT_RETENTION, DEFAULT_NEW_PER_DAY)
    assert (empty.theme, empty.decks) == (None, {})


def test_dotted_and_inline_deck_tables_are_read_too(tmp_path: Path) -> None:
    dotted = _load(tmp_path, "decks.vae.new_per_day = 4\n")
    inline = _load(tmp_path, "decks = { vae = { desired_retention = 0.8 } }\n")
    assert dotted.decks == {"vae": DeckSettings(None, 4)}
    assert inline.decks == {"vae": DeckSettings(0.8, None)}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# c\nnew_per_dya = 5\n",
         ":2: unknown setting 'new_per_dya' (did you mean 'new_per_day'?)"),
        ("[decks.vae]\nretention = 0.9\n", ":2: unknown setting 'decks.vae.retention'"),
        ("[decks.vae]\ntheme = 'nord'\n", ":2: unknown setting 'decks.vae.theme'"),
        ("\n\nnew_per_day = -1\n", ":3: new_per_day must be a whole number, 0 or more"),
        ("new_per_day = 2.5\n", ":1: new_per_day must be a whole number"),
        ("new_per_day = true\n", ":1: new_per_day must be a whole number"),
        ("[decks.vae]\nnew_per_day = '3'\n", ":2: decks.vae.new_per_day must be a whole number"),
        ("desired_retention = 2\n", ":1: desired_retention must be 0.70 to 0.99, not 2"),
        ("desired_retention = nan\n", ":1: desired_retention must be 0.70 to 0.99"),
        ("x = 1\n[decks.vae]\ndesired_retention = 0.5\n", ":1: unknown setting 'x'"),
        ("[decks.vae]\ndesired_retention = 0.5\n", ":2: decks.vae.desired_retention must be 0.70"),
        ("decks.vae.desired_retention = 'high'\n", ":1: decks.vae.desired_retention must be a "
         "number"),
        ("[decks.VAE]\nnew_per_day = 1\n", ":1: table 'decks.VAE': not a deck id"),
        ("decks = 3\n", ":1: decks must be tables"),
        ("[decks]\nvae = 3\n", ":2: decks.vae must be a table"),
        ("theme = 3\n", ":1: theme must be a theme's name"),
        ("theme = 'solarized'\n", ":1: theme 'solarized' is not one of the themes: dracula, nord, "
         "textual-dark"),
    ],
)  # fmt: skip
def test_a_bad_key_or_value_is_one_line_naming_file_line_and_key(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(SettingsError) as raised:
        _load(tmp_path, text)
    assert str(raised.value).startswith(f"{tmp_path / 'config.toml'}{message}")
    assert "\n" not in str(raised.value)


def test_a_theme_name_is_checked_only_against_the_names_given(tmp_path: Path) -> None:
    assert _load(tmp_path, "theme = 'anything'\n", themes=None).theme == "anything"


def test_a_control_character_in_a_bad_value_is_shown_escaped(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as raised:
        _load(tmp_path, 'theme = "\\u001b[2J"\n')
    assert "\x1b" not in str(raised.value) and "'\\x1b[2J'" in str(raised.value)


def test_a_huge_or_odd_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (MAX_SETTINGS_BYTES + 10))
    with pytest.raises(SettingsError, match="the limit is 1,000,000"):
        load_settings(big)
    with pytest.raises(SettingsError, match="cannot read the settings file"):
        load_settings(tmp_path)  # a folder
    (tmp_path / "latin1.toml").write_bytes(b"# caf\xe9\n")
    with pytest.raises(SettingsError, match="not UTF-8"):
        load_settings(tmp_path / "latin1.toml")


def test_a_fifo_does_not_hang_and_dev_null_reads_as_empty(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    with pytest.raises(SettingsError, match="not a regular file"):
        load_settings(fifo)
    assert load_settings(Path(os.devnull)) == Settings()


def test_line_of_finds_headers_dotted_and_quoted_keys() -> None:
    text = 'a = 1\n[decks."my-deck"]\nnew_per_day = 2\n[decks.x]\ndecks.y = 1\n'
    assert line_of(text, ("a",)) == 1
    assert line_of(text, ("decks", "my-deck")) == 2
    assert line_of(text, ("decks", "my-deck", "new_per_day")) == 3
    assert line_of(text, ("decks", "x", "decks", "y")) == 5
    assert line_of(text, ("decks",)) == 2  # the first table under it
    assert line_of(text, ("nothing",)) is None


# -- saving the theme ---------------------------------------------------------------------------


def _saved(tmp_path: Path, text: str | bytes, name: str = "dracula") -> bytes:
    path = tmp_path / "config.toml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    save_theme(path, name)
    return path.read_bytes()


def test_saving_the_theme_changes_only_its_value(tmp_path: Path) -> None:
    after = _saved(tmp_path, FULL).decode()
    assert after == FULL.replace('theme = "nord"', 'theme = "dracula"')


def test_the_theme_line_keeps_its_comment_and_spacing(tmp_path: Path) -> None:
    text = "new_per_day = 5\n  theme   =  'nord'   # my favourite\n"
    assert _saved(tmp_path, text).decode() == (
        'new_per_day = 5\n  theme   = "dracula"   # my favourite\n'
    )


def test_a_file_without_a_theme_gets_one_line_after_the_top_level_keys(tmp_path: Path) -> None:
    text = "# settings\nnew_per_day = 5  # a few\n\n# per deck\n[decks.vae]\nnew_per_day = 2\n"
    assert _saved(tmp_path, text).decode() == (
        '# settings\nnew_per_day = 5  # a few\ntheme = "dracula"\n\n# per deck\n[decks.vae]\n'
        "new_per_day = 2\n"
    )


def test_only_the_top_level_table_gets_the_theme(tmp_path: Path) -> None:
    """A `theme` line under [decks.x] is not the setting: it stays, and the top level gets one."""
    text = "# per deck only\n[decks.vae]\ntheme = 'nord'\n"
    after = _saved(tmp_path, text).decode()
    assert after == "theme = \"dracula\"\n# per deck only\n[decks.vae]\ntheme = 'nord'\n"
    assert tomllib.loads(after)["decks"]["vae"]["theme"] == "nord"


def test_crlf_files_and_files_without_a_final_newline_stay_so(tmp_path: Path) -> None:
    assert _saved(tmp_path, b"new_per_day = 5\r\n# end\r\n") == (
        b'new_per_day = 5\r\ntheme = "dracula"\r\n# end\r\n'
    )
    assert _saved(tmp_path, b"new_per_day = 5") == b'new_per_day = 5\ntheme = "dracula"'
    assert _saved(tmp_path, b"# only a comment") == b'theme = "dracula"\n# only a comment'


def test_a_new_file_holds_just_the_theme_line(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "config.toml"
    save_theme(path, "nord")
    assert path.read_bytes() == b'theme = "nord"\n'
    assert load_settings(path, themes=THEMES).theme == "nord"


def test_a_file_that_is_not_toml_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"theme = nord  # not quoted\n")
    with pytest.raises(SettingsError, match=r"not valid TOML.*the theme was not saved"):
        save_theme(path, "dracula")
    assert path.read_bytes() == b"theme = nord  # not quoted\n"
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]  # no temp file left


def test_a_theme_line_that_cannot_be_edited_safely_leaves_the_file_as_it_was(
    tmp_path: Path,
) -> None:
    """A multi-line value that looks like a table header: every candidate edit is checked by
    parsing it, and none is written unless it parses to the old settings plus the theme."""
    text = 'theme = """\n[decks.vae]\n"""\n'
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(SettingsError, match="the theme was not saved"):
        save_theme(path, "dracula")
    assert path.read_text() == text


def test_a_symlinked_file_is_edited_in_place_and_keeps_its_mode(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "vae.toml"
    real.parent.mkdir()
    real.write_text("new_per_day = 5\n")
    real.chmod(0o640)
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    save_theme(link, "nord")
    assert link.is_symlink() and real.read_text() == 'new_per_day = 5\ntheme = "nord"\n'
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_saving_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "config.toml"
    link.symlink_to(os.devnull)
    with pytest.raises(SettingsError, match="not a regular file"):
        save_theme(link, "nord")


_COMMENT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=20)
_KEYS = ["desired_retention = 0.8", "new_per_day = 7", "theme = 'nord'", 'theme="gruvbox" # x']


@st.composite
def _settings_text(draw) -> str:
    """A settings file: top-level keys (each at most once), comments and blank lines in any
    order, maybe a deck table with its own comments, LF or CRLF lines."""
    keys = draw(st.lists(st.sampled_from(_KEYS), unique_by=lambda x: x.split("=")[0].strip()))
    other = draw(st.lists(st.one_of(_COMMENT.map("# ".__add__), st.just("")), max_size=5))
    top = draw(st.permutations(keys + other))
    deck = draw(st.lists(_COMMENT.map("#".__add__), max_size=3))
    table = ["[decks.vae]", *deck, "new_per_day = 1"] if draw(st.booleans()) else []
    return draw(st.sampled_from(["\n", "\r\n"])).join([*top, *table, ""])


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_settings_text())
def test_saving_keeps_every_other_line_byte_for_byte(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(text.encode())
    save_theme(path, "dracula")
    after = path.read_bytes().decode()
    assert tomllib.loads(after) == {**tomllib.loads(text), "theme": "dracula"}
    newline = "\r\n" if "\r\n" in text else "\n"
    assert [x for x in after.split(newline) if not x.startswith("theme")] == [
        x for x in text.split(newline) if not x.startswith("theme")
    ]
    assert sum(1 for x in after.split(newline) if x.startswith("theme")) == 1
