import { describe, expect, it } from 'vitest';
import { parseS3Uri } from './s3-uri';

describe('parseS3Uri', () => {
  it('tells a key, a prefix and a glob apart, and what to list for each', () => {
    expect(parseS3Uri('s3://data/a/b.csv')).toEqual({ bucket: 'data', key: 'a/b.csv', kind: 'object', listPrefix: 'a/b.csv' });
    expect(parseS3Uri('s3://data/a/')).toEqual({ bucket: 'data', key: 'a/', kind: 'prefix', listPrefix: 'a/' });
    expect(parseS3Uri('s3://data')).toEqual({ bucket: 'data', key: '', kind: 'prefix', listPrefix: '' });
    expect(parseS3Uri('s3://data/logs/2026-*/part-*.parquet')).toEqual({
      bucket: 'data',
      key: 'logs/2026-*/part-*.parquet',
      kind: 'glob',
      listPrefix: 'logs/2026-',
    });
  });

  it('says what an S3 URI looks like when it is not one', () => {
    expect(() => parseS3Uri('s3:///key.csv')).toThrow('s3:///key.csv: not an S3 URI (expected s3://bucket/key)');
  });
});
