/**
 * What the Electron app's web contents may load and who may call the host: its own `winnow://app`
 * pages only. Every navigation (of the window or of a frame inside it, started by the page or by
 * a server's redirect) to anything else is stopped, new windows and <webview>s are refused, and
 * an IPC request is answered only from the app's top frame. No Electron import: the decisions
 * are tested in Node, against an object that emits the events a WebContents does.
 *
 * Node's URL (the one the main process has) gives every non-special scheme the origin "null", so
 * `new URL(url).origin === 'winnow://app'` is never true there: the checks compare the scheme and
 * host instead.
 */

export const APP_SCHEME = 'winnow';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** Whether `url` is a page or file of the app itself: `winnow://app/...`, nothing else (no user, no port). */
export function isAppUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'app' && parsed.username === '' && parsed.password === '';
}

/** A navigation as Electron's will-navigate, will-frame-navigate and will-redirect events describe it. */
export interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

/** The part of Electron's WebContents the guard uses. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Keeps `contents` on the app's own pages: call it for every web contents Electron creates. */
export function guardNavigation(contents: GuardedContents): void {
  const stayInApp = (event: NavigationEvent) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  // will-navigate is the main frame's; will-frame-navigate also sub-frames' (the run report's
  // iframe, a link inside it); will-redirect a server's redirect during either.
  contents.on('will-navigate', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The frame an IPC request came from, as Electron's event.senderFrame describes it. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** Whether an IPC request comes from the app's own top frame (the only one with the preload's bridge). */
export function isAppSender(frame: SenderFrame | null | undefined): boolean {
  return Boolean(frame) && frame!.parent === null && isAppUrl(frame!.url);
}

/**
 * The one permission the app uses (writing text to the clipboard: the export's Copy button),
 * for its own pages; nothing else (camera, notifications, geolocation, ...) for anyone.
 */
export function allowsPermission(permission: string, requestingUrl: string): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl);
}
