/** `newsdesk serve` as a child process: the benchmarks' helper, shared with the tests. */
export * from '../../src/bench/serve-process.ts';
