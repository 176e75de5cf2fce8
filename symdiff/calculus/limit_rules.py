"""The limit laws and methods by name, with the law each applies: the table a trace cites.

The engine (``limit_engine``) records each application as a ``Step`` whose ``rule`` is a key
of ``LIMIT_RULES``. The laws combine the limits of the parts (``limit_forms``); the methods
resolve an indeterminate form by rewriting (``limit_methods``) and are tried in the order a
textbook teaches them: ``FORM_METHODS`` lists them for each form.
"""

from __future__ import annotations

from .rules import Rule

__all__ = ["FORM_METHODS", "LIMIT_RULES", "NO_VALUE_RULES"]


def _table(*rows: tuple[str, str, str]) -> dict[str, Rule]:
    return {row[0]: Rule(*row) for row in rows}


LIMIT_RULES: dict[str, Rule] = _table(
    # the limit of an expression from the limits of its parts
    ("constant", "Limit of a constant", "lim c = c"),
    ("variable", "Limit of the variable", "lim x = a"),
    ("direct_substitution", "Direct substitution", "lim f(x) = f(a) when f is continuous at a"),
    ("sum", "Sum law", "lim (u + v) = lim u + lim v"),
    ("product", "Product law", "lim (u*v) = lim u * lim v"),
    ("quotient", "Quotient law", "lim (u/v) = lim u / lim v when lim v != 0"),
    ("power", "Power law", "lim u^v = (lim u)^(lim v) when it is defined"),
    ("zero_power", "Power 0", "u^0 = 1, 1^v = 1"),
    ("zero_base", "Zero base", "0^v = 0 for v > 0"),
    ("composition", "Composition law", "lim f(u) = f(lim u) when f is continuous at lim u"),
    ("change_of_base", "Change of base", "log_b(u) = ln(u)/ln(b)"),
    ("infinite_sum", "Sum with an infinite term", "oo + c = oo, oo + oo = oo"),
    ("infinite_product", "Product with an infinite factor", "c*oo = oo (c > 0), oo*oo = oo"),
    ("zero_product", "Product with a factor that is 0", "u = 0 near the point, so u*v = 0 there"),
    ("infinite_quotient", "Infinite over finite", "oo/c = oo (c > 0)"),
    ("reciprocal_of_infinity", "Finite over infinite", "c/oo = 0"),
    ("one_sided_sign", "Non-zero over zero", "lim u/v = oo when u -> c > 0 and v -> 0 through positive values"),
    ("power_of_infinity", "Power of an infinite limit", "oo^n = oo (n > 0), oo^n = 0 (n < 0)"),
    ("power_of_zero", "Power of a vanishing base", "(0+)^v = 0 (v > 0), (0+)^v = oo (v < 0)"),
    ("exponential_at_infinity", "Exponential of an infinite limit", "a^oo = oo (a > 1), a^oo = 0 (0 < a < 1)"),
    ("function_at_infinity", "The function at infinity", "lim_{u->oo} e^u = oo, lim_{u->-oo} e^u = 0, "
                                                         "lim_{u->oo} atan(u) = pi/2, lim_{u->oo} ln(u) = oo"),
    ("edge", "At the edge of the domain", "lim_{u->0+} sqrt(u) = 0, lim_{u->0+} ln(u) = -oo"),
    ("pole", "At a pole", "lim_{u->pi/2-} tan(u) = oo, lim_{u->0+} cot(u) = oo"),
    ("jump", "At a jump", "lim_{u->0+} sign(u) = 1, lim_{u->0-} sign(u) = -1"),
    ("squeeze", "Squeeze theorem", "-M*|u| <= u*v <= M*|u| when |v| <= M; M*|u| -> 0, so u*v -> 0"),
    ("oscillation", "Oscillation", "sin(u) and cos(u) take every value in [-1, 1] as u -> oo: no limit"),
    ("bounded_sum", "Bounded", "a bounded part plus a limit is bounded"),
    ("bounded_product", "Bounded", "a bounded part times a limit is bounded"),
    ("bounded_function", "Bounded", "f(u) is bounded when f is, or when u is and f is monotone"),
    ("bounded_power", "Bounded", "a^u is bounded when u is"),
    ("unbounded_oscillation", "Unbounded oscillation", "u*v with u -> oo and v oscillating through 0: no limit"),
    ("no_limit_sum", "No limit", "if u + v had a limit, so would u = (u + v) - v"),
    ("no_limit_product", "No limit", "if u*v had a limit, so would u = (u*v)/v (lim v != 0)"),
    ("undefined_part", "Not defined near the point", "a part has no value near the point"),
    ("outside_domain", "Not defined near the point", "the argument leaves the function's domain"),
    ("negative_base", "Not defined near the point", "u^v needs u > 0 when v varies"),
    ("zero_denominator", "Not defined near the point", "u/0 has no value"),
    ("two_sided", "Both one-sided limits", "lim f = L exactly when lim_{x->a-} f = L and lim_{x->a+} f = L"),
    ("indeterminate", "Indeterminate form", "the limits of the parts do not decide the limit"),
    ("simplify_first", "Simplify first", "f(x) = g(x) by algebra, so lim f = lim g"),
    # the methods for the indeterminate forms, in the order a textbook teaches them
    ("sign_analysis", "One-sided sign analysis",
     "sqrt(u^2) = |u|; |u| = u for u > 0, |u| = -u for u < 0; sign(u) = +-1"),
    ("factor_cancel", "Factor and cancel", "f(x) = g(x) for x != a, so lim f = lim g"),
    ("conjugate", "Multiply by the conjugate", "(A - B)*(A + B) = A^2 - B^2"),
    ("cube_conjugate", "Multiply by the cube conjugate", "A - B = (A^3 - B^3)/(A^2 + A*B + B^2)"),
    ("together", "Combine the fractions", "a/b - c/d = (a*d - b*c)/(b*d)"),
    ("log_combine", "Combine the logarithms", "ln(a) - ln(b) = ln(a/b), ln(a) + ln(b) = ln(a*b)"),
    ("standard_limits", "Standard limits", "lim_{u->0} sin(u)/u = 1"),
    ("highest_power", "Divide by the highest power", "(a*x^n + ...)/(b*x^m + ...): divide both by x^m"),
    ("dominance", "Dominant terms", "exponentials beat powers beat logarithms: lim x^p/e^(k*x) = 0, "
                                    "lim ln(x)^q/x^p = 0 (k, p > 0)"),
    ("e_limit", "Standard limit for e", "lim (1 + w)^v = e^(lim v*w) when w -> 0 and v -> oo"),
    ("log_rewrite", "Rewrite with ln", "u^v = e^(v*ln(u))"),
    ("product_to_quotient", "Write the product as a quotient", "u*v = u/(1/v)"),
    ("exponential_form", "Write with exponentials",
     "sigmoid(u) = 1/(1 + e^(-u)), tanh(u) = (e^(2u) - 1)/(e^(2u) + 1), softplus(u) = ln(1 + e^u), "
     "sinh(u) = (e^u - e^(-u))/2, cosh(u) = (e^u + e^(-u))/2, coth(u) = (e^(2u) + 1)/(e^(2u) - 1), "
     "sech(u) = 2/(e^u + e^(-u)), csch(u) = 2/(e^u - e^(-u))"),
    ("lhopital", "L'Hôpital's rule", "lim u/v = lim u'/v' for 0/0 and oo/oo, when the right side exists"),
)

