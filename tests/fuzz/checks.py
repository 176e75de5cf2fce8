"""The stages: each runs symdiff's public functions on one case and checks what they give.

``run_case(case, progress)`` returns an outcome ``(cls, key, detail, lines)``: the class
(``ok``, ``SymdiffError``, ``WRONG``, ``FOREIGN``, ``MEMORY``), a key that tells distinct
defects apart (the property, or the exception type and the symdiff line that raised it), a
message, and the statements run so far, which with ``prelude(case)`` make the reproducer.
Each statement is passed to ``progress`` before it runs, so a hang is located too.
"""

from __future__ import annotations

import json
import math
import operator
import random
import re
import traceback
from fractions import Fraction
from typing import Any

import symdiff
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
    SymdiffError,
    UndefinedCall,
    number,
    parse,
)
from symdiff.calculus.trace import ANSWER_CHARS
from symdiff.calculus.trace_json import WIDTH, json_document
from symdiff.core.traversal import preorder
from symdiff.syntax.bounds import MAX_INPUT_LENGTH

from . import oracle

STAGES = ["parse", "roundtrip", "diff", "derive", "latex", "json", "simplify", "lambdify", "integrate",
          "samples", "roc", "antiderivative", "exact"]
FAILURES = ["WRONG", "HANG", "FOREIGN", "MEMORY"]
MAX_TEXT = MAX_INPUT_LENGTH  # longer printed text is not read back
TREE = "(symdiff.parse(E) if isinstance(E, str) else E)"  # the tree, in a reproducer's check


def beyond_limits(text: str, error: SymdiffError) -> bool:
    """Printed text that parse refuses for one of the README's input limits (length, nesting,
    digits, exponent), which the README allows for trees and answers built beyond them."""
    return len(text) > MAX_TEXT or bool(re.search(r"digits|deep|nest|characters|power of ten", str(error)))


class Wrong(Exception):
    """A property does not hold: ``key`` names it, the message shows the values."""

    def __init__(self, key: str, message: str, *check: str) -> None:
        super().__init__(message)
        self.key = key
        self.check = check  # statements that show the violation, appended to the reproducer


# --- trees from postfix programs ----------------------------------------------------------------

_PY_OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv, "**": operator.pow}


def build(program: list) -> Any:
    """Run a postfix program (``inputs.gen_program``) with symdiff's public constructors."""
    stack: list = []
    for op in program:
        kind = op[0]
        if kind == "sym":
            stack.append(Symbol(op[1]))
        elif kind == "num":
            stack.append(Number(op[1]))
        elif kind == "const":
            stack.append(Constant(op[1]))
        elif kind == "pynum":
            stack.append(number(op[1]))
        elif kind in ("add", "mul"):
            args = stack[len(stack) - op[1]:]
            del stack[len(stack) - op[1]:]
            stack.append((Add if kind == "add" else Mul)(*args))
        elif kind in ("sub", "div", "pow", "op"):
            b = stack.pop()
            a = stack.pop()
            node = {"sub": Sub, "div": Div, "pow": Pow}.get(kind)
            stack.append(node(a, b) if node else _PY_OPS[op[1]](a, b))
        elif kind == "neg":
            stack.append(Neg(stack.pop()))
        elif kind == "call":
            stack.append(Call(op[1], stack.pop()))
        elif kind == "ucall":
            stack.append(UndefinedCall(op[1], stack.pop(), op[2]))
        elif kind == "log":
            stack.append(Log(stack.pop(), op[1]))
        elif kind == "root":
            stack.append(Root(stack.pop(), op[1]))
        elif kind == "rop":
            a = stack.pop()
            stack.append(_PY_OPS[op[1]](a, op[2]) if op[3] else _PY_OPS[op[1]](op[2], a))
        elif kind == "dup":
            stack.append(stack[-1])
        elif kind == "subs":
            stack.append(stack.pop().subs(op[1], parse(op[2])))
    return stack[-1]


