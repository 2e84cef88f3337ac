// Runs `winnow ...args` in this process and, as it exits, prints its peak resident memory (KB)
// and CPU time to stderr for bench/scale-bench.mjs: getrusage of the process itself, so DuckDB's
// native allocations count. The CLI's own output is discarded.
import { fileURLToPath } from 'node:url';

const bundle = process.env.WINNOW_BENCH_CLI ?? fileURLToPath(new URL('../dist/winnow.mjs', import.meta.url));
const { main } = await import(bundle);
const code = await main(process.argv.slice(2), { out: () => {}, err: (text) => process.stderr.write(`${text}\n`), isTTY: false });
const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
process.stderr.write(`winnow-bench-usage ${JSON.stringify({ maxRSS, cpuMs: (userCPUTime + systemCPUTime) / 1000 })}\n`);
process.exitCode = code;
