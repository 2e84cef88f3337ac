#!/usr/bin/python3
"""Reference values for pipelines/stats/outliers (z-score, Tukey's IQR fences, MAD modified z).

Run from the repository root with Debian's python (numpy 1.24, scipy 1.10.1, pandas 1.5.3):

    /usr/bin/python3 pipelines/stats/reference/outliers.py

It (re)writes the fixtures under fixtures/outliers-*.csv (real data from the vega-datasets npm
package, BSD-3-Clause, and one seeded synthetic table of edge cases), reads them back exactly as
the tests do (every column as text, empty field = missing, `types` cast), and writes
outliers.json. The tests run every case on both engines and compare with that file: statistics
to 1e-9 relative, the flagged rows exactly.

Each rule is computed here with the libraries, independently of the SQL:

- z-score: scipy.stats.zscore(x) (ddof=0, the population standard deviation); flagged when
  |z| > threshold. The mean and standard deviation reported are numpy's mean and std (ddof=0).
- IQR: pandas Series.quantile([0.25, 0.75]) (linear interpolation); flagged below
  Q1 - k * IQR or above Q3 + k * IQR.
- MAD: numpy's median and scipy.stats.median_abs_deviation(x, scale=1.0); flagged when
  |0.6745 * (x - median) / MAD| > threshold (Iglewicz and Hoaglin 1993). MAD = 0: none.

Values a rule looks at: the finite values of the column (NULL, NaN and infinities left out).
"""
import csv
import json
import math
import random
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import median_abs_deviation, zscore

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
FIXTURES = HERE / "fixtures"
VEGA = ROOT / "node_modules" / "vega-datasets" / "data"
MAD_CONSISTENCY = 0.6745


# ---------------------------------------------------------------------------------------------
# Fixtures


def write_csv(name, header, rows):
    FIXTURES.mkdir(parents=True, exist_ok=True)
    with open(FIXTURES / name, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["row", *header])
        for index, row in enumerate(rows, start=1):
            writer.writerow([index, *["" if value is None else value for value in row]])


def text(value):
    """A JSON number as the CSV text DuckDB reads back to the same double (None stays missing)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value)


def make_fixtures():
    # Real data: 2,000 US flights of 2001, delays in minutes (heavy right tail) and distances.
    flights = json.loads((VEGA / "flights-2k.json").read_text(encoding="utf-8"))
    write_csv("outliers-flights.csv", ["delay", "distance"], [[f["delay"], f["distance"]] for f in flights])

    # Real data: Seattle's daily weather 2012-2015; precipitation is 0 on more than half the
    # days, so its MAD is 0.
    with open(VEGA / "seattle-weather.csv", encoding="utf-8") as file:
        weather = list(csv.DictReader(file))
    write_csv("outliers-seattle.csv", ["precipitation", "temp_max", "wind"],
              [[w["precipitation"], w["temp_max"], w["wind"]] for w in weather])

    # Real data: Palmer penguins, two of them without measurements.
    penguins = json.loads((VEGA / "penguins.json").read_text(encoding="utf-8"))
    write_csv("outliers-penguins.csv", ["species", "body_mass_g", "beak_length_mm"],
              [[p["Species"], text(p["Body Mass (g)"]), text(p["Beak Length (mm)"])] for p in penguins])

    # Seeded synthetic edge cases, 400 rows.
    rng = random.Random(1977)
    rows = []
    for index in range(400):
        spike = round(rng.gauss(50, 10), 3)
        if index in (17, 211):
            spike = [240.5, -130.25][index == 211]
        ties = [10, 10, 10, 11, 9, 12, 8][index % 7] if index % 50 else 40
        big = repr(1e9 + rng.gauss(0, 1))
        tiny = repr(rng.gauss(0, 1) * 1e-12) if index != 5 else repr(9e-11)
        infinite = ["inf", "-inf", "nan", None][index % 4] if index % 10 == 0 else repr(round(rng.gauss(0, 1), 6))
        counts = rng.randrange(0, 20) if index % 97 else 1000
        rows.append([spike, 7, None, ties, big, tiny, infinite, counts])
    write_csv("outliers-synthetic.csv", ["spike", "constant", "empty", "ties", "big", "tiny", "infinite", "counts"], rows)


FIXTURE_TYPES = {
    "outliers-flights.csv": {"delay": "BIGINT", "distance": "BIGINT"},
    "outliers-seattle.csv": {"precipitation": "DOUBLE", "temp_max": "DOUBLE", "wind": "DOUBLE"},
    "outliers-penguins.csv": {"body_mass_g": "DOUBLE", "beak_length_mm": "DOUBLE"},
    "outliers-synthetic.csv": {"spike": "DOUBLE", "constant": "INTEGER", "empty": "DOUBLE", "ties": "INTEGER",
                               "big": "DOUBLE", "tiny": "DOUBLE", "infinite": "DOUBLE", "counts": "BIGINT"},
}


# ---------------------------------------------------------------------------------------------
# Reading a fixture the way the tests do


def read_values(name, column):
    """(row numbers, values) of the column's finite values, in row order."""
    with open(FIXTURES / name, newline="", encoding="utf-8") as file:
        rows, values = [], []
        for record in csv.DictReader(file):
            if record[column] == "":
                continue
            value = float(record[column])
            if math.isfinite(value):
                rows.append(int(record["row"]))
                values.append(value)
    return np.array(rows, dtype=np.int64), np.array(values, dtype=np.float64)


