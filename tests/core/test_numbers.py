"""Numbers written out: the digits of a huge one made once, and odd roots of whole powers."""

from symdiff import Add, Number, Root, Symbol, simplify


def test_a_huge_number_printed_again_is_not_converted_again(monkeypatch):
    """A trace prints one coefficient on many lines: d^100/dx^100 of sin(c*x) with a 330-digit c
    has 33,000-digit coefficients, and explaining it took 4 s converting them to digits again
    and again (a fuzz HANG). The digits of a number are made once."""
    from symdiff.core import decimals

    getattr(decimals.number_text, "cache_clear", lambda: None)()  # remembered numbers would not be converted
    converted = []
    int_text = decimals._int_text
    monkeypatch.setattr(decimals, "_int_text", lambda n: converted.append(n) or int_text(n))
    big = Number(7**40000)
    first, second = str(big + Symbol("x")), str(Symbol("y") * big)
    digits = decimals.number_text(7**40000)
    assert digits in first and digits in second and len(digits) > 33_000
    assert len([n for n in converted if n == 7**40000]) == 1  # the whole number, once; its halves apart


def test_an_odd_root_of_a_whole_power_too_large_to_try_is_a_number():
    """root(10^999, 3) was written 1e333*cbrt(1), and simplifying that again gave 1e333: not
    idempotent (fuzz seed 2056's WRONG)."""
    once = simplify(Add(Number(1), Symbol("y"), Root(Number(10**999), 3)))
    assert once == simplify(once)
    assert "cbrt" not in str(once)
    assert str(simplify(Root(Number(7 * 10**999), 3))).endswith("*cbrt(7)")
