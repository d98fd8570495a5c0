import fc from "fast-check";
import { fail } from "../errors.js";
import { BANDS, type Band } from "../model/bands.js";
import { ID_PATTERN } from "../model/rules.js";
import type { SiteInput } from "../model/schema.js";
import { ARBITRARY_DEFAULTS, type Bounds } from "./defaults.js";
import { bounds, checkSubset } from "./options.js";
import { finiteIn } from "./position.js";

type SectorInput = SiteInput["properties"]["sectors"][number];
type AntennaInput = SectorInput["antenna"];
type CellInput = SectorInput["cells"][number];

export interface CellOptions {
  /** Bands the cells use (default: every band). */
  bands?: readonly Band[];
  /** Power at the antenna connector, dBm (default 20–53). */
  powerDbm?: Bounds;
}

/** A cell `{ band, powerDbm }`. */
export function arbCell(options: CellOptions = {}): fc.Arbitrary<CellInput> {
  const bands = checkSubset("bands", options.bands ?? BANDS, BANDS);
  const power = bounds("powerDbm", options.powerDbm, ARBITRARY_DEFAULTS.powerDbm, 0, 60);
  return fc.record({ band: fc.constantFrom(...bands), powerDbm: finiteIn(power.min, power.max) }, { noNullPrototype: true });
}

export type AntennaKind = "3gpp-sector" | "omni" | "file";

export interface AntennaOptions {
  /** Which antenna forms to generate (default: 3GPP sectors and omnis). */
  kinds?: readonly AntennaKind[];
  /** Pattern-file ids for `"file"` antennas (required with that kind); written as `{ pattern: "file", id }` or the bare id. */
  patternIds?: readonly string[];
}

/**
 * An antenna: a 3GPP parametric sector (30–120° × 3–30°, 0–25 dBi, optional front-to-back 20–35 dB and
 * side-lobe 15–25 dB), an omni (−5–12 dBi, optional vertical beamwidth 5–60°), or a pattern-file id.
 */
export function arbAntenna(options: AntennaOptions = {}): fc.Arbitrary<AntennaInput> {
  const kinds = checkSubset("kinds", options.kinds ?? ["3gpp-sector", "omni"], ["3gpp-sector", "omni", "file"] as const);
  const ids = options.patternIds ?? [];
  if (kinds.includes("file") && (ids.length === 0 || !ids.every((id) => typeof id === "string" && ID_PATTERN.test(id)))) {
    fail("INVALID_VALUE", "patternIds", ids, 'a non-empty list of pattern-file ids (1–128 printable characters) when kinds includes "file"');
  }
  const forms: fc.Arbitrary<AntennaInput>[] = kinds.map((kind) => {
    switch (kind) {
      case "3gpp-sector":
        return fc.record(
          {
            pattern: fc.constant("3gpp-sector" as const),
            hBeamwidthDeg: finiteIn(30, 120),
            vBeamwidthDeg: finiteIn(3, 30),
            gainDbi: finiteIn(0, 25),
            frontToBackDb: finiteIn(20, 35),
            sideLobeDb: finiteIn(15, 25),
          },
          { requiredKeys: ["pattern", "hBeamwidthDeg", "vBeamwidthDeg", "gainDbi"], noNullPrototype: true },
        );
      case "omni":
        return fc.record(
          { pattern: fc.constant("omni" as const), gainDbi: finiteIn(-5, 12), vBeamwidthDeg: finiteIn(5, 60) },
          { requiredKeys: ["pattern", "gainDbi"], noNullPrototype: true },
        );
      case "file":
        return fc.oneof(
          fc.record({ pattern: fc.constant("file" as const), id: fc.constantFrom(...ids) }, { noNullPrototype: true }),
          fc.constantFrom(...ids),
        );
    }
  });
  return fc.oneof(...forms);
}

export interface SectorOptions extends CellOptions, AntennaOptions {
  /** Cells per sector (default 1–3). */
  cells?: Bounds;
  /** Antenna height above ground, m (default 5–60). */
  heightM?: Bounds;
}

/**
 * A sector: azimuth in [0°, 360°), height, an antenna and its cells; mechanical (−10–15°) and
 * electrical (0–12°) tilts are present or not, so defaults get exercised too.
 */
export function arbSector(options: SectorOptions = {}): fc.Arbitrary<SectorInput> {
  const cells = bounds("cells", options.cells, ARBITRARY_DEFAULTS.cells, 1, 1000, true);
  const height = bounds("heightM", options.heightM, ARBITRARY_DEFAULTS.heightM, 0, 1000);
  return fc.record(
    {
      azimuthDeg: fc.double({ min: 0, max: 360, maxExcluded: true, noNaN: true }),
      heightM: finiteIn(height.min, height.max),
      mechanicalTiltDeg: finiteIn(-10, 15),
      electricalTiltDeg: finiteIn(0, 12),
      antenna: arbAntenna(options),
      cells: fc.array(arbCell(options), { minLength: cells.min, maxLength: cells.max }),
    },
    { requiredKeys: ["azimuthDeg", "heightM", "antenna", "cells"], noNullPrototype: true },
  );
}