# Steps whose expression has no limit: the trace records why rather than a value.
NO_VALUE_RULES = frozenset({
    "oscillation", "bounded_sum", "bounded_product", "bounded_function", "bounded_power",
    "unbounded_oscillation", "no_limit_sum", "no_limit_product", "undefined_part", "outside_domain",
    "negative_base", "zero_denominator",
})

# The methods tried for each indeterminate form, in order.
FORM_METHODS: dict[str, tuple[str, ...]] = {
    "0/0": ("sign_analysis", "factor_cancel", "conjugate", "standard_limits", "lhopital"),
    "oo/oo": ("highest_power", "dominance", "factor_cancel", "exponential_form", "lhopital"),
    "0*oo": ("sign_analysis", "standard_limits", "factor_cancel", "conjugate", "dominance", "product_to_quotient",
             "exponential_form"),
    "oo-oo": ("log_combine", "together", "conjugate", "cube_conjugate", "highest_power", "dominance", "factor_cancel",
              "exponential_form"),
    "1^oo": ("e_limit", "log_rewrite"),
    "0^0": ("log_rewrite",),
    "oo^0": ("log_rewrite",),
}

FORM_FORMULAS: dict[str, str] = {
    "0/0": "lim u = 0 and lim v = 0: u/v is 0/0",
    "oo/oo": "lim u = +-oo and lim v = +-oo: u/v is oo/oo",
    "0*oo": "lim u = 0 and lim v = +-oo: u*v is 0*oo",
    "oo-oo": "lim u = oo and lim v = oo: u - v is oo - oo",
    "1^oo": "lim u = 1 and lim v = +-oo: u^v is 1^oo",
    "0^0": "lim u = 0 and lim v = 0: u^v is 0^0",
    "oo^0": "lim u = oo and lim v = 0: u^v is oo^0",
}
