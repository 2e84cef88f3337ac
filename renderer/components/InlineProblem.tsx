/**
 * An error shown beside the control it is about (the path field, a browser of files or S3): the
 * host's one line, which says what went wrong and what to do, and its hint on a line below.
 */
import type { Problem } from '../state/store';

export function InlineProblem({ problem, id }: { problem: Problem | null | undefined; id?: string }) {
  if (!problem) return null;
  return (
    <div role="alert" className="problem" id={id}>
      <strong>{problem.message}</strong>
      {problem.hint ? <p>{problem.hint}</p> : null}
    </div>
  );
}
