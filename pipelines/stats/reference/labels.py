#!/usr/bin/python3
"""Reference values for pipelines/stats/labels (class balance, label conflicts, agreement).

Run from the repository root with Debian's python (scikit-learn 1.2.1, scipy 1.10.1):

    /usr/bin/python3 pipelines/stats/reference/labels.py

It (re)writes the fixtures under fixtures/labels-*.csv (real data from the vega-datasets npm
package, BSD-3-Clause; published worked examples; one seeded synthetic crowd), reads them back
exactly as the tests do (every column as text, empty field = missing, `types` cast), and writes
labels.json. The tests run the same cases on both engines and compare with that file.

Every statistic is computed here independently of the TypeScript, with exact rational arithmetic
(fractions.Fraction), then rounded once to a float. Where a library computes the same thing it is
checked too: sklearn.metrics.cohen_kappa_score for Cohen's kappa, scipy.stats.entropy for the
label entropy. Krippendorff's alpha and Fleiss' kappa have no library here (no statsmodels, no
krippendorff package), so they follow the papers, and the script asserts the papers' own worked
examples before writing anything:

- Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers x 12
  units, nominal data with missing values: alpha = 0.743.
- Fleiss (1971), "Measuring nominal scale agreement among many raters", with Wikipedia's worked
  example (10 subjects x 14 raters, 5 categories): P-bar = 0.378, P-e = 0.213, kappa = 0.210.
- Cohen (1960), with Wikipedia's worked example (50 proposals, two readers): kappa = 0.4.
"""
import csv
import json
import math
import random
from collections import Counter, defaultdict
from fractions import Fraction
from pathlib import Path

