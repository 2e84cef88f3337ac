/**
 * A strict S3 for tests: a plain node:http server on 127.0.0.1 that speaks the S3 REST API
 * (path-style) for the calls Winnow makes (ListBuckets, ListObjectsV2, HeadObject, GetObject),
 * and does what s3rver does not: it checks every request's SigV4 signature, keeps object
 * versions, refuses access keys a bucket's policy denies, and answers a request signed for
 * another region than the bucket's with S3's 301 PermanentRedirect. Bodies and headers follow
 * S3's, so the SDK's own deserializers read them. Objects are put and removed through the JS
 * API, not over HTTP.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';
import { createHash, createHmac, randomBytes, type Hash, type Hmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { freePort } from './s3rver-server';

export interface StrictBucket {
  name: string;
  /** Default us-east-1. */
  region?: string;
  /** Each put makes a new version with a random id; older ones stay readable by id. */
  versioned?: boolean;
  /** Unsigned (anonymous) requests may read it, as with a public-read bucket policy. */
  public?: boolean;
  /** Access keys the bucket's policy refuses: AccessDenied, whatever their signature. */
  deniedKeys?: string[];
}

export interface StrictS3Options {
  buckets: StrictBucket[];
  /** Access key id to secret access key: the only keys whose signatures are accepted. */
  keys: Record<string, string>;
}

export interface StrictS3Server {
  endpoint: string;
  /** Puts an object; answers its version id in a versioned bucket. */
  put(bucket: string, key: string, body: string | Buffer): string | undefined;
  /** Deletes a key; a versioned bucket gets a delete marker and keeps the older versions. */
  remove(bucket: string, key: string): void;
  stop(): Promise<void>;
}

interface Version {
  versionId: string;
  /** Undefined for a delete marker. */
  body?: Buffer;
  etag: string;
  lastModified: Date;
}

interface Bucket extends Required<StrictBucket> {
  created: Date;
  objects: Map<string, Version[]>;
}

/** A refusal, answered as S3's XML error (or, for HEAD, the status and headers alone). */
class S3Failure {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
    readonly fields: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {}
}

const NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

export async function startStrictS3Server({ buckets, keys }: StrictS3Options): Promise<StrictS3Server> {
  const store = new Map<string, Bucket>(
    buckets.map((bucket) => [
      bucket.name,
      { region: 'us-east-1', versioned: false, public: false, deniedKeys: [], ...bucket, created: new Date(), objects: new Map() },
    ]),
  );
  const bucketNamed = (name: string): Bucket => {
    const bucket = store.get(name);
    if (!bucket) throw new Error(`no bucket ${name} on the strict S3 server`);
    return bucket;
  };
  const addVersion = (bucket: Bucket, key: string, body: Buffer | undefined): string => {
    const versionId = bucket.versioned ? randomBytes(24).toString('base64url') : 'null';
    const version = {
      versionId,
      body,
      etag: createHash('md5')
        .update(body ?? '')
        .digest('hex'),
      lastModified: new Date(),
    };
    // An unversioned bucket keeps one version only: the "null" one.
    bucket.objects.set(key, bucket.versioned ? [...(bucket.objects.get(key) ?? []), version] : [version]);
    return versionId;
  };

  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else send(request, response, error instanceof S3Failure ? error : new S3Failure(500, 'InternalError', String(error)));
    });
  });
  const port = await freePort();
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening));

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new S3Failure(501, 'NotImplemented', 'This test server only reads.');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const [bucketName = '', ...keyParts] = url.pathname.slice(1).split('/').map(decodeURIComponent);
    const key = keyParts.join('/');
    const query = parseQuery(url.search);
    const bucket = store.get(bucketName);

    const signed = parseAuthorization(request.headers.authorization);
    // Another region's S3 redirects before it checks the signature (its signing key is per region).
    if (bucket && signed && signed.region !== bucket.region) {
      throw new S3Failure(
        301,
        'PermanentRedirect',
        'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
        { Endpoint: `${bucket.name}.s3.${bucket.region}.amazonaws.com`, Bucket: bucket.name },
        { 'x-amz-bucket-region': bucket.region },
      );
    }
    if (signed) await verifySignature(request, url.pathname, query, signed, keys);
    if (!bucketName) {
      if (!signed) throw new S3Failure(403, 'AccessDenied', 'Access Denied');
      return reply(request, response, 200, { 'content-type': 'application/xml' }, listBucketsXml([...store.values()]));
    }
    if (!bucket) throw new S3Failure(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucketName });
    if (signed ? bucket.deniedKeys.includes(signed.accessKeyId) : !bucket.public) throw new S3Failure(403, 'AccessDenied', 'Access Denied');

    if (!key) {
      if (query['list-type'] !== '2') throw new S3Failure(501, 'NotImplemented', 'Only ListObjectsV2 (list-type=2) is implemented.');
      return reply(request, response, 200, { 'content-type': 'application/xml' }, listObjectsXml(bucket, query));
    }
    const { version, body, contentRange } = pickVersion(bucket, key, query.versionId, request.headers.range);
    const headers: Record<string, string> = {
      'content-type': 'application/octet-stream',
      'accept-ranges': 'bytes',
      etag: `"${version.etag}"`,
      'last-modified': version.lastModified.toUTCString(),
    };
    if (bucket.versioned) headers['x-amz-version-id'] = version.versionId;
    if (contentRange) headers['content-range'] = contentRange;
    reply(request, response, contentRange ? 206 : 200, headers, body);
  }

  return {
    endpoint: `http://127.0.0.1:${port}`,
    put: (bucketName, key, body) => {
      const bucket = bucketNamed(bucketName);
      const versionId = addVersion(bucket, key, Buffer.from(body));
      return bucket.versioned ? versionId : undefined;
    },
    remove: (bucketName, key) => {
      const bucket = bucketNamed(bucketName);
      if (bucket.versioned) addVersion(bucket, key, undefined);
      else bucket.objects.delete(key);
    },
    stop: () =>
      new Promise<void>((stopped) => {
        server.closeAllConnections();
        server.close(() => stopped());
      }),
  };
}

