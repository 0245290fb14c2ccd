"""Time the SOP redline on two ~20-page versions of a generated policy.

    python -m benchmarks.redline_benchmark

Both versions have 40 numbered sections and about 10,000 words. The second changes about
10% of the sentences, moves 2 sections, removes 1 and adds 1 (so most headings renumber).
Prints the best of 5 timings of ``redline()``, the size of its HTML and its summary.
"""

from __future__ import annotations

import random
import time

from civic_record.redline import redline

SECTIONS = 40
SEED = 747
RUNS = 5

SUBJECTS = [
    "Members",
    "The analyst",
    "The unit commander",
    "A supervisor",
    "The department",
    "The Fire and Police Commission",
    "The requesting officer",
    "The records custodian",
]
VERBS = ["shall", "must", "may", "shall not", "should"]
ACTIONS = [
    "document each search of the facial recognition system",
    "retain probe images only for the period set out in this procedure",
    "verify every candidate returned by the system against independent evidence",
    "report the number of searches and their outcomes to the commission",
    "obtain written approval before submitting a probe image",
    "complete the required training before requesting access",
    "destroy candidate lists that are not connected to an open investigation",
    "review the audit log for searches that lack a case number",
    "notify the city attorney of any request from an outside agency",
    "record the reason for the search and the offense under investigation",
]
QUALIFIERS = [
    "within thirty days of the request",
    "in accordance with state law and city ordinance",
    "unless an exigent circumstance is documented in writing",
    "as part of the quarterly audit",
    "before any information is shared with another agency",
    "and keep a copy in the case file",
]
TITLES = [
    "Purpose",
    "Scope",
    "Definitions",
    "Authorized Uses",
    "Prohibited Uses",
    "Approval",
    "Probe Images",
    "Candidate Lists",
    "Verification",
    "Retention",
    "Access Control",
    "Training",
    "Audits",
    "Reporting",
    "Data Sharing",
    "Vendor Obligations",
    "Complaints",
    "Discipline",
    "Public Records",
    "Review",
]
SWAPS = {"shall": "must", "must": "shall", "may": "shall", "thirty": "sixty", "written": "prior written"}

Section = tuple[str, list[list[str]]]  # title, blocks (a block is a list of sentences / items / rows)


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(ACTIONS)} {rng.choice(QUALIFIERS)}."


def _section(rng: random.Random, number: int) -> Section:
    title = f"{TITLES[number % len(TITLES)]}{'' if number < len(TITLES) else ' (continued)'}"
    blocks: list[list[str]] = [[_sentence(rng) for _ in range(4)] for _ in range(3)]
    if number % 4 == 0:
        blocks.append([f"- {rng.choice(ACTIONS).capitalize()}." for _ in range(3)])
    if number % 10 == 0:
        rows = [f"| {rng.choice(TITLES)} | {rng.randint(1, 36)} months |" for _ in range(4)]
        blocks.append(["| Record | Retention |", "|---|---|", *rows])
    return title, blocks


def _render(sections: list[Section]) -> str:
    parts = ["# SOP 747 — Facial Recognition\n\nThis procedure governs every use of facial recognition.\n"]
    for number, (title, blocks) in enumerate(sections, start=1):
        parts.append(f"## {number}. {title}\n")
        for block in blocks:
            joiner = "\n" if block[0].startswith(("- ", "|")) else " "
            parts.append(joiner.join(block) + "\n")
    return "\n".join(parts)


def _edit(rng: random.Random, sentence: str) -> str:
    words = sentence.split(" ")
    choice = rng.random()
    if choice < 0.4:
        index = rng.randrange(len(words))
        words[index] = SWAPS.get(words[index], "promptly " + words[index])
    elif choice < 0.7:
        del words[rng.randrange(1, len(words) - 1)]
    else:
        return _sentence(rng)  # reworded altogether
    return " ".join(words)


def make_versions(seed: int = SEED) -> tuple[str, str]:
    rng = random.Random(seed)
    old = [_section(rng, number) for number in range(SECTIONS)]
    new: list[Section] = []
    for title, blocks in old:
        edited = [
            [_edit(rng, line) if not line.startswith("|") and rng.random() < 0.1 else line for line in block]
            for block in blocks
        ]
        new.append((title, edited))
    moved_late = new.pop(6)
    moved_early = new.pop(20)
    new.insert(28, moved_late)
    new.insert(2, moved_early)
    del new[14]
    new.insert(33, ("Independent Oversight", [[_sentence(rng) for _ in range(4)] for _ in range(3)]))
    return _render(old), _render(new)


def main() -> None:
    old, new = make_versions()
    timings = []
    result = redline(old, new)
    for _ in range(RUNS):
        start = time.perf_counter()
        result = redline(old, new)
        timings.append(time.perf_counter() - start)
    print(f"old: {len(old.split()):,} words, new: {len(new.split()):,} words, {SECTIONS} sections each")
    print(f"redline(): best of {RUNS} {min(timings) * 1000:.1f} ms (worst {max(timings) * 1000:.1f} ms)")
    print(f"HTML: {len(result.html.encode('utf-8')):,} bytes")
    print(f"summary: {result.summary.sentence()}")


if __name__ == "__main__":
    main()