from scipy.stats import entropy as scipy_entropy
from sklearn.metrics import cohen_kappa_score

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
FIXTURES = HERE / "fixtures"
VEGA = ROOT / "node_modules" / "vega-datasets" / "data"
LOWEST_LIMIT = 10
EXAMPLE_LIMIT = 10


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
    """A JSON value as the CSV text DuckDB will read back (None stays missing)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def band(value, cuts, names):
    if value is None:
        return None
    for cut, name in zip(cuts, names):
        if value < cut:
            return name
    return names[-1]


def make_fixtures():
    # Krippendorff (2011), section C: rows are units, columns observers A-D, '' is missing.
    reliability = {
        "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    }
    write_csv("labels-krippendorff-2011.csv", ["unit", "A", "B", "C", "D"],
              [[unit + 1, *[reliability[o][unit] for o in "ABCD"]] for unit in range(12)])

    # Wikipedia's Fleiss example: how many of 14 raters put each subject in categories 1-5.
    counts = [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ]
    long_rows = []
    for subject, row in enumerate(counts, start=1):
        rater = 0
        for category, count in enumerate(row, start=1):
            for _ in range(count):
                rater += 1
                long_rows.append([subject, f"r{rater:02d}", category])
    write_csv("labels-fleiss-wikipedia.csv", ["subject", "rater", "category"], long_rows)

    # Wikipedia's Cohen example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
    pairs = [["Yes", "Yes"]] * 20 + [["Yes", "No"]] * 5 + [["No", "Yes"]] * 10 + [["No", "No"]] * 15
    write_csv("labels-cohen-wikipedia.csv", ["reader_a", "reader_b"], pairs)

    # Real data: IMDB users and Rotten Tomatoes critics as two "annotators" of 3,201 movies,
    # each rating banded into low / mid / high; either may be missing.
    movies = json.loads((VEGA / "movies.json").read_text(encoding="utf-8"))
    write_csv(
        "labels-movies.csv",
        ["title", "imdb", "rotten_tomatoes", "genre", "mpaa", "creative_type", "source"],
        [[text(m["Title"]),
          band(m["IMDB Rating"], [5.5, 7], ["low", "mid", "high"]),
          band(m["Rotten Tomatoes Rating"], [40, 70], ["low", "mid", "high"]),
          m["Major Genre"], m["MPAA Rating"], m["Creative Type"], m["Source"]] for m in movies],
    )

    # Real data: Palmer penguins (species as the label).
    penguins = json.loads((VEGA / "penguins.json").read_text(encoding="utf-8"))
    write_csv(
        "labels-penguins.csv",
        ["species", "island", "sex", "beak_length_mm", "beak_depth_mm", "flipper_length_mm", "body_mass_g"],
        [[p["Species"], p["Island"], p["Sex"], text(p["Beak Length (mm)"]), text(p["Beak Depth (mm)"]),
          text(p["Flipper Length (mm)"]), text(p["Body Mass (g)"])] for p in penguins],
    )

    # Real data, long form: the weather of each day as "rated" by Seattle and New York.
    with open(VEGA / "weather.csv", encoding="utf-8") as file:
        weather = list(csv.DictReader(file))
    write_csv("labels-weather.csv", ["date", "location", "weather"],
              [[w["date"], w["location"], w["weather"]] for w in weather])

    # A seeded crowd: 7 annotators, 1 to 5 ratings per item, 4 classes, items of varied difficulty.
    rng = random.Random(2011)
    classes = ["cat", "dog", "bird", "fish"]
    crowd = []
    for item in range(1, 181):
        truth = rng.choice(classes)
        difficulty = rng.choice([0.05, 0.2, 0.4, 0.7])
        for annotator in sorted(rng.sample(range(1, 8), rng.choice([1, 2, 3, 3, 4, 5]))):
            label = rng.choice(classes) if rng.random() < difficulty else truth
            crowd.append([item, f"annotator{annotator}", label])
    rng.shuffle(crowd)
    write_csv("labels-crowd.csv", ["item", "annotator", "label"], crowd)


# ---------------------------------------------------------------------------------------------
# Reading a fixture the way the tests do


def read_fixture(name, types):
    with open(FIXTURES / name, newline="", encoding="utf-8") as file:
        rows = []
        for record in csv.DictReader(file):
            row = {key: (None if value == "" else value) for key, value in record.items()}
            for column, kind in types.items():
                if row[column] is not None:
                    assert kind == "INTEGER", kind
                    row[column] = int(row[column])
            row["row"] = int(row["row"])
            rows.append(row)
    return rows


def ratings_of(rows, spec):
    """(item, annotator, label) for every rating; labels as text, missing ratings left out."""
    if "annotators" in spec:
        item = spec.get("item", "row")
        return [(row[item], column, str(row[column])) for row in rows for column in spec["annotators"]
                if row[column] is not None and row[item] is not None]
    return [(row[spec["item"]], row[spec["annotator"]], str(row[spec["label"]])) for row in rows
            if row[spec["item"]] is not None and row[spec["annotator"]] is not None and row[spec["label"]] is not None]


# ---------------------------------------------------------------------------------------------
# Statistics, exact


def to_float(value):
    return None if value is None else float(value)


def cohen(ratings, pair):
    """Cohen (1960) on the items both annotators rated; also sklearn's value."""
    first, second = pair
    by_item = defaultdict(dict)
    for item, annotator, label in ratings:
        by_item[item][annotator] = label
    both = [(labels[first], labels[second]) for _, labels in sorted(by_item.items()) if first in labels and second in labels]
    n = len(both)
    if n == 0:
        return {"value": None, "observedAgreement": None, "chanceAgreement": None, "items": 0}, None
    rows, cols = Counter(a for a, _ in both), Counter(b for _, b in both)
    diagonal = sum(1 for a, b in both if a == b)
    chance = sum(rows[k] * cols[k] for k in rows)
    kappa = None if n * n == chance else Fraction(n * diagonal - chance, n * n - chance)
    with_sklearn = None
    if kappa is not None:
        with_sklearn = float(cohen_kappa_score([a for a, _ in both], [b for _, b in both]))
        assert math.isclose(with_sklearn, float(kappa), rel_tol=1e-12, abs_tol=1e-15), (with_sklearn, kappa)
    return {
        "value": to_float(kappa),
        "observedAgreement": float(Fraction(diagonal, n)),
        "chanceAgreement": float(Fraction(chance, n * n)),
        "items": n,
    }, with_sklearn


