/**
 * Tukey's fences: a value is an outlier when it lies below Q1 − k·IQR or above Q3 + k·IQR, where
 * Q1 and Q3 are the 25th and 75th percentiles by linear interpolation between order statistics
 * (DuckDB's `quantile_cont`, pandas' `Series.quantile` default) and IQR = Q3 − Q1. Default k = 1.5
 * (Tukey 1977, "Exploratory Data Analysis"; k = 3 marks "far out" values).
 */
import { ident } from '../../sql';
import type { Engine } from '../../engine/engine';
import { doubleSql } from '../profile/double';
import { doubleValue, finiteDomain, finiteValues, statistic, summarizeOutliers, type OutlierSql, type OutlierSummary } from './outliers';

export const DEFAULT_IQR_K = 1.5;

export interface IqrOptions {
  /** How many IQRs beyond the quartiles a value may lie; default 1.5. */
  k?: number;
}

export function iqrSql(table: string, column: string, { k = DEFAULT_IQR_K }: IqrOptions = {}): OutlierSql {
  const factor = doubleSql(k);
  const statistics = `SELECT "values", q1, q3, q3 - q1 AS iqr, q1 - ${factor} * (q3 - q1) AS lower, q3 + ${factor} * (q3 - q1) AS upper
    FROM (SELECT count(*) AS "values", quantile_cont(v, 0.25) AS q1, quantile_cont(v, 0.75) AS q3 FROM (${finiteValues(table, column)}))`;
  const value = doubleValue(column);
  return {
    statistics,
    domain: finiteDomain(column),
    failing: `${value} < ${statistic(statistics, 'lower')} OR ${value} > ${statistic(statistics, 'upper')}`,
    value: ident(column),
  };
}

export function iqrOutliers(engine: Engine, table: string, column: string, options: IqrOptions = {}): Promise<OutlierSummary> {
  const k = options.k ?? DEFAULT_IQR_K;
  return summarizeOutliers(engine, table, column, 'iqr', k, iqrSql(table, column, { k }), ['q1', 'q3', 'iqr']);
}
