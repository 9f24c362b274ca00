"""export-deck --to apkg: the package opens with Anki's own library and holds the right notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run
from vae_quiz.locations import bundled_deck_dir


def _open_with_anki(apkg: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    anki_collection = pytest.importorskip(
        "anki.collection", reason="the anki library cannot be installed on this machine"
    )
    from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    request = ImportAnkiPackageRequest(package_path=str(apkg),
                                       options=ImportAnkiPackageOptions())  # fmt: skip
    col.import_anki_package(request)
    return col


def test_the_vae_deck_exports_and_opens_in_anki(tmp_path: Path) -> None:
    out = tmp_path / "vae.apkg"
    result = run("export-deck", "vae", "--to", "apkg", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "12 notes" in result.stdout
    col = _open_with_anki(out, tmp_path)
    try:
        assert col.note_count() == 12
        by_type: dict[str, list] = {}
        for note_id in col.find_notes(""):
            note = col.get_note(note_id)
            by_type.setdefault(note.note_type()["name"], []).append(note)
        counts = {k: len(v) for k, v in by_type.items()}
        expected = {"vae-quiz basic": 5, "vae-quiz multiple choice": 5, "vae-quiz open prompt": 2}
        assert counts == expected
        fronts = [n["Front"] for n in by_type["vae-quiz basic"]]
        assert "What is a Variational Autoencoder (VAE)?" in fronts
        question = next(n for n in by_type["vae-quiz multiple choice"]
                        if "binary data" in n["Question"])  # fmt: skip
        assert "<li>Binary cross-entropy</li>" in question["Choices"]
        assert question["Answer"] == "Binary cross-entropy"
        prompt = by_type["vae-quiz open prompt"][0]
        assert prompt["Concepts"].count("<li>") >= 3
    finally:
        col.close()


def test_guids_are_stable_so_a_reexport_updates_the_same_notes(tmp_path: Path) -> None:
    import sqlite3
    import zipfile

    def guids(path: Path) -> set[str]:
        with zipfile.ZipFile(path) as package:
            package.extract("collection.anki2", path.parent / path.stem)
        conn = sqlite3.connect(path.parent / path.stem / "collection.anki2")
        try:
            return {row[0] for row in conn.execute("SELECT guid FROM notes")}
        finally:
            conn.close()

    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    deck = str(bundled_deck_dir() / "vae.yaml")
    assert run("export-deck", deck, "-o", str(first)).returncode == 0
    assert run("export-deck", deck, "-o", str(second)).returncode == 0
    assert guids(first) == guids(second) and len(guids(first)) == 12


def test_markup_like_text_is_escaped_not_interpreted(tmp_path: Path) -> None:
    deck = tmp_path / "m.yaml"
    deck.write_text("id: m\ntitle: M\ncards:\n  - {id: a, front: '<b>x</b> & [red]y[/red]', "
                    'back: "two\\nlines"}\n')  # fmt: skip
    out = tmp_path / "m.apkg"
    assert run("export-deck", str(deck), "-o", str(out)).returncode == 0
    col = _open_with_anki(out, tmp_path)
    try:
        (note_id,) = col.find_notes("")
        note = col.get_note(note_id)
        assert note["Front"] == "&lt;b&gt;x&lt;/b&gt; &amp; [red]y[/red]"
        assert note["Back"] == "two<br>lines"
    finally:
        col.close()


def test_a_field_separator_in_a_text_does_not_split_the_note_when_exported(tmp_path: Path) -> None:
    import sqlite3
    import zipfile

    deck = tmp_path / "sep.yaml"
    deck.write_text(
        'id: sep\ntitle: Sep\ncards:\n  - {id: a, front: "one\\x1ftwo", back: "b\\x1fc\\x1fd"}\n'
        'questions:\n  - {id: q, question: "Q\\x1f?", choices: ["x\\x1fy", "z"], answer: z}\n'
    )
    out = tmp_path / "sep.apkg"
    result = run("export-deck", str(deck), "-o", str(out))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as package:
        (tmp_path / "collection.anki2").write_bytes(package.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "collection.anki2")
    notes = [flds.split("\x1f") for (flds,) in conn.execute("SELECT flds FROM notes")]
    conn.close()
    assert sorted(len(fields) for fields in notes) == [2, 4]  # Front/Back; the question's four
    assert ["one\u241ftwo", "b\u241fc\u241fd"] in notes  # as its picture, like any control


def _fields(apkg: Path, tmp_path: Path) -> list[list[str]]:
    """Every note's fields, read from the package's collection with sqlite3."""
    import sqlite3
    import zipfile

    where = tmp_path / f"{apkg.stem}.anki2"
    with zipfile.ZipFile(apkg) as package:
        where.write_bytes(package.read("collection.anki2"))
    conn = sqlite3.connect(where)
    try:
        return [flds.split("\x1f") for (flds,) in conn.execute("SELECT flds FROM notes")]
    finally:
        conn.close()


def _listed(choices_field: str) -> list[str]:
    return choices_field.removeprefix("<ol><li>").removesuffix("</li></ol>").split("</li><li>")


def test_choices_are_shuffled_stably_unless_the_question_says_shuffle_false(
    tmp_path: Path,
) -> None:
    letters = [f"choice {c}" for c in "abcdefgh"]
    questions = "".join(
        f"  - {{id: q{n}, question: Q{n}?, choices: [{', '.join(letters)}], answer: choice a}}\n"
        for n in range(6)
    )
    deck = tmp_path / "mc.yaml"
    deck.write_text(
        "id: mc\ntitle: MC\nquestions:\n" + questions + "  - {id: kept, question: K?, "
        f"choices: [{', '.join(letters)}], answer: choice a, shuffle: false}}\n"
    )
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    for out in (first, second):
        result = run("export-deck", str(deck), "-o", str(out))
        assert result.returncode == 0, result.stderr
    notes = {fields[0]: _listed(fields[1]) for fields in _fields(first, tmp_path)}
    assert notes == {fields[0]: _listed(fields[1]) for fields in _fields(second, tmp_path)}
    assert notes["K?"] == letters  # shuffle: false keeps the author's order
    shuffled = [notes[f"Q{n}?"] for n in range(6)]
    assert all(sorted(order) == letters for order in shuffled)
    # Six 8-choice shuffles: not the author's order, and not all alike (seeded per question).
    assert letters not in shuffled
    assert len({tuple(order) for order in shuffled}) > 1


def test_the_bundled_deck_does_not_give_every_answer_away_by_its_place(tmp_path: Path) -> None:
    out = tmp_path / "vae.apkg"
    result = run("export-deck", "vae", "--to", "apkg", "-o", str(out))
    assert result.returncode == 0, result.stderr
    questions = [fields for fields in _fields(out, tmp_path) if len(fields) == 4
                 and fields[1].startswith("<ol>")]  # fmt: skip
    assert len(questions) == 5
    first_is_answer = [_listed(choices)[0] == answer for _, choices, answer, _ in questions]
    assert not all(first_is_answer)


def test_control_characters_in_deck_text_do_not_reach_the_notes(tmp_path: Path) -> None:
    deck = tmp_path / "ctl.yaml"
    deck.write_text(
        'id: ctl\ntitle: "T\\e[31m"\ncards:\n  - {id: a, front: "x\\e[2Jy", back: "ring\\a"}\n'
        'questions:\n  - {id: q, question: "Q\\e]0;t\\a", choices: ["a\\e", "b"], answer: b,'
        " shuffle: false}\n"
    )
    out = tmp_path / "ctl.apkg"
    result = run("export-deck", str(deck), "-o", str(out))
    assert result.returncode == 0, result.stderr
    notes = _fields(out, tmp_path)
    assert ["x\u241b[2Jy", "ring\u2407"] in notes
    assert ["Q\u241b]0;t\u2407", "<ol><li>a\u241b</li><li>b</li></ol>", "b", ""] in notes
    for fields in notes:
        for text in fields:
            assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in text), text


def test_the_vae_maths_deck_exports_html_and_mathjax_that_anki_opens(tmp_path: Path) -> None:
    out = tmp_path / "vae-maths.apkg"
    deck = Path(__file__).parents[3] / "decks" / "vae-maths.yaml"
    result = run("export-deck", str(deck), "--to", "apkg", "-o", str(out))
    assert result.returncode == 0, result.stderr
    col = _open_with_anki(out, tmp_path)
    try:
        notes = [col.get_note(note_id) for note_id in col.find_notes("")]
        by_type: dict[str, list] = {}
        for note in notes:
            by_type.setdefault(note.note_type()["name"], []).append(note)
        cards = {n["Front"]: n for n in by_type["vae-quiz basic"]}
        reparam = next(n for front, n in cards.items() if "reparameterization trick" in front)
        assert "<strong>reparameterization trick</strong>" in reparam["Front"]
        assert "\\(z \\sim \\mathcal{N}(\\mu, \\sigma^2 I)\\)" in reparam["Front"]
        assert "<p>\\[z = \\mu + \\sigma \\odot \\epsilon" in reparam["Back"]
        assert '<pre><code class="language-python">std = torch.exp(0.5 * logvar)' in reparam["Back"]
        decoders = next(n for front, n in cards.items() if "Bernoulli" in front)
        assert "<table>" in decoders["Back"] and "<th>decoder</th>" in decoders["Back"]
        assert not any("$" in n["Front"] + n["Back"] for n in by_type["vae-quiz basic"])
        question = next(n for n in by_type["vae-quiz multiple choice"]
                        if "gradients flow" in n["Question"])  # fmt: skip
        assert "<li><code>z = mu + torch.randn_like(mu)" in question["Choices"]
        assert question["Answer"].startswith("<code>z = mu + torch.randn_like(mu)")
        kl = next(n for n in by_type["vae-quiz multiple choice"]
                  if "one dimension" in n["Question"])  # fmt: skip
        assert (
            "<li>\\(\\frac{1}{2}(\\mu^2 + \\sigma^2 - \\log \\sigma^2 - 1)\\)</li>"
            in (kl["Choices"])
        )
        prompt = next(n for n in by_type["vae-quiz open prompt"] if "ELBO" in n["Prompt"])
        assert "\\[\\log p_\\theta(x)" in prompt["ModelAnswer"]
        assert "<li>Jensen's inequality</li>" in prompt["Concepts"]
    finally:
        col.close()


def test_a_text_deck_still_exports_its_text_literally(tmp_path: Path) -> None:
    deck = tmp_path / "lit.yaml"
    deck.write_text("id: lit\ntitle: L\ncards: [{id: c, front: '**b** $x$', back: '<i>'}]\n")
    out = tmp_path / "lit.apkg"
    assert run("export-deck", str(deck), "--to", "apkg", "-o", str(out)).returncode == 0
    col = _open_with_anki(out, tmp_path)
    try:
        (note,) = [col.get_note(note_id) for note_id in col.find_notes("")]
        assert note["Front"] == "**b** $x$" and note["Back"] == "&lt;i&gt;"
    finally:
        col.close()
