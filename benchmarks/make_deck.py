"""Write a large, valid deck for benchmarks: `python benchmarks/make_deck.py N OUT.yaml`.

A third each of cards, questions and prompts, with realistic text lengths.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

WORDS = [
    "latent",
    "encoder",
    "decoder",
    "variance",
    "mean",
    "sample",
    "gradient",
    "loss",
    "prior",
    "posterior",
    "network",
    "distribution",
    "divergence",
    "reconstruction",
    "vector",
    "space",
    "model",
    "data",
    "training",
    "bound",
]


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_deck(n_items: int, path: Path, seed: int = 1) -> Path:
    """Write a deck of `n_items` items to `path` and return the path."""
    rng = random.Random(seed)
    out = [f"id: bench-{n_items}", f"title: Benchmark deck of {n_items:,} items"]
    kinds = {"cards": [], "questions": [], "prompts": []}
    for i in range(n_items):
        kind = ("cards", "questions", "prompts")[i % 3]
        if kind == "cards":
            kinds[kind].append(
                f"  - id: c{i}\n    level: beginner\n    front: "
                f"{_yaml_text(_sentence(rng, 10) + '?')}\n    back: "
                f"{_yaml_text(_sentence(rng, 40) + '.')}"
            )
        elif kind == "questions":
            choices = [f"{_sentence(rng, 6)} {i}-{k}" for k in range(4)]
            body = "\n".join(f"      - {_yaml_text(c)}" for c in choices)
            kinds[kind].append(
                f"  - id: q{i}\n    question: {_yaml_text(_sentence(rng, 12))}\n"
                f"    choices:\n{body}\n    answer: {_yaml_text(choices[1])}\n"
                f"    explanation: {_yaml_text(_sentence(rng, 20))}"
            )
        else:
            concepts = "\n".join(
                f"      - {_yaml_text(_sentence(rng, 8) + f' {k}')}" for k in range(3)
            )
            kinds[kind].append(
                f"  - id: p{i}\n    prompt: {_yaml_text(_sentence(rng, 12))}\n"
                f"    hint: {_yaml_text(_sentence(rng, 8))}\n"
                f"    concepts:\n{concepts}"
            )
    for name, items in kinds.items():
        out.append(f"{name}:")
        out.extend(items)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python benchmarks/make_deck.py N OUT.yaml")
    written = write_deck(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {written} ({written.stat().st_size:,} bytes)")