def program_source(program: list) -> str | None:
    """The program as one nested Python expression, or None when that would be too deep or long."""
    if any(op[0] == "dup" for op in program):
        return None  # a shared subtree written twice would be two objects: build() keeps it shared
    stack: list[str] = []
    depth: list[int] = []
    names = {"sub": "Sub", "div": "Div", "pow": "Pow"}
    for op in program:
        kind = op[0]
        if kind in ("sym", "num", "const", "pynum"):
            ctor = {"sym": "Symbol", "num": "Number", "const": "Constant", "pynum": "number"}[kind]
            stack.append(f"{ctor}({pysrc(op[1])})")
            depth.append(1)
            continue
        arity = {"add": op[1] if kind == "add" else 0, "mul": op[1] if kind == "mul" else 0}.get(kind) or (
            2 if kind in ("sub", "div", "pow", "op") else 0 if kind == "dup" else 1)
        args, levels = stack[len(stack) - arity:], depth[len(depth) - arity:]
        del stack[len(stack) - arity:], depth[len(depth) - arity:]
        if kind in ("add", "mul"):
            text = f"{kind.capitalize()}({', '.join(args)})"
        elif kind in names:
            text = f"{names[kind]}({args[0]}, {args[1]})"
        elif kind == "op":
            text = f"({args[0]} {op[1]} {args[1]})"
        elif kind == "neg":
            text = f"Neg({args[0]})"
        elif kind == "call":
            text = f"Call({op[1]!r}, {args[0]})"
        elif kind == "ucall":
            text = f"UndefinedCall({op[1]!r}, {args[0]}, {op[2]})"
        elif kind in ("log", "root"):
            text = f"{kind.capitalize()}({args[0]}, {op[1]!r})"
        elif kind == "rop":
            text = f"({args[0]} {op[1]} {pysrc(op[2])})" if op[3] else f"({pysrc(op[2])} {op[1]} {args[0]})"
        else:  # subs
            text = f"{args[0]}.subs({op[1]!r}, parse({op[2]!r}))"
        stack.append(text)
        depth.append(1 + max(levels, default=0))
        if depth[-1] > 60 or len(text) > 3000:
            return None
    return stack[-1]


# --- reproducers --------------------------------------------------------------------------------

