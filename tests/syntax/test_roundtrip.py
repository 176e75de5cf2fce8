"""Properties over random trees of every node kind and function (hypothesis st.recursive)."""

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import function_names, written_expressions

from symdiff import Expr, parse
from symdiff.core.expr import NODE_TYPES
from symdiff.core.functions import FUNCTIONS
from symdiff.core.traversal import fold, preorder


def _rebuilt(expr: Expr) -> Expr:
    """An equal tree made entirely of new node objects."""

    def copy(node: Expr, children: list[Expr]) -> Expr:
        if not node.children:
            return type(node)(*node._args())
        # New children make a new node (with_children keeps only a node whose children are the
        # same objects); it carries over a name, an order or a root's index.
        return node.with_children(tuple(children))

    return fold(expr, copy)


@given(written_expressions)
def test_printed_text_parses_back_to_an_equal_tree(expr):
    text = str(expr)
    assert parse(text) == expr, text


@given(written_expressions)
def test_equal_trees_hash_equally(expr):
    twin = _rebuilt(expr)
    assert twin is not expr or not expr.children
    assert twin == expr and hash(twin) == hash(expr)


@given(written_expressions, written_expressions)
def test_equality_agrees_with_printed_form(left, right):
    # Printing is faithful, so two trees are equal exactly when they print the same.
    assert (left == right) == (str(left) == str(right))


@given(written_expressions)
def test_repr_and_tree_text_never_raise(expr):
    assert repr(expr).startswith(type(expr).__name__)
    assert sum(1 for _ in preorder(expr)) >= 1


def test_the_strategy_covers_every_node_kind_and_function():
    assert set(function_names.elements) == set(FUNCTIONS)
    kinds = set()

    @settings(max_examples=500)
    @given(written_expressions)
    def collect(expr):
        kinds.update(type(node) for node, _ in preorder(expr))

    collect()
    assert kinds == set(NODE_TYPES)


@given(st.lists(written_expressions, min_size=2, max_size=5))
def test_python_sums_match_parsed_sums(terms):
    total = terms[0]
    for term in terms[1:]:
        total = total + term
    assert parse(str(total)) == total
