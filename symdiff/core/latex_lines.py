r"""Long displayed lines broken at the page's width.

A worked solution is an ``align*`` whose rows TeX never breaks: a row wider than the page runs
into the margin ("Overfull \hbox"). So the printers break rows themselves. They describe a row
as items: ``Chunk``\ s of LaTeX that stay whole, ``Break``\ s where a new row may start (before
a term's + or −, before a factor, as ``\cdot``, between clauses), and the ``Open`` and ``Close``
of a ``\left( … \right)`` pair, which a break closes with ``\right.`` and reopens with
``\left.`` on the next row, so every row stays balanced. ``fill`` packs items into rows, a
continuation row indented by ``\qquad`` (the display convention: the operator begins the new row).

How wide a piece of LaTeX sets is estimated from its source (``symdiff.core.latex_width``);
``expr_items`` splits an expression into parts no wider than asked, opening up only the nodes
too wide to fit, at their sums and products (and a fraction too wide, over its bar).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import SymdiffError, quote
from .expr import Add, Call, Derivative, Div, Expr, Log, Mul, Neg, Pow, Sub, UndefinedCall
from .latex import expr_latex, layout
from .latex_width import latex_width
from .traversal import size_as_written

__all__ = ["HANGING_EM", "LINE_EM", "ROOM_EM", "Break", "Chunk", "Close", "Item", "Open", "chunk", "expr_items", "fill"]

# The width a row may use, in ems of the document's 11pt type: the text block (17 cm) is 44 em,
# displays start 1 em in, and the estimate of a row's width is at most about 1 em short.
LINE_EM = 41.5
HANGING = r"\qquad"  # a continuation row's indent
HANGING_EM = 2.0
# What a part may take so that it fits a continuation row: after the indent and a "+ " or
# "\quad \cdot ".
ROOM_EM = LINE_EM - HANGING_EM - 2.2
# How many levels down an expression is opened to find places to break: the parts of a part of
# a sum, say; deeper than this a part is set whole (deep chains are abbreviated anyway).
MAX_LEVELS = 24
_BRACKET_EM = 0.8  # a bracket pair around a part broken across rows: \left. and \right)
MAX_FRACTIONS = 3  # fractions inside fractions broken across rows, at most


@dataclass(frozen=True, slots=True)
class Chunk:
    """LaTeX that stays on one row."""

    text: str
    width: float


@dataclass(frozen=True, slots=True)
class Break:
    """A place to start a new row: ``inline`` when the row goes on, else ``end`` closes the row
    and ``start`` begins the next (``+ ``, ``\\cdot ``)."""

    inline: str
    start: str = ""
    end: str = ""


@dataclass(frozen=True, slots=True)
class Open:
    text: str  # \left( or \left[ ...


@dataclass(frozen=True, slots=True)
class Close:
    text: str  # \right) or \right] ..., possibly followed by a prime or subscript


Item = Chunk | Break | Open | Close


def chunk(text: str) -> Chunk:
    return Chunk(text, latex_width(text))


# --- splitting an expression ------------------------------------------------------------------

_BREAKS = {  # a sum's or product's operators, and how a row broken there starts
    " + ": "+ ", " - ": "- ", " ": r"\cdot ", r" \cdot ": r"\cdot ",
}


def expr_items(expr: Expr, limit: float = ROOM_EM, max_nodes: int | None = None,
               names: dict[str, str] | None = None) -> list[Item]:
    r"""``expr`` as items for ``fill``: whole when its LaTeX is at most ``limit`` ems wide, else
    opened up at its sums and products (and the brackets around them) until each part fits.
    A part with no sum or product inside to break at (sin(sin(sin(x)))) is set whole.

    ``max_nodes`` and ``names`` are as for ``expr_latex``; the nodes are counted across the
    parts, so the expression is abbreviated where ``expr_latex`` would abbreviate it, with one
    ``\cdots`` for all that is left out.
    """
    if not isinstance(expr, Expr):
        raise SymdiffError(f"expr_items lays out an expression, not {quote(expr)}")
    if max_nodes is not None and (not isinstance(max_nodes, int) or isinstance(max_nodes, bool) or max_nodes < 1):
        raise SymdiffError(f"max_nodes is a whole number of nodes (at least 1) or None, not {quote(max_nodes)}")
    return _items(expr, limit, [max_nodes], names, 0)


def _items(expr: Expr, limit: float, budget: list[int | None], names: dict[str, str] | None,
           fractions: int) -> list[Item]:
    """``expr_items`` with the nodes left to show in ``budget`` (shared with the caller), and
    ``fractions``: how many fractions broken across rows this one is inside."""
    items: list[Item] = []
    elided = False  # a \cdots written for the nodes left out
    unopened = 0
    # An explicit stack of items still to place and (node, level) still to write or open up.
    stack: list[Item | tuple[Expr, int, float]] = [(expr, 0, limit)]
    while stack:
        entry = stack.pop()
        if budget[0] is not None and budget[0] <= 0:
            # All the nodes shown: one \cdots for the rest, and the brackets still open closed.
            if isinstance(entry, Open):
                unopened += 1  # not written, nor its closing bracket
            elif isinstance(entry, Close):
                if unopened:
                    unopened -= 1
                else:
                    items.append(entry)
            elif not elided:
                elided = True
                last = items[-1] if items else None
                if not (isinstance(last, Chunk) and last.text.endswith(r"\cdots")):
                    # after the operator that came next (+ \cdots), or after a space
                    items += [entry if isinstance(entry, Break) else Break(" "), Chunk(r"\cdots", 1.4)]
            continue
        if not isinstance(entry, tuple):
            items.append(entry)
            continue
        node, level, limit = entry
        text = _latex(node, names, budget[0])
        width = latex_width(text, stop=limit)
        opened = None
        if width > limit and level < MAX_LEVELS and _breakable(node):
            opened = _opened(node, names, budget, level, limit)
        elif width > limit and type(node) is Div and fractions < MAX_FRACTIONS:
            items.append(_fraction(node, limit, budget, names, fractions))
            continue
        if opened is None:
            items.append(Chunk(text, width))
            _spend(budget, node)
            elided = elided or (budget[0] is not None and budget[0] <= 0 and text.endswith(r"\cdots"))
            continue
        stack.extend(reversed(opened))
    return items


def _fraction(node: Expr, limit: float, budget: list[int | None], names: dict[str, str] | None,
              fractions: int) -> Chunk:
    """A fraction too wide for a row: its numerator and denominator each broken into rows of
    their own (an ``aligned`` block), over and under one bar."""
    if budget[0] is not None:
        budget[0] -= 1
    parts = []
    widths = []
    for child in node.children:
        rows = fill(_items(child, limit, budget, names, fractions + 1), width=limit)
        widths += [latex_width(row) for row in rows]
        parts.append(rows[0] if len(rows) == 1 else
                     "\\begin{aligned}" + " \\\\ ".join("&" + row for row in rows) + "\\end{aligned}")
    return Chunk(rf"\frac{{{parts[0]}}}{{{parts[1]}}}", max(widths) + 0.25)


def _latex(node: Expr, names: dict[str, str] | None, budget: int | None) -> str:
    return expr_latex(node, names, max_nodes=budget)


def _spend(budget: list[int | None], node: Expr) -> None:
    if budget[0] is not None:
        budget[0] -= min(size_as_written(node, budget[0]), budget[0])


# Node kinds whose first child a row could break inside (it is written outside braces: sin(...),
# -(...), (...)^2); a sum or product is itself a place to break; the rest (a fraction, a root,
# a name) are set whole.
_WRAPPERS = frozenset({Neg, Call, UndefinedCall, Log, Pow, Derivative})


def _breakable(node: Expr, most: int = 400) -> bool:
    """Whether a sum or product lies in ``node`` outside braces, within ``most`` levels:
    somewhere a row could break (sin(sin(sin(x))) has none)."""
    for _ in range(most):
        kind = type(node)
        if kind in (Add, Sub, Mul):
            return True
        if kind not in _WRAPPERS or (kind is Call and node.name in ("sqrt", "cbrt")):  # type: ignore[attr-defined]
            return False
        node = node.children[0]
    return False


def _opened(node: Expr, names: dict[str, str] | None, budget: list[int | None], level: int,
            limit: float) -> list[Item | tuple[Expr, int, float]]:
    """``node``'s pieces as items: its operators as breaks, its brackets as opens and closes,
    its children to be written or opened in turn, and what is inside braces (a fraction, an
    exponent) as one chunk. A child inside brackets gets ``limit`` less their width: a row it
    continues on holds them too."""
    out: list[Item | tuple[Expr, int, float]] = []
    brackets = 0
    group: list[str] = []  # the pieces inside braces, set as one chunk
    depth = 0
    breaks = type(node) in (Add, Sub, Mul)
    if budget[0] is not None:
        budget[0] -= 1
    for piece in layout(node):
        if depth or (isinstance(piece, str) and _opens(piece) > 0):
            if isinstance(piece, str):
                group.append(piece)
                depth += _opens(piece)
            else:
                group.append(_latex(piece, names, budget[0]))
                _spend(budget, piece)
            if not depth:
                out.append(chunk("".join(group)))
                group = []
        elif not isinstance(piece, str):
            out.append((piece, level + 1, limit - _BRACKET_EM * brackets))
        elif breaks and piece in _BREAKS:
            out.append(Break(piece, _BREAKS[piece]))
        elif piece.startswith(r"\left"):
            out.append(Open(piece))
            brackets += 1
        elif piece.startswith(r"\right"):
            out.append(Close(piece))
            brackets -= 1
        else:
            out.append(chunk(piece))
    if group:
        out.append(chunk("".join(group)))
    return out


def _opens(text: str) -> int:
    """Braces opened minus closed in ``text`` (escaped ones not counted)."""
    plain = text.replace(r"\{", "").replace(r"\}", "")
    return plain.count("{") - plain.count("}")


# --- rows -------------------------------------------------------------------------------------


def fill(items: list[Item], indent: str = "", indent_em: float = 0.0, width: float = LINE_EM) -> list[str]:
    """Rows of at most ``width`` ems (where the items allow), each starting with ``indent``;
    a row that continues the one above is indented a further ``\\qquad``.

    A break is taken when what follows, up to the next break, would not fit on the row; where
    the row has passed a better place to break, it breaks there instead: between terms rather
    than between the factors of a term, outside brackets rather than inside. Open brackets are
    closed with ``\\right.`` at the end of a row and reopened with ``\\left.``.
    """
    if not isinstance(items, list) or not all(isinstance(item, (Chunk, Break, Open, Close)) for item in items):
        raise SymdiffError(f"fill packs a list of items (Chunk, Break, Open, Close), not {quote(items)}")
    ahead = [0.0] * (len(items) + 1)  # width from each item to the next break
    for i in range(len(items) - 1, -1, -1):
        item = items[i]
        ahead[i] = 0.0 if isinstance(item, Break) else ahead[i + 1] + _item_width(item)
    rows = _Rows(indent, indent_em, width)
    for i, item in enumerate(items):
        if isinstance(item, Break):
            inline = latex_width(item.inline)
            rank = 2 * rows.opened + (1 if item.start.startswith(r"\cdot") else 0)
            if rows.content and rank < rows.split_rank:
                rows.break_here(item, rank)  # after a term run on to a row of its own, the next starts one
                continue
            while rows.content and rows.used + inline + ahead[i + 1] > width:
                if not rows.break_earlier(rank):
                    rows.break_here(item, rank)
                    break
            else:
                rows.add(item.inline, inline, (item, rank))
            continue
        if isinstance(item, Open):
            rows.opened += 1
        elif isinstance(item, Close):
            rows.opened = max(0, rows.opened - 1)
        rows.add(item.text, _item_width(item))
    return rows.done()


class _Rows:
    """The rows ``fill`` has made, and the one it is filling: its pieces, width, and the breaks
    passed on it (each with the brackets open there and how good a place it is: lower is better)."""

    def __init__(self, indent: str, indent_em: float, width: float) -> None:
        self.indent, self.indent_em, self.width = indent, indent_em, width
        self.rows: list[str] = []
        self.pieces = [indent]
        self.used = self.start_em = indent_em
        self.content = False  # more than the indent and reopened brackets
        self.opened = 0
        self.passed: list[tuple[int, int, float, Break, int]] = []  # piece index, opened, used after, break, rank
        self.split_rank = 0  # a break of a term's factors (odd rank) taken: any better break is taken too

    def add(self, text: str, width: float, passed: tuple[Break, int] | None = None) -> None:
        self.pieces.append(text)
        self.used += width
        if passed is None:
            self.content = True
        elif self.content:
            self.passed.append((len(self.pieces) - 1, self.opened, self.used, *passed))

    def _start(self, opened: int, start: str) -> None:
        # A term's factors run on a little further in than the next term starts.
        extra = r"\quad " if start.startswith(r"\cdot") else " "
        # After \left. an operator would read as a sign (+x, no space): {} before it keeps it binary.
        reopened = r"\left." * opened + ("{}" if opened and start else "")
        self.pieces = [self.indent, HANGING, extra, reopened, start]
        self.used = self.indent_em + HANGING_EM + (1.0 if extra != " " else 0.0) + 0.15 * opened + latex_width(start)
        self.start_em = self.used
        self.passed = []

    def break_here(self, item: Break, rank: int) -> None:
        self.rows.append("".join(self.pieces) + item.end + r"\right." * self.opened)
        self._start(self.opened, item.start)
        self.content = False
        self.split_rank = rank if rank % 2 else 0

    def break_earlier(self, rank: int) -> bool:
        """Break at the last better place passed on this row, if any, unless that would leave
        the row short (under 40% full); what came after it moves to the new row."""
        least = self.start_em + 0.4 * (self.width - self.start_em)
        better = [entry for entry in self.passed if entry[4] < rank and entry[2] >= least]
        if not better:
            return False
        index, opened, used_after, item, taken = better[-1]
        self.split_rank = taken if taken % 2 else 0
        tail, later = self.pieces[index + 1:], [entry for entry in self.passed if entry[0] > index]
        moved = self.used - used_after
        self.rows.append("".join(self.pieces[:index]) + item.end + r"\right." * opened)
        self._start(opened, item.start)
        shift, base = len(self.pieces) - index - 1, self.used
        self.pieces += tail
        self.used += moved
        self.passed = [(i + shift, o, u - used_after + base, b, r) for i, o, u, b, r in later]
        return True

    def done(self) -> list[str]:
        return [*self.rows, "".join(self.pieces)]


def _item_width(item: Item) -> float:
    if isinstance(item, Chunk):
        return item.width
    if isinstance(item, Break):
        return latex_width(item.inline)
    return latex_width(item.text)