# ---------------------------------------------------------------------------------------------
# The rules


def number(value):
    value = float(value)
    return None if math.isnan(value) else value


def zscore_case(rows, x, threshold):
    if len(x) == 0:
        return {"statistics": {"mean": None, "std": None}, "lower": None, "upper": None, "flagged": []}
    mean, std = float(np.mean(x)), float(np.std(x))
    with np.errstate(invalid="ignore", divide="ignore"):
        z = zscore(x)
    assert std == 0 or np.allclose(z, (x - mean) / std, rtol=1e-12, atol=0)
    flagged = rows[np.abs(z) > threshold] if std > 0 else rows[:0]
    fences = (mean - threshold * std, mean + threshold * std) if std > 0 else (None, None)
    return {"statistics": {"mean": mean, "std": std}, "lower": fences[0], "upper": fences[1], "flagged": flagged.tolist()}


def iqr_case(rows, x, k):
    if len(x) == 0:
        return {"statistics": {"q1": None, "q3": None, "iqr": None}, "lower": None, "upper": None, "flagged": []}
    q1, q3 = (float(q) for q in pd.Series(x).quantile([0.25, 0.75]))
    assert np.allclose([q1, q3], np.percentile(x, [25, 75]), rtol=1e-15, atol=0)
    iqr = q3 - q1
    lower, upper = q1 - k * iqr, q3 + k * iqr
    flagged = rows[(x < lower) | (x > upper)]
    return {"statistics": {"q1": q1, "q3": q3, "iqr": iqr}, "lower": lower, "upper": upper, "flagged": flagged.tolist()}


def mad_case(rows, x, threshold):
    if len(x) == 0:
        return {"statistics": {"median": None, "mad": None}, "lower": None, "upper": None, "flagged": []}
    median = float(np.median(x))
    mad = float(median_abs_deviation(x, scale=1.0))
    if mad > 0:
        modified = MAD_CONSISTENCY * (x - median) / mad
        flagged = rows[np.abs(modified) > threshold]
        fences = (median - threshold * mad / MAD_CONSISTENCY, median + threshold * mad / MAD_CONSISTENCY)
    else:
        flagged, fences = rows[:0], (None, None)
    return {"statistics": {"median": median, "mad": mad}, "lower": fences[0], "upper": fences[1], "flagged": flagged.tolist()}


RULES = {"zscore": (zscore_case, 3.0), "iqr": (iqr_case, 1.5), "mad": (mad_case, 3.5)}

# (fixture, column, method, threshold or None for the default)
CASES = [
    *[("outliers-flights.csv", column, method, None) for column in ("delay", "distance") for method in RULES],
    ("outliers-flights.csv", "delay", "zscore", 2.5),
    ("outliers-flights.csv", "delay", "iqr", 3.0),
    ("outliers-flights.csv", "delay", "mad", 5.0),
    *[("outliers-seattle.csv", column, method, None) for column in ("precipitation", "temp_max", "wind") for method in RULES],
    *[("outliers-penguins.csv", column, method, None) for column in ("body_mass_g", "beak_length_mm") for method in RULES],
    *[("outliers-synthetic.csv", column, method, None)
      for column in ("spike", "constant", "empty", "ties", "big", "tiny", "infinite", "counts") for method in RULES],
    ("outliers-synthetic.csv", "spike", "zscore", 2.0),
    ("outliers-synthetic.csv", "spike", "iqr", 0.5),
]


def main():
    make_fixtures()
    cases = []
    for fixture, column, method, threshold in CASES:
        rule, default = RULES[method]
        parameter = default if threshold is None else threshold
        rows, x = read_values(fixture, column)
        result = rule(rows, x, parameter)
        cases.append({
            "fixture": fixture, "column": column, "method": method, "threshold": threshold, "parameter": parameter,
            "values": int(len(x)), "outliers": len(result["flagged"]), **result,
        })
    reference = {
        "settings": {"zscoreThreshold": 3.0, "iqrK": 1.5, "madThreshold": 3.5, "madConsistency": MAD_CONSISTENCY},
        "fixtures": FIXTURE_TYPES,
        "cases": cases,
    }
    (HERE / "outliers.json").write_text(json.dumps(reference, indent=1) + "\n", encoding="utf-8")
    for case in cases:
        print(f'{case["fixture"]:24} {case["column"]:14} {case["method"]:6} {case["parameter"]:>4}: '
              f'{case["outliers"]:4} of {case["values"]:5}')


if __name__ == "__main__":
    main()
