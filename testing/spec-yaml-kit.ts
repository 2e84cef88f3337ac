/** Writing a spec as YAML that diffs well: fixed key order, one step per line where it fits. */
import { Document, isPair, isScalar, isSeq, visit } from 'yaml';
import type { Spec } from '../pipelines/spec/types';

const topOrder = ['version', 'name', 'seed', 'input', 'sources', 'columns', 'steps', 'outputs', 'gates'];

export function specToYaml(spec: Spec): string {
  const ordered = Object.fromEntries(
    topOrder
      .filter((key) => key in spec && (spec as unknown as Record<string, unknown>)[key] !== undefined)
      .map((key) => [key, (spec as unknown as Record<string, unknown>)[key]]),
  );
  const document = new Document(ordered);
  // Steps and outputs read best as one flow mapping per line (like the examples in the README).
  visit(document, {
    Map(_key, node, path) {
      const [list, owner] = [path.at(-1), path.at(-2)];
      if (!isSeq(list) || !isPair(owner) || !isScalar(owner.key) || path.length !== 4) return;
      if ((owner.key.value === 'steps' || owner.key.value === 'outputs') && JSON.stringify(node.toJSON()).length <= 110) node.flow = true;
    },
  });
  return document.toString({ lineWidth: 0 });
}
