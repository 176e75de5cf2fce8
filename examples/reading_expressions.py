"""How symdiff reads what a person types, and the same expressions built in Python.

    python examples/reading_expressions.py
"""

import symdiff
from symdiff import ParseError, parse, symbols
from symdiff.core.printer import tree_text

# Textbook and paper notation, and what symdiff makes of it.
for text in ["3x^2 sin x", "cos 2x", "sin x cos x", "1/2x", "-x^2", "2^3^2", "e^-x²", "√(x² + 1)",
             "sigmoid(w x + b)", "(f(x + h) - f(x))/h", "sin^2 x + cos^2 x", "ln ln x"]:
    print(f"{text:24} reads as  {parse(text)}")

print("\nThe tree of 3x^2 sin x:")
print(tree_text(parse("3x^2 sin x")))

# Building the same things in Python, as in SymPy.
x, w, b = symbols("x w b")
neuron = symdiff.sigmoid(w * x + b)
print(f"\n{neuron} == parse(...): {neuron == parse('sigmoid(w x + b)')}")
print(f"at w=2, x=0.5, b=-1: {neuron.evaluate(w=2, x=0.5, b=-1)}")
print(f"free symbols: {sorted(s.name for s in neuron.free_symbols)}")
print(f"with x -> 2x: {neuron.subs(x, 2 * x)}")

# Mistakes get a sentence and a caret, never a traceback.
for text in ["x^2 +", "sin^-1 x", "f(x, y)", "(x + 1"]:
    try:
        parse(text)
    except ParseError as error:
        print(f"\n{error}")
