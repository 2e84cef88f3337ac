/**
 * Every argument that crosses into the host is checked here: request types are known, strings
 * are strings of bounded size, paths are absolute after resolving and free of NUL bytes.
 */
import { isAbsolute, resolve } from 'node:path';
import { hostRequestTypes, type HostRequest } from '../../pipelines/protocol/host';

/** Raised for a malformed request; the transports answer it with a 400 and the message. */
export class BadRequest extends Error {}

const MAX_STRING = 4 * 1024 * 1024;

export function requestType(value: unknown): HostRequest {
  if (typeof value !== 'string' || !hostRequestTypes.has(value)) throw new BadRequest(`unknown request ${JSON.stringify(value)}`);
  return value as HostRequest;
}

export function payloadObject(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new BadRequest('the payload must be an object');
  return value as Record<string, unknown>;
}

export function string(payload: Record<string, unknown>, key: string, { optional = false, max = MAX_STRING } = {}): string {
  const value = payload[key];
  if (value === undefined && optional) return '';
  if (typeof value !== 'string') throw new BadRequest(`"${key}" must be a string`);
  if (value.length > max) throw new BadRequest(`"${key}" is longer than ${max} characters`);
  if (value.includes('\0')) throw new BadRequest(`"${key}" contains a NUL character`);
  return value;
}

/** A local path: resolved to an absolute path (relative paths against `base`). URLs pass through. */
export function pathOrUrl(payload: Record<string, unknown>, key: string, base: string): string {
  const value = string(payload, key, { max: 4096 });
  if (/^(https?|s3):\/\//i.test(value)) return value;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value)) throw new BadRequest(`"${key}": only local paths and http(s):// or s3:// URLs can be opened`);
  const resolved = resolve(base, value);
  if (!isAbsolute(resolved)) throw new BadRequest(`"${key}" is not a usable path`);
  return resolved;
}

export function stringList(payload: Record<string, unknown>, key: string): string[] | undefined {
  const value = payload[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > 10_000 || value.some((item) => typeof item !== 'string' || item.length > 1024)) {
    throw new BadRequest(`"${key}" must be a list of strings`);
  }
  return value as string[];
}