def pysrc(value: Any) -> str:
    """Python source that makes ``value`` again (floats nan and inf, NumPy specs, fractions)."""
    if isinstance(value, float):
        return f"float({str(value)!r})" if not math.isfinite(value) else repr(value)
    if isinstance(value, str):
        return compact_str(value)
    if isinstance(value, Fraction):
        return f"Fraction({value.numerator}, {value.denominator})"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**30:
        digits = len(str(abs(value))) - 1
        if abs(value) == 10**digits:
            return f"{'-' if value < 0 else ''}10**{digits}"
    if isinstance(value, tuple) and value and value[0] == "np":
        return np_src(value)
    if isinstance(value, list):
        return "[" + ", ".join(pysrc(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(pysrc(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{pysrc(k)}: {pysrc(v)}" for k, v in value.items()) + "}"
    return repr(value)


def np_src(spec: tuple) -> str:
    if spec[1] in ("float32", "int64", "datetime64") and not isinstance(spec[2], list):
        return f"np.{spec[1]}({pysrc(spec[2])})"
    return f"np.array({pysrc(spec[2])}, dtype={spec[1]!r})"


class BadInput(Exception):
    """The case's data cannot even be made (NumPy refuses the array): nothing of symdiff's ran."""


def materialise(value: Any) -> Any:
    try:
        return _materialise(value)
    except Exception as error:
        raise BadInput(str(error)) from None


def _materialise(value: Any) -> Any:
    """Turn the ("np", dtype, values) specs of a case into NumPy values."""
    import numpy as np

    if isinstance(value, tuple) and value and value[0] == "np":
        if value[1] in ("float32", "int64", "datetime64") and not isinstance(value[2], list):
            return getattr(np, value[1])(value[2])
        return np.array(value[2], dtype=value[1])
    if isinstance(value, list):
        return [_materialise(v) for v in value]
    return value


def compact_str(text: str) -> str:
    """``repr(text)`` with long runs written as repetitions: '(' * 2001 + 'x' + ')' * 2001."""
    parts: list[str] = []
    literal = ""
    i = 0
    while i < len(text):
        best = None
        for width in range(1, 9):
            unit = text[i:i + width]
            if len(unit) < width:
                break
            count = 1
            while text.startswith(unit, i + count * width):
                count += 1
            if count * width >= 24 and count >= 4 and (best is None or count * width > best[0] * best[1]):
                best = (count, width, unit)
        if best:
            if literal:
                parts.append(repr(literal))
                literal = ""
            parts.append(f"{best[2]!r} * {best[0]}")
            i += best[0] * best[1]
        else:
            literal += text[i]
            i += 1
    if literal or not parts:
        parts.append(repr(literal))
    return " + ".join(parts) if len(parts) == 1 else "(" + " + ".join(parts) + ")"


def prelude(case: dict) -> list[str]:
    """The statements before a stage's own: imports, and E, the expression as the user gives it."""
    lines = ["import symdiff, json", "from symdiff import *", "from fractions import Fraction", "import numpy as np"]
    kind, payload = case["expr"]
    if kind == "text":
        lines.append(f"E = {compact_str(payload)}")
    elif kind == "tree":
        source = program_source(payload)
        lines.append(f"E = {source}" if source else f"from tests.fuzz import build; E = build({pysrc(payload)})")
    return lines


def reproducer(case: dict, lines: list[str]) -> str:
    return "; ".join(prelude(case) + lines)


# --- running a case ------------------------------------------------------------------------------

class Context:
    def __init__(self, case: dict, progress) -> None:
        self.case = case
        self.rng = random.Random(case["seed"])
        self.lines: list[str] = []
        self.progress = progress
        self.args = case.get("args", {})

    def step(self, line: str) -> None:
        self.lines.append(line)
        if self.progress is not None:
            self.progress(line)

    def source(self) -> Any:
        """E as the stages pass it to symdiff: the text itself, or the tree built in Python."""
        kind, payload = self.case["expr"]
        if kind == "text":
            return payload
        self.step("E")  # building the tree is a call of the public constructors too
        return build(payload)

    def tree(self) -> Any:
        source = self.source()
        if isinstance(source, str):
            self.step("T = symdiff.parse(E)")
            return parse(source)
        self.step("T = E")
        return source

    def points(self, names: list[str], count: int) -> list[dict[str, float]]:
        out = []
        for _ in range(count):
            point = {}
            for name in names:
                roll = self.rng.random()
                if roll < 0.6:
                    point[name] = round(self.rng.uniform(-3, 3), 3)
                elif roll < 0.8:
                    point[name] = self.rng.choice([0.5, 1.5, 2.0, -0.5, -1.5, 0.25, 3.0, -2.0])
                else:
                    point[name] = self.rng.uniform(-0.9, 0.9)
            out.append(point)
        return out


def run_case(case: dict, progress=None) -> tuple[str, str, str, list[str]]:
    ctx = Context(case, progress)
    try:
        STAGE_FUNCTIONS[case["stage"]](ctx)
    except BadInput:
        return ("ok", "bad input", "", ctx.lines)
    except Wrong as wrong:
        return ("WRONG", f"{case['stage']}: {wrong.key}", str(wrong)[:500], ctx.lines + list(wrong.check))
    except SymdiffError as error:
        return ("SymdiffError", type(error).__name__, str(error)[:200], ctx.lines)
    except MemoryError:
        return ("MEMORY", "MemoryError", "MemoryError", ctx.lines)
    except TypeError as error:
        if _operand_refused(error, case):
            return ("SymdiffError", "operator refused", str(error)[:200], ctx.lines)
        return _foreign(error, ctx)
    except BaseException as error:
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        return _foreign(error, ctx)
    return ("ok", "", "", ctx.lines)


def _operand_refused(error: TypeError, case: dict) -> bool:
    """Python's own TypeError when neither operand takes the other (x + None): not from symdiff."""
    frames = traceback.extract_tb(error.__traceback__)
    return str(error).startswith("unsupported operand type") and not any("/symdiff/" in f.filename for f in frames[-1:])


def _foreign(error: BaseException, ctx: Context) -> tuple[str, str, str, list[str]]:
    frames = traceback.extract_tb(error.__traceback__)
    inside = [f for f in frames if "/symdiff/" in f.filename.replace("\\", "/")]
    where = ""
    if inside:
        frame = inside[-1]
        where = f" at {frame.filename.rsplit('/symdiff/', 1)[-1]}:{frame.lineno}"
    name = f"{type(error).__module__}.{type(error).__name__}".replace("builtins.", "")
    return ("FOREIGN", f"{ctx.case['stage']}: {name}{where}", f"{name}: {str(error)[:300]}", ctx.lines)


# --- the stages -----------------------------------------------------------------------------------

def stage_parse(ctx: Context) -> None:
    source = ctx.source()
    if not isinstance(source, str):
        ctx.step("s = str(E)")
        source = str(source)
    ctx.step("e = symdiff.parse(E)" if ctx.case["expr"][0] == "text" else "e = symdiff.parse(s)")
    e = parse(source)
    ctx.step("hash(e), e == e, repr(e)[:0], e.free_symbols")
    hash(e)
    _ = e == e, repr(e), e.free_symbols


def stage_roundtrip(ctx: Context) -> None:
    e = ctx.tree()
    ctx.step("s = str(T)")
    text = str(e)
    ctx.step("back = symdiff.parse(s)")
    try:
        back = parse(text)
    except SymdiffError as error:
        if beyond_limits(text, error):
            return  # the printed text is beyond the input limits: the README allows this
        raise Wrong("str(T) does not parse", f"str(T) = {text[:200]!r}: {error}",
                    "print(s)  # parse raises " + type(error).__name__) from None
    if back != e:
        raise Wrong("parse(str(T)) != T", f"{text[:200]!r} reads back as {str(back)[:200]!r}",
                    "print(back == T, repr(back), repr(T))  # False")
    ctx.step("r = repr(T)")
    shown = repr(e)
    if len(shown) < 3000 and shown.count("(") < 80:
        namespace = {name: getattr(symdiff, name) for name in symdiff.__all__}
        namespace["Fraction"] = Fraction
        if eval(shown, namespace) != e:
            raise Wrong("eval(repr(T)) != T", shown[:200], "print(eval(r) == T)  # False")


def _wrt(ctx: Context, e: Any) -> Any:
    choice = ctx.args.get("wrt", "auto")
    if choice == "auto":
        names = sorted(s.name for s in e.free_symbols) if hasattr(e, "free_symbols") else []
        return ctx.rng.choice(names) if names else "x"
    return choice


def stage_diff(ctx: Context) -> None:
    source = ctx.source()
    tree = parse(source) if isinstance(source, str) else source
    wrt = _wrt(ctx, tree)
    order = ctx.args.get("order", 1)
    variables = wrt if isinstance(wrt, list) else [wrt]
    ctx.step(f"d = symdiff.diff(E, {', '.join(pysrc(v) for v in variables)}, order={pysrc(order)})")
    d = symdiff.diff(source, *variables, order=order)
    if order != 1 or len(variables) != 1 or not isinstance(variables[0], str):
        return
    name = variables[0]
    names = sorted({s.name for s in tree.free_symbols} | {name})
    for point in ctx.points(names, 2):
        _check_derivative(tree, d, point, name)


def _check_derivative(tree: Any, d: Any, point: dict[str, float], name: str) -> None:
    try:
        as_float = tree.evaluate(point)
        d.evaluate(point)
    except SymdiffError:
        return
    try:
        # At a pole that a float lands on exactly (tan(pi*x) at x = -1.5) floats give 5e15 and
        # 60 digits 1e121: neither the function nor its derivative has a value there to compare.
        if not oracle.close(as_float, oracle.mp_value(tree, point)[0], rel=1e-6):
            return
        expected = oracle.numeric_derivative(tree, point, name)
        got, biggest = oracle.precise_value(d, point)
        # The scale of the function's own values too: a derivative that is exactly 0 (of
        # 0.16*theta/theta) meets a numeric one of 1e-72, rounding in values of about 0.16.
        biggest = max(biggest, oracle.mp_value(tree, point)[1])
    except (oracle.Undefined, ZeroDivisionError, ValueError, OverflowError):
        return
    if abs(expected) > 1e250 or biggest > 1e250:
        return
    if not oracle.close(got, expected, biggest, rel=1e-7):
        raise Wrong("derivative value", f"at {point}: diff gives {float(got)!r}, the numeric derivative is "
                    f"{float(expected)!r}", f"print(d.evaluate({pysrc(point)}))  # numeric derivative: "
                    f"{float(expected)!r}")


def stage_derive(ctx: Context) -> None:
    source = ctx.source()
    tree = parse(source) if isinstance(source, str) else source
    wrt = _wrt(ctx, tree)
    order = ctx.args.get("order", 1)
    ctx.step(f"D = symdiff.derive(E, {pysrc(wrt)}, order={pysrc(order)})")
    derivation = symdiff.derive(source, wrt, order=order)
    width = ctx.args.get("width", 1000)
    ctx.step(f"D.explain(), D.explain({pysrc(width)}, brief=True), str(D), repr(D), list(D)")
    derivation.explain()
    derivation.explain(width, brief=True)
    _ = str(derivation), repr(derivation), list(derivation)
    ctx.step(f"d = symdiff.diff(E, {pysrc(wrt)}, order={pysrc(order)})")
    d = symdiff.diff(source, wrt, order=order)
    if d != derivation.result:
        raise Wrong("diff != derive(...).result", f"diff: {str(d)[:200]}; derive: {str(derivation.result)[:200]}",
                    "print(d == D.result, d, D.result)  # False")


_FORBIDDEN_TEX = re.compile(r"\\(input|include|write|openin|openout|immediate|catcode|csname|def|let|read)(?![a-zA-Z])")


def _check_latex(tex: str, what: str) -> None:
    bad = _FORBIDDEN_TEX.search(tex)
    if bad:
        raise Wrong("LaTeX primitive in output", f"{what} contains {bad.group(0)}", f"print({what})")
    depth = 0
    for piece in re.sub(r"\\[{}\\]", "", tex):
        depth += {"{": 1, "}": -1}.get(piece, 0)
        if depth < 0:
            break
    if depth != 0:
        raise Wrong("unbalanced braces in LaTeX", f"{what}: {tex[:200]!r}", f"print({what})")


def stage_latex(ctx: Context) -> None:
    e = ctx.tree()
    ctx.step("L = T.to_latex()")
    _check_latex(e.to_latex(), "L")
    standalone = bool(ctx.args.get("standalone", False))
    source = ctx.case["expr"][1] if ctx.case["expr"][0] == "text" else e
    ctx.step(f"DL = symdiff.derive(E).to_latex(standalone={standalone})")
    _check_latex(symdiff.derive(source).to_latex(standalone=standalone), "DL")


def stage_json(ctx: Context) -> None:
    source = ctx.source()
    tree = parse(source) if isinstance(source, str) else source
    wrt = _wrt(ctx, tree)
    order = ctx.args.get("order", 1)
    ctx.step(f"D = symdiff.derive(E, {pysrc(wrt)}, order={pysrc(order)})")
    derivation = symdiff.derive(source, wrt, order=order)
    ctx.step("J = json.loads(symdiff.calculus.trace_json.json_document([D]))")
    data = json.loads(json_document([derivation]))
    record = data["derivations"][0]
    if data["schema"] != "symdiff.trace/1":
        raise Wrong("JSON schema", str(data["schema"]))
    # A deep trace's document is cut short (trace_json.WIDTH, SHOWN_CHARS, trace.ANSWER_CHARS) and says so.
    abbreviated = record.get("abbreviated", False)
    cut = {WIDTH + 1, ANSWER_CHARS + 1}  # the length of a cut text: the limit and "…"

    def was_cut(text: str) -> bool:
        return abbreviated is True and text.endswith("…") and len(text) in cut

    for field, expected in (("result", derivation.result), ("expr", derivation.expr), ("raw", derivation.raw)):
        text = record[field]
        if len(text) > MAX_TEXT or was_cut(text):
            continue
        try:
            back = parse(text)
        except SymdiffError as error:
            if beyond_limits(text, error):
                continue
            raise Wrong(f"JSON {field} does not parse", f"{text[:200]!r}: {str(error)[:100]}",
                        f"symdiff.parse(J['derivations'][0][{field!r}])") from None
        if back != expected:
            raise Wrong(f"JSON {field} reads back differently", f"{text[:200]!r} is not {str(expected)[:200]!r}",
                        f"print(symdiff.parse(J['derivations'][0][{field!r}]) == D.{field})  # False")
    fields = {"rule", "name", "formula", "expr", "wrt", "result", "bindings", "note", "substeps"}
    steps = record["steps"]
    seen, stack = {id(derivation.trace)}, [derivation.trace]  # each distinct step once: a trace shares steps
    while stack:
        for sub in stack.pop().substeps:
            if id(sub) not in seen:
                seen.add(id(sub))
                stack.append(sub)
    distinct = len(seen)
    if len(steps) + record.get("omitted_steps", 0) != distinct or (len(steps) < distinct and not abbreviated):
        raise Wrong("JSON steps miscounted", f"{len(steps)} listed, {record.get('omitted_steps')} omitted, "
                    f"{distinct} in the trace", "print(len(J['derivations'][0]['steps']))")
    for i, step in enumerate(steps):
        extra = {"omitted_substeps"} if abbreviated and "omitted_substeps" in step else set()
        if set(step) != fields | extra or not all(0 < sub < len(steps) for sub in step["substeps"]):
            raise Wrong("JSON step without its fields", f"step {i} of {len(record['steps'])} is {str(step)[:100]}",
                        f"print(J['derivations'][0]['steps'][{i}])  # {str(step)[:40]}")
    for step in record["steps"][:30]:
        for field in ("expr", "result"):
            if len(step[field]) <= MAX_TEXT and not was_cut(step[field]):
                try:
                    parse(step[field])
                except SymdiffError as error:
                    if beyond_limits(step[field], error):
                        continue
                    raise Wrong("JSON step does not parse", f"{step['rule']} {field}: {step[field][:200]!r}: "
                                f"{str(error)[:100]}", "print(J)") from None


def stage_simplify(ctx: Context) -> None:
    source = ctx.source()
    ctx.step("S = symdiff.simplify(E)")
    simplified = symdiff.simplify(source)
    ctx.step("S2 = symdiff.simplify(S)")
    again = symdiff.simplify(simplified)
    if again != simplified:
        raise Wrong("simplify is not idempotent", f"simplify gives {str(simplified)[:200]}, then "
                    f"{str(again)[:200]}", "print(S, '|', S2)  # differ")
    tree = parse(source) if isinstance(source, str) else source
    names = sorted(s.name for s in tree.free_symbols)
    for point in ctx.points(names, 3):
        _check_same_value(tree, simplified, point)


def _check_same_value(tree: Any, simplified: Any, point: dict[str, float]) -> None:
    """Where ``tree`` has a value, ``simplified`` has the same one."""
    try:
        before = tree.evaluate(point)
    except SymdiffError:
        return
    try:
        after = simplified.evaluate(point)
    except SymdiffError:
        after = None
    if after is not None and oracle.close(before, after):
        return
    try:
        exact_before, _big_before = oracle.precise_value(tree, point)
    except oracle.Undefined:
        return  # floating point gave a value where the exact one has none (a rounding edge)
    try:
        exact_after, _big_after = oracle.precise_value(simplified, point)
    except oracle.Undefined:
        exact_after = None
    shown = f"print({TREE}.evaluate({pysrc(point)})," \
            f" S.evaluate({pysrc(point)}))"
    if exact_after is None:
        if after is None:
            raise Wrong("simplify loses the value", f"at {point} the input is {before!r}, the simplified form "
                        f"{str(simplified)[:150]} has no value", shown)
        return
    if after is None:
        return  # the simplified form overflows or rounds out of its domain in floats only
    if not oracle.mp_close(exact_before, exact_after, 1e-10):
        raise Wrong("simplify changes the value", f"at {point}: {float(exact_before)!r} becomes "
                    f"{float(exact_after)!r} ({str(simplified)[:150]})", shown)


def stage_lambdify(ctx: Context) -> None:
    source = ctx.source()
    tree = parse(source) if isinstance(source, str) else source
    names = sorted(s.name for s in tree.free_symbols)
    variables = ctx.args.get("vars", "auto")
    if variables == "auto":
        variables = names
    invalid = ctx.args.get("invalid", "raise")
    ctx.step(f"F = symdiff.lambdify(E, {pysrc(variables)}, invalid={invalid!r})")
    f = symdiff.lambdify(source, variables, invalid=invalid)
    values = ctx.args.get("values")
    if values is not None:
        ctx.step(f"F(*{pysrc(values)})")
        f(*materialise(values))
        return
    points = ctx.points(list(variables) if isinstance(variables, list) else [], 6)
    columns = [[p[v] for p in points] for v in variables] if isinstance(variables, list) else []
    ctx.step(f"V = F(*{pysrc(columns)})")
    try:
        got = f(*columns)
    except symdiff.EvaluationError:
        got = None
    import numpy as np

    for i, point in enumerate(points):
        try:
            expected = tree.evaluate(point)
        except SymdiffError:
            continue
        if got is None:  # another point has no value: this one alone
            single = [[point[v]] for v in variables]
            try:
                value = float(np.asarray(f(*single)).ravel()[0])
            except symdiff.EvaluationError:
                value = None
        else:
            value = float(np.broadcast_to(got, (len(points),))[i])
        if value is not None and oracle.close(value, expected, rel=1e-9):
            continue
        try:
            exact, biggest = oracle.precise_value(tree, point)
        except oracle.Undefined:
            continue
        if biggest > 1e300:
            continue
        if value is None or not math.isfinite(value):
            if not oracle.close(expected, exact, rel=1e-7):
                # evaluate's own value is off: the point is ill-conditioned in floats (cot of
                # -2.5e16, where the last bit of x^48.1, which np.power and math.pow round apart,
                # decides the sign), and lambdify declining there is no wrong value.
                continue
            if got is None:
                ctx.step(f"F(*{pysrc([[point[v]] for v in variables])})")
            raise Wrong("lambdify has no value where evaluate has one", f"at {point}: evaluate gives {expected!r}, "
                        f"lambdify {value!r}", f"print({TREE}.evaluate({pysrc(point)}))")
        if not oracle.close(value, exact, biggest, rel=1e-7) and oracle.close(expected, exact, biggest, rel=1e-7):
            raise Wrong("lambdify disagrees with evaluate", f"at {point}: lambdify {value!r}, evaluate {expected!r},"
                        f" exact {float(exact)!r}", f"print(V[{i}], {TREE}.evaluate({pysrc(point)}))")


_RULE_WEIGHTS = {
    "left": lambda n: [1.0] * n + [0.0],
    "right": lambda n: [0.0] + [1.0] * n,
    "trapezoid": lambda n: [0.5] + [1.0] * (n - 1) + [0.5],
    "simpson": lambda n: [1 / 3] + [(4 / 3 if i % 2 else 2 / 3) for i in range(1, n)] + [1 / 3],
}


def stage_integrate(ctx: Context) -> None:
    source = ctx.source()
    a, b = ctx.args.get("a", 0), ctx.args.get("b", 1)
    method, n = ctx.args.get("method", "trapezoid"), ctx.args.get("n", 10)
    var = ctx.args.get("var")
    ctx.step(f"I = symdiff.integrate(E, {pysrc(var)}, {pysrc(a)}, {pysrc(b)}, method={method!r}, n={pysrc(n)})")
    result = symdiff.integrate(source, var, a, b, method=method, n=n)
    ctx.step("str(I), I.working(), I.to_latex()")
    _ = str(result), result.working(), result.to_latex()
    if not math.isfinite(result.value):
        raise Wrong("integrate gives a non-finite value", repr(result.value), "print(I.value)")
    if method not in _RULE_WEIGHTS or not isinstance(n, int) or n > 200 or result.a == result.b:
        return
    tree = parse(source) if isinstance(source, str) else source
    name = var or (sorted(s.name for s in tree.free_symbols) or ["x"])[0]
    lo, hi = sorted((result.a, result.b))
    h = (hi - lo) / n
    terms = []
    for i, w in enumerate(_RULE_WEIGHTS[method](n)):
        if w:
            try:
                terms.append(w * h * tree.evaluate({name: lo + i * h if i < n else hi}))
            except SymdiffError:
                return
    expected = math.fsum(terms) * (1 if result.a <= result.b else -1)
    if not oracle.close(result.value, expected, sum(abs(t) for t in terms) * 1e4, rel=1e-7):
        raise Wrong("integrate disagrees with the rule's sum", f"{result.value!r} against {expected!r}",
                    "print(I.value)  # the rule's sum by hand: " + repr(expected))


def stage_antiderivative(ctx: Context) -> None:
    """An antiderivative, its three printings, and d/dx of the answer against the integrand at
    random points (the oracle's numeric derivative: independent of symdiff's own check)."""
    source = ctx.source()
    var = ctx.args.get("var")
    ctx.step(f"A = symdiff.antiderivative(E, {pysrc(var)})")
    found = symdiff.antiderivative(source, var)
    ctx.step("str(A), A.explain(), A.to_latex(), A.to_json()")
    _ = str(found), found.explain(), found.to_latex(), found.to_json()
    name = found.wrt.name
    names = sorted({s.name for s in found.expr.free_symbols} | {name})
    jumps = any(type(node) is symdiff.Call and node.name in ("heaviside", "sign") for node, _ in preorder(found.expr))
    if jumps:
        return  # heaviside(sin(pi)): floats and the oracle put sin(pi)'s rounding on different sides of the jump
    for point in ctx.points(names, 2):
        _check_derivative(found.result, found.expr, point, name)


def stage_exact(ctx: Context) -> None:
    """An exact definite integral, its printings, and its value against mpmath's quadrature when
    the interval is finite and mpmath is sure of its own answer."""
    import mpmath

    source = ctx.source()
    a, b, var = ctx.args.get("a", 0), ctx.args.get("b", 1), ctx.args.get("var")
    ctx.step(f"I = symdiff.integrate(E, {pysrc(var)}, {pysrc(a)}, {pysrc(b)}, method='exact')")
    result = symdiff.integrate(source, var, a, b, method="exact")
    ctx.step("str(I), I.working(), I.to_latex(), I.to_json()")
    _ = str(result), result.working(), result.to_latex(), result.to_json()
    if not result.converges or result.improper or not result.expr.free_symbols:
        return  # a constant's integral is c·(b - a); mpmath would value sin(pi) at 1e-31, not 0
    lo, hi = float(result.lower.point.evaluate()), float(result.upper.point.evaluate())
    name = result.var.name
    with mpmath.workdps(30):
        try:
            expected, error = mpmath.quad(lambda t: oracle.mp_value(result.expr, {name: t})[0], [lo, hi],
                                          error=True, maxdegree=7)
        except (oracle.Undefined, ZeroDivisionError, ValueError, OverflowError, TypeError):
            return
        if not mpmath.isfinite(expected) or error > 1e-12 * (1 + abs(expected)):
            return  # mpmath is not sure: no verdict
        try:  # floats round the integrand's largest intermediates (cos(10^16) is off in the 1st digit)
            biggest = max(oracle.mp_value(result.expr, {name: t})[1] for t in (lo, (lo + hi) / 2, hi))
        except (oracle.Undefined, ZeroDivisionError, ValueError, OverflowError, TypeError):
            return
        got = float(result)
        if not oracle.close(got, expected, biggest * abs(hi - lo) * 1e4, rel=1e-8):
            raise Wrong("the exact integral disagrees with mpmath's quadrature", f"{got!r} against {expected}",
                        "print(float(I))")


def stage_samples(ctx: Context) -> None:
    y, x = ctx.args["y"], ctx.args.get("x")
    dx, method = ctx.args.get("dx"), ctx.args.get("method", "trapezoid")
    ctx.step(f"I = symdiff.integrate_samples({pysrc(y)}, {pysrc(x)}, dx={pysrc(dx)}, method={method!r})")
    result = symdiff.integrate_samples(materialise(y), materialise(x), dx=materialise(dx), method=method)
    ctx.step("str(I), I.working(), I.to_latex()")
    _ = str(result), result.working(), result.to_latex()
    if not math.isfinite(result.value):
        raise Wrong("integrate_samples gives a non-finite value", repr(result.value), "print(I.value)")
    if method != "trapezoid" or not (isinstance(y, list) and all(type(v) is float for v in y)):
        return
    if x is None:
        step = 1.0 if dx is None else dx
        if not isinstance(step, float):
            return
        xs = [Fraction(i) * Fraction(step) for i in range(len(y))]
    elif isinstance(x, list) and all(type(v) is float for v in x):
        xs = [Fraction(v) for v in x]
    else:
        return
    exact = sum((xs[i + 1] - xs[i]) * (Fraction(y[i]) + Fraction(y[i + 1])) / 2 for i in range(len(y) - 1))
    scale = sum(abs(_float(xs[i + 1] - xs[i]) * y[i]) + abs(_float(xs[i + 1] - xs[i]) * y[i + 1])
                for i in range(len(y) - 1))  # products past 1e308 are inf: no check then
    comparable = abs(_float(exact)) < 1e308 and math.isfinite(scale)
    if comparable and not oracle.close(result.value, float(exact), scale * 1e3, rel=1e-9):
        raise Wrong("integrate_samples disagrees with the exact trapezoid sum", f"{result.value!r} against "
                    f"{float(exact)!r}", f"print(I.value)  # exact: {float(exact)!r}")


def _float(value: Fraction) -> float:
    """``value`` as a float, inf past the largest (float() raises OverflowError there)."""
    try:
        return float(value)
    except OverflowError:
        return math.copysign(math.inf, value)


def stage_roc(ctx: Context) -> None:
    truth, scores, predicted = ctx.args["y_true"], ctx.args["scores"], ctx.args["y_pred"]
    which = ctx.args.get("call", "roc_auc")
    if which == "confusion":
        ctx.step(f"C = symdiff.confusion_matrix({pysrc(truth)}, {pysrc(predicted)})")
        confusion = symdiff.confusion_matrix(materialise(truth), materialise(predicted))
        ctx.step("str(C)")
        str(confusion)
        for rate in ("tpr", "fpr", "precision", "accuracy"):
            ctx.step(f"C.{rate}")
            try:
                getattr(confusion, rate)
            except symdiff.RocError:
                pass
        if _plain_labels(truth) and _plain_labels(predicted) and len(truth) == len(predicted):
            pairs = list(zip(map(bool, truth), map(bool, predicted), strict=True))
            counts = (pairs.count((False, False)), pairs.count((False, True)), pairs.count((True, False)),
                      pairs.count((True, True)))
            if tuple(confusion) != counts:
                raise Wrong("confusion_matrix counts", f"{tuple(confusion)} against {counts}", "print(C)")
        return
    ctx.step(f"R = symdiff.roc_curve({pysrc(truth)}, {pysrc(scores)})")
    curve = symdiff.roc_curve(materialise(truth), materialise(scores))
    ctx.step(f"A = symdiff.roc_auc({pysrc(truth)}, {pysrc(scores)})")
    auc = symdiff.roc_auc(materialise(truth), materialise(scores))
    import numpy as np

    fpr, tpr = np.asarray(curve.fpr), np.asarray(curve.tpr)
    if not (fpr[0] == tpr[0] == 0 and fpr[-1] == tpr[-1] == 1 and np.all(np.diff(fpr) >= 0)
            and np.all(np.diff(tpr) >= 0)):
        raise Wrong("ROC curve is not monotone from (0, 0) to (1, 1)", f"{fpr} {tpr}", "print(R)")
    if _plain_labels(truth) and isinstance(scores, list) and all(type(s) in (int, float) for s in scores):
        positives = [s for s, t in zip(scores, truth, strict=False) if t]
        negatives = [s for s, t in zip(scores, truth, strict=False) if not t]
        wins = sum((p > q) + 0.5 * (p == q) for p in positives for q in negatives)
        expected = wins / (len(positives) * len(negatives))
        if not math.isclose(auc, expected, rel_tol=1e-9, abs_tol=1e-12):
            raise Wrong("roc_auc is not P(positive outscores negative)", f"{auc!r} against {expected!r}",
                        f"print(A)  # by pairs: {expected!r}")


def _plain_labels(values: Any) -> bool:
    return isinstance(values, list) and all(type(v) in (int, bool) and v in (0, 1) for v in values)


STAGE_FUNCTIONS = {
    "parse": stage_parse, "roundtrip": stage_roundtrip, "diff": stage_diff, "derive": stage_derive,
    "latex": stage_latex, "json": stage_json, "simplify": stage_simplify, "lambdify": stage_lambdify,
    "integrate": stage_integrate, "samples": stage_samples, "roc": stage_roc,
    "antiderivative": stage_antiderivative, "exact": stage_exact,
}
