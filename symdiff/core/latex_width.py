r"""How wide a piece of LaTeX sets, estimated from its source.

The printers break long displayed lines themselves (``latex_lines``), so they need to know how
wide a row will be before TeX sets it. This reads the source once and adds up widths in ems
of the document's type (11pt Computer Modern): letters, digits and operators with their
spacing, ``\text`` at text widths, a fraction as its wider part, sub- and superscripts smaller,
an ``aligned`` block or a matrix as its widest row. Checked against pdflatex's own
measurements of worked solutions (tests/core/test_latex_lines.py): at most about an em short,
usually a few per cent generous.
"""

from __future__ import annotations

import re

from .errors import SymdiffError, quote

__all__ = ["latex_width"]

_TOKEN = re.compile(r"\\[a-zA-Z]+\*?|\\.|[^\\]", re.DOTALL)
# Widths in em of Computer Modern at the type's size (a little generous).
_SPACES = {r"\,": 0.17, r"\:": 0.22, r"\;": 0.28, r"\ ": 0.33, r"\!": -0.17, r"\quad": 1.0, r"\qquad": 2.0}
_SYMBOLS = {
    r"\cdot": 1.0, r"\times": 1.0, r"\pm": 1.0, r"\cdots": 1.4, r"\ldots": 1.4, r"\dots": 1.4,
    r"\partial": 0.6, r"\nabla": 0.9, r"\infty": 1.0, r"\int": 0.7, r"\to": 1.4, r"\le": 1.3, r"\ge": 1.3,
    r"\prime": 0.3, r"\backslash": 0.5, r"\sim": 1.3, r"\surd": 0.9, r"\{": 0.5, r"\}": 0.5, r"\|": 0.5,
    r"\%": 0.85, r"\&": 0.8, r"\#": 0.85, r"\_": 0.5, r"\^": 0.5, r"\hline": 0.0, r"\right.": 0.15,
    r"\left.": 0.15,
}  # fmt: skip
_CHARS = {"+": 1.25, "-": 1.25, "=": 1.35, "<": 1.4, ">": 1.4, ",": 0.45, ";": 0.45, ":": 0.6, "'": 0.35,
          "(": 0.42, ")": 0.42, "[": 0.32, "]": 0.32, "|": 0.3, "/": 0.55, "&": 0.0, "~": 0.33, "!": 0.35,
          ".": 0.3, "?": 0.5, "*": 0.55}  # fmt: skip
# Commands whose argument is set as upright text (\mathit and \operatorname about as wide).
_TEXT = frozenset({r"\text", r"\textbf", r"\textit", r"\mathrm", r"\mathit", r"\operatorname", r"\mathbf"})
# Environments set as rows (in a fraction, a box, a matrix), with what they add: brackets, and
# the space between columns (a little generous).
_ROWS = {"aligned": (0.0, 0.0), "gathered": (0.0, 0.0), "matrix": (0.0, 0.95), "bmatrix": (1.2, 0.95),
         "pmatrix": (1.2, 0.95)}
_ACCENTS = frozenset({r"\dot", r"\ddot", r"\dddot", r"\ddddot", r"\bar", r"\hat", r"\tilde", r"\vec",
                      r"\overline", r"\mathbf"})  # fmt: skip


