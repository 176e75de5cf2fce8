"""Walking the tree without recursion: folds, free symbols and substitution.

Every whole-tree operation in symdiff goes through an explicit stack, so no tree the parser
accepts, and no tree built in Python however deep, can raise RecursionError. Results are
remembered per node object, so work on a tree with shared subtrees (a DAG) grows with its
distinct nodes, not with the size of the tree it spells out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from operator import is_
from typing import TypeVar

from .errors import ExpressionError
from .expr import Expr, Symbol, as_expr

__all__ = ["fold", "free_symbols", "preorder", "rebuilt", "size_as_written", "substitute"]

T = TypeVar("T")
_COMBINE = object()  # on fold's stack: the node below it has all its children done


def fold(
    root: Expr,
    combine: Callable[[Expr, list[T]], T],
    memo: dict[int, tuple[Expr, T]] | None = None,
    equal: dict[Expr, T] | None = None,
) -> T:
    """Combine children's results into their parent's, bottom-up: ``combine(node, child_results)``.

    Each distinct node object is combined once, however often it is shared. Pass ``memo`` to
    keep results across calls (it maps ``id(node)`` to ``(node, result)``; holding the node
    keeps its id from being reused while the memo lives). Pass ``equal`` as well to reuse
    results across equal nodes that are different objects (trees rebuilt alike): a node equal
    to one already combined takes its result without its subtree being walked.
    """
    done: dict[int, tuple[Expr, T]] = {} if memo is None else memo
    known = done.get(id(root))
    if known is not None:
        return known[1]
    # A node with children goes back on the stack under a marker, with all its children above
    # it: each node is expanded once and combined once, when the marker comes off (by then every
    # child is done; a child pushed by two parents is done at its first pop, skipped at its second).
    stack: list = [root]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        node = pop()
        if node is _COMBINE:
            node = pop()
            result = combine(node, [done[id(child)][1] for child in node.children])
            done[id(node)] = (node, result)
            if equal is not None:
                equal[node] = result
            continue
        key = id(node)
        if key in done:
            continue
        if equal is not None:
            same = equal.get(node)
            if same is not None:
                done[key] = (node, same)
                continue
        children = node.children
        if children:
            push(node)
            push(_COMBINE)
            extend(children)
            continue
        result = combine(node, [])
        done[key] = (node, result)
        if equal is not None:
            equal[node] = result
    return done[id(root)][1]


def preorder(root: Expr) -> Iterator[tuple[Expr, int]]:
    """Every node with its distance from the root, parents before children, left to right.

    This walks the tree as written: a shared subtree is visited each time it occurs.
    """
    stack = [(root, 0)]
    while stack:
        node, level = stack.pop()
        yield node, level
        stack.extend((child, level + 1) for child in reversed(node.children))


def size_as_written(root: Expr, most: int | None = None) -> int:
    """Nodes of ``root`` as written, a shared subtree counted each time it occurs; with
    ``most``, counting stops just past it (a cheap "is it longer than").
    """
    count = 0
    stack = [root]
    while stack:
        count += 1
        if most is not None and count > most:
            break
        stack.extend(stack.pop().children)
    return count


def rebuilt(node: Expr, children: list[Expr] | tuple[Expr, ...]) -> Expr:
    """``node`` with these children: ``node`` itself when they are its own (a fold's combine
    for rewrites that change only some subtrees)."""
    if len(children) == len(node.children) and all(map(is_, children, node.children)):  # no generator frame
        return node
    return node.with_children(tuple(children))  # which says if the count is wrong


def free_symbols(root: Expr) -> frozenset[Symbol]:
    """The symbols occurring in ``root``."""
    found: set[Symbol] = set()
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if type(node) is Symbol:
            found.add(node)
        for child in node.children:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    return frozenset(found)


def substitute(root: Expr, *args: object, **names: object) -> Expr:
    """``root`` with subexpressions replaced; see ``Expr.subs`` for the accepted forms.

    Replacement is simultaneous (``subs({x: y, y: x})`` swaps) and happens where a whole
    subexpression equals a key; replacements are not searched again. Untouched subtrees are
    kept as the same objects, and the input is never changed.
    """
    mapping = _replacements(args, names)
    if not mapping:
        return root
    done: dict[int, Expr] = {}
    stack = [root]
    while stack:
        node = stack[-1]
        key = id(node)
        if key in done:
            stack.pop()
            continue
        replacement = mapping.get(node)
        if replacement is not None:
            stack.pop()
            done[key] = replacement
            continue
        waiting = [child for child in node.children if id(child) not in done]
        if waiting:
            stack.extend(waiting)
            continue
        stack.pop()
        done[key] = node.with_children(tuple(done[id(child)] for child in node.children))
    return done[id(root)]


def _replacements(args: tuple[object, ...], names: Mapping[str, object]) -> dict[Expr, Expr]:
    pairs: list[tuple[object, object]] = []
    if len(args) == 2:
        pairs.append((args[0], args[1]))
    elif len(args) == 1 and isinstance(args[0], Mapping):
        pairs.extend(args[0].items())
    elif len(args) == 1 and not isinstance(args[0], (str, Expr)):
        pairs.extend(args[0])  # type: ignore[arg-type]  # an iterable of (old, new) pairs
    elif args:
        raise ExpressionError("subs takes (old, new), a mapping {old: new}, pairs, or name=value keywords")
    pairs.extend(names.items())
    mapping: dict[Expr, Expr] = {}
    for old, new in pairs:
        old_expr = Symbol(old) if isinstance(old, str) else as_expr(old)
        mapping[old_expr] = as_expr(new)
    return mapping
