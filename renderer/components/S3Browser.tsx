/**
 * "Open from S3...": buckets, then a bucket one level at a time, listed by the host (credentials
 * never reach the renderer). A bucket can be typed when the credentials may not list buckets.
 * Errors show here, next to the source being browsed, with what to do: the listing's own, and
 * the error from opening what was picked here (until the next listing), so a retry is one click.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { HostRequest, type S3Listing } from '../../pipelines/protocol/host';
import { host, HostRequestError } from '../host/client';
import type { Problem } from '../state/store';
import { EntryLabel } from './EntryLabel';
import { InlineProblem } from './InlineProblem';

export interface S3BrowserProps {
  onOpen(uri: string): void;
  /** The error from opening an object or prefix picked here. */
  openProblem?: Problem | null;
  /** Called when the browser lists another level: `openProblem` is about where it was. */
  onClearOpenProblem?(): void;
}

export function S3Browser({ onOpen, openProblem, onClearOpenProblem }: S3BrowserProps) {
  const [listing, setListing] = useState<S3Listing | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [bucket, setBucket] = useState('');
  const [loading, setLoading] = useState(false);

  const list = (target?: { bucket: string; prefix?: string }) => {
    setLoading(true);
    setProblem(null);
    onClearOpenProblem?.();
    host
      .request(HostRequest.ListS3, target ?? {})
      .then(setListing, (error: Error) =>
        setProblem(error instanceof HostRequestError ? { message: error.message, hint: error.hint } : { message: error.message }),
      )
      .finally(() => setLoading(false));
  };

  useEffect(() => list(), []);

  // A listing error from before is not about what is opened now; the open's own shows instead.
  const open = (uri: string) => {
    setProblem(null);
    onOpen(uri);
  };

  const goToBucket = (event: FormEvent) => {
    event.preventDefault();
    const name = bucket
      .trim()
      .replace(/^s3:\/\//i, '')
      .replace(/\/.*$/, '');
    if (name) list({ bucket: name });
  };

  const here = listing?.bucket ? `s3://${listing.bucket}/${listing.prefix}` : 's3://';
  const up = () => {
    if (!listing?.bucket) return;
    if (listing.parent === null) list();
    else list({ bucket: listing.bucket, prefix: listing.parent });
  };

  return (
    <nav className="folder s3-browser" aria-label="S3" aria-busy={loading}>
      <form className="folder-path" onSubmit={goToBucket}>
        <button type="button" disabled={!listing?.bucket} onClick={up} aria-label="Up one level">
          ↑
        </button>
        <code>{here}</code>
        {listing?.bucket ? (
          <button type="button" onClick={() => open(here)} aria-label="Open this prefix as a dataset">
            Open prefix
          </button>
        ) : null}
        <input aria-label="Bucket" value={bucket} onChange={(event) => setBucket(event.target.value)} placeholder="bucket name" spellCheck={false} />
        <button type="submit" disabled={!bucket.trim()}>
          Go
        </button>
      </form>
      <InlineProblem problem={problem ?? openProblem} />
      {listing ? (
        <ul>
          {listing.entries.map((entry) => (
            <li key={entry.uri}>
              <button
                type="button"
                onClick={() =>
                  entry.kind === 'object'
                    ? open(entry.uri)
                    : list({ bucket: listing.bucket ?? entry.name, prefix: entry.kind === 'prefix' ? `${listing.prefix}${entry.name}` : '' })
                }
              >
                <EntryLabel kind={entry.kind === 'prefix' ? 'folder' : entry.kind === 'object' ? 'file' : 'bucket'} name={entry.name} bytes={entry.bytes} />
              </button>
            </li>
          ))}
          {listing.truncated ? <li className="muted">Only the first 1000 entries are shown; type a longer prefix.</li> : null}
        </ul>
      ) : null}
    </nav>
  );
}
