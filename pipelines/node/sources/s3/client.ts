/**
 * The S3 client a source is read with (Node only, host side). Credentials come from the AWS SDK's
 * standard chain: environment, shared config and credentials files with profiles (AWS_PROFILE),
 * SSO, container and instance metadata. They stay inside the SDK: nothing here reads, stores or
 * prints them.
 *
 * Settings, each from the source's options first, then the environment:
 * - endpoint: `endpoint`, else AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL (S3-compatible stores);
 *   an endpoint on an IP address or localhost uses path-style addressing, as does
 *   AWS_S3_FORCE_PATH_STYLE=true;
 * - region: `region`, else AWS_REGION / AWS_DEFAULT_REGION / the profile's region, else us-east-1;
 * - anonymous: `anonymous: true` or WINNOW_S3_ANONYMOUS=1 sends unsigned requests (public buckets);
 * - WINNOW_S3_TIMEOUT_MS: connection and request timeout, default 30000.
 *
 * On Node 20 the SDK prints a 9-line NodeVersionSupportWarning the first time a client is made,
 * which would stand before every S3 error and break its one line: it is switched off here (a
 * person who set AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED themselves keeps their value).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { isIP } from 'node:net';

export interface S3Access {
  endpoint?: string;
  region?: string;
  anonymous?: boolean;
  /** A profile of the shared config files; default AWS_PROFILE or "default". */
  profile?: string;
}

/** Whether requests to `endpoint` must name the bucket in the path rather than the host name. */
export function usesPathStyle(endpoint: string | undefined): boolean {
  if (process.env.AWS_S3_FORCE_PATH_STYLE === 'true') return true;
  if (!endpoint) return false;
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  return isIP(host) !== 0 || host === 'localhost' || host.endsWith('.localhost');
}

export function endpointOf(access: S3Access = {}): string | undefined {
  return access.endpoint ?? (process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL || undefined);
}

const clients = new Map<string, S3Client>();

/** The SDK reads this when a client is made (@aws-sdk/core's emitWarningIfUnsupportedVersion). */
function quietNodeVersionWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Forgets the clients made so far, so the next ones read the environment again (tests, profile switches). */
export function resetS3Clients(): void {
  for (const client of clients.values()) client.destroy();
  clients.clear();
}

/** One client per distinct setting, reused across sources and runs of this process. */
export function s3Client(access: S3Access = {}): S3Client {
  const endpoint = endpointOf(access);
  const anonymous = access.anonymous ?? process.env.WINNOW_S3_ANONYMOUS === '1';
  const timeout = Number(process.env.WINNOW_S3_TIMEOUT_MS) || 30_000;
  const region = access.region ?? (process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || undefined);
  const key = JSON.stringify([endpoint, region, anonymous, access.profile, timeout, process.env.AWS_S3_FORCE_PATH_STYLE]);
  const cached = clients.get(key);
  if (cached) return cached;
  quietNodeVersionWarning();
  const client = new S3Client({
    endpoint,
    forcePathStyle: usesPathStyle(endpoint),
    region: region ?? defaultRegion(access.profile),
    // S3-compatible stores do not all accept the newer default checksums: send them only when S3 requires one.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // The handler would also print timeouts to the console; the one-line error says it instead.
    requestHandler: { connectionTimeout: timeout, requestTimeout: timeout, throwOnRequestTimeout: true, logger: silent },
    maxAttempts: 3,
    ...(anonymous
      ? { credentials: { accessKeyId: '', secretAccessKey: '' }, signer: { sign: async (request) => request } }
      : { credentials: fromNodeProviderChain(access.profile ? { profile: access.profile } : {}) }),
  });
  clients.set(key, client);
  return client;
}

/** The region the SDK finds itself (AWS_REGION, the profile's region), or us-east-1 when none is set anywhere. */
function defaultRegion(profile: string | undefined): () => Promise<string> {
  return async () => {
    quietNodeVersionWarning();
    const probe = new S3Client(profile ? { profile } : {});
    try {
      return await probe.config.region();
    } catch {
      return 'us-east-1';
    } finally {
      probe.destroy();
    }
  };
}
