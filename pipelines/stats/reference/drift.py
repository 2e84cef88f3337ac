#!/usr/bin/python3
"""
Reference values for Winnow's drift statistics (docs/statistics.md#drift-between-a-baseline-and-a-current-dataset), computed with
scipy.stats on the fixtures beside this script. The TypeScript tests compare against the JSON
this writes; nothing here runs in the product.

Run from the repository root with Debian's Python (scipy 1.10.1, numpy, pandas 1.5.3):

    /usr/bin/python3 pipelines/stats/reference/drift.py

It (re)writes fixtures/drift-*/baseline.csv and current.csv (real data copied from the
vega-datasets package, plus seeded synthetic data), reads them back, and writes drift.json.

Where scipy has the statistic, scipy computes it:
  - ks_2samp (method 'auto': exact p-value when both samples have at most 10,000 values)
  - chi2_contingency(table, correction=False) on the 2 x k table of baseline and current counts
  - wasserstein_distance
  - scipy.spatial.distance.jensenshannon(..., base=2)
PSI has no scipy function: it is written out below from its definition, on bins whose edges are
numpy's default (linear) quantiles of the baseline. The p-value functions are also sampled on
grids straight from scipy (the exact two-sample KS probability, kstwo.sf, special.smirnov).
"""
import csv
import json
import math
import os
import sys
from math import gcd

import numpy as np
import pandas as pd
import scipy
from scipy import special, stats
from scipy.spatial.distance import jensenshannon
from scipy.stats._stats_py import _attempt_exact_2kssamp

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
VEGA = os.path.join(ROOT, 'node_modules', 'vega-datasets', 'data')
FIXTURES = os.path.join(HERE, 'fixtures')

BINS = 10
PSI_EPSILON = 1e-4

# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='') as handle:
        writer = csv.writer(handle, lineterminator='\n')
        writer.writerow(header)
        for row in rows:
            writer.writerow(['' if value is None else value for value in row])


def number(value):
    """A float as its shortest round-trip text; None stays missing."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return repr(float(value))


def fixture_flights():
    """flights-2k (January to March 2001) against the March 2001 flights of flights-5k."""
    with open(os.path.join(VEGA, 'flights-2k.json')) as handle:
        baseline = json.load(handle)
    with open(os.path.join(VEGA, 'flights-5k.json')) as handle:
        current = [flight for flight in json.load(handle) if flight['date'] >= '2001/03/01']
    header = ['delay', 'distance', 'origin', 'destination']
    rows = lambda flights: [[f['delay'], f['distance'], f['origin'], f['destination']] for f in flights]
    folder = os.path.join(FIXTURES, 'drift-flights')
    write_csv(os.path.join(folder, 'baseline.csv'), header, rows(baseline))
    write_csv(os.path.join(folder, 'current.csv'), header, rows(current))
    return {'delay': 'BIGINT', 'distance': 'BIGINT', 'origin': 'VARCHAR', 'destination': 'VARCHAR'}


def fixture_seattle():
    """Seattle's daily weather in 2012 against 2015 (2015 has no snow)."""
    with open(os.path.join(VEGA, 'seattle-weather.csv')) as handle:
        records = list(csv.DictReader(handle))
    header = ['precipitation', 'temp_max', 'temp_min', 'wind', 'weather']
    rows = lambda year: [[r[name] for name in header] for r in records if r['date'].startswith(year)]
    folder = os.path.join(FIXTURES, 'drift-seattle')
    write_csv(os.path.join(folder, 'baseline.csv'), header, rows('2012'))
    write_csv(os.path.join(folder, 'current.csv'), header, rows('2015'))
    return {'precipitation': 'DOUBLE', 'temp_max': 'DOUBLE', 'temp_min': 'DOUBLE', 'wind': 'DOUBLE', 'weather': 'VARCHAR'}


