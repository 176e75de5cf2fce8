"""A fuzz campaign: make cases, run them in the pool, shrink the failures, print the summary."""

from __future__ import annotations

import itertools
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import inputs
from .checks import FAILURES, STAGES, reproducer
from .pool import GiB, Pool

CLASSES = ["ok", "SymdiffError", *FAILURES]


def make_case(rng: random.Random, stage: str) -> dict:
    """One input for ``stage``, all drawn from ``rng``."""
    case: dict = {"stage": stage, "seed": rng.getrandbits(32), "args": {}}
    args = case["args"]
    if stage in ("samples", "roc"):
        case["expr"] = ("none", None)
        n = rng.choice([0, 1, 2, 3, 4, 5, 8, 13, 40, rng.randint(0, 200)])
        if stage == "samples":
            args["y"] = inputs.wrap_array(rng, inputs.real_list(rng, n))
            roll = rng.random()
            if roll < 0.4:
                xs = inputs.real_list(rng, n)
                if rng.random() < 0.7 and all(type(v) is float for v in xs):
                    xs.sort()
                args["x"] = inputs.wrap_array(rng, xs) if rng.random() < 0.3 else xs
            elif roll < 0.7:
                args["dx"] = rng.choice([0.5, 1.0, 1e-300, 1e300, 0.0, -1.0, float("nan"), "1", 10**400, None, 2])
            args["method"] = rng.choice(["trapezoid", "trapezoid", "left", "right", "simpson", "midpoint", "foo"])
        else:
            truth = inputs.labels(rng, n)
            scores = inputs.real_list(rng, n) if rng.random() < 0.8 else [rng.randint(0, 3) for _ in range(n)]
            if rng.random() < 0.1:
                scores = scores[:-1]
            args["y_true"] = truth if rng.random() < 0.8 else inputs.wrap_array(rng, truth)
            args["scores"] = scores if rng.random() < 0.8 else inputs.wrap_array(rng, scores)
            args["y_pred"] = inputs.labels(rng, n if rng.random() < 0.9 else n + 1)
            args["call"] = rng.choice(["roc_auc", "roc_auc", "confusion"])
        return case
    if rng.random() < 0.7 or stage == "parse":
        case["expr"] = ("text", inputs.expr_text(rng, stage))
    else:
        case["expr"] = ("tree", inputs.gen_program(rng))
    if stage in ("diff", "derive", "json"):
        roll = rng.random()
        args["order"] = 1 if roll < 0.7 else rng.choice([2, 3]) if roll < 0.95 else rng.choice(
            [0, -1, 1.5, True, "2", 1000, 1001, None])
        if rng.random() < 0.1:
            args["wrt"] = rng.choice(["x", "y", "θ", "", "1x", "x y", "pi", "e", 3, None, ["x", "y"], ["x", "x"]])
        if stage == "derive":
            args["width"] = rng.choice([1000, 1000, 1, 20, None, 0, -5, 1.5])
    elif stage == "latex":
        args["standalone"] = rng.random() < 0.3
    elif stage == "lambdify":
        args["invalid"] = rng.choice(["raise", "nan", "nan", "ignore"]) if rng.random() < 0.97 else None
        if rng.random() < 0.15:
            args["vars"] = rng.choice([["x"], ["x", "y"], [], "x", ["x", "x"], [3], ["y", "x", "z", "t"]])
        if rng.random() < 0.25:
            count = rng.randint(0, 3)
            args["values"] = [inputs.wrap_array(rng, inputs.real_list(rng, rng.randint(0, 6))) for _ in range(count)]
    elif stage == "integrate":
        if rng.random() < 0.7:  # integrate needs one variable: mostly give it text in x
            case["expr"] = ("text", rng.choice([inputs.gen_text(rng, 2).replace("y", "x").replace("z", "x"),
                                                 rng.choice(inputs.SEEDS)]))
        args["a"], args["b"] = inputs.bound(rng), inputs.bound(rng)
        args["method"] = rng.choice(["left", "right", "midpoint", "trapezoid", "simpson", "Simpson", ""])
        args["n"] = inputs.intervals(rng)
        args["var"] = rng.choice([None, None, "x", "y", " x ", "1x"])
    elif stage in ("antiderivative", "exact"):
        if rng.random() < 0.8:  # integrands in x: from the grammar, the seeds, or a textbook table row
            case["expr"] = ("text", rng.choice([inputs.gen_text(rng, 2).replace("y", "x").replace("z", "x"),
                                                 rng.choice(inputs.SEEDS), rng.choice(inputs.INTEGRANDS)]))
        args["var"] = rng.choice([None, None, None, "x", "y", " x ", "1x", 3])
        if stage == "exact":
            args["a"], args["b"] = inputs.bound(rng), inputs.bound(rng)
            if rng.random() < 0.15:
                args[rng.choice(["a", "b"])] = rng.choice(["oo", "-oo", float("inf")])
    return case