interface SignedRequest {
  accessKeyId: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(header: string | undefined): SignedRequest | undefined {
  if (header === undefined) return undefined;
  const match = AUTHORIZATION.exec(header);
  if (!match) throw new S3Failure(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed.');
  const [, accessKeyId = '', , region = '', service = '', signedHeaders = '', signature = ''] = match;
  return { accessKeyId, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

/** Signs the request again as received, with the secret this server knows, and compares. */
async function verifySignature(
  request: IncomingMessage,
  path: string,
  query: Record<string, string>,
  signed: SignedRequest,
  keys: Record<string, string>,
): Promise<void> {
  const secretAccessKey = keys[signed.accessKeyId];
  if (secretAccessKey === undefined) {
    throw new S3Failure(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { AWSAccessKeyId: signed.accessKeyId });
  }
  const amzDate = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(String(request.headers['x-amz-date']));
  if (!amzDate) throw new S3Failure(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  const [, year, month, day, hour, minute, second] = amzDate;
  const headers = Object.fromEntries(signed.signedHeaders.map((name) => [name, String(request.headers[name] ?? '')]));
  // S3 signs the path as sent, without encoding it a second time.
  const signer = new SignatureV4({
    credentials: { accessKeyId: signed.accessKeyId, secretAccessKey },
    region: signed.region,
    service: signed.service,
    sha256: Sha256,
    uriEscapePath: false,
  });
  const again = await signer.sign(
    { method: request.method ?? 'GET', protocol: 'http:', hostname: '127.0.0.1', path, query, headers },
    { signingDate: new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`), signableHeaders: new Set(signed.signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(again.headers.authorization))?.[1];
  if (expected !== signed.signature) {
    throw new S3Failure(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      {
        AWSAccessKeyId: signed.accessKeyId,
        SignatureProvided: signed.signature,
      },
    );
  }
}

/** SHA-256, or HMAC-SHA256 when given a key, in the shape the signer takes. */
class Sha256 implements Checksum {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.start();
  }
  private start(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    const secret = this.secret;
    return createHmac(
      'sha256',
      typeof secret === 'string'
        ? secret
        : ArrayBuffer.isView(secret)
          ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength)
          : new Uint8Array(secret),
    );
  }
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.start();
  }
}

/** The version a GET or HEAD reads, and its bytes in the range asked for (`bytes=N-` or `bytes=N-M`). */
function pickVersion(bucket: Bucket, key: string, versionId: string | undefined, range: string | undefined) {
  const versions = bucket.objects.get(key) ?? [];
  const version = versionId === undefined ? versions.at(-1) : versions.find((each) => each.versionId === versionId);
  if (versionId !== undefined && !version)
    throw new S3Failure(404, 'NoSuchVersion', 'The specified version does not exist.', { Key: key, VersionId: versionId });
  if (!version?.body) {
    const marker: Record<string, string> = version ? { 'x-amz-delete-marker': 'true', 'x-amz-version-id': version.versionId } : {};
    if (versionId !== undefined) throw new S3Failure(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', {}, marker);
    throw new S3Failure(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key }, marker);
  }
  const size = version.body.length;
  const wanted = range === undefined ? undefined : /^bytes=(\d+)-(\d*)$/.exec(range);
  if (!wanted) return { version, body: version.body };
  const start = Number(wanted[1]);
  const end = Math.min(wanted[2] ? Number(wanted[2]) : size - 1, size - 1);
  if (start >= size)
    throw new S3Failure(416, 'InvalidRange', 'The requested range is not satisfiable', { RangeRequested: range ?? '' }, { 'content-range': `bytes */${size}` });
  return { version, body: version.body.subarray(start, end + 1), contentRange: `bytes ${start}-${end}/${size}` };
}

function listBucketsXml(buckets: Bucket[]): string {
  const entries = buckets.map(
    (bucket) =>
      `<Bucket>${element('Name', bucket.name)}${element('CreationDate', bucket.created.toISOString())}${element('BucketRegion', bucket.region)}</Bucket>`,
  );
  return document('ListAllMyBucketsResult', `<Owner><ID>${'0'.repeat(64)}</ID><DisplayName>winnow</DisplayName></Owner><Buckets>${entries.join('')}</Buckets>`);
}

/** One page of ListObjectsV2: keys and common prefixes together in key order, max-keys of them. */
function listObjectsXml(bucket: Bucket, query: Record<string, string>): string {
  const prefix = query.prefix ?? '';
  const delimiter = query.delimiter ?? '';
  const maxKeys = Math.min(Number(query['max-keys'] ?? 1000), 1000);
  const after = query['continuation-token'] ? Buffer.from(query['continuation-token'], 'base64url').toString() : (query['start-after'] ?? '');
  const entries: { name: string; version?: Version }[] = [];
  for (const key of [...bucket.objects.keys()].sort()) {
    const latest = bucket.objects.get(key)?.at(-1);
    if (!key.startsWith(prefix) || !latest?.body) continue;
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const name = cut === -1 ? key : key.slice(0, cut + delimiter.length);
    if (name <= after || entries.at(-1)?.name === name) continue;
    entries.push(cut === -1 ? { name, version: latest } : { name });
  }
  const page = entries.slice(0, maxKeys);
  const truncated = entries.length > page.length;
  const contents = page.flatMap(({ name, version }) =>
    version
      ? [
          `<Contents>${element('Key', name)}${element('LastModified', version.lastModified.toISOString())}${element('ETag', `"${version.etag}"`)}${element('Size', String(version.body?.length))}<StorageClass>STANDARD</StorageClass></Contents>`,
        ]
      : [],
  );
  const prefixes = page.flatMap(({ name, version }) => (version ? [] : [`<CommonPrefixes>${element('Prefix', name)}</CommonPrefixes>`]));
  const next = truncated ? element('NextContinuationToken', Buffer.from(page.at(-1)?.name ?? '').toString('base64url')) : '';
  const asked = query['continuation-token'] ? element('ContinuationToken', query['continuation-token']) : '';
  return document(
    'ListBucketResult',
    `${element('Name', bucket.name)}${element('Prefix', prefix)}${asked}${next}${element('KeyCount', String(page.length))}${element('MaxKeys', String(maxKeys))}${delimiter ? element('Delimiter', delimiter) : ''}${element('IsTruncated', String(truncated))}${contents.join('')}${prefixes.join('')}`,
  );
}

function reply(request: IncomingMessage, response: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  response.writeHead(status, { 'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(), 'content-length': String(bytes.length), ...headers });
  response.end(request.method === 'HEAD' ? undefined : bytes);
}

/** A failure as S3 answers it; HEAD answers carry no body, so the SDK sees the status alone. */
function send(request: IncomingMessage, response: ServerResponse, failure: S3Failure): void {
  const fields = Object.entries({ Code: failure.code, Message: failure.message, ...failure.fields, RequestId: randomBytes(8).toString('hex').toUpperCase() });
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${fields.map(([name, value]) => element(name, value)).join('')}</Error>`;
  if (request.method === 'HEAD') {
    response.writeHead(failure.status, { 'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(), ...failure.headers });
    response.end();
  } else {
    reply(request, response, failure.status, { 'content-type': 'application/xml', ...failure.headers }, xml);
  }
}

function document(root: string, inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NAMESPACE}">${inner}</${root}>`;
}

function element(name: string, value: string): string {
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
  return `<${name}>${escaped}</${name}>`;
}

/** The query as the signer wants it: decoded names and values ("?versioning" has the value ''). */
function parseQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of search.replace(/^\?/, '').split('&').filter(Boolean)) {
    const equals = pair.indexOf('=');
    query[decodeURIComponent(equals === -1 ? pair : pair.slice(0, equals))] = equals === -1 ? '' : decodeURIComponent(pair.slice(equals + 1));
  }
  return query;
}