def latex_width(latex: str, stop: float | None = None) -> float:
    """About how wide ``latex`` sets in display math, in ems (a little more, rarely less).

    Fractions count as their wider part, sub- and superscripts at 70% (50% a level further),
    ``\\text`` at text widths; it walks the source once with an explicit stack, so it is linear
    and takes any depth of nesting. With ``stop``, it may return early with a width past it:
    enough to tell that a piece is too wide.
    """
    # Each open group: [width so far, scale, what closes it]. A \frac's numerator waits for its
    # denominator ("num" then "den"); a script's group is scaled down when it closes.
    if not isinstance(latex, str):
        raise SymdiffError(f"latex_width measures LaTeX source (a string), not {quote(latex)}")
    # A fraction inside a fraction is set smaller (text style, then script style): the fifth entry.
    stack: list[list] = [[0.0, 1.0, "top", 0.0, False]]
    pending: list[str] = []  # what the next group or single token is: "script", "num", "text", ...
    tokens = _TOKEN.findall(latex)
    i = 0
    while i < len(tokens):
        if stop is not None and stack[0][0] > stop:
            return stack[0][0]
        token = tokens[i]
        i += 1
        frame = stack[-1]
        scale = frame[1]
        role = pending.pop() if pending else ""
        if token == "{":
            inner = scale * (0.7 if scale > 0.6 else 0.8) if role == "script" else scale
            if role in ("num", "den") and frame[4]:
                inner *= 0.7
            if role == "text":
                # Upright text up to the matching brace: its characters, at text widths.
                depth, j, count = 1, i, 0.0
                bold = i >= 2 and tokens[i - 2] in (r"\textbf", r"\mathbf")
                while j < len(tokens) and depth:
                    depth += {"{": 1, "}": -1}.get(tokens[j], 0)
                    if depth:
                        count += _text_char(tokens[j])
                    j += 1
                frame[0] += count * (1.13 if bold else 1.0) * scale
                i = j
                continue
            if role == "skip":  # \begin{...}, \end{...}, \hspace's length read below
                depth = 1
                while i < len(tokens) and depth:
                    depth += {"{": 1, "}": -1}.get(tokens[i], 0)
                    i += 1
                continue
            stack.append([0.0, inner, role or "group", 0.0, frame[4] or role in ("num", "den")])
            continue
        if token == "}":
            if len(stack) == 1:
                continue  # unbalanced: ignore rather than fail
            width, _, kind, _, _ = stack.pop()
            parent = stack[-1]
            if kind == "num":
                pending.append("den")
                parent[3] = width  # remembered on the parent until the denominator closes
                continue
            if kind == "den":
                width = max(width, parent[3]) + 0.25
            elif kind == "sqrt":
                width += 0.9
            parent[0] += width
            continue
        if role == "script" and token not in ("{",):
            # A single-token script, x^2: a small character.
            frame[0] += _token_width(token) * scale * 0.7
            continue
        if token in ("^", "_"):
            pending.append("script")
            continue
        if token == r"\frac" or token == r"\tfrac" or token == r"\dfrac":
            pending.append("num")
            continue
        if token in _TEXT:
            pending.append("text")
            continue
        if token in (r"\begin", r"\end"):
            match = re.match(r"\{([a-z*]+)\}", "".join(tokens[i:i + 20]))
            name = match.group(1) if match else ""
            i += len(name) + 2 if match else 0
            if name in _ROWS and token == r"\begin":
                # rows of their own: the block is as wide as its widest row
                brackets, gap = _ROWS[name]
                stack.append([0.0, scale, "rows", 0.0, frame[4], gap])
                frame[0] += brackets * scale
            elif name in _ROWS and frame[2] == "rows":
                stack.pop()
                stack[-1][0] += max(frame[0], frame[3])
            continue
        if token == "\\\\" and frame[2] == "rows":
            frame[3] = max(frame[3], frame[0])
            frame[0] = 0.0
            continue
        if token == "&" and frame[2] == "rows":
            frame[0] += frame[5] * scale  # a matrix's gap between columns (none in aligned)
            continue
        if token == r"\hspace":
            match = re.match(r"\{([\d.]+)em\}", "".join(tokens[i:i + 12]))
            if match:
                frame[0] += float(match.group(1)) * scale
            pending.append("skip")
            continue
        if token == r"\sqrt":
            if i < len(tokens) and tokens[i] == "[":  # \sqrt[3]{...}: the index is small
                while i < len(tokens) and tokens[i] != "]":
                    i += 1
                i += 1
                frame[0] += 0.4 * scale
            pending.append("sqrt")
            continue
        if token in (r"\left", r"\right", r"\bigl", r"\bigr", r"\Bigl", r"\Bigr"):
            if i < len(tokens):
                delimiter = tokens[i]
                i += 1
                frame[0] += (0.15 if delimiter == "." else 0.6) * scale
            continue
        if token in _ACCENTS or token == r"\boxed":
            frame[0] += (0.8 if token == r"\boxed" else 0.0) * scale
            continue  # the accent's group follows and is counted as it is
        frame[0] += _token_width(token) * scale
    while len(stack) > 1:  # unbalanced source: count what was open
        width = stack.pop()[0]
        stack[-1][0] += width
    return stack[0][0]


def _text_char(token: str) -> float:
    """Em of one character (or escape) of upright text."""
    if token == " ":
        return 0.33
    if token in ("$", "{", "}"):
        return 0.0
    if len(token) > 1:  # \_, \%, \ldots, ...
        return 0.6
    if token.isupper() or token in "mw":
        return 0.75
    return 0.46


def _token_width(token: str) -> float:
    if token in _SPACES:
        return _SPACES[token]
    if token in _SYMBOLS:
        return _SYMBOLS[token]
    if token.startswith("\\"):
        name = token[1:]
        # \sin, \ln, \arctan: upright letters and a thin space; a Greek letter: one letter.
        return 0.6 if len(name) <= 1 or name in _GREEK else 0.45 * len(name) + 0.34
    if token in _CHARS:
        return _CHARS[token]
    if token.isspace():
        return 0.0
    if token.isdigit():
        return 0.5
    if token in "mwMW":
        return 0.88
    return 0.75 if token.isupper() else 0.53


_GREEK = frozenset(
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho sigma "
    "tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega".split()
)
