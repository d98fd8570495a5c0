import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { CellplanError } from "../errors.js";
import { BANDS, TECHNOLOGIES } from "../model/bands.js";
import { coverageCommand } from "./commands/coverage.js";
import { OPTIMISE_COMMAND_DEFAULTS, optimiseCommand } from "./commands/optimise.js";
import { planCommand } from "./commands/plan.js";
import { renderCommand } from "./commands/render.js";
import { STUDY_DEFAULTS } from "./commands/study.js";
import { formatReports, validateFiles, type FileReport } from "./commands/validate.js";
import { createProgress, type ProgressStream } from "./progress.js";
import { cellplanVersion } from "./report/version.js";

/**
 * The `cellplan` command's exit codes: 0 success; 1 invalid input (a file that is missing,
 * unreadable or invalid — every problem is printed); 2 usage error (unknown command or option,
 * missing or malformed argument); 3 unexpected internal error (a bug: please report it).
 */
export const EXIT = { ok: 0, invalid: 1, usage: 2, internal: 3 } as const;

const EXIT_HELP = `
Exit codes:
  0  success
  1  invalid input: a missing, unreadable or invalid file (every problem is printed)
  2  usage error: unknown command or option, missing or malformed argument
  3  internal error (a bug: please report it with the command line)`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Where the progress bar draws (default process.stderr; drawn only on a TTY). */
  progress?: ProgressStream;
}

const stdio: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

const SERVICE_LEVELS = ["outdoor", "inCar", "indoor"] as const;

