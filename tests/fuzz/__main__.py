"""``python -m tests.fuzz --seconds 600 [--seed N] [--stage NAME]`` from the repository root."""

from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before NumPy loads: one thread per worker

from .campaign import run_campaign
from .checks import STAGES
from .pool import GiB


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to generate inputs (default 60)")
    parser.add_argument("--count", type=int, help="stop after this many inputs instead")
    parser.add_argument("--seed", type=int, default=0, help="the random seed (default 0)")
    parser.add_argument("--stage", action="append", choices=STAGES, help="only this stage (repeatable)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="worker processes")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds per input (default 5)")
    parser.add_argument("--memory", type=float, default=2.0, help="GiB of address space per worker (default 2)")
    parser.add_argument("--shrink", type=float, default=60.0, help="seconds to spend shrinking failures")
    options = parser.parse_args(argv)
    campaign = run_campaign(
        seconds=None if options.count else options.seconds, count=options.count, seed=options.seed,
        stages=options.stage, workers=options.workers, timeout=options.timeout,
        memory=int(options.memory * GiB), shrink_seconds=options.shrink, progress=True,
    )
    print(campaign.summary())
    print(campaign.reproducers())
    return 1 if campaign.failure_count() else 0


if __name__ == "__main__":
    sys.exit(main())
