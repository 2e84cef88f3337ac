#!/usr/bin/python3
"""Reference values for issue 18's types and transforms (pipelines/run/test-types-and-transforms.ts).

Run from the repository root with Debian's python:

    /usr/bin/python3 pipelines/stats/reference/transforms.py

It writes transforms.json:
- constantMeans: pandas' mean of two equal large values (BIGINT 2^53 + 1, 2^60, DOUBLE 1e200);
  the values are given as text so JSON keeps every digit.
- fillNull: pandas' median, mean and mode of x = 1, 2, NaN, NaN, None (NaN and None both
  skipped, as pandas does), and fillna's result with the median.
- nan: pandas' isna() of x = 1, NaN, 5, None, NaN (NaN is missing, as None is) and the share
  of missing values.
- ordinal: scikit-learn's OrdinalEncoder categories for numbers (numeric order) and for text
  (Python's sorted order: by Unicode code point).
"""
import json
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.preprocessing import OrdinalEncoder

HERE = Path(__file__).resolve().parent

constant = {
    "bigint_2_53_plus_1": "9007199254740993",
    "bigint_2_60": str(2**60),
    "large_double": "1e200",
}
constant_means = {}
for name, text in constant.items():
    values = pd.Series([int(text)] * 2) if name.startswith("bigint") else pd.Series([float(text)] * 2)
    mean = float(values.mean())
    constant_means[name] = {"value": text, "mean": mean}

x = pd.Series([1.0, 2.0, np.nan, np.nan, None], dtype="float64")
fill_null = {
    "x": [1, 2, "NaN", "NaN", None],
    "median": float(x.median()),
    "mean": float(x.mean()),
    "mode": float(x.mode().iloc[0]),
    "filledWithMedian": [float(v) for v in x.fillna(x.median())],
}

y = pd.Series([1.0, np.nan, 5.0, None, np.nan], dtype="float64")
nan = {
    "x": [1, "NaN", 5, None, "NaN"],
    "isna": [bool(v) for v in y.isna()],
    "nullFraction": float(y.isna().mean()),
}

numbers = np.array([[10], [-1], [2], [1], [10], [2]])
texts = np.array([["b"], ["B"], ["a"], ["é"], ["Z"], ["a"]], dtype=object)
ordinal = {
    "numbers": [int(v) for v in numbers[:, 0]],
    "numberCategories": [int(v) for v in OrdinalEncoder().fit(numbers).categories_[0]],
    "numberCodes": [int(v) for v in OrdinalEncoder().fit_transform(numbers)[:, 0]],
    "texts": list(texts[:, 0]),
    "textCategories": [str(v) for v in OrdinalEncoder().fit(texts).categories_[0]],
    "textCodes": [int(v) for v in OrdinalEncoder().fit_transform(texts)[:, 0]],
}

out = {
    "generatedBy": "pipelines/stats/reference/transforms.py",
    "pandas": pd.__version__,
    "constantMeans": constant_means,
    "fillNull": fill_null,
    "nan": nan,
    "ordinal": ordinal,
}
(HERE / "transforms.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