/** The command tree; `status.code` is set by commands that finish with a non-zero code (validate). */
export function buildProgram(io: Io = stdio): { program: Command; status: { code: number } } {
  const status = { code: EXIT.ok as number };
  const progress = (quiet: boolean | undefined) => createProgress({ ...(io.progress ? { stream: io.progress } : {}), quiet: quiet === true });
  const program = new Command("cellplan")
    .description("Plan mobile-network rollouts: sites, coverage and placement, for the Almaty programme and your own")
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .version(cellplanVersion(), "-V, --version", "print cellplan's version")
    .showHelpAfterError("(run 'cellplan --help' for usage)")
    .exitOverride()
    .addHelpText("after", EXIT_HELP);
  const sub = (name: string) => {
    const cmd = program.command(name).showHelpAfterError(`(run 'cellplan ${name} --help' for usage)`).addHelpText("after", EXIT_HELP);
    return cmd;
  };

  sub("plan")
    .description(
      "Plan the scenario's rollout phase by phase (site selection with a proven gap), predict coverage for every technology " +
        "after each phase, and write the study: sites (GeoJSON, CSV, KML), coverage isobands, best-server areas and GeoTIFFs " +
        "per technology, maps (SVG and PNG), report.md and report.json; print the summary tables",
    )
    .argument("[scenario]", "scenario folder holding scenario.json (default: the embedded Almaty scenario)")
    .option("-o, --out <dir>", "output folder (default: out/<area name>, e.g. out/almaty)")
    .option("--cell-size <metres>", "pixel size of the coverage rasters", positiveNumber, STUDY_DEFAULTS.cellSizeM)
    .option("--seed <n>", "seed of the site-selection search (default 2019; same seed, same plan)", integer)
    .addOption(new Option("--service <level>", "threshold a covered person needs (default indoor)").choices(SERVICE_LEVELS))
    .option("--candidate-spacing <metres>", "spacing of the candidate-site grid (default 250)", positiveNumber)
    .option("--terrain", "plan and predict over the scenario's SRTM terrain (much slower: minutes; default flat earth)")
    .option("--no-png", "write the maps as SVG only")
    .option("--workers <n>", "coverage threads (default: cores, at most 4)", positiveInteger)
    .option("--json", "print report.json instead of the summary tables")
    .option("-q, --quiet", "no progress bar")
    .action(async (dir: string | undefined, o: PlanOpts) => {
      await planCommand(
        dir,
        {
          ...(o.out === undefined ? {} : { out: o.out }),
          cellSizeM: o.cellSize,
          ...(o.seed === undefined ? {} : { seed: o.seed }),
          ...(o.service === undefined ? {} : { service: o.service }),
          ...(o.candidateSpacing === undefined ? {} : { candidateSpacingM: o.candidateSpacing }),
          ...(o.terrain === undefined ? {} : { terrain: o.terrain }),
          png: o.png,
          ...(o.workers === undefined ? {} : { workers: o.workers }),
          ...(o.json === undefined ? {} : { json: o.json }),
        },
        io.out,
        progress(o.quiet || o.json),
      );
    });

  sub("coverage")
    .description(
      "Predict best-server coverage of a site list over an area and write coverage-<b>.geojson (isobands), " +
        "best-server-<b>.geojson, coverage-<b>.tif (GeoTIFF), coverage-<b>.cpras (for 'cellplan render') and coverage-<b>.json",
    )
    .argument("<sites>", "site list: GeoJSON (.geojson/.json) or the site CSV (.csv, as 'plan' writes)")
    .requiredOption("--area <area>", "study area: a GeoJSON Polygon/MultiPolygon file, or a bbox west,south,east,north")
    .requiredOption("--band <band>", `a band (${BANDS.join(", ")}) or a technology (${TECHNOLOGIES.join(", ")}: best server across its bands)`)
    .option("-o, --out <dir>", "output folder", ".")
    .option("--terrain <dem>", "elevation model: .cpdem, SRTM .hgt (named like N43E076.hgt) or GeoTIFF .tif in EPSG:4326")
    .addOption(new Option("--terrain-method <method>", "terrain loss: radial sweep (fast) or exact profiles (slow)").choices(["radial", "exact"]).default("radial"))
    .option("--cell-size <metres>", "pixel size (default 25)", positiveNumber)
    .option("--thresholds <dBm,...>", "isoband thresholds (default: the technology's outdoor, in-car and indoor thresholds)", numberList)
    .option("--population <file>", "population polygons (GeoJSON, properties.population) for people covered")
    .option("--zones <file>", "zones (GeoJSON polygons with properties.id / nameEn) for figures per zone")
    .option("--workers <n>", "threads (default: cores, at most 4)", positiveInteger)
    .option("--json", "print coverage-<b>.json instead of the table")
    .option("-q, --quiet", "no progress bar")
    .action(async (sites: string, o: CoverageOpts) => {
      await coverageCommand(
        sites,
        {
          area: o.area,
          band: o.band,
          out: o.out,
          ...(o.terrain === undefined ? {} : { terrain: o.terrain, terrainMethod: o.terrainMethod }),
          ...(o.cellSize === undefined ? {} : { cellSizeM: o.cellSize }),
          ...(o.thresholds === undefined ? {} : { thresholds: o.thresholds }),
          ...(o.population === undefined ? {} : { population: o.population }),
          ...(o.zones === undefined ? {} : { zones: o.zones }),
          ...(o.workers === undefined ? {} : { workers: o.workers }),
          ...(o.json === undefined ? {} : { json: o.json }),
        },
        io.out,
        progress(o.quiet || o.json),
      );
    });

  sub("optimise")
    .alias("optimize")
    .description(
      "Choose k of the candidate sites that cover the most demand on one band (maximal covering location, with a proven " +
        "bound and gap); write sites.geojson (the chosen sites in build order) and optimise.json",
    )
    .requiredOption("--demand <file>", "demand: GeoJSON population polygons (properties.population; one point per polygon at its centroid) or Points with properties.weight")
    .requiredOption("--candidates <file>", "candidate sites: GeoJSON Points, properties.id naming each (else c<index>)")
    .requiredOption("-k, --sites <n>", "number of new sites to choose", positiveInteger)
    .requiredOption("--band <band>", `the band the sites are built for (${BANDS.join(", ")})`)
    .option("-o, --out <dir>", "output folder", ".")
    .option("--threshold <dBm>", "power a covered demand point needs (default: the band's technology at --service)", finiteNumber)
    .addOption(new Option("--service <level>", "threshold level when --threshold is not given").choices(SERVICE_LEVELS).default(OPTIMISE_COMMAND_DEFAULTS.service))
    .option("--fixed <sites>", "sites already built (GeoJSON or CSV): what they cover counts, they are not among the k")
    .option("--seed <n>", "seed of the local search", integer, OPTIMISE_COMMAND_DEFAULTS.seed)
    .option("--json", "print optimise.json instead of the summary")
    .option("-q, --quiet", "no progress notes")
    .action((o: OptimiseOpts) => {
      optimiseCommand(
        {
          demand: o.demand,
          candidates: o.candidates,
          k: o.sites,
          band: o.band,
          out: o.out,
          ...(o.threshold === undefined ? {} : { thresholdDbm: o.threshold }),
          service: o.service,
          ...(o.fixed === undefined ? {} : { fixed: o.fixed }),
          seed: o.seed,
          ...(o.json === undefined ? {} : { json: o.json }),
        },
        io.out,
        progress(o.quiet || o.json),
      );
    });

  sub("validate")
    .description("Check site files (GeoJSON, or the site CSV) or scenario.json files; print every problem with its feature id and field; exit 1 on any")
    .argument("<files...>", "site collections (.geojson / .json / .csv) or scenario.json")
    .option("--json", "print the reports as JSON")
    .action((files: string[], opts: { json?: boolean }) => {
      const reports: FileReport[] = validateFiles(files);
      io.out(opts.json ? JSON.stringify(reports, null, 2) : formatReports(reports));
      if (reports.some((r) => !r.ok)) status.code = EXIT.invalid;
    });

  sub("render")
    .description("Draw a coverage map from an isoband file (coverage-<b>.geojson from 'coverage' or 'plan') or a coverage raster (.cpras from 'coverage')")
    .argument("<coverage>", "coverage-<b>.geojson (isobands) or coverage-<b>.cpras (raster, contoured at --thresholds)")
    .requiredOption("-o, --out <file>", "map file: .svg, or .png (rasterised with resvg)")
    .option("--sites <file>", "sites to draw (GeoJSON or CSV), sector wedges coloured by phase")
    .option("--area <file>", "study-area outline (GeoJSON polygon)")
    .option("--districts <file>", "districts to outline and label (GeoJSON polygons)")
    .option("--title <text>", "map title", "Coverage")
    .option("--subtitle <text>", "second header line")
    .option("--attribution <text>", "source credits at the foot of the map")
    .option("--thresholds <dBm,...>", "with a .cpras raster: isoband thresholds (default: its technology's outdoor, in-car and indoor thresholds)", numberList)
    .option("--width <px>", "PNG width in pixels (default 1200)", positiveInteger)
    .action((coverage: string, o: RenderOpts) => {
      renderCommand(
        coverage,
        {
          out: o.out,
          title: o.title,
          ...(o.sites === undefined ? {} : { sites: o.sites }),
          ...(o.area === undefined ? {} : { area: o.area }),
          ...(o.districts === undefined ? {} : { districts: o.districts }),
          ...(o.subtitle === undefined ? {} : { subtitle: o.subtitle }),
          ...(o.attribution === undefined ? {} : { attribution: o.attribution }),
          ...(o.thresholds === undefined ? {} : { thresholds: o.thresholds }),
          ...(o.width === undefined ? {} : { width: o.width }),
        },
        io.out,
      );
    });

  return { program, status };
}

