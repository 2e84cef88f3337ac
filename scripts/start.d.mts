// Types of scripts/start.mjs, for its test.

export declare function startArguments(args: string[], env?: Record<string, string | undefined>, cwd?: string): { open: string; serverArgs: string[] };
