import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { munkres } from 'munkres';
import { COUNCIL_EXISTENCE } from '../src/councils/existence';
import { Cartogram, cellCentreKm, HexGrid, projectLonLat } from '../src/dashboard/hexGrid';

/**
 * The dashboard's hex cartogram of England's current councils: one equal hexagon per council, on
 * the grid cell near its centroid (src/councils/data/council_centroids.csv), so that London's 33
 * boroughs, each small, get as much room on the map as Cornwall.
 *
 * Method: a grid of hexagons CELL_WIDTH_KM wide over England; the candidate cells are those within
 * REACH cell widths of some centroid (so the map keeps England's outline); then the assignment
 * that minimises the sum of squared distances from centroids to their cells, solved exactly by the
 * Hungarian algorithm (`munkres`, as the matching plan uses). Squares make a council far from
 * its place cost more than several a little off, so dense areas spread out evenly around their
 * middle rather than one council being pushed to the edge.
 *
 *   npm run cartogram            rewrites src/dashboard/cartogram.json (committed)
 *   npm run cartogram -- --check exits 1 when the committed file differs from what it computes
 *
 * test/dashboard/cartogram.test.ts checks the committed file is current, has one distinct cell
 * per current council, and each cell is near its council's centroid.
 */

export const CELL_WIDTH_KM = 30;
const REACH = 2;

// scripts/ under ts-jest, dist-scripts/scripts/ when compiled.
const root = [path.resolve(__dirname, '..'), path.resolve(__dirname, '..', '..')].find((dir) => existsSync(path.join(dir, 'package.json')))!;
export const CENTROIDS_FILE = path.join(root, 'src', 'councils', 'data', 'council_centroids.csv');
export const CARTOGRAM_FILE = path.join(root, 'src', 'dashboard', 'cartogram.json');

export type Centroid = { code: string; name: string; latitude: number; longitude: number };

/** The current councils' centroids, by code (councils abolished since the data's first year left out). */
export function currentCentroids(csvText = readFileSync(CENTROIDS_FILE, 'utf8')): Centroid[] {
  const rows = parse(csvText, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows
    .filter((row) => !COUNCIL_EXISTENCE[row.new_la_code]?.until)
    .map((row) => ({ code: row.new_la_code, name: row.la_name, latitude: Number(row.latitude), longitude: Number(row.longitude) }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** Places every council on its own cell; deterministic for the same centroids. */
export function computeCartogram(centroids: Centroid[]): Cartogram {
  const points = centroids.map((centroid) => projectLonLat(centroid.longitude, centroid.latitude));
  const west = Math.min(...points.map(([east]) => east)) - REACH * CELL_WIDTH_KM;
  const north = Math.max(...points.map(([, n]) => n)) + REACH * CELL_WIDTH_KM;
  const east = Math.max(...points.map(([e]) => e)) + REACH * CELL_WIDTH_KM;
  const south = Math.min(...points.map(([, n]) => n)) - REACH * CELL_WIDTH_KM;
  const grid: HexGrid = { cellWidthKm: CELL_WIDTH_KM, originKm: [round(west, 3), round(north, 3)] };

  const candidates: [number, number][] = [];
  const columns = Math.ceil((east - west) / CELL_WIDTH_KM) + 1;
  const rows = Math.ceil((north - south) / (CELL_WIDTH_KM * (Math.sqrt(3) / 2))) + 1;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const [x, y] = cellCentreKm(grid, column, row);
      if (points.some(([px, py]) => Math.hypot(px - x, py - y) <= REACH * CELL_WIDTH_KM)) candidates.push([column, row]);
    }
  }
  // Costs in whole km² keep the solver's arithmetic exact.
  const costs = points.map(([px, py]) =>
    candidates.map(([column, row]) => {
      const [x, y] = cellCentreKm(grid, column, row);
      return Math.round((px - x) ** 2 + (py - y) ** 2);
    }),
  );
  const cells: Record<string, [number, number]> = {};
  for (const [index, candidate] of munkres(costs)) cells[centroids[index].code] = candidates[candidate];
  if (Object.keys(cells).length !== centroids.length) throw new Error('the assignment left a council without a cell');

  // Trim empty leading columns and rows, keeping each row's parity (odd rows are shifted).
  const minColumn = Math.min(...Object.values(cells).map(([column]) => column));
  const minRow = Math.min(...Object.values(cells).map(([, row]) => row)) & ~1;
  const trimmed: Record<string, [number, number]> = {};
  for (const code of Object.keys(cells).sort()) trimmed[code] = [cells[code][0] - minColumn, cells[code][1] - minRow];
  const origin = cellCentreKm(grid, minColumn, minRow);
  return { cellWidthKm: CELL_WIDTH_KM, originKm: [round(origin[0], 3), round(origin[1], 3)], cells: trimmed };
}

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

/** The committed file's text for a cartogram: one council a line, so a change reads as a diff. */
export function cartogramJson(cartogram: Cartogram): string {
  const cells = Object.entries(cartogram.cells).map(([code, [column, row]]) => `    "${code}": [${column}, ${row}]`);
  return `{\n  "cellWidthKm": ${cartogram.cellWidthKm},\n  "originKm": [${cartogram.originKm.join(', ')}],\n  "cells": {\n${cells.join(',\n')}\n  }\n}\n`;
}

function main(): void {
  const started = Date.now();
  const text = cartogramJson(computeCartogram(currentCentroids()));
  if (process.argv.includes('--check')) {
    const committed = readFileSync(CARTOGRAM_FILE, 'utf8');
    if (committed !== text) {
      console.error(`${path.relative(root, CARTOGRAM_FILE)} is not what the centroids give: run npm run cartogram.`);
      process.exit(1);
    }
    console.log(`${path.relative(root, CARTOGRAM_FILE)} is current`);
    return;
  }
  writeFileSync(CARTOGRAM_FILE, text);
  console.log(`wrote ${path.relative(root, CARTOGRAM_FILE)} in ${Date.now() - started} ms`);
}

if (require.main === module) main();
