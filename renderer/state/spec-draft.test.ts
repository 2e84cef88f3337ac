/** The app's view of the spec text: reading it leniently, resolving relative paths, and the store's edits of it. */
import { describe, expect, it } from 'vitest';
import { withInput } from '../app/open-dataset';
import { datasetStem, followStepRename, inputUri, isRelativePath, newSpecText, readDraft, resolveUri, withResolvedUris, writeDraft } from './spec-draft';
import { redo, undo, useApp } from './store';

const handWritten = `# flights, by hand
version: 1
name: flights
seed: 7 # fixed for the paper

sources:
  flights:
    uri: data/flights.csv
    format: csv
    options:
      # pinned
      types: { delay: BIGINT }

steps:
  - id: delay_present
    check: not_null
    column: delay

outputs:
  - name: all
gates:
  min_rows: 10
`;

describe('readDraft', () => {
  it('reads what the text says, and an empty spec from text that is not YAML', () => {
    const draft = readDraft(handWritten);
    expect(draft).toMatchObject({ name: 'flights', seed: 7, gates: { min_rows: 10 }, outputs: [{ name: 'all' }] });
    expect(inputUri(draft)).toBe('data/flights.csv');
    expect(readDraft('steps: [unclosed')).toMatchObject({ name: '', sources: {}, steps: [] });
    expect(readDraft('- just\n- a list\n')).toMatchObject({ sources: {}, steps: [] });
  });

  it('a new pipeline names itself after its dataset, quoting what YAML would misread', () => {
    expect(readDraft(newSpecText('/data/flights-2026.csv.gz'))).toMatchObject({
      name: 'flights-2026',
      seed: 0,
      sources: { data: { uri: '/data/flights-2026.csv.gz' } },
      steps: [],
      outputs: [],
    });
    expect(readDraft(newSpecText('/data/true.csv')).name).toBe('true');
    expect(readDraft(newSpecText('/d/a: b #c.csv')).sources.data!.uri).toBe('/d/a: b #c.csv');
    expect(datasetStem('s3://bucket/year=*/part-*.parquet')).toBe('part-');
    expect(datasetStem('/')).toBe('pipeline');
  });
});

describe('resolveUri', () => {
  it('makes relative local paths absolute against the project folder, and leaves URLs and absolute paths', () => {
    expect(resolveUri('data/a.csv', '/p/proj')).toBe('/p/proj/data/a.csv');
    expect(resolveUri('./data/../b.csv', '/p/proj/')).toBe('/p/proj/b.csv');
    expect(resolveUri('../../../../etc/passwd', '/p/proj')).toBe('/etc/passwd');
    expect(resolveUri('s3://bucket/key.csv', '/p')).toBe('s3://bucket/key.csv');
    expect(resolveUri('https://host/a.csv', '/p')).toBe('https://host/a.csv');
    expect(resolveUri('/abs/a.csv', '/p')).toBe('/abs/a.csv');
    expect(resolveUri('C:\\data\\a.csv', '/p')).toBe('C:\\data\\a.csv');
    expect(resolveUri('data/a.csv', null)).toBe('data/a.csv');
    expect(isRelativePath('data/a.csv') && !isRelativePath('/a') && !isRelativePath('s3://b/k')).toBe(true);
  });

  it('rewrites only the URIs when a spec is run outside its folder', () => {
    const text = writeDraft(handWritten, withResolvedUris(readDraft(handWritten), '/p/proj'));
    expect(text).toBe(handWritten.replace('uri: data/flights.csv', 'uri: /p/proj/data/flights.csv'));
  });
});

describe('the store edits the spec text in place', () => {
  it('changing one value through editSpec changes only that line; outputs, seed, gates and comments stay', () => {
    useApp.setState({ document: { ...useApp.getState().document, specYaml: handWritten } });
    useApp.getState().editSpec((draft) => ({ ...draft, steps: draft.steps.map((step) => ({ ...step, column: 'distance' })) }));
    expect(useApp.getState().document.specYaml).toBe(handWritten.replace('column: delay', 'column: distance'));
  });

  it('using another file as the input keeps the source, and drops a declared format that no longer fits', () => {
    const next = writeDraft(handWritten, withInput(readDraft(handWritten), '/elsewhere/flights.parquet'));
    expect(readDraft(next).sources.flights).toEqual({ uri: '/elsewhere/flights.parquet' });
    expect(next).toContain('seed: 7 # fixed for the paper');
    const sameFormat = writeDraft(handWritten, withInput(readDraft(handWritten), '/elsewhere/flights.csv'));
    expect(sameFormat).toBe(handWritten.replace('uri: data/flights.csv', 'uri: /elsewhere/flights.csv'));
  });

  it('keystrokes in one field are one undo step; another field starts a new one', () => {
    useApp.setState({ document: { ...useApp.getState().document, specYaml: handWritten } });
    useApp.temporal.getState().clear();
    for (const name of ['f', 'fl', 'fli']) useApp.getState().editSpec((draft) => ({ ...draft, name }), 'name');
    useApp.getState().editSpec((draft) => ({ ...draft, seed: 8 }), 'seed');
    expect(readDraft(useApp.getState().document.specYaml)).toMatchObject({ name: 'fli', seed: 8 });
    undo();
    expect(readDraft(useApp.getState().document.specYaml)).toMatchObject({ name: 'fli', seed: 7 });
    undo();
    expect(useApp.getState().document.specYaml).toBe(handWritten);
    redo();
    expect(readDraft(useApp.getState().document.specYaml).name).toBe('fli');
  });
});

describe('renaming a step carries the outputs that take its data', () => {
  const withOutputs = `version: 1
name: flights
sources:
  flights: { uri: data/flights.csv }
steps:
  - id: hours
    transform: derive
    column: h
    expr: "1"
  - id: split
    transform: split
    method: hash
    fractions: { train: 0.8, test: 0.2 }
outputs:
  - name: derived
    from: hours # after the derive
  - name: train
    from: split.train
  - name: all
`;
  const rename = (text: string, index: number, ids: string[]) => {
    for (const id of ids) {
      useApp.getState().editSpec((draft) => {
        const changed = { ...draft, steps: draft.steps.map((step, position) => (position === index ? { ...step, id } : step)) };
        return followStepRename(changed, draft.steps[index]!.id, id);
      }, `step ${index} id`);
    }
    return useApp.getState().document.specYaml;
  };

  it('typed key by key, `from: <id>` and `from: <id>.<part>` follow, and nothing else in the text changes', () => {
    useApp.setState({ document: { ...useApp.getState().document, specYaml: withOutputs } });
    expect(rename(withOutputs, 1, ['spli', 'spl', 'sp', 'parts'])).toBe(
      withOutputs.replace('id: split', 'id: parts').replace('from: split.train', 'from: parts.train'),
    );
    expect(rename(withOutputs, 0, ['hour', 'hourly'])).toContain('    from: hourly # after the derive\n');
  });

  it('leaves the outputs be when the new id is another step’s, or would read as a part', () => {
    const draft = readDraft(withOutputs);
    const clash = { ...draft, steps: draft.steps.map((step) => (step.id === 'hours' ? { ...step, id: 'split' } : step)) };
    expect(followStepRename(clash, 'hours', 'split').outputs).toEqual(draft.outputs);
    const dotted = { ...draft, steps: draft.steps.map((step) => (step.id === 'hours' ? { ...step, id: 'h.x' } : step)) };
    expect(followStepRename(dotted, 'hours', 'h.x').outputs).toEqual(draft.outputs);
  });
});
