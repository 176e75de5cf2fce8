"""Adding normal forms (Simplifier.add) merges like terms with shortcuts: parts that share no
monomial are joined as they are, and Fraction coefficients are summed over a common
denominator. Both must give what adding term by term gives: the same terms, in the same order
(a term whose sum reaches 0 goes, and comes back last), with whole numbers as ints."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from symdiff.algebra.exact import whole
from symdiff.algebra.simplify import Simplifier
from symdiff.core.expr import Symbol

MONOMIALS = [(), *(((Symbol(name), 1),) for name in "xyzw"), ((Symbol("x"), 2), (Symbol("y"), -1))]
coefficients = st.one_of(
    st.integers(-4, 4).filter(bool),
    st.builds(lambda n, d: whole(Fraction(n, d)), st.integers(-30, 30).filter(bool),
              st.sampled_from([2, 3, 4, 7, 100])),
)
parts = st.lists(st.dictionaries(st.sampled_from(MONOMIALS), coefficients, max_size=4), min_size=2, max_size=8)


def _term_by_term(parts):
    parts = sorted(parts, key=len, reverse=True)
    total = dict(parts[0])
    for part in parts[1:]:
        for monomial, coefficient in part.items():
            if monomial in total:
                value = total[monomial] + coefficient
                if value:
                    total[monomial] = whole(value)
                else:
                    del total[monomial]
            else:
                total[monomial] = coefficient
    return total


@given(parts)
def test_adding_normal_forms_is_adding_term_by_term(parts):
    ours, expected = Simplifier().add(parts), _term_by_term(parts)
    assert list(ours.items()) == list(expected.items())
    assert [type(value) for value in ours.values()] == [type(value) for value in expected.values()]
