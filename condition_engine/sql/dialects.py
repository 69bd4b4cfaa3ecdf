"""What each SQL dialect calls the few primitives the compiler needs: JSON value types, keys, list
elements, scalar text, list functions, regular expressions.  Everything else is shared."""
from __future__ import annotations

from sqlglot import exp

from ..errors import UnsupportedError

#: Abstract kinds of a JSON value.
KINDS = ("OBJECT", "ARRAY", "STRING", "BOOLEAN", "NUMBER", "NULL")


def fn(name: str, *args: exp.Expression) -> exp.Expression:
    """A function call by name."""
    return exp.Anonymous(this=name, expressions=list(args))


def string(text: str) -> exp.Expression:
    return exp.Literal.string(text)


class DuckDB:
    """DuckDB: the JSON type and json_* functions, list_* functions, RE2 regular expressions."""

    name = "duckdb"
    regex_engine = "RE2"
    regex_end = "$"
    _TYPES = {"OBJECT": ("OBJECT",), "ARRAY": ("ARRAY",), "STRING": ("VARCHAR",), "BOOLEAN": ("BOOLEAN",),
              "NUMBER": ("BIGINT", "UBIGINT", "DOUBLE", "HUGEINT"), "NULL": ("NULL",)}

    def root(self, column: str, layout: str) -> exp.Expression:
        if layout == "json":
            return exp.Cast(this=exp.column(column, quoted=True), to=exp.DataType.build("JSON"))
        return fn("to_json", exp.column(column, quoted=True))

    def is_kind(self, v: exp.Expression, *kinds: str) -> exp.Expression:
        names = [n for kind in kinds for n in self._TYPES[kind]]
        kind = fn("json_type", v)
        if len(names) == 1:
            return exp.EQ(this=kind, expression=string(names[0]))
        return exp.In(this=kind, expressions=[string(n) for n in names])

    def not_null_kind(self, v: exp.Expression) -> exp.Expression:
        """TRUE for a present, non-null JSON value (also when ``v`` is SQL NULL: FALSE)."""
        return exp.and_(exp.Not(this=exp.Is(this=v, expression=exp.Null())),
                        exp.NEQ(this=fn("json_type", v), expression=string("NULL")))

    def key(self, v: exp.Expression, name: str) -> exp.Expression:
        pointer = "/" + name.replace("~", "~0").replace("/", "~1")
        return fn("json_extract", v, string(pointer))

    def keys(self, v: exp.Expression, names: list[str]) -> exp.Expression | None:
        """One lookup of a path of object keys, or None when the dialect has no such lookup."""
        return fn("json_extract", v, string("".join("/" + n.replace("~", "~0").replace("/", "~1") for n in names)))

    def elements(self, v: exp.Expression) -> exp.Expression:
        return fn("json_extract", v, string("$[*]"))

    def text(self, v: exp.Expression) -> exp.Expression:
        return fn("json_extract_string", v, string("$"))

    def array(self, *items: exp.Expression) -> exp.Expression:
        return exp.Array(expressions=list(items))

    def list_filter(self, values: exp.Expression, lam: exp.Lambda) -> exp.Expression:
        return fn("list_filter", values, lam)

    def list_transform(self, values: exp.Expression, lam: exp.Lambda) -> exp.Expression:
        return fn("list_transform", values, lam)

    def flatten(self, values: exp.Expression) -> exp.Expression:
        return fn("flatten", values)

    def length(self, values: exp.Expression) -> exp.Expression:
        return fn("len", values)

    def element(self, values: exp.Expression, position: int) -> exp.Expression:
        """The element at a 1-based position (negative from the end), NULL when out of range."""
        return fn("list_extract", values, exp.Literal.number(position))

    def split(self, text: exp.Expression, separator: str) -> exp.Expression:
        return fn("string_split", text, string(separator))

    def regex_search(self, text: exp.Expression, pattern: str, ignore_case: bool) -> exp.Expression:
        return fn("regexp_matches", text, string(pattern), *([string("i")] if ignore_case else []))

    def regex_full(self, text: exp.Expression, pattern: str, ignore_case: bool = False) -> exp.Expression:
        return fn("regexp_full_match", text, string(pattern), *([string("i")] if ignore_case else []))

    def contains(self, text: exp.Expression, needle: exp.Expression) -> exp.Expression:
        return fn("contains", text, needle)

    def starts_with(self, text: exp.Expression, prefix: exp.Expression) -> exp.Expression:
        return fn("starts_with", text, prefix)

    def ends_with(self, text: exp.Expression, suffix: exp.Expression) -> exp.Expression:
        return fn("ends_with", text, suffix)

    def to_double(self, text: exp.Expression) -> exp.Expression:
        return exp.TryCast(this=text, to=exp.DataType.build("DOUBLE"), safe=True)


