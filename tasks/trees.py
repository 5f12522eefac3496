"""A fitted ensemble of decision trees, stored as JSON and scored in plain Python.

The fitting (scikit-learn's gradient boosting, in scripts/) happens offline; at run time a score is a walk down
each tree, so the stages need no machine-learning library. A file holds the feature names the trees were fitted
for: a stage refuses trees fitted for another feature list rather than read the wrong columns.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Tree:
    """Parallel arrays, one entry per node; a leaf has left == -1 and carries the value."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def predict(self, x: Sequence[float]) -> float:
        node = 0
        left, right, feature, threshold = self.left, self.right, self.feature, self.threshold
        while left[node] != -1:
            node = left[node] if x[feature[node]] <= threshold[node] else right[node]
        return self.value[node]


_TREE_ARRAYS = tuple(field.name for field in fields(Tree))  # a tree's arrays, by their names in the JSON


@dataclass(frozen=True, slots=True)
class TreeEnsemble:
    """A boosted ensemble: log-odds = base + the sum of the trees' values (the learning rate is in the values)."""

    features: tuple[str, ...]
    base: float
    trees: tuple[Tree, ...]
    figures: dict  # what the fitting script measured (cross-validated), for the record

    def log_odds(self, x: Sequence[float]) -> float:
        return self.base + sum(tree.predict(x) for tree in self.trees)

    @classmethod
    def load(cls, path: Path, features: tuple[str, ...]) -> TreeEnsemble:
        """The ensemble in `path`; RuntimeError when it was fitted for another feature list."""
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != features:
            raise RuntimeError(f"{path.name} was fitted for other features: run its fitting script again")
        trees = tuple(Tree(**{name: tuple(tree[name]) for name in _TREE_ARRAYS}) for tree in data["trees"])
        return cls(features, float(data["base"]), trees, data.get("figures", {}))

    def to_json(self) -> str:
        return json.dumps(
            {
                "features": list(self.features),
                "figures": self.figures,
                "base": self.base,
                "trees": [{name: list(getattr(tree, name)) for name in _TREE_ARRAYS} for tree in self.trees],
            },
            separators=(",", ":"),
        )