def item_counts(ratings):
    by_item = defaultdict(Counter)
    for item, _, label in ratings:
        by_item[item][label] += 1
    return by_item


def fleiss(ratings):
    """Fleiss (1971) kappa; with unequal numbers of ratings per item, Gwet's generalisation
    (Handbook of Inter-Rater Reliability, 2014; irrCAC's fleiss.kappa.raw): observed agreement over
    items with at least two ratings, category shares averaged over items with at least one."""
    items = list(item_counts(ratings).values())
    pairable = [c for c in items if sum(c.values()) >= 2]
    if not pairable:
        return {"value": None, "observedAgreement": None, "chanceAgreement": None, "items": 0}
    labels = sorted({label for c in items for label in c})
    observed = sum(Fraction(sum(x * (x - 1) for x in c.values()), sum(c.values()) * (sum(c.values()) - 1)) for c in pairable) / len(pairable)
    shares = {k: sum(Fraction(c[k], sum(c.values())) for c in items) / len(items) for k in labels}
    chance = sum(p * p for p in shares.values())
    kappa = None if chance == 1 else (observed - chance) / (1 - chance)
    return {"value": to_float(kappa), "observedAgreement": float(observed), "chanceAgreement": float(chance), "items": len(pairable), "_exact": kappa}


def fleiss_1971(ratings):
    """Fleiss' own formulas, for a constant number of ratings per subject (a cross-check)."""
    items = list(item_counts(ratings).values())
    (n,) = {sum(c.values()) for c in items}
    big_n = len(items)
    labels = sorted({label for c in items for label in c})
    p_bar = sum(Fraction(sum(x * x for x in c.values()) - n, n * (n - 1)) for c in items) / big_n
    p_j = {k: Fraction(sum(c[k] for c in items), big_n * n) for k in labels}
    p_e = sum(p * p for p in p_j.values())
    return (p_bar - p_e) / (1 - p_e), p_bar, p_e


def krippendorff_nominal(ratings):
    """Krippendorff (2011), section C: the coincidence matrix from all ordered pairs of values
    within each unit with two or more values, each weighted 1 / (m_u - 1); nominal difference."""
    units = defaultdict(list)
    for item, _, label in ratings:
        units[item].append(label)
    coincidences = defaultdict(Fraction)
    for values in units.values():
        m = len(values)
        if m < 2:
            continue
        for i in range(m):
            for j in range(m):
                if i != j:
                    coincidences[(values[i], values[j])] += Fraction(1, m - 1)
    labels = sorted({c for c, _ in coincidences})
    n_c = {c: sum(coincidences[(c, k)] for k in labels) for c in labels}
    n = sum(n_c.values())
    if n == 0:
        return {"value": None, "pairableValues": 0}
    disagreement = sum(coincidences[(c, k)] for c in labels for k in labels if c != k)
    expected = sum(n_c[c] * n_c[k] for c in labels for k in labels if c != k)
    alpha = None if expected == 0 else 1 - (n - 1) * disagreement / expected
    return {"value": to_float(alpha), "pairableValues": int(n), "_exact": alpha}


