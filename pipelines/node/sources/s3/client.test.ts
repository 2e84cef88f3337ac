/** Which endpoint and addressing style an S3 source uses. */
import { afterEach, describe, expect, it } from 'vitest';
import { endpointOf, usesPathStyle } from './client';
import { restoreEnv, setEnv } from '../../../../testing/s3rver-server';

afterEach(restoreEnv);

describe('S3 client settings', () => {
  it('addresses an endpoint on an IP address or localhost path-style, AWS itself virtual-hosted', () => {
    setEnv({ AWS_S3_FORCE_PATH_STYLE: undefined });
    expect(usesPathStyle('http://127.0.0.1:9000')).toBe(true);
    expect(usesPathStyle('http://[::1]:9000')).toBe(true);
    expect(usesPathStyle('http://localhost:4566')).toBe(true);
    expect(usesPathStyle('http://minio.localhost')).toBe(true);
    expect(usesPathStyle('https://s3.eu-west-1.amazonaws.com')).toBe(false);
    expect(usesPathStyle(undefined)).toBe(false);
    setEnv({ AWS_S3_FORCE_PATH_STYLE: 'true' });
    expect(usesPathStyle('https://storage.example.com')).toBe(true);
  });

  it("takes the source's endpoint, then AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL", () => {
    setEnv({ AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1', AWS_ENDPOINT_URL: 'http://127.0.0.1:2' });
    expect(endpointOf({ endpoint: 'http://127.0.0.1:3' })).toBe('http://127.0.0.1:3');
    expect(endpointOf()).toBe('http://127.0.0.1:1');
    setEnv({ AWS_ENDPOINT_URL_S3: undefined });
    expect(endpointOf()).toBe('http://127.0.0.1:2');
    setEnv({ AWS_ENDPOINT_URL: undefined });
    expect(endpointOf()).toBeUndefined();
  });
});
