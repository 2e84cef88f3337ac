/**
 * What an error may not repeat: the user:password of a URL, and text shaped like a key or a token.
 * Errors about remote sources quote URLs a person configured (AWS_ENDPOINT_URL, a presigned
 * http(s) URL) and messages a server wrote (which may echo the credentials it was sent); both
 * reach a terminal, a log or the app. Redaction errs on the side of hiding: a long mixed-case
 * run of letters and digits is hidden even when it was only a request id.
 */

/** What stands in for a hidden value. */
export const REDACTED = '***';

/** Query parameters and `name=value` / `name: value` pairs whose value is a secret. */
const SECRET_NAME = String.raw`[\w-]*(?:token|secret|passw(?:or)?d|pwd|signature|credential|api[_-]?key|access[_-]?key|session|auth)[\w-]*`;
const NAMED_SECRET = new RegExp(String.raw`(["']?\b${SECRET_NAME}["']?\s*[=:]\s*["']?)([^\s"'&,;<>]+)`, 'gi');

/** `Authorization: Bearer ...`, `Basic ...`: the scheme stays, the credentials go. */
const AUTHORIZATION = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/g;

const SHAPED_LIKE_SECRETS: RegExp[] = [
  // AWS access key ids (long-term AKIA, temporary ASIA, and the other principal prefixes).
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA)[A-Z0-9]{16}\b/g,
  // JSON Web Tokens.
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  // Long hex (API keys, signatures).
  /\b[0-9a-fA-F]{32,}\b/g,
];

/** A run of base64 or base64url characters, a candidate secret (AWS secret keys hold '/' and '+'). */
const TOKEN_RUN = /[A-Za-z0-9+/_=-]{20,}/g;

/** Random-looking: upper and lower case mixed with digits. Words, error codes and paths rarely are. */
function looksLikeToken(run: string): boolean {
  const count = (pattern: RegExp) => run.match(pattern)?.length ?? 0;
  return count(/[A-Z]/g) >= 2 && count(/[a-z]/g) >= 2 && count(/\d/g) >= 1;
}

/** `scheme://user:password@host` -> `scheme://***@host`, anywhere in `text`. */
function redactUserinfo(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, `$1${REDACTED}@`);
}

/**
 * `text` with userinfo, named secrets (`token=...`, `X-Amz-Signature=...`, `"password": "..."`)
 * and key- or token-shaped runs replaced by `***`.
 *
 * @example
 * redactSecrets('http://me:hunter2@s3.local?X-Amz-Security-Token=abc') // 'http://***@s3.local?X-Amz-Security-Token=***'
 */
export function redactSecrets(text: string): string {
  let redacted = redactUserinfo(text).replace(NAMED_SECRET, `$1${REDACTED}`).replace(AUTHORIZATION, `$1 ${REDACTED}`);
  for (const pattern of SHAPED_LIKE_SECRETS) redacted = redacted.replace(pattern, REDACTED);
  return redacted.replace(TOKEN_RUN, (run) => (looksLikeToken(run) ? REDACTED : run));
}

/**
 * A URL as it may be shown: without user:password, and with the values of secret-looking query
 * parameters hidden; the host and path stay, so a person still sees what was read.
 */
export function redactUrl(url: string): string {
  return redactUserinfo(url).replace(new RegExp(String.raw`([?&]${SECRET_NAME}=)[^&#]*`, 'gi'), `$1${REDACTED}`);
}