def fixture_edge_cases():
    """Small seeded samples for every edge case the docs name."""
    rng = np.random.default_rng(20261124)
    n = 400
    columns = {}

    def put(name, kind, baseline, current):
        columns[name] = (kind, list(baseline) + [None] * (n - len(baseline)), list(current) + [None] * (n - len(current)))

    put('same', 'DOUBLE', np.round(rng.normal(0, 1, 300), 6), np.round(rng.normal(0, 1, 300), 6))
    put('shifted', 'DOUBLE', np.round(rng.normal(0, 1, 400), 6), np.round(rng.normal(0.5, 1, 400), 6))
    put('ties', 'BIGINT', rng.integers(0, 10, 250), rng.integers(1, 11, 300))
    put('tiny', 'DOUBLE', [1.5, 2.5, 3.5], [0.5, 2.0, 4.0, 8.0, 9.0])
    put('one_each', 'DOUBLE', [1.0], [2.0])
    put('constant', 'BIGINT', [7] * 120, [7] * 80)
    put('constant_changed', 'BIGINT', [3] * 120, [3] * 40 + [4] * 40)
    put('current_all_null', 'DOUBLE', np.round(rng.normal(0, 1, 50), 6), [])
    put('all_null', 'DOUBLE', [], [])
    put('empty_bins', 'DOUBLE', np.round(rng.uniform(0, 1, 200), 6), np.round(rng.uniform(2, 3, 150), 6))
    # NaN and infinities are missing values for drift, like NULL.
    put('not_finite', 'DOUBLE', list(np.round(rng.normal(0, 1, 100), 6)) + ['nan', 'inf'], ['-inf'] + list(np.round(rng.normal(0.2, 1, 90), 6)))
    put('color', 'VARCHAR', rng.choice(['red', 'green', 'blue'], 300, p=[0.5, 0.3, 0.2]), rng.choice(['red', 'green', 'purple'], 250, p=[0.4, 0.4, 0.2]))
    put('flag', 'BOOLEAN', rng.choice([True, False], 200, p=[0.3, 0.7]), rng.choice([True, False], 220, p=[0.45, 0.55]))
    put('single', 'VARCHAR', ['x'] * 30, ['x'] * 40)
    put('grade', 'VARCHAR', rng.choice(list('ABCDE'), 400), rng.choice(list('ABCDE'), 400))

    header = list(columns)
    text = lambda kind, value: None if value is None else (('true' if value else 'false') if kind == 'BOOLEAN' else (str(int(value)) if kind == 'BIGINT' else (value if kind == 'VARCHAR' else number(value))))
    rows = lambda side: [[text(columns[name][0], columns[name][side][i]) for name in header] for i in range(n)]
    folder = os.path.join(FIXTURES, 'drift-edge-cases')
    write_csv(os.path.join(folder, 'baseline.csv'), header, rows(1))
    write_csv(os.path.join(folder, 'current.csv'), header, rows(2))
    return {name: kind for name, (kind, _, _) in columns.items()}


def fixture_large():
    """More than 10,000 values on both sides (scipy switches the KS p-value to 'asymp')."""
    rng = np.random.default_rng(77)
    n_baseline, n_current = 10500, 11000
    baseline = {
        'steady': rng.normal(0, 1, n_baseline),
        'nudged': rng.normal(0, 1, n_baseline),
        'moved': rng.normal(0, 1, n_baseline),
        'few_current_same': rng.normal(0, 1, n_baseline),
        'few_current_mid': rng.normal(0, 1, n_baseline),
        'few_current_far': rng.normal(0, 1, n_baseline),
        'segment': rng.choice(['a', 'b', 'c', 'd'], n_baseline, p=[0.4, 0.3, 0.2, 0.1]),
    }
    pad = lambda values: list(values) + [None] * (n_current - len(values))
    current = {
        'steady': rng.normal(0, 1, n_current),
        'nudged': rng.normal(0.03, 1, n_current),
        'moved': rng.normal(0.12, 1, n_current),
        'few_current_same': pad(rng.normal(0, 1, 100)),
        'few_current_mid': pad(rng.normal(0.35, 1, 100)),
        'few_current_far': pad(rng.normal(1.0, 1, 100)),
        'segment': rng.choice(['a', 'b', 'c', 'd'], n_current, p=[0.38, 0.31, 0.2, 0.11]),
    }
    header = list(baseline)
    kinds = {name: ('VARCHAR' if name == 'segment' else 'DOUBLE') for name in header}
    text = lambda name, value: None if value is None else (value if kinds[name] == 'VARCHAR' else number(round(float(value), 6)))
    folder = os.path.join(FIXTURES, 'drift-large')
    write_csv(os.path.join(folder, 'baseline.csv'), header, [[text(name, baseline[name][i]) for name in header] for i in range(n_baseline)])
    write_csv(os.path.join(folder, 'current.csv'), header, [[text(name, current[name][i]) for name in header] for i in range(n_current)])
    return kinds