interface PlanOpts {
  out?: string;
  cellSize: number;
  seed?: number;
  service?: (typeof SERVICE_LEVELS)[number];
  candidateSpacing?: number;
  terrain?: boolean;
  png: boolean;
  workers?: number;
  json?: boolean;
  quiet?: boolean;
}
interface CoverageOpts {
  area: string;
  band: string;
  out: string;
  terrain?: string;
  terrainMethod: "radial" | "exact";
  cellSize?: number;
  thresholds?: number[];
  population?: string;
  zones?: string;
  workers?: number;
  json?: boolean;
  quiet?: boolean;
}
interface OptimiseOpts {
  demand: string;
  candidates: string;
  sites: number;
  band: string;
  out: string;
  threshold?: number;
  service: (typeof SERVICE_LEVELS)[number];
  fixed?: string;
  seed: number;
  json?: boolean;
  quiet?: boolean;
}
interface RenderOpts {
  out: string;
  sites?: string;
  area?: string;
  districts?: string;
  title: string;
  subtitle?: string;
  attribution?: string;
  thresholds?: number[];
  width?: number;
}

function finiteNumber(v: string): number {
  const x = Number(v);
  if (v.trim() === "" || !Number.isFinite(x)) throw new InvalidArgumentError("expected a number.");
  return x;
}
function positiveNumber(v: string): number {
  const x = finiteNumber(v);
  if (!(x > 0)) throw new InvalidArgumentError("expected a number > 0.");
  return x;
}
function integer(v: string): number {
  const x = finiteNumber(v);
  if (!Number.isInteger(x)) throw new InvalidArgumentError("expected an integer.");
  return x;
}
function positiveInteger(v: string): number {
  const x = integer(v);
  if (x < 1) throw new InvalidArgumentError("expected an integer ≥ 1.");
  return x;
}
function numberList(v: string): number[] {
  return v.split(",").map((p) => finiteNumber(p));
}

/**
 * Runs the CLI on arguments (without `node` and the script) and resolves to the exit code (see
 * `EXIT`). Errors never escape: bad input prints its problems, usage errors one line and a hint,
 * and only an unexpected internal error prints a stack trace.
 */
export async function main(args: string[], io: Io = stdio): Promise<number> {
  const { program, status } = buildProgram(io);
  try {
    await program.parseAsync(args, { from: "user" });
    return status.code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof CellplanError) {
      const name = args.find((a) => !a.startsWith("-"));
      const cmd = program.commands.find((c) => c.name() === name || c.aliases().includes(name ?? ""));
      io.err(`cellplan${cmd ? ` ${cmd.name()}` : ""}: ${e.message}`);
      io.err(`(run 'cellplan ${cmd ? `${cmd.name()} ` : ""}--help' for usage)`);
      return EXIT.invalid;
    }
    io.err(`cellplan: internal error: ${(e as Error).stack ?? String(e)}`);
    return EXIT.internal;
  }
}
