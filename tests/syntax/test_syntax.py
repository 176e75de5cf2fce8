"""What each input means: one row per case, input -> the tree it must parse to."""

from fractions import Fraction

import pytest

from symdiff import (
    Add,
    Call,
    Constant,
    Div,
    Log,
    Mul,
    Neg,
    Number,
    Pow,
    Root,
    Sub,
    Symbol,
    UndefinedCall,
    parse,
)

x, y, z, w, h = (Symbol(n) for n in ("x", "y", "z", "w", "h"))
a, b, c = Symbol("a"), Symbol("b"), Symbol("c")
N = Number
PI, E = Constant("pi"), Constant("e")


def sin(u):
    return Call("sin", u)


def cos(u):
    return Call("cos", u)


CASES = [
    # numbers: exact, in every spelling
    ("3", N(3)),
    ("2.5", N(Fraction(5, 2))),
    (".5", N(Fraction(1, 2))),
    ("1e-3", N(Fraction(1, 1000))),
    ("1.5E3", N(1500)),
    ("2.", N(2)),
    ("007", N(7)),
    ("1/3 + 1/6", Add(Div(N(1), N(3)), Div(N(1), N(6)))),
    # names and constants
    ("x", x),
    ("theta", Symbol("theta")),
    ("w1", Symbol("w1")),
    ("x_1", Symbol("x_1")),
    ("xy", Symbol("xy")),
    ("θ", Symbol("θ")),
    ("sinx", Symbol("sinx")),
    ("pix", Symbol("pix")),
    ("e1", Symbol("e1")),
    ("pi", PI),
    ("π", PI),
    ("e", E),
    ("e^x", Pow(E, x)),
    # sums and products, left to right, n-ary
    ("a + b + c", Add(a, b, c)),
    ("a - b - c", Sub(Sub(a, b), c)),
    ("a + b - c", Sub(Add(a, b), c)),
    ("a - b + c", Add(Sub(a, b), c)),
    ("(a + b) + c", Add(Add(a, b), c)),
    ("a + (b + c)", Add(a, Add(b, c))),
    ("a * b * c", Mul(a, b, c)),
    ("a / b / c", Div(Div(a, b), c)),
    ("a * b / c", Div(Mul(a, b), c)),
    ("a / b * c", Mul(Div(a, b), c)),
    ("a·b×c÷w", Div(Mul(a, b, c), w)),
    ("a ⋅ b", Mul(a, b)),
    ("3x − 1", Sub(Mul(N(3), x), N(1))),
    ("3x – 1", Sub(Mul(N(3), x), N(1))),  # an en dash, as a pasted document may have it
    ("–x^2 – 1", Sub(Neg(Pow(x, N(2))), N(1))),
    # powers and signs
    ("x^2", Pow(x, N(2))),
    ("x**2", Pow(x, N(2))),
    ("2^3^2", Pow(N(2), Pow(N(3), N(2)))),
    ("x^-2", Pow(x, Neg(N(2)))),
    ("x^+2", Pow(x, N(2))),
    ("-x^2", Neg(Pow(x, N(2)))),
    ("-x*y", Mul(Neg(x), y)),
    ("x*-y", Mul(x, Neg(y))),
    ("--x", Neg(Neg(x))),
    ("+x", x),
    ("(-x)^2", Pow(Neg(x), N(2))),
    ("x²", Pow(x, N(2))),
    ("x³", Pow(x, N(3))),
    ("x¹⁰", Pow(x, N(10))),
    ("x⁻¹", Pow(x, Neg(N(1)))),
    ("(x + 1)²", Pow(Add(x, N(1)), N(2))),
    ("x^2^-1", Pow(x, Pow(N(2), Neg(N(1))))),
    ("e^-x^2", Pow(E, Neg(Pow(x, N(2))))),
    # implicit multiplication, at the level of * and /
    ("2x", Mul(N(2), x)),
    ("2 x", Mul(N(2), x)),
    ("x y", Mul(x, y)),
    ("2(x + 1)", Mul(N(2), Add(x, N(1)))),
    ("(x + 1)(x - 1)", Mul(Add(x, N(1)), Sub(x, N(1)))),
    ("x sin(x)", Mul(x, sin(x))),
    ("3x^2", Mul(N(3), Pow(x, N(2)))),
    ("x(x + 1)", Mul(x, Add(x, N(1)))),
    ("1/2x", Mul(Div(N(1), N(2)), x)),
    ("2x/3y", Mul(Div(Mul(N(2), x), N(3)), y)),
    ("2pi x", Mul(N(2), PI, x)),
    ("2e", Mul(N(2), E)),
    ("2e-3", N(Fraction(2, 1000))),
    ("2x3", Mul(N(2), Symbol("x3"))),
    ("-2x", Mul(Neg(N(2)), x)),
    # function calls
    ("sin(x)", sin(x)),
    ("sin (x)", sin(x)),
    ("arcsin(x)", Call("asin", x)),
    ("arccos x", Call("acos", x)),
    ("arctan(x)", Call("atan", x)),
    ("ln(x)", Call("ln", x)),
    ("log(x)", Call("log", x)),
    ("sqrt(x)", Call("sqrt", x)),
    ("relu(w x + b)", Call("relu", Add(Mul(w, x), b))),
    ("sigmoid(z)", Call("sigmoid", z)),
    ("softplus(z)", Call("softplus", z)),
    ("abs(x)", Call("abs", x)),
    ("sign(x)", Call("sign", x)),
    ("cbrt(x)", Call("cbrt", x)),
    ("arcsec x", Call("asec", x)),
    ("arccsc x", Call("acsc", x)),
    ("arccot x", Call("acot", x)),
    ("sech x", Call("sech", x)),
    ("arsinh x", Call("asinh", x)),
    ("arccosh x", Call("acosh", x)),
    ("artanh x", Call("atanh", x)),
    ("secx", Symbol("secx")),  # a function name is a whole word
    ("sech2", Symbol("sech2")),
    # logarithms to a base and n-th roots
    ("log(x, 2)", Log(x, N(2))),
    ("log(x, b + 1)", Log(x, Add(b, N(1)))),
    ("log2(x)", Log(x, N(2))),
    ("log10 x", Log(x, N(10))),
    ("log_2 x", Log(x, N(2))),
    ("log_2(x + 1)", Log(Add(x, N(1)), N(2))),
    ("log_10 100x", Log(Mul(N(100), x), N(10))),
    ("log_b x", Log(x, b)),
    ("log_e x", Log(x, E)),
    ("log_pi x", Log(x, PI)),
    ("log_x_1 y", Log(y, Symbol("x_1"))),
    ("log_2^2 x", Pow(Log(x, N(2)), N(2))),
    ("log_2 x log_3 y", Mul(Log(x, N(2)), Log(y, N(3)))),
    ("log2x", Symbol("log2x")),
    ("root(x, 3)", Root(x, 3)),
    ("root(x^2 + 1, 4)", Root(Add(Pow(x, N(2)), N(1)), 4)),
    ("root(x, 3)^2", Pow(Root(x, 3), N(2))),
    ("sin(x)^2", Pow(sin(x), N(2))),
    ("sin(x)(x + 1)", Mul(sin(x), Add(x, N(1)))),
    # textbook calls without parentheses
    ("sin x", sin(x)),
    ("ln x", Call("ln", x)),
    ("cos 2x", cos(Mul(N(2), x))),
    ("sin x^2", sin(Pow(x, N(2)))),
    ("sin x²", sin(Pow(x, N(2)))),
    ("sin x y", sin(Mul(x, y))),
    ("sin x cos x", Mul(sin(x), cos(x))),
    ("x sin x", Mul(x, sin(x))),
    ("2 sin x", Mul(N(2), sin(x))),
    ("sin x (x + 1)", Mul(sin(x), Add(x, N(1)))),
    ("sin x/2", Div(sin(x), N(2))),
    ("sin x + 1", Add(sin(x), N(1))),
    ("sin -x", sin(Neg(x))),
    ("-sin x", Neg(sin(x))),
    ("sin pi x", sin(Mul(PI, x))),
    ("sinπ", sin(PI)),
    ("sin sin x", sin(sin(x))),
    # a call with parentheses as the argument: "ln sin(x)" was refused with "expected the argument
    # of sin (as in sin(x) or sin x), found '('", the form it had just asked for
    ("ln sin(x)", Call("ln", sin(x))),
    ("sqrt abs(x - 1)", Call("sqrt", Call("abs", Sub(x, N(1))))),
    ("ln sin(x) + 1", Add(Call("ln", sin(x)), N(1))),
    ("ln sin(x) cos x", Mul(Call("ln", sin(x)), cos(x))),
    ("ln sin(x)^2", Call("ln", Pow(sin(x), N(2)))),  # as ln x^2 is ln(x^2)
    ("2*sin x*3", Mul(N(2), sin(x), N(3))),
    ("sin x √x", Mul(sin(x), Call("sqrt", x))),
    ("e^sin(x)", Pow(E, sin(x))),
    # a textbook call as an exponent, as e^{sin x} is written (it was refused with "expected the
    # argument of sin (as in sin(x) or sin x), found the name 'x'"): the call takes what follows
    ("e^sin x", Pow(E, sin(x))),
    ("e^ln x", Pow(E, Call("ln", x))),
    ("x^sin x", Pow(x, sin(x))),
    ("e^-sin x", Pow(E, Neg(sin(x)))),
    ("e^sin x + 1", Add(Pow(E, sin(x)), N(1))),
    ("2 e^sin x", Mul(N(2), Pow(E, sin(x)))),
    ("e^sin x cos x", Mul(Pow(E, sin(x)), cos(x))),
    ("e^sin x y", Pow(E, sin(Mul(x, Symbol("y"))))),
    ("(x + 1)^ln x", Pow(Add(x, N(1)), Call("ln", x))),
    ("sin x (x + 1)^ln x", Mul(sin(x), Pow(Add(x, N(1)), Call("ln", x)))),
    ("e^sin^2 x", Pow(E, Pow(sin(x), N(2)))),
    ("e^ln sin(x)", Pow(E, Call("ln", sin(x)))),
    ("x^sin x^2", Pow(x, sin(Pow(x, N(2))))),
    # powers of functions
    ("sin^2 x", Pow(sin(x), N(2))),
    ("sin² x", Pow(sin(x), N(2))),
    ("sin**2 x", Pow(sin(x), N(2))),
    ("cos^3(2x)", Pow(cos(Mul(N(2), x)), N(3))),
    ("sin^2 x cos x", Mul(Pow(sin(x), N(2)), cos(x))),
    # the square root sign
    ("√x", Call("sqrt", x)),
    ("√(x + 1)", Call("sqrt", Add(x, N(1)))),
    ("√x^3", Call("sqrt", Pow(x, N(3)))),
    ("2√x", Mul(N(2), Call("sqrt", x))),
    ("√√x", Call("sqrt", Call("sqrt", x))),
    # undefined functions
    ("f(x)", UndefinedCall("f", x)),
    ("g(x^2)", UndefinedCall("g", Pow(x, N(2)))),
    ("f'(x)", UndefinedCall("f", x, 1)),
    ("h''(t)", UndefinedCall("h", Symbol("t"), 2)),
    ("f (x)", UndefinedCall("f", x)),
    ("f(g(x))", UndefinedCall("f", UndefinedCall("g", x))),
    (
        "(f(x + h) - f(x))/h",
        Div(Sub(UndefinedCall("f", Add(x, h)), UndefinedCall("f", x)), h),
    ),
    ("h*(x + 1)", Mul(h, Add(x, N(1)))),
    ("f x", Mul(Symbol("f"), x)),
    ("fx(y)", Mul(Symbol("fx"), y)),
    # whitespace
    ("  x\t+\n y  ", Add(x, y)),
    ("x\u00a0y", Mul(x, y)),
    # parentheses add no nodes
    ("((((x))))", x),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text for text, _ in CASES])
