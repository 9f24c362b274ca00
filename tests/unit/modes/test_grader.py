"""The concept matcher: keywords and fallbacks, typos and inflections, negation, evidence, and its
properties on any text (never raises, order-free, more text never removes a tick)."""

from __future__ import annotations

import string
import subprocess
import sys

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from vae_quiz.model import Prompt
from vae_quiz.modes.grader import MAX_TOKENS, grade_answer, grade_prompt

CONCEPTS = (
    "The encoder maps the input to a mean and a variance",
    "A latent vector is sampled (the reparameterization trick)",
    "The decoder reconstructs the input from the sampled latent vector",
)
KEYWORDS = (
    (("encoder", "encode*"), ("mean and variance", "mu and sigma")),
    (("sample", "sampling", "reparameterization"),),
    (),  # falls back on the concept's own words
)


def covered(answer: str) -> list[bool]:
    return [m.covered for m in grade_answer(answer, CONCEPTS, KEYWORDS)]


def test_keywords_found_with_typos_inflections_case_and_accents() -> None:
    assert covered("The ENCODR gives the Variances and the mean.") == [True, False, False]
    assert covered("The éncoder outputs mu and sigma; z is sampled.") == [True, True, False]
    assert covered("We use the reparametrisation trick.") == [False, True, False]


def test_a_different_number_in_a_word_is_not_a_typo() -> None:
    """conv1d is not conv2d, float16 not float32, step 1 not step 2: words whose digits differ
    never match fuzzily; a typo among the letters of a word with digits still does."""
    concepts = ("uses a conv2d layer", "casts to float32", "idea7")
    keywords = ((("conv2d",),), (("float32",),), ())

    def found(answer: str) -> list[bool]:
        return [m.covered for m in grade_answer(answer, concepts, keywords)]

    assert found("a conv1d layer, cast to float16, then idea1") == [False, False, False]
    assert found("a conv2d layer, cast to float32, then idea7") == [True, True, True]
    assert found("a comv2d layer, cast to flaot32") == [True, True, False]
    # A concept's own short words with a digit count (no keywords): L1 is not L2.
    assert [
        m.covered for m in grade_answer("We add L1 regularization.", ("L2 regularization",))
    ] == [False]
    assert [
        m.covered for m in grade_answer("We add L2 regularization.", ("L2 regularization",))
    ] == [True]


def test_every_keyword_must_be_found() -> None:
    assert covered("The encoder compresses the input into a code.") == [False, False, False]
    match = grade_answer("The encoder compresses.", CONCEPTS, KEYWORDS)[0]
    assert 0 < match.score < 1


def test_a_concept_without_keywords_is_matched_on_its_own_words() -> None:
    text = "Then the decoder reconstructs the input from the latent vector."
    assert covered(text)[2]
    assert not covered("The decoder is a neural network.")[2]


def test_a_negation_near_a_match_lowers_its_score_below_the_line() -> None:
    plain = grade_answer("The model samples z.", CONCEPTS, KEYWORDS)[1]
    negated = grade_answer("The model does not sample z.", CONCEPTS, KEYWORDS)[1]
    assert plain.covered and not negated.covered
    assert negated.score < plain.score
    assert not covered("The decoder does not reconstruct the input from the latent vector.")[2]
    assert not covered("There is no sampling at all.")[1]
    # The negation belongs to another clause, or is "not only".
    assert covered("It is not deterministic: it samples z.")[1]
    assert covered("It not only samples z but also decodes it.")[1]


def test_a_negation_written_in_the_keyword_is_part_of_it() -> None:
    concepts = ("Training needs no labels",)
    keywords = ((("no labels", "unlabelled"),),)
    assert grade_answer("It needs no labels.", concepts, keywords)[0].covered
    assert not grade_answer("It needs labels.", concepts, keywords)[0].covered


def test_a_phrase_keeps_its_order_unless_joined_by_and() -> None:
    concepts = ("The client acknowledges",)
    keywords = ((("client ack",),),)
    assert grade_answer("Then the client sends an ACK.", concepts, keywords)[0].covered
    assert not grade_answer("An ACK goes to the client.", concepts, keywords)[0].covered
    assert covered("The encoder gives the variance and the mean.")[0]


def test_a_phrase_stands_within_one_sentence() -> None:
    assert not covered("The encoder outputs a mean. The variance is fixed.")[0]


def test_evidence_is_the_answer_text_that_earned_the_tick() -> None:
    answer = "First, the encoder, a small network of three layers, gives mu and sigma. We sample."
    matches = grade_answer(answer, CONCEPTS, KEYWORDS)
    first = matches[0]
    assert first.covered
    assert [answer[a:b] for a, b in first.spans] == ["encoder", "mu and sigma"]
    assert first.evidence == "encoder … mu and sigma"
    assert matches[1].evidence == "sample"
    joined = grade_answer("The encoder outputs mu and sigma.", CONCEPTS, KEYWORDS)[0]
    assert joined.evidence == "encoder outputs mu and sigma"  # words close by: one stretch
    assert matches[2].evidence is None and matches[2].spans == ()


