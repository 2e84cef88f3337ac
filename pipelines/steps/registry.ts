/** Every step kind, by the name used in specs. Adding a kind: write its file, list it here. */
import { agreementCheck } from './checks/agreement';
import { between } from './checks/between';
import { classBalance } from './checks/class-balance';
import { columnExists } from './checks/column-exists';
import { drift } from './checks/drift';
import { driftShare } from './checks/drift-share';
import { duplicates } from './checks/duplicates';
import { freshness } from './checks/freshness';
import { inSet } from './checks/in-set';
import { labelConflicts } from './checks/label-conflicts';
import { meanBetween } from './checks/mean-between';
import { nearDuplicates } from './checks/near-duplicates';
import { notNull } from './checks/not-null';
import { nullFraction } from './checks/null-fraction';
import { ofType } from './checks/of-type';
import { iqrOutliers } from './checks/outliers-iqr';
import { madOutliers } from './checks/outliers-mad';
import { zscoreOutliers } from './checks/outliers-zscore';
import { pii } from './checks/pii';
import { quantileBetween } from './checks/quantile-between';
import { regex } from './checks/regex';
import { rowCountBetween } from './checks/row-count-between';
import { schema } from './checks/schema';
import { sliceMetric } from './checks/slice-metric';
import { sqlCheck } from './checks/sql';
import { unique } from './checks/unique';
import { uniqueProportionBetween } from './checks/unique-proportion-between';
import type { CheckDefinition, TransformDefinition } from './step';
import { cast } from './transforms/cast';
import { dedupe } from './transforms/dedupe';
import { derive } from './transforms/derive';
import { drop } from './transforms/drop';
import { encode } from './transforms/encode';
import { fillNull } from './transforms/fill-null';
import { filter } from './transforms/filter';
import { normalize } from './transforms/normalize';
import { rename } from './transforms/rename';
import { sample } from './transforms/sample';
import { select } from './transforms/select';
import { split } from './transforms/split';
import { sqlTransform } from './transforms/sql';

// The definitions are typed by their own params; the registry erases that, and the spec
// validator guarantees the params match the schema before any definition sees them.
type AnyCheck = CheckDefinition<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- params are schema-validated
type AnyTransform = TransformDefinition<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- params are schema-validated

export const checks: ReadonlyMap<string, AnyCheck> = new Map(
  [
    columnExists,
    schema,
    notNull,
    between,
    inSet,
    regex,
    unique,
    ofType,
    rowCountBetween,
    meanBetween,
    uniqueProportionBetween,
    nullFraction,
    duplicates,
    freshness,
    sqlCheck,
    drift,
    driftShare,
    agreementCheck,
    labelConflicts,
    classBalance,
    nearDuplicates,
    quantileBetween,
    pii,
    zscoreOutliers,
    iqrOutliers,
    madOutliers,
    sliceMetric,
  ].map((definition): [string, AnyCheck] => [definition.name, definition]),
);

export const transforms: ReadonlyMap<string, AnyTransform> = new Map(
  [select, drop, rename, cast, filter, derive, fillNull, dedupe, normalize, encode, sample, split, sqlTransform].map((definition): [string, AnyTransform] => [
    definition.name,
    definition,
  ]),
);

export type { AnyCheck, AnyTransform };
