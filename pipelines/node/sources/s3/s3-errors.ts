/**
 * What went wrong talking to S3, as one line that names the URI and says what to do. Every
 * failure is a WinnowError of kind 'input' (exit 2). Messages never quote credentials: an
 * endpoint is shown without its user:password, and what the server wrote (its error code and
 * message, which may echo what it was sent) is shown with anything shaped like a key or token hidden.
 */
import { WinnowError } from '../../../errors';
import { redactSecrets, redactUrl } from '../redact';

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  Region?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
  cause?: unknown;
  errors?: unknown[];
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE']);
const TIMED_OUT = new Set(['ETIMEDOUT', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

/** The network error code behind an SDK error (connect ECONNREFUSED and the like), if any. */
function networkCode(error: SdkErrorShape): string | undefined {
  if (error.code && (UNREACHABLE.has(error.code) || TIMED_OUT.has(error.code))) return error.code;
  const nested = [error.cause, ...(error.errors ?? [])].filter((each): each is SdkErrorShape => typeof each === 'object' && each !== null);
  for (const inner of nested) {
    const code = networkCode(inner);
    if (code) return code;
  }
  return undefined;
}

/** Whether trying again may help: the network, a timeout or a 5xx answer, not a refusal. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof WinnowError) return false;
  const shape = (error ?? {}) as SdkErrorShape;
  if (shape.name === 'CredentialsProviderError') return false;
  const status = shape.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) return false;
  return true;
}

/**
 * The one-line error for `error`, raised while reading `uri` through `endpoint` (when one is set).
 *
 * @example
 * s3Error(noSuchKey, 's3://data/a.csv').message // 's3://data/a.csv: no such key a.csv in bucket data'
 */
export function s3Error(error: unknown, uri: string, endpoint?: string): WinnowError {
  if (error instanceof WinnowError) return error;
  const shape = (error ?? {}) as SdkErrorShape;
  const place = { file: uri };
  const fail = (message: string) => new WinnowError(`${uri}: ${message}`, place, 'input');
  const name = shape.name ?? '';
  const status = shape.$metadata?.httpStatusCode;
  const { bucket, key } = bucketAndKey(uri);
  const where = endpoint ? redactUrl(endpoint) : 'S3';

  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(shape.message ?? '')) {
    return fail(
      'no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE (run `aws sso login` for SSO), or set WINNOW_S3_ANONYMOUS=1 for a public bucket',
    );
  }
  if (
    ['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'Forbidden', 'ExpiredToken', 'InvalidToken', 'AllAccessDisabled'].includes(name) ||
    status === 403
  ) {
    // `s3://` alone is the list of buckets (the S3 browser's first level).
    const refused = bucket ? `read bucket ${bucket}` : 'list the buckets';
    return fail(
      `access denied (${name && name !== 'Unknown' ? serverText(name) : 'HTTP 403'}): the credentials in use may not ${refused}; check the policy, the profile (AWS_PROFILE) and that the keys are current`,
    );
  }
  const region = [shape.Region, shape.$response?.headers?.['x-amz-bucket-region']].find((each) => each && /^[a-z0-9-]{1,40}$/.test(each));
  if (['PermanentRedirect', 'AuthorizationHeaderMalformed', 'IllegalLocationConstraintException'].includes(name) || status === 301) {
    return fail(
      `wrong region: bucket ${bucket} is ${region ? `in ${region}` : 'in another region'}; set AWS_REGION${region ? `=${region}` : ''} or the source's region option`,
    );
  }
  if (name === 'NoSuchBucket') return fail(`no such bucket ${bucket} at ${where}: check the bucket name and the endpoint`);
  if (name === 'NoSuchKey' || name === 'NotFound' || status === 404)
    return fail(`no such key ${key} in bucket ${bucket}: check the key, or end a prefix with '/'`);
  const code = networkCode(shape) ?? (TIMED_OUT.has(name) ? name : undefined);
  if (code && TIMED_OUT.has(code)) {
    return fail(`timed out talking to ${where}: check the network or the endpoint, or raise WINNOW_S3_TIMEOUT_MS`);
  }
  if (code)
    return fail(`cannot reach the S3 endpoint ${where} (${code}): check AWS_ENDPOINT_URL / the source's endpoint option and that the server is running`);
  const detail = [serverText(name), status && `HTTP ${status}`].filter(Boolean).join(', ');
  return fail(`cannot read: ${serverText(shape.message ?? String(error))}${detail ? ` (${detail})` : ''}`);
}

function bucketAndKey(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]*)\/?(.*)$/i.exec(uri);
  return { bucket: match?.[1] ?? uri, key: match?.[2] ?? '' };
}

/** Text the server wrote, as it may be shown: on one line, secrets hidden, and not a page long. */
function serverText(text: string): string {
  const line = redactSecrets(text.replace(/\s+/g, ' ').trim());
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
