import { defineConfig } from "tsup";

// The three public entries and the CLI (whose source starts with a hashbang that esbuild keeps).
// The root entry must stay browser-safe: test/package/entries.test.ts builds this config and
// checks that nothing it loads imports a Node built-in.
export default defineConfig({
  entry: {
    index: "src/index.ts",
    node: "src/node/index.ts",
    testing: "src/testing/index.ts",
    cli: "src/node/cli.ts",
    // loaded by computeCoverageParallel from beside node.js / node.cjs
    "coverage-worker": "src/node/coverage-worker.ts",
    // loaded by maxCoverageExactInWorker from beside node.js / node.cjs
    "highs-worker": "src/node/highs-worker.ts",
  },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts", node: "src/node/index.ts", testing: "src/testing/index.ts" } },
  sourcemap: true,
  clean: true,
  shims: true,
  target: "node20",
  splitting: true,
  treeshake: true,
  // d3-contour and d3-array ship ESM only: bundle them so the CJS build needs no require(esm).
  noExternal: [/^d3-/],
});
