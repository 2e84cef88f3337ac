#!/usr/bin/env python3
"""The bench's pandas column: the ten checks of bench/checks.mjs as a person would write them in
pandas, over the same CSV (or Parquet, when pyarrow is there). Prints its timings, counts and peak
memory as JSON for bench/run-bench.mjs, in the shape of bench/handwritten.mjs.

    python3 bench/pandas_checks.py csv|parquet FILE
"""
import json
import resource
import sys
import time

CATEGORIES = ['books', 'food', 'games', 'garden', 'music', 'sports', 'tools', 'toys']
CODE_PATTERN = r'^[A-Z]{2}-[0-9]{4}$'


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    started = time.perf_counter()
    import pandas as pd  # noqa: E402 (imported here so its import counts, as Node's does)

    load_started = time.perf_counter()
    # As DuckDB reads it: only an empty field is null ('n/a' in ref is a value, not a missing one).
    text = {'category': str, 'code': str, 'ref': str}
    df = pd.read_csv(path, parse_dates=['ts'], dtype=text, keep_default_na=False, na_values=['']) if fmt == 'csv' else pd.read_parquet(path)
    load_ms = (time.perf_counter() - load_started) * 1000

    checks = {
        'amount_present': lambda: {'unexpected': int(df['amount'].isna().sum())},
        'amount_range': lambda: {'unexpected': int(((df['amount'] < 0) | (df['amount'] > 10000)).sum())},
        'category_known': lambda: {'unexpected': int((df['category'].notna() & ~df['category'].isin(CATEGORIES)).sum())},
        'code_format': lambda: {'unexpected': int((df['code'].notna() & ~df['code'].astype(str).str.match(CODE_PATTERN)).sum())},
        'id_unique': lambda: {'unexpected': int(df['id'].dropna().duplicated(keep=False).sum())},
        'ref_numeric': lambda: {'unexpected': int((df['ref'].notna() & pd.to_numeric(df['ref'], errors='coerce').isna()).sum())},
        'score_mean': lambda: {'observed': float(df['score'].mean())},
        'score_nulls': lambda: {'unexpected': int(df['score'].isna().sum()), 'observed': float(df['score'].isna().mean())},
        'row_count': lambda: {'observed': float(len(df))},
        'quantity_and_time': lambda: {'unexpected': int((~((df['qty'] >= 0) & (df['ts'] < pd.Timestamp('2025-06-01')))).sum())},
    }
    counts = {}
    per_check_ms = {}
    checks_started = time.perf_counter()
    for name, run in checks.items():
        check_started = time.perf_counter()
        counts[name] = run()
        per_check_ms[name] = (time.perf_counter() - check_started) * 1000
    checks_ms = (time.perf_counter() - checks_started) * 1000
    in_process_ms = (time.perf_counter() - started) * 1000
    # ru_maxrss is in kilobytes on Linux.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({
        'inProcessMs': in_process_ms, 'loadMs': load_ms, 'checksMs': checks_ms, 'perCheckMs': per_check_ms,
        'counts': counts, 'peakRssBytes': peak, 'pandas': pd.__version__,
    }))


if __name__ == '__main__':
    main()