def per_class(ratings, pair):
    items = item_counts(ratings)
    labels = sorted({label for _, _, label in ratings})
    totals = Counter(label for _, _, label in ratings)
    out = []
    for k in labels:
        binary = [(item, annotator, "1" if label == k else "0") for item, annotator, label in ratings]
        if pair:
            kappa = cohen(binary, pair)[0]["value"]
        else:
            kappa = fleiss(binary)["value"]
        agreeing = sum(c[k] * (c[k] - 1) for c in items.values() if sum(c.values()) >= 2)
        possible = sum(c[k] * (sum(c.values()) - 1) for c in items.values() if sum(c.values()) >= 2)
        out.append({
            "label": k,
            "ratings": totals[k],
            "specificAgreement": None if possible == 0 else float(Fraction(agreeing, possible)),
            "kappa": kappa,
        })
    return out


def lowest_items(ratings, limit):
    found = []
    for item, c in item_counts(ratings).items():
        m = sum(c.values())
        if m < 2:
            continue
        agreement = float(Fraction(sum(x * (x - 1) for x in c.values()), m * (m - 1)))
        majority, count = sorted(c.items(), key=lambda entry: (-entry[1], entry[0]))[0]
        found.append({"item": item, "ratings": m, "agreement": agreement, "majority": majority, "majorityCount": count})
    found.sort(key=lambda entry: (entry["agreement"], entry["item"]))
    return found[:limit]


def agreement(rows, spec):
    ratings = ratings_of(rows, spec)
    seen = Counter((item, annotator) for item, annotator, _ in ratings)
    assert max(seen.values()) == 1, "an annotator rated an item twice"
    annotators = sorted({annotator for _, annotator, _ in ratings}) if "annotator" in spec else spec["annotators"]
    pair = annotators if len(annotators) == 2 else None
    items = item_counts(ratings)
    result = {
        "annotators": len(annotators),
        "items": len(items),
        "ratings": len(ratings),
        "pairableItems": sum(1 for c in items.values() if sum(c.values()) >= 2),
        "fleiss": fleiss(ratings),
        "krippendorffAlpha": krippendorff_nominal(ratings),
        "perClass": per_class(ratings, pair),
        "lowestItems": lowest_items(ratings, LOWEST_LIMIT),
    }
    if pair:
        result["cohen"], result["sklearnCohenKappa"] = cohen(ratings, pair)
        result["kappa"] = {"method": "cohen", "value": result["cohen"]["value"]}
    else:
        result["kappa"] = {"method": "fleiss", "value": result["fleiss"]["value"]}
    if len({sum(c.values()) for c in items.values()}) == 1 and result["fleiss"]["value"] is not None:
        assert fleiss_1971(ratings)[0] == result["fleiss"]["_exact"]
    return result


def class_balance(rows, label):
    values = [str(row[label]) for row in rows if row[label] is not None]
    counts = Counter(values)
    classes = sorted(counts.items(), key=lambda entry: (-entry[1], entry[0]))
    total = len(values)
    in_label_order = [counts[k] for k in sorted(counts)]
    h = float(scipy_entropy(in_label_order)) if counts else None
    return {
        "rows": len(rows),
        "labelled": total,
        "missing": len(rows) - total,
        "classes": [{"label": k, "count": n, "share": float(Fraction(n, total))} for k, n in classes],
        "imbalanceRatio": float(Fraction(classes[0][1], classes[-1][1])) if classes else None,
        "entropy": h,
        "normalizedEntropy": h / math.log(len(counts)) if len(counts) > 1 else None,
    }


def label_conflicts(rows, features, label):
    groups = defaultdict(list)
    for row in rows:
        if row[label] is not None:
            groups[tuple(row[f] for f in features)].append(row)
    conflicting = []
    for key, members in groups.items():
        labels = Counter(str(member[label]) for member in members)
        if len(labels) > 1:
            conflicting.append({
                "features": dict(zip(features, key)),
                "labels": [{"label": k, "count": n} for k, n in sorted(labels.items(), key=lambda entry: (-entry[1], entry[0]))],
                "rows": len(members),
                "firstRow": min(member["row"] for member in members),
            })
    conflicting.sort(key=lambda entry: entry["firstRow"])
    return {
        "labelledRows": sum(len(members) for members in groups.values()),
        "groups": len(groups),
        "conflictingGroups": len(conflicting),
        "conflictingRows": sum(entry["rows"] for entry in conflicting),
        "examples": conflicting[:EXAMPLE_LIMIT],
    }


