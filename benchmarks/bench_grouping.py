"""Precision and recall of the statement grouping on a labelled set (benchmarks/data/grouping_points.json).

    .venv/bin/python benchmarks/bench_grouping.py [--threshold T]

The set: points (one shortcoming, proposal or lesson each) worded three or four ways as different provinces
might; two statements of the same point are a "same" pair, of different points in the same language a
"different" pair (points on one topic are the hard negatives). For every threshold from 0.05 to 0.60 it
groups each language's statements (``group_statements``, exactly as the pack does) and counts, over the
pairs, how many "same" pairs land in one group (recall) and how many pairs put in one group are "same"
(precision). The threshold with the best F0.5 (precision weighs double) on the *dev* points is chosen; the
*test* points, never looked at to choose it, say how well it generalises. Django-free: nothing but
rightstrack.nlp and core.text.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rightstrack.nlp.grouping import DEFAULT_THRESHOLD, Statement, group_statements  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "grouping_points.json"


def load() -> list[dict]:
    with open(DATA, encoding="utf-8") as handle:
        return json.load(handle)["points"]


def evaluate(points: list[dict], threshold: float) -> dict[str, float]:
    """Pair counts after grouping each language's statements of ``points`` at ``threshold``."""
    tp = fp = fn = tn = 0
    for lang in sorted({p["lang"] for p in points}):
        statements = [
            Statement(text=text, source=point["id"], key=f"{point['id']}#{n}")
            for point in points
            if point["lang"] == lang
            for n, text in enumerate(point["statements"])
        ]
        group_of = {}
        for index, group in enumerate(group_statements(statements, threshold=threshold)):
            for member in group.members:
                group_of[member.key] = index
        for a, b in itertools.combinations(statements, 2):
            same = a.source == b.source
            together = group_of[a.key] == group_of[b.key]
            tp += same and together
            fn += same and not together
            fp += together and not same
            tn += not same and not together
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # F0.5: precision counts twice as much; a group that claims provinces said the same thing when they did
    # not misleads the meeting more than two wordings of one point left apart.
    f05 = 1.25 * precision * recall / (0.25 * precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "f05": f05,
        "same": tp + fn,
        "different": fp + tn,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threshold", type=float, help="report at this threshold instead of choosing one")
    args = parser.parse_args()
    points = load()
    dev = [p for p in points if p["split"] == "dev"]
    test = [p for p in points if p["split"] == "test"]
    sweep = [round(0.05 + 0.01 * step, 2) for step in range(56)]
    scores = {t: evaluate(dev, t) for t in sweep}
    best = max(sweep, key=lambda t: (round(scores[t]["f05"], 6), -t))
    chosen = args.threshold if args.threshold is not None else best
    print(f"{len(points)} points, {sum(len(p['statements']) for p in points)} statements")
    print(f"best F0.5 on dev at threshold {best} (the code's DEFAULT_THRESHOLD: {DEFAULT_THRESHOLD})")
    print()
    print(f"at threshold {chosen}:")
    print("| set | lang | same pairs | different pairs | precision | recall | F1 | F0.5 |")
    print("|---|---|---|---|---|---|---|---|")
    for name, subset in (("dev", dev), ("test", test), ("all", points)):
        for lang in ("vi", "en", "both"):
            chosen_points = [p for p in subset if lang == "both" or p["lang"] == lang]
            if not chosen_points:
                continue
            r = evaluate(chosen_points, chosen)
            print(
                f"| {name} | {lang} | {r['same']} | {r['different']} | {r['precision']:.2f} | "
                f"{r['recall']:.2f} | {r['f1']:.2f} | {r['f05']:.2f} |"
            )
    print()
    print("threshold sweep on dev (precision / recall / F1 / F0.5):")
    for t in sweep[::3]:
        r = scores[t]
        print(f"  {t:.2f}: {r['precision']:.2f} / {r['recall']:.2f} / {r['f1']:.2f} / {r['f05']:.2f}")


if __name__ == "__main__":
    main()
