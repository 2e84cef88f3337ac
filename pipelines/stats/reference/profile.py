#!/usr/bin/python3
"""Reference values for Winnow's column profiles, computed with pandas and numpy.

Run from the repository root with Debian's python3-pandas (1.5.3) and python3-numpy (1.24.2):

    /usr/bin/python3 pipelines/stats/reference/profile.py > pipelines/stats/reference/profile.json

pipelines/stats/profile/reference.test.ts profiles the same files on both DuckDB engines and
compares against the JSON this prints: exact statistics to 1e-9 relative, counts exactly.

What each value is, in pandas terms:
  count, nulls      Series.count(), Series.isna().sum()
  distinct          Series.nunique()
  min, max          Series.min(), Series.max() over non-null values
  mean, std         Series.mean(), Series.std() (ddof=1), as DataFrame.describe()
  quantiles         Series.quantile(q, interpolation='linear')
  zeros, negatives  (Series == 0).sum(), (Series < 0).sum()
  histogram         numpy.histogram(values, bins='auto'); with more than MAX_BINS bins,
                    numpy.histogram(values, bins=MAX_BINS)
  lengths           Series.str.len(): min, max, mean (code points)
  top               value_counts(), most frequent first, ties in ascending value order
  patterns          re.fullmatch of the expressions in pipelines/stats/profile/patterns.ts on the
                    value stripped of spaces (phone: 7-15 digits and not a date or IP; credit card:
                    Luhn checksum), counted independently of DuckDB's RE2
"""
import json
import math
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = Path(__file__).resolve().parent / 'fixtures'
VEGA = ROOT / 'node_modules' / 'vega-datasets' / 'data'

QUANTILES = [0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1]
MAX_BINS = 50
TOP_K = 10

# The same expressions as pipelines/stats/profile/patterns.ts (the test checks they are equal).
OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])'
# An IP's first part is 1-255; the others may be zero-padded (192.168.001.001).
FIRST_OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]?)'
PADDED_OCTET = '(25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])'
HEXTET = '[0-9A-Fa-f]{1,4}'
MONTH = '(?i:(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)\\.?'
PATTERNS = {
    'email': '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}',
    'url': '(?i:(https?|ftp)://|www\\.)[^\\s/?#]+[^\\s]*',
    'phone': '\\+[0-9]{7,15}|(\\+[0-9]{1,3}[ .-]?[0-9]{1,4}|(\\+[0-9]{1,3}[ .-]?)?(\\([0-9]{1,4}\\)[ .-]?)?[0-9]{2,4})([ .-][0-9]{2,4}){1,5}'
             '|(\\+[0-9]{1,3}[ .-]?)?\\([0-9]{1,4}\\)[ .-]?[0-9]{3,4}[ .-]?[0-9]{3,4}',
    'uuid': '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}',
    'ip': f'{FIRST_OCTET}(\\.{PADDED_OCTET}){{3}}|({HEXTET}:){{7}}{HEXTET}|(({HEXTET}:){{0,6}}{HEXTET})?::(({HEXTET}:){{0,6}}{HEXTET})?',
    'credit_card': '[0-9]([ -]?[0-9]){12,18}',
    'date': '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?'
            '|[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}|[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{2}'
            f'|[0-9]{{1,2}} {MONTH},? [0-9]{{4}}|{MONTH} [0-9]{{1,2}}(?i:st|nd|rd|th)?,? [0-9]{{4}}',
}

# How Winnow's engines type each column (DuckDB's CSV sniffer, or the test's declared types),
# where pandas would see it differently: dates stay text in pandas, an all-empty column is float.
DATASETS = {
    'mixed': {'path': FIXTURES / 'mixed.csv', 'kinds': {'created': 'temporal', 'empty': 'string', 'flag': 'boolean'}},
    'one-row': {'path': FIXTURES / 'one-row.csv', 'kinds': {}},
    'empty': {'path': FIXTURES / 'empty.csv', 'kinds': {'x': 'string', 'label': 'string'}},
    'seattle-weather': {'path': VEGA / 'seattle-weather.csv', 'kinds': {'date': 'temporal'}},
    'penguins': {'path': VEGA / 'penguins.json', 'kinds': {}},
}


