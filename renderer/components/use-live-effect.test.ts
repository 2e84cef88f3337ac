// @vitest-environment jsdom
import { act, createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { useLiveEffect } from './use-live-effect';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('useLiveEffect', () => {
  it('drops an answer that arrives after its input changed, and runs the cleanup', async () => {
    const pending = new Map<string, (value: string) => void>();
    const cleaned: string[] = [];
    function Shown({ input }: { input: string }) {
      const [shown, setShown] = useState('nothing');
      useLiveEffect(
        (live) => {
          void new Promise<string>((resolve) => pending.set(input, resolve)).then((value) => live() && setShown(value));
          return () => cleaned.push(input);
        },
        [input],
      );
      return createElement('p', null, shown);
    }
    const host = document.createElement('div');
    const root = createRoot(host);
    await act(async () => root.render(createElement(Shown, { input: 'a' })));
    await act(async () => root.render(createElement(Shown, { input: 'b' })));
    expect(cleaned).toEqual(['a']);
    await act(async () => pending.get('b')!('answer for b'));
    await act(async () => pending.get('a')!('late answer for a'));
    expect(host.textContent).toBe('answer for b');
    act(() => root.unmount());
    expect(cleaned).toEqual(['a', 'b']);
  });
});
