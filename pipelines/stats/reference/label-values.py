#!/usr/bin/python3
"""
Reference values for labels compared by value (pipelines/stats/labels/label-values.ts, issue 19),
computed with pandas and scikit-learn. The TypeScript tests compare against the JSON this writes;
nothing here runs in the product.

Run from the repository root with Debian's Python:

    /usr/bin/python3 pipelines/stats/reference/label-values.py

It writes two fixtures as pandas writes them, and label-values.json:
  - fixtures/label-values-annotators.csv: a = 1,2,1,2,1,2 and b the same with one rating missing,
    which pandas writes as 1.0,2.0,1.0,2.0,,2.0 (a float column). sklearn's cohen_kappa_score
    over the items both rated, and Krippendorff's alpha (nominal) by hand, as Krippendorff (2011)
    section C defines it (no library here has it): 1 and 1.0 are one value in Python, as they
    must be in Winnow.
  - fixtures/label-values-slices.csv: a true/false label yb and a 0/1 prediction p in two groups g.
    sklearn's accuracy_score, precision_score, recall_score and f1_score (pos_label 1, True == 1)
    overall and per group.
"""
import json
import os
from collections import defaultdict
from fractions import Fraction

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, cohen_kappa_score, f1_score, precision_score, recall_score

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, 'fixtures')

annotators = pd.DataFrame({'row': range(6), 'a': [1, 2, 1, 2, 1, 2], 'b': [1, 2, 1, 2, None, 2]})
annotators.to_csv(os.path.join(FIXTURES, 'label-values-annotators.csv'), index=False)
rated = annotators.dropna()
kappa = cohen_kappa_score(rated['a'], rated['b'])


def krippendorff_nominal(units):
    """Coincidences of all ordered pairs of values within each unit of two or more values, each
    weighted 1 / (m - 1); alpha = 1 - (n - 1) * observed disagreement / expected disagreement."""
    coincidences = defaultdict(Fraction)
    for values in units:
        m = len(values)
        for i in range(m):
            for j in range(m):
                if i != j and m > 1:
                    coincidences[(values[i], values[j])] += Fraction(1, m - 1)
    labels = sorted({c for c, _ in coincidences})
    n_c = {c: sum(coincidences[(c, k)] for k in labels) for c in labels}
    n = sum(n_c.values())
    disagreement = sum(coincidences[(c, k)] for c in labels for k in labels if c != k)
    expected = sum(n_c[c] * n_c[k] for c in labels for k in labels if c != k)
    return float(1 - (n - 1) * disagreement / expected), int(n)


alpha, pairable = krippendorff_nominal([[value for value in (a, b) if not pd.isna(value)] for a, b in zip(annotators['a'], annotators['b'])])

# 28 rows, 19 predictions right: accuracy 19/28 = 0.679.
rng = np.random.default_rng(19)
truth = rng.integers(0, 2, 28).astype(bool)
right = np.array([True] * 19 + [False] * 9)
rng.shuffle(right)
prediction = np.where(right, truth, ~truth).astype(int)
groups = np.array(['north'] * 14 + ['south'] * 14)
slices = pd.DataFrame({'row': range(28), 'g': groups, 'yb': truth, 'p': prediction})
slices.to_csv(os.path.join(FIXTURES, 'label-values-slices.csv'), index=False)


def metrics(frame):
    y, p = frame['yb'].astype(int), frame['p']
    return {
        'rows': int(len(frame)),
        'accuracy': accuracy_score(y, p),
        'precision': precision_score(y, p, pos_label=1),
        'recall': recall_score(y, p, pos_label=1),
        'f1': f1_score(y, p, pos_label=1),
    }


reference = {
    'annotators': {'fixture': 'label-values-annotators.csv', 'columns': ['a', 'b'], 'cohenKappa': kappa, 'items': int(len(rated)),
                   'krippendorffAlpha': alpha, 'pairableValues': pairable},
    'slices': {
        'fixture': 'label-values-slices.csv',
        'overall': metrics(slices),
        'groups': {name: metrics(frame) for name, frame in slices.groupby('g')},
    },
}
with open(os.path.join(HERE, 'label-values.json'), 'w') as out:
    json.dump(reference, out, indent=2)
    out.write('\n')