# ---------------------------------------------------------------------------------------------
# Cases

CASES = [
    {"name": "krippendorff-2011", "fixture": "labels-krippendorff-2011.csv", "types": {"unit": "INTEGER"},
     "agreement": {"annotators": ["A", "B", "C", "D"], "item": "unit"}},
    {"name": "fleiss-wikipedia", "fixture": "labels-fleiss-wikipedia.csv", "types": {"subject": "INTEGER"},
     "agreement": {"item": "subject", "annotator": "rater", "label": "category"}, "balance": {"label": "category"}},
    {"name": "cohen-wikipedia", "fixture": "labels-cohen-wikipedia.csv", "types": {},
     "agreement": {"annotators": ["reader_a", "reader_b"]}},
    {"name": "movies", "fixture": "labels-movies.csv", "types": {},
     "agreement": {"annotators": ["imdb", "rotten_tomatoes"]}, "balance": {"label": "genre"},
     "conflicts": {"features": ["mpaa", "creative_type", "source"], "label": "genre"}},
    {"name": "penguins", "fixture": "labels-penguins.csv", "types": {}, "balance": {"label": "species"},
     "conflicts": {"features": ["island", "sex"], "label": "species"}},
    {"name": "penguins-measurements", "fixture": "labels-penguins.csv", "types": {},
     "conflicts": {"features": ["beak_length_mm", "beak_depth_mm"], "label": "species"}},
    {"name": "weather", "fixture": "labels-weather.csv", "types": {},
     "agreement": {"item": "date", "annotator": "location", "label": "weather"}, "balance": {"label": "weather"},
     "conflicts": {"features": ["date"], "label": "weather"}},
    {"name": "crowd", "fixture": "labels-crowd.csv", "types": {"item": "INTEGER"},
     "agreement": {"item": "item", "annotator": "annotator", "label": "label"}, "balance": {"label": "label"}},
]


def strip_private(value):
    if isinstance(value, dict):
        return {k: strip_private(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [strip_private(v) for v in value]
    return value


def main():
    make_fixtures()
    out = []
    for case in CASES:
        rows = read_fixture(case["fixture"], case["types"])
        expected = {}
        if "agreement" in case:
            expected["agreement"] = agreement(rows, case["agreement"])
        if "balance" in case:
            expected["balance"] = class_balance(rows, case["balance"]["label"])
        if "conflicts" in case:
            expected["conflicts"] = label_conflicts(rows, case["conflicts"]["features"], case["conflicts"]["label"])
        out.append({**case, "expected": expected})

    by_name = {case["name"]: case["expected"] for case in out}
    # The published worked examples, as printed (three decimals).
    kripp = by_name["krippendorff-2011"]["agreement"]["krippendorffAlpha"]
    assert round(kripp["value"], 3) == 0.743, kripp
    assert kripp["pairableValues"] == 40, kripp
    wiki = by_name["fleiss-wikipedia"]["agreement"]["fleiss"]
    assert (round(wiki["value"], 3), round(wiki["observedAgreement"], 3), round(wiki["chanceAgreement"], 3)) == (0.210, 0.378, 0.213), wiki
    assert by_name["cohen-wikipedia"]["agreement"]["cohen"]["value"] == 0.4

    document = {
        "generatedBy": "pipelines/stats/reference/labels.py",
        "libraries": {"sklearn": __import__("sklearn").__version__, "scipy": __import__("scipy").__version__},
        "lowestLimit": LOWEST_LIMIT,
        "exampleLimit": EXAMPLE_LIMIT,
        "cases": strip_private(out),
    }
    (HERE / "labels.json").write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