# --------------------------------------------------------------------------------------------
# Statistics, as docs/statistics.md#drift-between-a-baseline-and-a-current-dataset defines them
# --------------------------------------------------------------------------------------------

NUMERIC = {'BIGINT', 'DOUBLE'}


def read_side(folder, side, kinds):
    dtypes = {name: (float if kind in NUMERIC else str) for name, kind in kinds.items()}
    return pd.read_csv(os.path.join(folder, f'{side}.csv'), dtype=dtypes, keep_default_na=False,
                       na_values={name: [''] if kind not in NUMERIC else ['', 'nan'] for name, kind in kinds.items()},
                       float_precision='round_trip')


def psi(baseline_counts, current_counts):
    b = np.asarray(baseline_counts, dtype=float) / np.sum(baseline_counts)
    c = np.asarray(current_counts, dtype=float) / np.sum(current_counts)
    b = np.where(b == 0, PSI_EPSILON, b)
    c = np.where(c == 0, PSI_EPSILON, c)
    return float(np.sum((c - b) * np.log(c / b)))


def numeric_column(baseline, current):
    b = baseline[np.isfinite(baseline)]
    c = current[np.isfinite(current)]
    out = {'type': 'numeric', 'baselineCount': int(b.size), 'currentCount': int(c.size)}
    if b.size == 0 or c.size == 0:
        return out
    ks = stats.ks_2samp(b, c)
    out['ks'] = {'statistic': float(ks.statistic), 'pValue': float(ks.pvalue),
                 'method': 'exact' if max(b.size, c.size) <= 10000 else 'asymp'}
    w = float(stats.wasserstein_distance(b, c))
    spread = float(np.std(b))
    pooled = float(np.std(np.concatenate([b, c])))
    out['wasserstein'] = w
    out['baselineStd'] = spread
    out['pooledStd'] = pooled
    out['wassersteinNormalized'] = w / spread if spread > 0 else (w / pooled if pooled > 0 else 0.0)
    edges = np.unique(np.quantile(b, np.arange(1, BINS) / BINS))
    # Bin i holds values in (edge[i-1], edge[i]]: the number of edges strictly below the value.
    bins_b = np.bincount(np.searchsorted(edges, b, side='left'), minlength=edges.size + 1)
    bins_c = np.bincount(np.searchsorted(edges, c, side='left'), minlength=edges.size + 1)
    out['edges'] = [float(edge) for edge in edges]
    out['baselineBins'] = [int(count) for count in bins_b]
    out['currentBins'] = [int(count) for count in bins_c]
    out['psi'] = psi(bins_b, bins_c)
    out['js'] = float(jensenshannon(bins_b, bins_c, base=2))
    return out


def categorical_column(baseline, current):
    b = baseline.dropna().astype(str)
    c = current.dropna().astype(str)
    out = {'type': 'categorical', 'baselineCount': int(b.size), 'currentCount': int(c.size)}
    if b.size == 0 or c.size == 0:
        return out
    categories = sorted(set(b) | set(c))
    counts_b = np.array([int((b == category).sum()) for category in categories])
    counts_c = np.array([int((c == category).sum()) for category in categories])
    statistic, p_value, dof, _ = stats.chi2_contingency(np.array([counts_b, counts_c]), correction=False)
    out['categories'] = categories
    out['baselineBins'] = [int(count) for count in counts_b]
    out['currentBins'] = [int(count) for count in counts_c]
    out['chi2'] = {'statistic': float(statistic), 'pValue': float(p_value), 'dof': int(dof)}
    out['psi'] = psi(counts_b, counts_c)
    out['js'] = float(jensenshannon(counts_b, counts_c, base=2))
    out['linf'] = float(np.max(np.abs(counts_b / counts_b.sum() - counts_c / counts_c.sum())))
    return out


