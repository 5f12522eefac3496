"""The stored tree ensembles: scored in plain Python, refused when fitted for other features."""

from __future__ import annotations

import json
import pickle
import random
from pathlib import Path

import pytest

from newsprep.tasks import split
from newsprep.tasks.trees import Tree, TreeEnsemble


def test_a_tree_walks_left_at_or_below_its_threshold() -> None:
    # feature 1 <= 0.5 -> leaf 1 (-2.0); else feature 0 <= 3 -> leaf 3 (0.5), else leaf 4 (4.0)
    tree = Tree(
        feature=(1, 0, 0, 0, 0),
        threshold=(0.5, 0, 3.0, 0, 0),
        left=(1, -1, 3, -1, -1),
        right=(2, -1, 4, -1, -1),
        value=(0, -2.0, 0, 0.5, 4.0),
    )
    ensemble = TreeEnsemble(("a", "b"), base=0.25, trees=(tree, tree), figures={})
    assert ensemble.log_odds([10.0, 0.5]) == pytest.approx(0.25 - 4.0)
    assert ensemble.log_odds([3.0, 0.6]) == pytest.approx(0.25 + 1.0)
    assert ensemble.log_odds([3.1, 0.6]) == pytest.approx(0.25 + 8.0)


def test_an_ensemble_survives_its_json(tmp_path: Path) -> None:
    model = split.split_model()
    path = tmp_path / "model.json"
    path.write_text(model.to_json(), encoding="utf-8")
    again = TreeEnsemble.load(path, split.SPLIT_FEATURES)
    row = [0.5] * len(split.SPLIT_FEATURES)
    assert again.log_odds(row) == model.log_odds(row)
    assert again.figures["cross_validated"]["count_exact"] > 0.5  # the fitting script's record travels with it


def test_the_split_model_fitted_for_other_features_is_refused(tmp_path: Path) -> None:
    fitted = json.loads(split._MODEL_FILE.read_text(encoding="utf-8"))
    stale = tmp_path / "split_model.json"
    stale.write_text(json.dumps({**fitted, "features": fitted["features"][:-1]}), encoding="utf-8")
    with pytest.raises(RuntimeError, match="fitted for other features"):
        TreeEnsemble.load(stale, split.SPLIT_FEATURES)


def test_the_compiled_trees_score_as_the_walk_down_each_tree() -> None:
    model = split.split_model()
    thresholds = sorted({t for tree in model.trees for t in tree.threshold})
    rng = random.Random(7)
    values = [*thresholds, 0, 1, -1.5, 1e9, float("inf"), float("nan")]
    for _ in range(2000):
        row = [rng.choice(values) for _ in split.SPLIT_FEATURES]
        assert model.log_odds(row) == model.base + sum(tree.predict(row) for tree in model.trees)


def test_an_ensemble_pickles() -> None:
    model = split.split_model()
    again = pickle.loads(pickle.dumps(model))
    row = [0.5] * len(split.SPLIT_FEATURES)
    assert again == model and again.log_odds(row) == model.log_odds(row)