def test_parses_to(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text for text, _ in CASES])
def test_printed_form_reads_back(text, expected):
    assert parse(str(expected)) == expected


PRINTED = [
    ("3x^2 sin x", "3*x^2*sin(x)"),
    ("x^-2", "x^(-2)"),
    ("-(x*y)", "-(x*y)"),
    ("--x", "-(-x)"),
    ("x*-y", "x*(-y)"),
    ("x - -y", "x - (-y)"),
    ("(a + b) + c", "(a + b) + c"),
    ("a - (b - c)", "a - (b - c)"),
    ("(x^2)^3", "(x^2)^3"),
    ("2^3^2", "2^3^2"),
    ("a/(b*c)", "a/(b*c)"),
    ("a*(b/c)", "a*(b/c)"),
    ("(a/b)/c", "a/b/c"),
    ("1.5E3", "1500"),
    ("1e-3", "0.001"),
    ("1e-12", "1e-12"),
    ("6.02e23", "6.02e23"),
    ("0.000", "0"),
    ("π", "pi"),
    ("√x", "sqrt(x)"),
    ("sin^2 x", "sin(x)^2"),
    ("f''(x)", "f''(x)"),
    ("arcsin x", "asin(x)"),
]


@pytest.mark.parametrize(("text", "printed"), PRINTED, ids=[text for text, _ in PRINTED])
def test_prints_as(text, printed):
    assert str(parse(text)) == printed


def test_to_expr_takes_text_trees_and_numbers():
    from symdiff.syntax.parser import to_expr

    assert to_expr("2x") == Mul(N(2), x)
    assert to_expr(x) is x
    assert to_expr(-3) == Neg(N(3))