def test_an_empty_answer_covers_nothing() -> None:
    for match in grade_answer("", CONCEPTS, KEYWORDS):
        assert (match.covered, match.score, match.evidence, match.spans) == (False, 0.0, None, ())


def test_a_prompt_is_graded_with_its_keywords() -> None:
    prompt = Prompt("p", "Explain.", CONCEPTS, keywords=KEYWORDS)
    assert [m.covered for m in grade_prompt(prompt, "mu and sigma from the encoder")] == [
        True,
        False,
        False,
    ]


def test_a_huge_answer_is_read_only_up_to_its_word_limit() -> None:
    answer = "filler " * MAX_TOKENS + "the encoder outputs mu and sigma"
    assert not grade_answer(answer, CONCEPTS, KEYWORDS)[0].covered


_words = st.sampled_from(
    ["encoder", "decoder", "mean", "variance", "mu", "sigma", "sample", "samples", "latent",
     "vector", "input", "reconstructs", "the", "a", "not", "no", "never", "only", "but", "and",
     "encodr", "vareance", "Ünïcode", "z", "x", "ε", "μ", "'", "don't", "n't", "*", "|"]
)  # fmt: skip
_punctuation = st.sampled_from([" ", " ", " ", ", ", ". ", "; ", "\n", "!", "(", ")", "-"])
_answers = st.lists(st.tuples(_words, _punctuation), max_size=60).map(
    lambda pairs: "".join(w + p for w, p in pairs)
)
_any_text = st.one_of(st.text(max_size=400), _answers)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(answer=_any_text)
@example(answer="\x00\ud800 \u0301\u200b")
def test_any_text_grades_deterministically_within_bounds(answer: str) -> None:
    first = grade_answer(answer, CONCEPTS, KEYWORDS)
    assert first == grade_answer(answer, CONCEPTS, KEYWORDS)
    for match in first:
        assert 0.0 <= match.score <= 1.0
        assert all(0 <= a < b <= len(answer) for a, b in match.spans)
        assert (match.evidence is None) == (not match.spans)


_keyword_text = st.text(alphabet=string.ascii_letters + " |*'-éμ", min_size=1, max_size=20)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    answer=_any_text,
    concepts=st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=4),
    keywords=st.lists(st.lists(st.lists(_keyword_text, min_size=1, max_size=3).map(tuple),
                               max_size=3).map(tuple), max_size=4),
)  # fmt: skip
def test_any_concepts_and_keywords_grade_without_raising(answer, concepts, keywords) -> None:
    matches = grade_answer(answer, concepts, keywords)
    assert [m.concept for m in matches] == concepts
    assert all(0.0 <= m.score <= 1.0 for m in matches)


@settings(max_examples=200)
@given(answer=_answers, order=st.permutations(range(len(CONCEPTS))))
def test_the_order_of_concepts_does_not_matter(answer: str, order: list[int]) -> None:
    straight = grade_answer(answer, CONCEPTS, KEYWORDS)
    shuffled = grade_answer(answer, [CONCEPTS[i] for i in order], [KEYWORDS[i] for i in order])
    assert [shuffled[order.index(i)] for i in range(len(CONCEPTS))] == straight


_neutral = st.lists(
    st.sampled_from(["the", "weather", "is", "fine", "today", "cats", "like", "milk", "and",
                     "we", "walked", "home", "42", "Zebra", "café", "quickly"]),
    min_size=1, max_size=20,
).map(lambda words: " ".join(words) + ".")  # fmt: skip
_sentence = st.one_of(
    _neutral,
    st.text(alphabet=string.ascii_letters + " .,;", max_size=80).filter(
        lambda t: (
            not {"no", "not", "never", "nor", "none", "nothing", "without", "neither"}
            & set(t.lower().replace(".", " ").replace(",", " ").replace(";", " ").split())
        )
    ),
)


@settings(max_examples=300)
@given(answer=_answers, sentence=_sentence)
def test_appending_a_sentence_without_negation_never_removes_a_tick(
    answer: str, sentence: str
) -> None:
    before = covered(answer)
    after = covered(f"{answer} {sentence}")
    assert all(a or not b for a, b in zip(after, before, strict=True))


def test_the_matcher_libraries_load_only_when_an_answer_is_graded() -> None:
    code = (
        "import sys\n"
        "import vae_quiz.cli, vae_quiz.cli.modes, vae_quiz.ui.app, vae_quiz.modes.grader\n"
        "import vae_quiz.ui.screens.concepts\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'simplemma', 'rapidfuzz'}))\n"
        "vae_quiz.modes.grader.grade_answer('mu and sigma', ['c'], [(('mu',),)])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'simplemma', 'rapidfuzz'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["[]", "['rapidfuzz', 'simplemma']"]