def reference_for(name, kinds):
    folder = os.path.join(FIXTURES, name)
    baseline = read_side(folder, 'baseline', kinds)
    current = read_side(folder, 'current', kinds)
    columns = {}
    for column, kind in kinds.items():
        if kind in NUMERIC:
            columns[column] = numeric_column(baseline[column].to_numpy(dtype=float), current[column].to_numpy(dtype=float))
        else:
            columns[column] = categorical_column(baseline[column], current[column])
    return {'types': kinds, 'rows': {'baseline': int(len(baseline)), 'current': int(len(current))}, 'columns': columns}


# --------------------------------------------------------------------------------------------
# The p-value functions on grids
# --------------------------------------------------------------------------------------------


def exact_grid():
    """scipy's exact two-sided two-sample KS probability for sizes n1, n2 and statistic h/lcm."""
    sizes = [(1, 1), (1, 2), (2, 3), (3, 5), (5, 5), (7, 13), (10, 10), (20, 30), (25, 50), (50, 50), (60, 90),
             (99, 100), (250, 300), (366, 365), (400, 400), (1000, 1500), (2000, 1703), (7, 10000),
             (3000, 3000), (10000, 10000), (10000, 9973)]
    out = []
    for n1, n2 in sizes:
        g = gcd(n1, n2)
        lcm = (n1 // g) * n2
        ds = sorted({1 / lcm, 0.01, 0.03, 0.05, 0.08, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0})
        for d in ds:
            h = int(np.round(d * lcm))
            if h == 0 or h > lcm:
                continue
            success, d_used, p = _attempt_exact_2kssamp(n1, n2, g, h / lcm, 'two-sided')
            out.append({'n1': n1, 'n2': n2, 'd': h / lcm, 'success': bool(success), 'pValue': None if not success else float(p)})
    return out


def kstwo_grid():
    out = []
    for n in [1, 2, 3, 10, 50, 99, 140, 141, 200, 1000, 5000, 10000, 100000, 100001, 2000000]:
        xs = {0.5 / n * 0.99, 0.5 / n * 1.01, 0.75 / n, 1.0 / n, 1.5 / n, 0.5, 0.6, 0.99, 1.0,
              0.3 / math.sqrt(n), 0.6 / math.sqrt(n), 0.8 / math.sqrt(n), 1.0 / math.sqrt(n), 1.3 / math.sqrt(n),
              1.6 / math.sqrt(n), 2.5 / math.sqrt(n), 5 / math.sqrt(n), 0.05, 0.2, 0.4}
        for x in sorted(xs):
            if 0 < x <= 1:
                out.append({'n': n, 'x': x, 'sf': float(stats.kstwo.sf(x, n))})
    return out


def smirnov_grid():
    out = []
    for n in [1, 2, 5, 10, 100, 1012, 1013, 5000, 100000, 1000001]:
        for x in [0.0, 0.3 / n, 1.0 / n, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 1 - 1.0 / n, 0.999, 1.0]:
            if 0 <= x <= 1:
                out.append({'n': n, 'x': x, 'sf': float(special.smirnov(n, x))})
    return out


def main():
    kinds = {
        'drift-flights': fixture_flights(),
        'drift-seattle': fixture_seattle(),
        'drift-edge-cases': fixture_edge_cases(),
        'drift-large': fixture_large(),
    }
    result = {
        'generator': 'pipelines/stats/reference/drift.py',
        'versions': {'python': sys.version.split()[0], 'numpy': np.__version__, 'scipy': scipy.__version__, 'pandas': pd.__version__},
        'settings': {'bins': BINS, 'psiEpsilon': PSI_EPSILON},
        'fixtures': {name: reference_for(name, kinds[name]) for name in kinds},
        'ksExact': exact_grid(),
        'kstwoSf': kstwo_grid(),
        'smirnovSf': smirnov_grid(),
    }
    with open(os.path.join(HERE, 'drift.json'), 'w') as handle:
        json.dump(result, handle, indent=1, allow_nan=False)
        handle.write('\n')


if __name__ == '__main__':
    main()
