"""DuckDB: the JSON type and json_* functions, list_* functions with lambdas, RE2 regular expressions."""
from __future__ import annotations

from sqlglot import exp

from .base import fn, string
from .regex import check_re2


class DuckDB:
    """DuckDB: the JSON type and json_* functions, list_* functions, RE2 regular expressions."""

    name = "duckdb"
    regex_engine = "RE2"
    regex_end = "$"
    _TYPES = {"OBJECT": ("OBJECT",), "ARRAY": ("ARRAY",), "STRING": ("VARCHAR",), "BOOLEAN": ("BOOLEAN",),
              "NUMBER": ("BIGINT", "UBIGINT", "DOUBLE", "HUGEINT"), "NULL": ("NULL",)}

    def root(self, column: str, layout: str) -> exp.Expr:
        if layout == "json":
            return exp.Cast(this=exp.column(column, quoted=True), to=exp.DataType.build("JSON"))
        return fn("to_json", exp.column(column, quoted=True))

    #: The function naming a JSON value's type, as the names in ``_TYPES``.
    _TYPE_OF = "json_type"

    def is_kind(self, v: exp.Expr, *kinds: str) -> exp.Expr:
        names = [n for kind in kinds for n in self._TYPES[kind]]
        kind = fn(self._TYPE_OF, v)
        if len(names) == 1:
            return exp.EQ(this=kind, expression=string(names[0]))
        return exp.In(this=kind, expressions=[string(n) for n in names])

    def not_null_kind(self, v: exp.Expr) -> exp.Expr:
        """TRUE for a present, non-null JSON value (also when ``v`` is SQL NULL: FALSE)."""
        return exp.and_(exp.Not(this=exp.Is(this=v, expression=exp.Null())),
                        exp.NEQ(this=fn(self._TYPE_OF, v), expression=string(self._TYPES["NULL"][0])))

    def key(self, v: exp.Expr, name: str) -> exp.Expr:
        pointer = "/" + name.replace("~", "~0").replace("/", "~1")
        return fn("json_extract", v, string(pointer))

    def keys(self, v: exp.Expr, names: list[str]) -> exp.Expr | None:
        """One lookup of a path of object keys, or None when the dialect has no such lookup."""
        return fn("json_extract", v, string("".join("/" + n.replace("~", "~0").replace("/", "~1") for n in names)))

    def chained_keys(self, v: exp.Expr, names: list[str]) -> exp.Expr:
        """One key step after another (for dialects whose key access is NULL on anything but an object)."""
        for name in names:
            v = self.key(v, name)
        return v

    def elements(self, v: exp.Expr) -> exp.Expr:
        return fn("json_extract", v, string("$[*]"))

    def text(self, v: exp.Expr) -> exp.Expr:
        return fn("json_extract_string", v, string("$"))

    def array(self, *items: exp.Expr) -> exp.Expr:
        return exp.Array(expressions=list(items))

    def list_filter(self, values: exp.Expr, lam: exp.Lambda) -> exp.Expr:
        return fn("list_filter", values, lam)

    def list_transform(self, values: exp.Expr, lam: exp.Lambda) -> exp.Expr:
        return fn("list_transform", values, lam)

    def flatten(self, values: exp.Expr) -> exp.Expr:
        return fn("flatten", values)

    def flat_map(self, values: exp.Expr, lam: exp.Lambda) -> exp.Expr:
        """The lists ``lam`` makes of each element, concatenated."""
        return self.flatten(self.list_transform(values, lam))

    def index(self, v: exp.Expr, position: int) -> exp.Expr:
        """The element of the JSON array ``v`` at a 1-based position (negative from the end), or NULL."""
        return self.element(self.elements(v), position)

    def octet(self, text: exp.Expr, position: int) -> exp.Expr:
        """The number in the dot-separated part at a 1-based position of ``text``, NULL when not a number."""
        return exp.TryCast(this=self.element(self.split(text, "."), position),
                           to=exp.DataType.build("BIGINT"), safe=True)

    def glob_pattern(self, glob: str) -> str:
        """A glob as this dialect's regular expression for the whole string."""
        from ..values import glob_regex

        return glob_regex(glob, self.regex_end)

    def check_regex(self, pattern: str) -> None:
        """Raise UnsupportedError when this dialect's engine cannot run ``pattern`` as Python would."""
        check_re2(pattern, self.name)

    def length(self, values: exp.Expr) -> exp.Expr:
        return fn("len", values)

    def element(self, values: exp.Expr, position: int) -> exp.Expr:
        """The element at a 1-based position (negative from the end), NULL when out of range."""
        return fn("list_extract", values, exp.Literal.number(position))

    def split(self, text: exp.Expr, separator: str) -> exp.Expr:
        return fn("string_split", text, string(separator))

    def regex_search(self, text: exp.Expr, pattern: str, ignore_case: bool) -> exp.Expr:
        return fn("regexp_matches", text, string(pattern), *([string("i")] if ignore_case else []))

    def regex_full(self, text: exp.Expr, pattern: str, ignore_case: bool = False) -> exp.Expr:
        return fn("regexp_full_match", text, string(pattern), *([string("i")] if ignore_case else []))

    def contains(self, text: exp.Expr, needle: exp.Expr) -> exp.Expr:
        return fn("contains", text, needle)

    def starts_with(self, text: exp.Expr, prefix: exp.Expr) -> exp.Expr:
        return fn("starts_with", text, prefix)

    def ends_with(self, text: exp.Expr, suffix: exp.Expr) -> exp.Expr:
        return fn("ends_with", text, suffix)

    def to_double(self, text: exp.Expr) -> exp.Expr:
        return exp.TryCast(this=text, to=exp.DataType.build("DOUBLE"), safe=True)


