/**
 * Issue 11, the Electron app's navigation and IPC guards, run in Node against an object that
 * emits what a WebContents emits (Electron's binary cannot be downloaded here, so main.ts's
 * wiring of them is not run). Node's URL, which the main process has, gives `winnow://app` the
 * origin "null": the checks must not rely on it, or every IPC request and in-app navigation is refused.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { allowsPermission, guardNavigation, isAppSender, isAppUrl, type GuardedContents } from './navigation';

/** A WebContents stand-in: emits events with a preventDefault that records the call. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }

  /** Emits `event` for `url`; true when a listener prevented it. */
  attempt(event: string, url: string): boolean {
    let prevented = false;
    this.emit(event, { url, isMainFrame: event !== 'will-frame-navigate', preventDefault: () => (prevented = true) });
    return prevented;
  }
}

describe('isAppUrl', () => {
  it('is true for the app and nothing else', () => {
    expect(isAppUrl('winnow://app/index.html?open=x')).toBe(true);
    expect(isAppUrl('winnow://app/runs/0b0e8c1e-4f6a-4c1e-9b1e-2f3a4b5c6d7e/report.html')).toBe(true);
    for (const url of [
      'https://example.com/',
      'winnow://other/',
      'winnow://app.evil.com/',
      'winnow://evil@app/',
      'winnow://app:1/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,x',
      'about:blank',
      '',
      'not a url',
      'winnow:app/index.html',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('guardNavigation', () => {
  const guarded = () => {
    const contents = new FakeContents();
    guardNavigation(contents as unknown as GuardedContents);
    return contents;
  };

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: stays on the app, stops everything else', (event) => {
    const contents = guarded();
    expect(contents.attempt(event, 'winnow://app/index.html')).toBe(false);
    for (const url of ['https://attacker.example/', 'file:///etc/passwd', 'winnow://other/x', 'javascript:alert(1)', '%%not a url'])
      expect(contents.attempt(event, url), url).toBe(true);
  });

  it('refuses new windows and webviews', () => {
    const contents = guarded();
    expect(contents.openHandler?.({ url: 'winnow://app/index.html' })).toEqual({ action: 'deny' });
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});

describe('isAppSender', () => {
  it("answers the app's top frame only", () => {
    expect(isAppSender({ url: 'winnow://app/index.html', parent: null })).toBe(true);
    expect(isAppSender({ url: 'winnow://app/runs/x/report.html', parent: {} })).toBe(false);
    expect(isAppSender({ url: 'https://attacker.example/', parent: null })).toBe(false);
    expect(isAppSender(null)).toBe(false);
    expect(isAppSender(undefined)).toBe(false);
  });
});

describe('allowsPermission', () => {
  it('the clipboard write of the Copy button, for the app only', () => {
    expect(allowsPermission('clipboard-sanitized-write', 'winnow://app')).toBe(true);
    expect(allowsPermission('clipboard-sanitized-write', 'https://attacker.example')).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])
      expect(allowsPermission(permission, 'winnow://app'), permission).toBe(false);
  });
});