class Spark(DuckDB):
    """Spark SQL (4.0+): records parsed to VARIANT, higher-order array functions, Java regexes."""

    name = "spark"
    regex_engine = "Java"
    regex_end = r"\z"

    def root(self, column: str, layout: str) -> exp.Expression:
        if layout == "json":
            return fn("parse_json", exp.column(column, quoted=True))
        return fn("parse_json", fn("to_json", fn("struct", exp.Star())))

    def _schema(self, v: exp.Expression) -> exp.Expression:
        return fn("schema_of_variant", v)

    def is_kind(self, v: exp.Expression, *kinds: str) -> exp.Expression:
        schema = self._schema(v)
        tests = []
        for kind in kinds:
            if kind in ("OBJECT", "ARRAY"):
                tests.append(fn("startswith", schema, string(kind)))
            elif kind == "NUMBER":
                tests.append(exp.In(this=schema, expressions=[string(n) for n in
                                                              ("BIGINT", "INT", "SMALLINT", "TINYINT", "DOUBLE", "FLOAT")]))
                tests.append(fn("startswith", schema, string("DECIMAL")))
            else:
                tests.append(exp.EQ(this=schema, expression=string({"STRING": "STRING", "BOOLEAN": "BOOLEAN",
                                                                     "NULL": "VOID"}[kind])))
        return exp.Paren(this=exp.or_(*tests)) if len(tests) > 1 else tests[0]

    def not_null_kind(self, v: exp.Expression) -> exp.Expression:
        return exp.and_(exp.Not(this=exp.Is(this=v, expression=exp.Null())),
                        exp.NEQ(this=self._schema(v), expression=string("VOID")))

    def key(self, v: exp.Expression, name: str) -> exp.Expression:
        as_map = fn("try_variant_get", v, string("$"), string("map<string, variant>"))
        return fn("try_element_at", as_map, string(name))

    def keys(self, v: exp.Expression, names: list[str]) -> exp.Expression | None:
        return None

    def elements(self, v: exp.Expression) -> exp.Expression:
        return fn("try_variant_get", v, string("$"), string("array<variant>"))

    def text(self, v: exp.Expression) -> exp.Expression:
        return fn("try_variant_get", v, string("$"), string("string"))

    def array(self, *items: exp.Expression) -> exp.Expression:
        return fn("array", *items)

    def list_filter(self, values: exp.Expression, lam: exp.Lambda) -> exp.Expression:
        return fn("filter", values, lam)

    def list_transform(self, values: exp.Expression, lam: exp.Lambda) -> exp.Expression:
        return fn("transform", values, lam)

    def length(self, values: exp.Expression) -> exp.Expression:
        return fn("size", values)

    def element(self, values: exp.Expression, position: int) -> exp.Expression:
        return fn("try_element_at", values, exp.Literal.number(position))

    def split(self, text: exp.Expression, separator: str) -> exp.Expression:
        import re

        return fn("split", text, string(re.escape(separator)))

    def regex_search(self, text: exp.Expression, pattern: str, ignore_case: bool) -> exp.Expression:
        return exp.RegexpLike(this=text, expression=string(("(?i)" if ignore_case else "") + pattern))

    def regex_full(self, text: exp.Expression, pattern: str, ignore_case: bool = False) -> exp.Expression:
        body = pattern if pattern.startswith("(?s)^") else "^(?:" + pattern + r")\z"
        return exp.RegexpLike(this=text, expression=string(("(?i)" if ignore_case else "") + body))

    def contains(self, text: exp.Expression, needle: exp.Expression) -> exp.Expression:
        return fn("contains", text, needle)

    def starts_with(self, text: exp.Expression, prefix: exp.Expression) -> exp.Expression:
        return fn("startswith", text, prefix)

    def ends_with(self, text: exp.Expression, suffix: exp.Expression) -> exp.Expression:
        return fn("endswith", text, suffix)


DIALECTS = {"duckdb": DuckDB(), "spark": Spark(), "databricks": Spark()}


def dialect(name: str):
    """The primitives of a dialect, or UnsupportedError naming it."""
    if name not in DIALECTS:
        raise UnsupportedError(f"dialect {name!r} cannot express the semantics of lists and JSON types yet; "
                               f"supported: {', '.join(DIALECTS)}")
    return DIALECTS[name]
