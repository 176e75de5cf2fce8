"""The grammar file is the single source of syntax; these keep the code in step with it."""

import io
import logging
import re

import pytest
from lark import Lark
from lark import logger as lark_logger

from symdiff.core.expr import NAME_PATTERN
from symdiff.core.functions import ALIASES, FIXED_BASE_LOGS, FUNCTION_WORDS, FUNCTIONS, ROOT_NAME
from symdiff.syntax.parser import grammar_text


def _lark_warnings(grammar: str) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    old_level = lark_logger.level
    lark_logger.addHandler(handler)
    lark_logger.setLevel(logging.DEBUG)
    try:
        Lark(grammar, parser="lalr", lexer="basic", debug=True)
    finally:
        lark_logger.removeHandler(handler)
        lark_logger.setLevel(old_level)
    return stream.getvalue()


def test_grammar_is_lalr_without_conflicts():
    assert "conflict" not in _lark_warnings(grammar_text()).lower()


def test_the_conflict_check_can_fail():
    # The same check on a grammar with a dangling-else style shift/reduce conflict.
    ambiguous = 'start: "if" start | "if" start "else" start | "x"\n%ignore " "'
    assert "shift/reduce conflict" in _lark_warnings(ambiguous).lower()


def _terminal(name: str) -> str:
    match = re.search(rf"^{name}(?:\.\d+)?:\s*/(.*)/\s*$", grammar_text(), re.MULTILINE)
    assert match, name
    return match.group(1)


def test_function_names_match_the_function_table():
    pattern = _terminal("FUNC")
    names = set(re.match(r"\(([^)]*)\)", pattern).group(1).split("|"))
    assert names == set(FUNCTIONS) | set(ALIASES) | set(FIXED_BASE_LOGS) | {ROOT_NAME} == FUNCTION_WORDS


def test_infinity_words_match_the_reserved_names():
    from symdiff.core.expr import INFINITY_NAMES

    pattern = re.search(r"^INFINITY\.\d+:\s*/\(([^)]*)\)", grammar_text(), re.MULTILINE).group(1)
    assert set(pattern.split("|")) == INFINITY_NAMES


def test_name_pattern_matches_the_symbol_constructor():
    assert _terminal("NAME") == NAME_PATTERN


@pytest.mark.parametrize("rule", ["sum", "product", "prod_closed", "prod_open", "unary", "pow", "superscript_pow",
                                  "sqrt_sign", "number", "symbol", "constant", "infinity", "call", "call_power",
                                  "call_superscript", "call_two", "undefined_call", "textbook_argument",
                                  "textbook_call", "textbook_unary", "terms", "derivative_open",
                                  "derivative_closed", "derivative_signed", "derivative_scaled",
                                  "derivative_times", "derivative_of"])
def test_every_rule_and_alias_has_a_builder(rule):
    from symdiff.syntax._transformer import ExpressionBuilder

    assert re.search(rf"(^\??{rule}:|-> {rule}\b)", grammar_text(), re.MULTILINE), rule
    assert callable(getattr(ExpressionBuilder, rule))
