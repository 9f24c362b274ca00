"""The deck JSON Schema agrees with the loader: every bundled and imported deck validates, and
every invalid test deck is rejected by both, where a schema can express the rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from tests.conftest import DATA, SHARED
from tests.helpers import run
from tests.unit.decks.test_loader_rules import CASES
from vae_quiz.decks.catalog import deck_files
from vae_quiz.decks.schema import deck_schema
from vae_quiz.interop.run import ImportOptions, run_import
from vae_quiz.locations import bundled_deck_dir

VALIDATOR = Draft202012Validator(deck_schema())
BAD = sorted((DATA / "bad").glob("*.yaml"))
# What `vae-quiz check` says of each bad deck: (line, text), from the loader's own rule table.
CHECK_SAYS = {f"{name}.yaml": (line, text) for name, line, text in CASES}

# Rules only the loader can check: relations between fields, or YAML-level facts.
NOT_EXPRESSIBLE = {
    "answer_not_choice.yaml": "the answer must be one of the choices",
    "multi_answer_not_choice.yaml": "each answer must be one of the choices",
    "duplicate_id.yaml": "item ids unique within a deck",
    "duplicate_key.yaml": "a YAML mapping key given twice (parsers keep the last)",
    "alias_bomb.yaml": "YAML aliases (not loaded here: that is the point)",
}
# Files that give a schema no data to judge: not YAML, not UTF-8, or tags a safe loader refuses.
NOT_DATA = ["custom_tag.yaml", "latin1.yaml", "nul_byte.yaml", "python_tag.yaml",
            "syntax_error.yaml", "tab_indent.yaml"]  # fmt: skip
BEYOND_SCHEMA = [path for path in BAD if path.name in NOT_EXPRESSIBLE or path.name in NOT_DATA]


def test_the_schema_is_valid_draft_2020_12_and_printed_by_the_cli() -> None:
    Draft202012Validator.check_schema(deck_schema())
    result = run("schema")
    assert result.returncode == 0 and json.loads(result.stdout) == deck_schema()


@pytest.mark.parametrize("path", deck_files(bundled_deck_dir()) + deck_files(DATA / "good"),
                         ids=lambda p: p.name)  # fmt: skip
def test_good_decks_validate(path: Path) -> None:
    errors = list(VALIDATOR.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert not errors, [e.message for e in errors]


@pytest.mark.parametrize("path", [p for p in BAD if p not in BEYOND_SCHEMA], ids=lambda p: p.name)
def test_bad_decks_are_rejected_by_the_schema_when_it_can_say_so(path: Path) -> None:
    data = yaml.safe_load(path.read_bytes())
    assert list(VALIDATOR.iter_errors(data)), f"{path.name} passed the schema"


@pytest.mark.parametrize("name", NOT_DATA)
def test_safe_yaml_refuses_the_files_that_give_the_schema_no_data(name: str) -> None:
    with pytest.raises((yaml.YAMLError, ValueError)):
        yaml.safe_load((DATA / "bad" / name).read_bytes())


@pytest.fixture(scope="module")
def check_output() -> list[str]:
    """What `vae-quiz check` prints for every bad deck the schema cannot judge."""
    result = run("check", *map(str, BEYOND_SCHEMA))
    assert result.returncode == 1
    return result.stdout.splitlines()


def test_the_decks_beyond_the_schema_are_all_there() -> None:
    assert len(BEYOND_SCHEMA) == len(NOT_EXPRESSIBLE) + len(NOT_DATA)


@pytest.mark.parametrize("path", BEYOND_SCHEMA, ids=lambda p: p.name)
def test_bad_decks_beyond_the_schema_are_rejected_by_check(
    path: Path, check_output: list[str]
) -> None:
    line, text = CHECK_SAYS[path.name]
    assert any(ln.startswith(f"{path}:{line}: ") and text in ln for ln in check_output), (
        check_output
    )


CORPUS = SHARED / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")
@pytest.mark.parametrize(("name", "fmt", "encoding"), [
    ("mcq/opentriviaqa/brain-teasers", "opentriviaqa", None),
    ("mcq/opentriviaqa/general", "opentriviaqa", "utf-8+cp1252"),
    ("anki-csv/ultimate-geography/main.csv", "anki-csv", None),
    ("anki-csv/open-anki-jlpt/n5.csv", "anki-csv", None),
    ("hascard/example.txt", "hascard", None),
    ("hascard/light.txt", "hascard", None),
], ids=lambda v: str(v))  # fmt: skip
def test_imported_decks_validate(tmp_path: Path, name: str, fmt: str, encoding: str | None):
    report = run_import(ImportOptions(source=CORPUS / name, fmt=fmt, encoding=encoding,
                                      out=tmp_path / "d.yaml"), tmp_path)  # fmt: skip
    data = yaml.safe_load(report.out.read_text(encoding="utf-8"))
    errors = list(VALIDATOR.iter_errors(data))
    assert not errors, [e.message for e in errors[:3]]
