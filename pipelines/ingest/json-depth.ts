/**
 * How deep read_json detects nested types (its maximum_depth): below this, a value keeps its
 * JSON text as a JSON-typed value. Real records nest a few levels; DuckDB 1.4.3's type detection
 * costs grow with the cube of the depth (a 5,000-deep array took 50 minutes and 1.4 GB; 400
 * levels took 5.4 s, 200 took 0.6 s; bounded at 32, the 5,000-deep file reads in 0.1 s), so
 * a pathological file answers in seconds and is still read whole.
 */
export const MAX_JSON_DEPTH = 32;
