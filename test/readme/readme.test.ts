import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fillReadme } from "./tables.js";

const README = new URL("../../README.md", import.meta.url);

describe("README", () => {
  const text = readFileSync(README, "utf8");

  it("shows the two set-up commands on its first screen", () => {
    const first = text.split("\n").slice(0, 40).join("\n");
    expect(first).toContain("npm ci && npm run plan");
    expect(first).toContain("npm test");
  });

  it("lists the defaults and ranges as the code has them (REGEN=1 rewrites the tables)", () => {
    const fresh = fillReadme(text);
    if (process.env["REGEN"] === "1" && process.env["CI"] !== "true") writeFileSync(README, fresh);
    else expect(text).toBe(fresh);
  });

  it("matches .ci/run, which runs the README's test command after a clean install", () => {
    const ci = readFileSync(new URL("../../.ci/run", import.meta.url), "utf8");
    expect(ci).toMatch(/^npm ci$/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});
