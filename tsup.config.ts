import { defineConfig } from "tsup";

// Three public entries plus the CLI. The root entry must stay browser-safe:
// test/package/entries.test.ts builds this config and checks that it imports no `node:` module.
export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      node: "src/node/index.ts",
      testing: "src/testing/index.ts",
    },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    shims: true,
    target: "node20",
    splitting: true,
    treeshake: true,
  },
  {
    entry: { cli: "src/node/cli.ts" },
    format: ["esm"],
    banner: { js: "#!/usr/bin/env node" },
    sourcemap: true,
    target: "node20",
  },
]);
