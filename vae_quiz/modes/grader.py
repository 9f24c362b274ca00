"""The concept matcher: which of a prompt's concepts a written answer covers, and the words that
show it.

Words are case- and accent-folded and lemmatised (simplemma, English), and matched fuzzily
(rapidfuzz's optimal string alignment distance: one typo in a word of 4 to 8 letters, two from
9; a changed digit is not a typo), so typos and inflections still count. A concept with keywords
is covered when each keyword (or one of its `|` alternatives) is found; a phrase's words must
stand close together, in any order. A concept without keywords falls back on the content words
of its own text: most of them must stand in one stretch of the answer. A negation just before or
inside a match ("does not sample") lowers its score below the line. Pure and deterministic: no
I/O, no randomness; each concept is graded alone, so their order does not matter.

simplemma and rapidfuzz cost about 60 ms to import and simplemma's English dictionary about
170 ms to load, so they are imported on the first grade, never at start-up (`warm_up` loads them
ahead, e.g. in a thread while the learner types).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import Any, NamedTuple

from vae_quiz.model import Keywords, Prompt

# An answer is graded on its first MAX_TOKENS words: enough for any essay, bounded for any input.
MAX_TOKENS = 5_000
# Longer words are taken as written (no English word is; it keeps a pasted blob cheap).
MAX_LEMMA_LENGTH = 40
# A group's score at least this: the keyword is found.
FOUND = 0.75
# A negated match keeps this share of its score (below FOUND: not covered).
NEGATED = 0.4
# The share of a concept's own content words, in one stretch, that covers it (no keywords).
FALLBACK_SHARE = 0.6
# Words looked at before and after a match for a negation ("do not make the body produce").
NEGATION_BEFORE, NEGATION_AFTER = 5, 3

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CLAUSE_END = re.compile(r"[.;:!?,()\[\]\n]")
_SENTENCE_END = re.compile(r"[.;:!?\n]")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_NEGATORS = _word_set(
    "not no never without nor neither cannot nothing none isn't aren't wasn't weren't don't "
    "doesn't didn't can't couldn't won't wouldn't shouldn't hasn't haven't hadn't"
)
# "not only X but also Y" affirms X.
_NOT_NEGATING_AFTER = frozenset({"only", "just", "merely", "simply"})
_STOPWORDS = _word_set(
    """a an the and or of to in on at by for from with as is are was were be been being it its
    this that these those which who whom what when where how why than then so such into onto
    over under about also very can could may might must should would will shall do does did
    has have had i you he she we they them their there here each every some any all both more
    most other another same own just only one's via per using use used uses way ways thing
    things"""
)


class ConceptMatch(NamedTuple):
    """One concept as graded: covered or not, a score from 0 to 1, and the answer's words that
    earned it (`spans`: character ranges into the answer; `evidence`: their text)."""

    concept: str
    covered: bool
    score: float
    evidence: str | None
    spans: tuple[tuple[int, int], ...]


class _Token(NamedTuple):
    start: int
    end: int
    forms: tuple[str, ...]  # folded surface form, then its lemma when different
    clause: int  # split by any punctuation or "but": where a negation reaches
    sentence: int  # split by . ; : ! ? and line breaks: where a phrase's words must stand


class _Hit(NamedTuple):
    """One way a keyword (or content word set) is found: score and token positions."""

    score: float
    positions: tuple[int, ...]


def _fold(text: str) -> str:
    """Casefolded, accents dropped, curly apostrophes made straight."""
    text = text.replace("’", "'").casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=1)
def _libraries() -> tuple[Any, Any, Any]:
    import simplemma
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    return simplemma, process, OSA


@functools.lru_cache(maxsize=65_536)
def _lemma(word: str) -> str:
    simplemma = _libraries()[0]
    try:
        lemma = simplemma.lemmatize(word, lang="en")
    except (ValueError, TypeError):  # simplemma refuses some odd inputs
        return word
    return _fold(lemma) if isinstance(lemma, str) and lemma else word


def warm_up() -> None:
    """Import the matcher's libraries and load the English lemmas (about 0.25 s, once)."""
    _lemma("warming")


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    clause = sentence = 0
    last_end = 0
    for match in _WORD.finditer(text):
        if len(tokens) >= MAX_TOKENS:
            break
        start = match.start()
        gap_is_space = start - last_end <= 1 and text[last_end:start] in (" ", "")
        if not gap_is_space and _CLAUSE_END.search(text, last_end, start):
            clause += 1
            if _SENTENCE_END.search(text, last_end, start):
                sentence += 1
        word = _fold(match.group())
        if word == "but":
            clause += 1
        lemma = _lemma(word) if len(word) <= MAX_LEMMA_LENGTH else word
        forms = (word,) if lemma == word else (word, lemma)
        tokens.append(_Token(start, match.end(), forms, clause, sentence))
        last_end = match.end()
    return tokens


