"""Node equality: deep trees built apart compare in time that does not grow with each parent."""

import symdiff


def test_equal_trees_built_apart_are_compared_once_per_call():
    """Equal deep trees built apart are remembered as equal, so a parent's comparison does not walk
    them again (a 668-deep power tower took minutes to differentiate); the memory is let go after
    each public call."""
    from symdiff.core import expr as nodes

    def tower(depth):
        tree = symdiff.Symbol("y")
        for _ in range(depth):
            tree = symdiff.Pow(symdiff.Number(2), tree)
        return tree

    a, b = tower(500), tower(500)
    assert a is not b and a == b
    assert (id(a), id(b)) in nodes._EQUAL_PAIRS
    assert symdiff.Add(a, 1) == symdiff.Add(b, 1)  # the pair below is known: no walk
    symdiff.simplify("x + 1")
    assert nodes._EQUAL_PAIRS == {}
    assert tower(40) != symdiff.Pow(symdiff.Number(3), tower(39))

