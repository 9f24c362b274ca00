"""OpenTriviaQA's format: `#Q question` (may continue over lines), `^ answer text`, `A choice`..
`G choice`; blocks separated by blank lines; CRLF and LF mixed. Answers match choices by
trimmed text."""

from __future__ import annotations

import re

from vae_quiz.interop.base import MAX_ITEM_LINES, ImportResult, add_question, iter_lines

CHOICE_RE = re.compile(r"^([A-G]) (.*)$")


def parse(text: str, source: str, result: ImportResult | None = None) -> ImportResult:
    """The items of `text`; they go to `result` (a new one by default) as they are read."""
    result = result if result is not None else ImportResult()
    # The question's non-blank lines (blank ones change nothing), at most MAX_ITEM_LINES.
    block: list[tuple[int, str]] = []
    over = 0  # the question's non-blank lines past MAX_ITEM_LINES, counted, not kept
    for number, line in enumerate(iter_lines(text), start=1):
        if line.startswith("#Q"):
            if block:
                _question(block, over, source, result)
            block, over = [(number, line)], 0
        elif not line.strip():
            continue
        elif not block:
            result.skip(f"{source}:{number}", "text outside a '#Q' question")
        elif len(block) < MAX_ITEM_LINES:
            block.append((number, line))
        else:
            over += 1
    if block:
        _question(block, over, source, result)
    return result


def _question(block: list[tuple[int, str]], over: int, source: str,
              result: ImportResult) -> None:  # fmt: skip
    where = f"{source}:{block[0][0]}"
    if over:
        lines = len(block) + over
        result.skip(where, f"a question of {lines:,} lines; at most {MAX_ITEM_LINES:,}")
        return
    question_lines = [block[0][1][2:].strip()]
    answer: str | None = None
    choices: list[str] = []
    for _, line in block[1:]:
        if answer is None:
            if line.startswith("^"):
                answer = line[1:].strip()
            elif line.strip():
                question_lines.append(line.strip())
            continue
        match = CHOICE_RE.match(line.rstrip())
        if match:
            choices.append(match.group(2).strip())
        elif line.strip():
            result.skip(where, f"unexpected line after the choices: '{line.strip()[:40]}'")
            return
    question = " ".join(part for part in question_lines if part)
    if not question:
        result.skip(where, "the question text is empty")
        return
    if answer is None:
        result.skip(where, "no '^' answer line")
        return
    add_question(result, where, question, choices, [answer])
