"""OpenTriviaQA's format: `#Q question` (may continue over lines), `^ answer text`, `A choice`..
`G choice`; blocks separated by blank lines; CRLF and LF mixed. Answers match choices by
trimmed text."""

from __future__ import annotations

import re

from vae_quiz.interop.base import ImportResult, add_question

CHOICE_RE = re.compile(r"^([A-G]) (.*)$")


def parse(text: str, source: str, result: ImportResult | None = None) -> ImportResult:
    """The items of `text`; they go to `result` (a new one by default) as they are read."""
    result = result if result is not None else ImportResult()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if line.startswith("#Q"):
            if block:
                _question(block, source, result)
            block = [(number, line)]
        elif block:
            block.append((number, line))
        elif line.strip():
            result.skip(f"{source}:{number}", "text outside a '#Q' question")
    if block:
        _question(block, source, result)
    return result


def _question(block: list[tuple[int, str]], source: str, result: ImportResult) -> None:
    where = f"{source}:{block[0][0]}"
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
