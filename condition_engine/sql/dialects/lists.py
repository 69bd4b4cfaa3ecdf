"""List operations as subqueries over UNNEST, for dialects without lambdas (PostgreSQL, BigQuery).

``ARRAY(SELECT x FROM UNNEST(values) AS x WHERE test)`` filters, ``ARRAY(SELECT f(x) FROM …)``
transforms, and a second, correlated UNNEST concatenates the lists each element makes.
"""
from __future__ import annotations

from sqlglot import exp


class SubqueryLists:
    """The list primitives of the lambda dialects, written as array subqueries."""

    def unnest(self, values: exp.Expr, var: exp.Identifier) -> exp.Expr:
        """``UNNEST(values)`` naming each element ``var`` (each dialect spells the alias its way)."""
        raise NotImplementedError

    def _subquery(self, select: exp.Select) -> exp.Expr:
        return exp.Array(expressions=[select])

    def list_filter(self, values: exp.Expr, lam: exp.Lambda) -> exp.Expr:
        var = lam.expressions[0]
        return self._subquery(exp.select(var.copy()).from_(self.unnest(values, var)).where(lam.this))

    def list_transform(self, values: exp.Expr, lam: exp.Lambda) -> exp.Expr:
        var = lam.expressions[0]
        return self._subquery(exp.select(lam.this).from_(self.unnest(values, var)))

    def flat_map(self, values: exp.Expr, lam: exp.Lambda) -> exp.Expr:
        var = lam.expressions[0]
        item = exp.to_identifier(f"{var.name}_item")
        select = exp.select(item.copy()).from_(self.unnest(values, var)) \
            .join(self.unnest(lam.this, item), join_type="CROSS")
        return self._subquery(select)