@functools.lru_cache(maxsize=4096)
def _phrase_words(phrase: str) -> tuple[str, ...]:
    """A keyword's words: folded lemmas without stopwords (all kept when all are stopwords);
    a trailing '*' is kept and means "any word starting so"."""
    words = [_fold(w) for w in re.findall(r"[^\W_]+(?:['’][^\W_]+)*\*?", phrase)]
    content = [w for w in words if w not in _STOPWORDS] or words
    # A short word stays as written: its lemma may be another word ("isn" -> "is").
    return tuple(w if w.endswith("*") or len(w) <= 3 else _lemma(w) for w in content)


def _allowed_edits(word: str) -> int:
    if len(word) <= 3:
        return 0
    return 1 if len(word) <= 8 else 2


def _digits(word: str) -> str:
    """The digits of a word, in order ("float32" -> "32")."""
    return "".join(c for c in word if c.isdigit())


class _Index:
    """An answer's tokens with a lookup from a keyword word to where it matches and how well."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.where: dict[str, list[int]] = {}
        for position, token in enumerate(tokens):
            for form in token.forms:
                self.where.setdefault(form, []).append(position)
        self.forms = list(self.where)
        self._cache: dict[str, dict[int, float]] = {}

    def find(self, word: str) -> dict[int, float]:
        """Each token position where `word` matches, with its score (1 exact, less fuzzy)."""
        found = self._cache.get(word)
        if found is not None:
            return found
        found = {}
        if word.endswith("*"):
            stem = word[:-1]
            for form, positions in self.where.items():
                if stem and form.startswith(stem):
                    for p in positions:
                        found[p] = max(found.get(p, 0.0), 0.95)
        else:
            for p in self.where.get(word, ()):
                found[p] = 1.0
            edits = _allowed_edits(word)
            if edits:
                _, process, osa = _libraries()
                close = process.extract(
                    word, self.forms, scorer=osa.distance, score_cutoff=edits, limit=None
                )
                digits = _digits(word)
                for form, distance, _ in close:
                    if distance == 0 or len(form) < 4:
                        continue
                    # A changed number is not a typo: conv1d is not conv2d, idea1 not idea7.
                    if _digits(form) != digits:
                        continue
                    # A short word's typo must keep its first letter ("mena", not "bean").
                    if len(word) <= 5 and form[0] != word[0]:
                        continue
                    score = 1.0 - 0.1 * distance
                    for p in self.where[form]:
                        found[p] = max(found.get(p, 0.0), score)
        self._cache[word] = found
        return found

    def is_negated(self, positions: Sequence[int], own: frozenset[int] = frozenset()) -> bool:
        """Whether a negation stands in the positions' clause just before, among or just
        after them ("does not sample", "the decoder does not"; words of the keyword itself, in
        `own`, excepted)."""
        first, last = min(positions), max(positions)
        clauses = {self.tokens[first].clause, self.tokens[last].clause}
        end = min(len(self.tokens), last + NEGATION_AFTER + 1)
        for p in range(max(0, first - NEGATION_BEFORE), end):
            token = self.tokens[p]
            if p in own or token.clause not in clauses or token.forms[0] not in _NEGATORS:
                continue
            following = self.tokens[p + 1].forms[0] if p + 1 < len(self.tokens) else ""
            if token.forms[0] == "not" and following in _NOT_NEGATING_AFTER:
                continue
            return True
        return False


def _best_window(
    index: _Index,
    words: Sequence[str],
    width: int,
    need: int,
    own_negators: frozenset[str],
    one_sentence: bool,
    ordered: bool = False,
) -> _Hit | None:
    """The best stretch of at most `width` tokens (and with `one_sentence`, in one sentence)
    holding at least `need` of `words` (with `ordered`, all of them in their order): the score
    is the mean over all `words` (missing ones 0), lowered when negated."""
    found = [index.find(w) for w in words]
    starts = sorted(found[0] if ordered else {p for f in found for p in f})
    tokens = index.tokens
    best: _Hit | None = None
    for start in starts:
        sentence = tokens[start].sentence
        picked: list[tuple[int, float]] = []
        after = start - 1
        for f in found:
            inside = [
                (p, s)
                for p, s in f.items()
                if max(start, after + 1) <= p < start + width
                and (not one_sentence or tokens[p].sentence == sentence)
            ]
            # The earliest match of each word: what follows a stretch never changes it, so
            # more text can only add ticks.
            if inside:
                picked.append(min(inside))
                if ordered:
                    after = picked[-1][0]
            elif ordered:
                break
        if len(picked) < need:
            continue
        score = sum(s for _, s in picked) / len(words)
        if best is not None and score <= best.score:
            continue  # a negation would only lower it
        positions = tuple(sorted({p for p, _ in picked}))
        own = frozenset(p for p in positions if tokens[p].forms[0] in own_negators)
        if index.is_negated(positions, own):
            score *= NEGATED
        if best is None or score > best.score:
            best = _Hit(score, positions)
            if score >= 1.0:
                break  # nothing scores higher; the earliest such stretch is kept
    return best


def _keyword_hit(index: _Index, alternatives: tuple[str, ...]) -> _Hit | None:
    best: _Hit | None = None
    for alternative in alternatives:
        words, own, ordered = _phrase(alternative)
        if not words:
            continue
        # Two things joined by "and" are often written apart ("the mean ... and its variance").
        width = (2 if ordered else 3) * len(words) + 2
        hit = _best_window(index, words, width, len(words), own, True, ordered)
        if hit is not None and (best is None or hit.score > best.score):
            best = hit
            if hit.score >= 1.0:
                break
    return best


@functools.lru_cache(maxsize=4096)
def _phrase(alternative: str) -> tuple[tuple[str, ...], frozenset[str], bool]:
    """A keyword's words, the negations among them, and whether their order matters: a
    phrase's words stand in its order; those of "a and b" or "a or b" in either."""
    words = _phrase_words(alternative)
    ordered = not re.search(r"\b(and|or)\b", alternative, re.IGNORECASE)
    return words, frozenset(w for w in words if w in _NEGATORS), ordered


