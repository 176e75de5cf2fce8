"""Worker processes that run cases with a time limit and a memory limit.

Each worker is forked once and runs case after case; it is replaced only when it overruns the
time limit (it is killed: HANG) or dies (MEMORY when it was killed or ran out of memory,
FOREIGN for any other crash). A worker reports each statement before running it, so a hang is
reported with the call that hung.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator
from multiprocessing.connection import wait

from .checks import run_case

GiB = 1 << 30


def _worker(conn, memory: int) -> None:
    if memory:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    import warnings

    warnings.simplefilter("ignore")  # NumPy's RuntimeWarnings: only exceptions count
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the parent, which stops us
    while True:
        try:
            case = conn.recv()
        except EOFError:
            return
        if case is None:
            return
        outcome = run_case(case, lambda line: conn.send(("step", line)))
        conn.send(("done", outcome))
        if outcome[0] == "MEMORY":
            return  # a process that ran out of memory may be in a bad state: start afresh


class _Slot:
    def __init__(self, context, memory: int) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, memory), daemon=True)
        self.process.start()
        child.close()
        self.case: dict | None = None
        self.started = 0.0
        self.lines: list[str] = []

    def stop(self) -> None:
        if self.process.is_alive():
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.join()
        self.conn.close()


class Pool:
    """``Pool(workers, timeout, memory).run(cases)`` yields ``(case, outcome)`` as cases finish."""

    def __init__(self, workers: int = 2, timeout: float = 5.0, memory: int = 2 * GiB) -> None:
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.workers, self.timeout, self.memory = max(1, workers), timeout, memory
        self.slots = [_Slot(self.context, memory) for _ in range(self.workers)]
        self.restarts = 0

    def close(self) -> None:
        for slot in self.slots:
            try:
                slot.conn.send(None)
            except OSError:
                pass
            slot.process.join(timeout=1)
            slot.stop()

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _replace(self, i: int) -> None:
        self.slots[i].stop()
        self.slots[i] = _Slot(self.context, self.memory)
        self.restarts += 1

    def run(self, cases: Iterator[dict], stop: Callable[[], bool] = lambda: False) -> Iterator[tuple[dict, tuple]]:
        pending = iter(cases)
        exhausted = False
        while True:
            for slot in self.slots:
                if slot.case is None and not exhausted and not stop():
                    case = next(pending, None)
                    if case is None:
                        exhausted = True
                        break
                    slot.case, slot.started, slot.lines = case, time.monotonic(), []
                    slot.conn.send(case)
            busy = [slot for slot in self.slots if slot.case is not None]
            if not busy:
                return
            now = time.monotonic()
            soonest = min(slot.started + self.timeout for slot in busy)
            ready = wait([slot.conn for slot in busy], timeout=max(0.0, soonest - now))
            for i, slot in enumerate(self.slots):
                if slot.case is None:
                    continue
                if slot.conn in ready:
                    yield from self._receive(i, slot)
                elif time.monotonic() - slot.started > self.timeout:
                    case, lines = slot.case, slot.lines
                    self._replace(i)
                    yield case, ("HANG", f"{case['stage']}: timeout", f"over {self.timeout:g} s in: "
                                 f"{lines[-1][:200] if lines else 'start'}", lines)

    def _receive(self, i: int, slot: _Slot) -> Iterator[tuple[dict, tuple]]:
        try:
            while slot.conn.poll():
                kind, message = slot.conn.recv()
                if kind == "step":
                    slot.lines.append(message)
                    continue
                case, slot.case = slot.case, None
                if message[0] == "MEMORY":
                    self._replace(i)
                yield case, message
                return
        except (EOFError, OSError):
            case, lines = slot.case, slot.lines
            slot.process.join(timeout=5)
            code = slot.process.exitcode
            self._replace(i)
            if code in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS) or code == 1:
                kind = "MEMORY" if code in (-signal.SIGKILL, 1) else "FOREIGN"
                yield case, (kind, f"{case['stage']}: worker died ({code})", f"exit code {code} in: "
                             f"{lines[-1][:200] if lines else 'start'}", lines)
            else:
                yield case, ("FOREIGN", f"{case['stage']}: worker died ({code})", f"exit code {code}", lines)
