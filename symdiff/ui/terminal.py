"""The session's front ends: ``interactive`` (prompt_toolkit: line editing, history kept across
sessions, completion) when standard input is a terminal, and ``piped`` for scripts and tests.

Both take a session (``repl.Session``): anything with ``handle(line) -> text`` that raises
``SymdiffError`` for a bad line and ``Quit`` to leave. Every bad line prints its error and the
session goes on.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Protocol

from ..core.errors import SymdiffError

__all__ = ["Quit", "completer", "highlighter", "history_path", "interactive", "piped"]


class Session(Protocol):
    """What the front ends drive: ``repl.Session`` (named here, not imported: repl imports this module)."""

    def handle(self, line: str) -> str: ...

    def completions(self) -> list[str]: ...


class Quit(Exception):
    """The person asked to leave."""


def highlighter(stream: IO[str]) -> Callable[[str], str] | None:
    """Bold cyan rule names on a colour terminal; none when piped, with NO_COLOR, or TERM=dumb."""
    isatty = getattr(stream, "isatty", None)
    if "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb" or not (isatty and isatty()):
        return None
    return lambda name: f"\033[1;36m{name}\033[0m"


def piped(session: Session, lines: Iterable[str], write: Callable[[str], object]) -> int:
    """Run lines from a script or pipe; 2 if any line was bad, else 0."""
    status = 0
    for line in lines:
        try:
            text = session.handle(line.rstrip("\n"))
        except Quit:
            break
        except SymdiffError as error:
            write(f"error: {error}\n")
            status = 2
            continue
        if text:
            write(text + "\n")
    return status


def history_path() -> Path:
    """Where the session's history is kept: $SYMDIFF_HISTORY, else the user's data directory."""
    if os.environ.get("SYMDIFF_HISTORY"):
        return Path(os.environ["SYMDIFF_HISTORY"])
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        base = Path(os.environ["APPDATA"])
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "symdiff" / "history"


def completer(session: Session) -> object:
    """A prompt_toolkit completer for the word before the cursor: commands, functions, names."""
    from prompt_toolkit.completion import Completer, Completion

    class Words(Completer):
        def get_completions(self, document, complete_event):  # type: ignore[no-untyped-def]
            word = re.search(r"[:\w/]*$", document.text_before_cursor).group()  # type: ignore[union-attr]
            if word:
                for candidate in session.completions():
                    if candidate.startswith(word) and candidate != word:
                        yield Completion(candidate, start_position=-len(word))

    return Words()


def interactive(session: Session, input: object = None, output: object = None) -> int:  # noqa: A002
    """The prompt_toolkit session: editing, history, completion; Ctrl-C cancels, Ctrl-D leaves."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory, History, InMemoryHistory
    from prompt_toolkit.shortcuts import CompleteStyle

    history: History
    try:
        path = history_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        history = FileHistory(str(path))
    except OSError:
        history = InMemoryHistory()  # nowhere to keep it: this session still has one
    prompt = PromptSession(
        history=history, completer=completer(session), complete_style=CompleteStyle.READLINE_LIKE,
        input=input, output=output,  # type: ignore[arg-type]
    )
    print("symdiff: type an expression for its derivative with steps, :help for commands, Ctrl-D to leave.")
    while True:
        try:
            line = prompt.prompt("symdiff> ")
        except KeyboardInterrupt:
            continue  # Ctrl-C drops the line being typed
        except EOFError:
            return 0
        try:
            text = session.handle(line)
        except Quit:
            return 0
        except KeyboardInterrupt:
            print("interrupted")
            continue
        except SymdiffError as error:
            print(f"error: {error}")
            continue
        except RecursionError:  # pragma: no cover - symdiff never recurses; a last line of defence
            print("error: the expression is too deeply nested")
            continue
        if text:
            print(text)