@dataclass
class Campaign:
    """What a campaign found: counts per stage and class, and failures by their key."""

    counts: Counter = field(default_factory=Counter)
    failures: dict = field(default_factory=lambda: defaultdict(list))  # (cls, key) -> [(case, outcome)]
    total: int = 0
    seconds: float = 0.0
    restarts: int = 0

    def add(self, case: dict, outcome: tuple) -> None:
        self.total += 1
        self.counts[case["stage"], outcome[0]] += 1
        if outcome[0] in FAILURES:
            found = self.failures[outcome[0], outcome[1]]
            if len(found) < 20:
                found.append((case, outcome))

    def failure_count(self, cls: str | None = None) -> int:
        return sum(n for (stage, c), n in self.counts.items() if c in FAILURES and (cls is None or c == cls))

    def keys(self) -> set[tuple[str, str]]:
        return set(self.failures)

    def summary(self) -> str:
        stages = [s for s in STAGES if any(self.counts[s, c] for c in CLASSES)]
        width = max(len(c) for c in CLASSES) + 2
        lines = [f"{'stage':<10}" + "".join(f"{c:>{width}}" for c in CLASSES) + f"{'total':>{width}}"]
        for stage in stages:
            row = [self.counts[stage, c] for c in CLASSES]
            lines.append(f"{stage:<10}" + "".join(f"{n:>{width}}" for n in row) + f"{sum(row):>{width}}")
        row = [sum(self.counts[s, c] for s in STAGES) for c in CLASSES]
        lines.append(f"{'all':<10}" + "".join(f"{n:>{width}}" for n in row) + f"{sum(row):>{width}}")
        rate = self.total / self.seconds if self.seconds else 0.0
        lines.append(f"{self.total} inputs in {self.seconds:.0f} s ({rate:.0f}/s), {self.restarts} worker restarts")
        return "\n".join(lines)

    def reproducers(self, per_class: int = 5) -> str:
        out = []
        for cls in FAILURES:
            keys = sorted((key for c, key in self.failures if c == cls), key=lambda k: self._size(cls, k))
            if not keys:
                continue
            out.append(f"\n{cls}: {len(keys)} distinct ({self.failure_count(cls)} inputs)")
            for key in keys[:per_class]:
                case, outcome = min(self.failures[cls, key], key=lambda pair: _case_size(pair[0]))
                out.append(f"  [{key}] {outcome[2][:240]}")
                out.append(f"    {reproducer(case, list(outcome[3]))}")
            for key in keys[per_class:]:
                out.append(f"  (also) [{key}]")
        return "\n".join(out)

    def _size(self, cls: str, key: str) -> int:
        return min(_case_size(case) for case, _ in self.failures[cls, key])


def _case_size(case: dict) -> int:
    return len(repr(case))


def generate(rng: random.Random, stages: list[str]) -> Iterator[dict]:
    while True:
        yield make_case(rng, rng.choice(stages))


def run_campaign(*, seconds: float | None = None, count: int | None = None, seed: int = 0,
                 stages: list[str] | None = None, workers: int = 2, timeout: float = 5.0,
                 memory: int = 2 * GiB, shrink_seconds: float = 60.0, progress: bool = False) -> Campaign:
    """Run cases until ``seconds`` have passed or ``count`` cases have run, then shrink."""
    from .shrink import shrink_all

    stages = stages or STAGES
    rng = random.Random(seed)
    campaign = Campaign()
    start = time.monotonic()
    cases = generate(rng, stages)
    if count is not None:
        cases = itertools.islice(cases, count)
    deadline = start + seconds if seconds is not None else None
    last = start
    with Pool(workers, timeout, memory) as pool:
        for case, outcome in pool.run(cases, stop=lambda: deadline is not None and time.monotonic() > deadline):
            campaign.add(case, outcome)
            if progress and time.monotonic() - last > 30:
                last = time.monotonic()
                print(f"  {campaign.total} inputs, {campaign.failure_count()} failures, "
                      f"{len(campaign.failures)} distinct, {last - start:.0f} s", flush=True)
        campaign.seconds = time.monotonic() - start
        if shrink_seconds > 0:
            shrink_all(campaign, pool, shrink_seconds)
        campaign.restarts = pool.restarts
    return campaign
