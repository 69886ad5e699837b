"""How much work validation's overlap rule would do, estimated before validation runs.

graphql-core's ``OverlappingFieldsCanBeMerged`` compares, in every selection set, each pair
of fields that share a response key, then the pairs of their sub-fields, and so on: a
document of 2,000 tokens that repeats ``owner { pets { ... } }`` a few times per level costs
a second of CPU. The number of comparisons is bilinear, so it can be counted on merged
selections without doing them::

    pairs(A, B) = sum over keys k in both: |A_k| * |B_k| + pairs(children(A_k), children(B_k))

summed over every selection set of the document (as the rule visits them). Repeated spreads
of one fragment at one level count once (the rule collects fragment names as a set). The
count stops as soon as it passes the budget, so estimating stays cheap for any document.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
)


class OverBudget(Exception):
    pass


class OverlapEstimate:
    def __init__(self, document: DocumentNode, budget: int) -> None:
        self.fragments = {d.name.value: d for d in document.definitions
                          if isinstance(d, FragmentDefinitionNode)}
        self.document = document
        self.budget = budget
        self.total = 0
        self.memo: dict[tuple[tuple[int, ...], tuple[int, ...]], int] = {}

    def fields_at(self, sets: Iterable[SelectionSetNode]) -> dict[str, list[FieldNode]]:
        out: dict[str, list[FieldNode]] = defaultdict(list)
        stack, spread = list(sets), set()
        while stack:
            for selection in stack.pop().selections:
                if isinstance(selection, FieldNode):
                    out[(selection.alias or selection.name).value].append(selection)
                elif isinstance(selection, InlineFragmentNode):
                    stack.append(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in spread:
                    spread.add(selection.name.value)
                    fragment = self.fragments.get(selection.name.value)
                    if fragment is not None:
                        stack.append(fragment.selection_set)
        return out

    def pairs(self, a: list[SelectionSetNode], b: list[SelectionSetNode]) -> int:
        key = (tuple(map(id, a)), tuple(map(id, b)))
        if key in self.memo:
            return self.memo[key]
        fa = self.fields_at(a)
        fb = fa if a is b else self.fields_at(b)
        count = 0
        for name in fa.keys() & fb.keys():
            left, right = fa[name], fb[name]
            count += len(left) * len(right)
            sub_a = [f.selection_set for f in left if f.selection_set]
            sub_b = sub_a if left is right else [f.selection_set for f in right if f.selection_set]
            if sub_a and sub_b:
                count += self.pairs(sub_a, sub_b)
            if count > self.budget:
                raise OverBudget
        self.memo[key] = count
        return count

    def run(self) -> int:
        """Comparisons over the whole document; raises ``OverBudget`` past the budget."""
        stack: list = list(self.document.definitions)
        while stack:
            node = stack.pop()
            selection_set = getattr(node, "selection_set", None)
            if selection_set is None:
                continue
            sets = [selection_set]
            self.total += self.pairs(sets, sets)
            if self.total > self.budget:
                raise OverBudget
            stack.extend(selection_set.selections)
        return self.total


def overlap_comparisons(document: DocumentNode, budget: int) -> int | None:
    """The estimate, or None when it passes ``budget``."""
    try:
        return OverlapEstimate(document, budget).run()
    except OverBudget:
        return None
