import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CellplanError } from "../errors.js";
import { packageRoot } from "./files.js";
import { planCommand } from "./commands/plan.js";
import { formatReports, validateFiles, type FileReport } from "./commands/validate.js";

/**
 * The `cellplan` command. Exit codes: 0 success; 1 invalid input (every problem is printed);
 * 2 usage error; 3 unexpected internal error.
 */
export const EXIT = { ok: 0, invalid: 1, usage: 2, internal: 3 } as const;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

export function buildProgram(io: Io = stdio): { program: Command; status: { code: number } } {
  const status = { code: EXIT.ok as number };
  const program = new Command("cellplan")
    .description("Plan mobile-network rollouts: sites, coverage and placement, for the Almaty programme and your own")
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .version(version(), "-V, --version", "print cellplan's version")
    .showHelpAfterError()
    .exitOverride();

  program
    .command("plan")
    .description("Check a scenario, place its programme provisionally and predict coverage by district and technology")
    .argument("[scenario]", "scenario folder holding scenario.json (default: the embedded Almaty scenario)")
    .option("--json", "print the summary as JSON")
    .option("--cell-size <metres>", "pixel size of the coverage maps", (v) => Number(v), 100)
    .action((dir: string | undefined, opts: { json?: boolean; cellSize: number }) =>
      planCommand(dir, { ...(opts.json === undefined ? {} : { json: opts.json }), cellSizeM: opts.cellSize }, io.out),
    );

  program
    .command("validate")
    .description("Check site files (GeoJSON) or scenario.json files; print every problem; exit 1 on any")
    .argument("<files...>", "site collections (.geojson / .json) or scenario.json")
    .option("--json", "print the reports as JSON")
    .action((files: string[], opts: { json?: boolean }) => {
      const reports: FileReport[] = validateFiles(files);
      io.out(opts.json ? JSON.stringify(reports, null, 2) : formatReports(reports));
      if (reports.some((r) => !r.ok)) status.code = EXIT.invalid;
    });

  return { program, status };
}

function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}

/** Runs the CLI on arguments (without `node` and the script) and returns the exit code. */
export function main(args: string[], io: Io = stdio): number {
  const { program, status } = buildProgram(io);
  try {
    program.parse(args, { from: "user" });
    return status.code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof CellplanError) {
      io.err(`cellplan: ${e.message}`);
      return EXIT.invalid;
    }
    io.err(`cellplan: internal error: ${(e as Error).stack ?? String(e)}`);
    return EXIT.internal;
  }
}