def _grade_keywords(index: _Index, keywords: Keywords) -> tuple[float, bool, list[int]]:
    scores: list[float] = []
    positions: list[int] = []
    for alternatives in keywords:
        hit = _keyword_hit(index, alternatives)
        scores.append(hit.score if hit else 0.0)
        if hit and hit.score >= FOUND:
            positions.extend(hit.positions)
    covered = all(s >= FOUND for s in scores)
    return sum(scores) / len(scores), covered, positions


@functools.lru_cache(maxsize=1024)
def _content_words(concept: str) -> tuple[str, ...]:
    words = _phrase_words(concept)
    # Short words carry little, except with a digit: "L2" in "L2 regularization" is the point.
    kept = (w for w in words if len(w) > 2 or any(c.isdigit() for c in w))
    return tuple(dict.fromkeys(kept))


def _grade_fallback(index: _Index, concept: str) -> tuple[float, bool, list[int]]:
    words = _content_words(concept)
    if not words:
        return 0.0, False, []
    need = max(min(2, len(words)), -(-len(words) * FALLBACK_SHARE // 1))
    hit = _best_window(index, words, max(12, 3 * len(words)), int(need), frozenset(), False)
    if hit is None:
        return 0.0, False, []
    covered = hit.score >= FALLBACK_SHARE * FOUND
    return hit.score, covered, list(hit.positions) if covered else []


def _spans(index: _Index, positions: list[int]) -> tuple[tuple[int, int], ...]:
    """Character ranges of the positions, neighbours within three words joined into one."""
    spans: list[list[int]] = []
    last = -10
    for p in sorted(set(positions)):
        token = index.tokens[p]
        if spans and p - last <= 3:
            spans[-1][1] = token.end
        else:
            spans.append([token.start, token.end])
        last = p
    return tuple((a, b) for a, b in spans)


def grade_answer(
    answer: str, concepts: Sequence[str], keywords: Sequence[Keywords] = ()
) -> list[ConceptMatch]:
    """Each concept, in the given order, as the answer covers it.

    Args:
        answer: what the learner wrote (any text; only its first MAX_TOKENS words are read).
        concepts: the concepts' texts.
        keywords: per concept its keywords (missing or empty: its own content words are used).
    """
    index = _Index(_tokens(answer))
    out: list[ConceptMatch] = []
    for n, concept in enumerate(concepts):
        own = keywords[n] if n < len(keywords) else ()
        if own:
            score, covered, positions = _grade_keywords(index, own)
        else:
            score, covered, positions = _grade_fallback(index, concept)
        spans = _spans(index, positions)
        evidence = " … ".join(answer[a:b] for a, b in spans) or None
        out.append(ConceptMatch(concept, covered, round(min(score, 1.0), 2), evidence, spans))
    return out


def grade_prompt(prompt: Prompt, answer: str) -> list[ConceptMatch]:
    """`grade_answer` for a deck's prompt."""
    return grade_answer(answer, prompt.concepts, prompt.keywords)
