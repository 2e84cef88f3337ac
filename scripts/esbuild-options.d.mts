// Types of scripts/esbuild-options.mjs, for the packaging scripts written in TypeScript.
import type { BuildOptions } from 'esbuild';

export declare const root: string;
export declare const common: BuildOptions;
export declare function cliBuild(outdir: string): BuildOptions;
export declare function serverBuild(outfile: string): BuildOptions;
export declare function electronMainBuild(outfile: string): BuildOptions;
export declare function preloadBuild(outfile: string): BuildOptions;