def number(value):
    """A JSON number, or None for NaN (pandas' missing result)."""
    value = float(value)
    return None if math.isnan(value) else value


def kind_of(series, declared):
    if declared:
        return declared
    if pd.api.types.is_bool_dtype(series):
        return 'boolean'
    if pd.api.types.is_numeric_dtype(series):
        return 'numeric'
    return 'string'


def histogram(values):
    if values.size == 0:
        return None
    edges = np.histogram_bin_edges(values, bins='auto')
    bins = 'auto' if len(edges) - 1 <= MAX_BINS else MAX_BINS
    counts, edges = np.histogram(values, bins=bins)
    return {'bins': len(counts), 'edges': [float(edge) for edge in edges], 'counts': [int(count) for count in counts]}


def numeric_profile(series):
    values = series.dropna().astype(float)
    return {
        'min': number(values.min()) if len(values) else None,
        'max': number(values.max()) if len(values) else None,
        'mean': number(values.mean()),
        'std': number(values.std()),
        'quantiles': {repr(q): number(values.quantile(q, interpolation='linear')) for q in QUANTILES} if len(values) else {},
        'zeros': int((values == 0).sum()),
        'negatives': int((values < 0).sum()),
        'histogram': histogram(values.to_numpy()),
    }


def luhn(digits):
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char)
        if index % 2 == 1:
            digit = digit * 2 - 9 if digit >= 5 else digit * 2
        total += digit
    return total % 10 == 0


def matches(name, value):
    text = value.strip(' ')
    if not re.fullmatch(PATTERNS[name], text):
        return False
    digits = re.sub('[^0-9]', '', text)
    if name == 'phone':
        return 7 <= len(digits) <= 15 and not matches('date', value) and not matches('ip', value)
    if name == 'credit_card':
        return luhn(digits)
    return True


def top_values(values):
    counts = sorted(values.value_counts().items(), key=lambda item: (-item[1], item[0]))
    listed = [{'value': value.item() if hasattr(value, 'item') else value, 'count': int(count)} for value, count in counts[:TOP_K]]
    return {'values': listed, 'other': int(len(values) - sum(item['count'] for item in listed))}


def string_profile(series):
    values = series.dropna().astype(str)
    lengths = values.str.len()
    return {
        'min': values.min() if len(values) else None,
        'max': values.max() if len(values) else None,
        'lengths': {'min': int(lengths.min()), 'max': int(lengths.max()), 'mean': number(lengths.mean())} if len(values) else None,
        'top': top_values(values),
        'patterns': {name: int(sum(matches(name, value) for value in values)) for name in PATTERNS},
    }


def column_profile(series, kind):
    profile = {'kind': kind, 'count': int(series.count()), 'nulls': int(series.isna().sum()), 'distinct': int(series.nunique())}
    if kind == 'numeric':
        profile.update(numeric_profile(series))
    elif kind == 'string':
        profile.update(string_profile(series))
    elif kind == 'boolean':
        profile['top'] = top_values(series.dropna().astype(bool))
    elif kind == 'temporal':
        values = series.dropna().astype(str)
        profile['min'] = values.min() if len(values) else None
        profile['max'] = values.max() if len(values) else None
    return profile


def read(path):
    if path.suffix == '.json':
        return pd.read_json(path, orient='records')
    # Only empty fields are missing, as in DuckDB's read_csv; text such as "NA" stays text.
    return pd.read_csv(path, keep_default_na=False, na_values=[''])


def main():
    datasets = {}
    for name, dataset in DATASETS.items():
        frame = read(dataset['path'])
        datasets[name] = {
            'path': dataset['path'].relative_to(ROOT).as_posix(),
            'rows': int(len(frame)),
            'columns': {column: column_profile(frame[column], kind_of(frame[column], dataset['kinds'].get(column))) for column in frame.columns},
        }
    reference = {
        'generator': 'pipelines/stats/reference/profile.py',
        'pandas': pd.__version__,
        'numpy': np.__version__,
        'quantiles': QUANTILES,
        'maxBins': MAX_BINS,
        'topK': TOP_K,
        'patterns': PATTERNS,
        'datasets': datasets,
    }
    json.dump(reference, sys.stdout, indent=1, ensure_ascii=False, allow_nan=False)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
