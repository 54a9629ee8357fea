"""A small OData subset for listing elements: ``$filter``, ``$select``, ``$top``, ``$skip``.

Supported in ``$filter``: comparisons ``eq ne gt ge lt le`` between a field and a literal
(``'text'`` with ``''`` as an escaped quote, numbers, ``null``, ``true``/``false``), the
functions ``contains``, ``startswith`` and ``endswith`` on text fields, ``and``, ``or``,
``not`` and parentheses. Field names are the JSON names of the element. Anything else is a
400 that says where the expression went wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, not_, or_

from matbank.errors import InvalidRequest

_TOKEN = re.compile(
    r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<number>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<punct>[(),]))"
)
_COMPARISONS = {"eq", "ne", "gt", "ge", "lt", "le"}
_FUNCTIONS = {"contains", "startswith", "endswith"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    position: int


def tokenize(expression: str) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    while position < len(expression):
        if expression[position:].strip() == "":
            break
        match = _TOKEN.match(expression, position)
        if match is None or match.end() == position:
            raise _error(expression, position, "unexpected character")
        kind = match.lastgroup or ""
        tokens.append(Token(kind, match.group(kind), match.start(kind)))
        position = match.end()
    return tokens


def _error(expression: str, position: int, what: str) -> InvalidRequest:
    return InvalidRequest(
        f"$filter: {what} at position {position + 1} of '{expression}'.",
        title="The $filter expression is not supported.",
    )


class FilterParser:
    """Recursive descent over the token list, producing a SQLAlchemy boolean expression."""

    def __init__(self, expression: str, columns: dict[str, Any]) -> None:
        self.expression = expression
        self.columns = columns
        self.tokens = tokenize(expression)
        self.index = 0

    def parse(self) -> ColumnElement[bool]:
        if not self.tokens:
            raise _error(self.expression, 0, "empty expression")
        result = self._or()
        if self.index < len(self.tokens):
            raise self._unexpected()
        return result

    def _peek(self) -> Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def _next(self) -> Token:
        token = self._peek()
        if token is None:
            raise _error(self.expression, len(self.expression), "unexpected end")
        self.index += 1
        return token

    def _unexpected(self) -> InvalidRequest:
        token = self._peek()
        position = token.position if token else len(self.expression)
        return _error(self.expression, position, f"unexpected '{token.text if token else ''}'")

    def _keyword(self, word: str) -> bool:
        token = self._peek()
        if token is not None and token.kind == "name" and token.text.lower() == word:
            self.index += 1
            return True
        return False

    def _expect(self, text: str) -> None:
        if self._next().text != text:
            self.index -= 1
            raise self._unexpected()

    def _or(self) -> ColumnElement[bool]:
        parts = [self._and()]
        while self._keyword("or"):
            parts.append(self._and())
        return parts[0] if len(parts) == 1 else or_(*parts)

    def _and(self) -> ColumnElement[bool]:
        parts = [self._unary()]
        while self._keyword("and"):
            parts.append(self._unary())
        return parts[0] if len(parts) == 1 else and_(*parts)

    def _unary(self) -> ColumnElement[bool]:
        if self._keyword("not"):
            return not_(self._unary())
        token = self._peek()
        if token is not None and token.text == "(":
            self.index += 1
            inner = self._or()
            self._expect(")")
            return inner
        return self._predicate()

    def _predicate(self) -> ColumnElement[bool]:
        token = self._next()
        if token.kind != "name":
            self.index -= 1
            raise self._unexpected()
        if token.text.lower() in _FUNCTIONS:
            return self._function(token.text.lower())
        column = self._column(token)
        operator = self._next()
        if operator.kind != "name" or operator.text.lower() not in _COMPARISONS:
            self.index -= 1
            raise self._unexpected()
        return _compare(column, operator.text.lower(), self._literal())

    def _function(self, name: str) -> ColumnElement[bool]:
        self._expect("(")
        column = self._column(self._next())
        self._expect(",")
        value = self._literal()
        self._expect(")")
        if not isinstance(value, str):
            raise _error(
                self.expression,
                self.tokens[self.index - 2].position,
                f"{name} needs a text literal",
            )
        apply: dict[str, Callable[[str], ColumnElement[bool]]] = {
            "contains": lambda v: column.contains(v, autoescape=True),
            "startswith": lambda v: column.startswith(v, autoescape=True),
            "endswith": lambda v: column.endswith(v, autoescape=True),
        }
        return apply[name](value)

    def _column(self, token: Token) -> Any:
        if token.kind != "name" or token.text not in self.columns:
            known = ", ".join(sorted(self.columns))
            raise _error(
                self.expression,
                token.position,
                f"unknown field '{token.text}' (filterable: {known})",
            )
        return self.columns[token.text]

    def _literal(self) -> Any:
        token = self._next()
        if token.kind == "string":
            return token.text[1:-1].replace("''", "'")
        if token.kind == "number":
            return float(token.text)
        if token.kind == "name" and token.text.lower() in ("null", "true", "false"):
            return {"null": None, "true": True, "false": False}[token.text.lower()]
        self.index -= 1
        raise self._unexpected()


def _compare(column: Any, operator: str, value: Any) -> ColumnElement[bool]:
    if value is None:
        if operator == "eq":
            return column.is_(None)
        if operator == "ne":
            return column.is_not(None)
    return {
        "eq": column.__eq__,
        "ne": column.__ne__,
        "gt": column.__gt__,
        "ge": column.__ge__,
        "lt": column.__lt__,
        "le": column.__le__,
    }[operator](value)


def parse_filter(expression: str, columns: dict[str, Any]) -> ColumnElement[bool]:
    return FilterParser(expression, columns).parse()


def parse_select(expression: str, allowed: set[str]) -> list[str]:
    fields = [part.strip() for part in expression.split(",") if part.strip()]
    unknown = [f for f in fields if f not in allowed]
    if unknown:
        raise InvalidRequest(
            f"$select: unknown field(s) {', '.join(unknown)}; choose from "
            f"{', '.join(sorted(allowed))}."
        )
    return fields
