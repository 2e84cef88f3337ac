// Types of scripts/ensure-chromium.mjs, for playwright.config.ts and its test.

export declare const DEBIAN_CHROMIUM: string[];

export interface ChromiumProbe {
  env?: Record<string, string | undefined>;
  exists?: (path: string) => boolean;
  playwrightChromium?: string;
}

export interface MachineProbe extends ChromiumProbe {
  isRoot: boolean;
  passwordlessSudo: boolean;
  hasAptGet: boolean;
}

export type ChromiumPlan =
  | { use: string; install?: undefined; stop?: undefined }
  | { install: string[]; use?: undefined; stop?: undefined }
  | { stop: string; use?: undefined; install?: undefined };

export declare function chromiumPath(probe?: ChromiumProbe): string | undefined;
export declare function chromiumPlan(probe: MachineProbe): ChromiumPlan;
