/**
 * Every request that crosses into the host is checked here: its type is known and its payload
 * passes host/payloads.ts (the checks the preload runs too); then, on the host's side, paths are
 * made absolute against the host's folder. URLs pass through as they are.
 */
import { resolve } from 'node:path';
import { isHttpUri } from '../../pipelines/node/sources/http-source';
import { isS3Uri } from '../../pipelines/node/sources/s3/s3-uri';
import type { HostRequest, Payloads } from '../../pipelines/protocol/host';
import { BadRequest, checkPayload, requestType } from './payloads';

export { BadRequest } from './payloads';

/** A checked request: its type and payload, or the one line saying what is wrong with it. */
export function checkRequest(rawType: unknown, rawPayload: unknown): { type: HostRequest; payload: Payloads[HostRequest] } {
  try {
    const type = requestType(rawType);
    return { type, payload: checkPayload(type, rawPayload) };
  } catch (error) {
    // A payload whose reading throws (a getter, a proxy) is as malformed as one of the wrong shape.
    if (error instanceof BadRequest) throw error;
    throw new BadRequest('the payload cannot be read');
  }
}

/** A dataset's URI: a URL as it is, a local path made absolute against `base`. */
export function absoluteUri(base: string, uri: string): string {
  return isHttpUri(uri) || isS3Uri(uri) ? uri : resolve(base, uri);
}
