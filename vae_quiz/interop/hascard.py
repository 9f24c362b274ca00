"""hascard's plain-text decks: cards separated by `---` lines, each headed `# title`.

Mapped: multiple choice (`- wrong` / `* right`) and multiple answer (`[*]` / `[ ]`) become
questions; a definition (free text) and an open question with `_gaps_` become recall cards (the
gaps blanked on the front, the answers on the back); a reorder card (`N. item`) becomes a card
whose back is the right order. A card with only a header has no answer and is skipped.
"""

from __future__ import annotations

import re

from vae_quiz.interop.base import (
    MAX_ITEM_LINES,
    ImportResult,
    add_question,
    iter_lines,
    stable_id,
)

GAP_RE = re.compile(r"_([^_\n]+)_")
REORDER_RE = re.compile(r"^(\d+)\.\s+(.*)$")
IMAGE_RE = re.compile(r"!\[[^\]]*\]\(([^)]+)\)")


def parse(text: str, source: str, result: ImportResult | None = None) -> ImportResult:
    """The items of `text`; they go to `result` (a new one by default) as they are read."""
    result = result if result is not None else ImportResult()
    # The card's non-blank lines (blank ones change nothing), at most MAX_ITEM_LINES of them.
    block: list[tuple[int, str]] = []
    over = 0  # the card's non-blank lines past MAX_ITEM_LINES, counted, not kept
    for number, line in enumerate(iter_lines(text), start=1):
        stripped = line.strip()
        if stripped == "---":
            _card(block, over, source, result)
            block, over = [], 0
        elif not stripped:
            continue
        elif len(block) < MAX_ITEM_LINES:
            block.append((number, line))
        else:
            over += 1
    _card(block, over, source, result)
    return result


def _card(content: list[tuple[int, str]], over: int, source: str, result: ImportResult) -> None:
    if not content:
        return
    number, head = content[0]
    where = f"{source}:{number}"
    if over:
        result.skip(where, f"a card of {len(content) + over:,} lines; at most {MAX_ITEM_LINES:,}")
        return
    if not head.startswith("#"):
        result.skip(where, "a card must start with a '# ' header line")
        return
    title = head.lstrip("#").strip()
    body = [line.rstrip() for _, line in content[1:]]
    result.media.update(name for line in body for name in IMAGE_RE.findall(line))
    if not body:
        result.skip(where, "header only: no answer to recall")
        return
    stripped = [line.strip() for line in body]
    # multiple choice (`- wrong`, `* right`), then multiple answer (`[ ]`, `[*]` or `[x]`)
    for wrong, right_marks in (("- ", ("* ",)), ("[ ]", ("[*]", "[x]"))):
        width = len(wrong)
        if all(line[:width] in (wrong, *right_marks) for line in stripped):
            choices = [line[width:].strip() for line in stripped]
            right = [line[width:].strip() for line in stripped if line[:width] in right_marks]
            if wrong == "- " and len(right) != 1:
                result.skip(where, f"multiple choice with {len(right)} right answers")
            elif not right:
                result.skip(where, "multiple answer with no right answer")
            else:
                add_question(result, where, title, choices, right)
            return
    items = [match.groups() for match in map(REORDER_RE.match, stripped) if match]
    text = "\n".join(body).strip()
    gaps = GAP_RE.findall(text)
    if len(items) == len(stripped):
        front = title + "".join(f"\n- {item}" for _, item in items)
        ordered = sorted(items, key=lambda x: int(x[0]))
        back = "\n".join(f"{pos}. {item}" for pos, item in ordered)
    elif gaps and "```" not in text:
        blanked = GAP_RE.sub("____", text)
        front = f"{title}\n{blanked}" if blanked.strip() != "____" else title
        back = "; ".join(gap.replace("|", " or ") for gap in gaps)
    else:
        front, back = title, text
    result.add("cards", {"id": stable_id("c", front, back), "front": front, "back": back})
