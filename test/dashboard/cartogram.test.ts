import { readFileSync } from 'node:fs';
import { CARTOGRAM_FILE, CELL_WIDTH_KM, cartogramJson, computeCartogram, currentCentroids } from '../../scripts/hexCartogram';
import { cellCentre, displacementKm, hexCorners } from '../../src/dashboard/hexGrid';
import type { Cartogram } from '../../src/dashboard/hexGrid';

/** The dashboard's hex cartogram (src/dashboard/cartogram.json), as `npm run cartogram` makes it. */
describe('the hex cartogram', () => {
  const committed = JSON.parse(readFileSync(CARTOGRAM_FILE, 'utf8')) as Cartogram;
  const centroids = currentCentroids();

  it('is what the shipped centroids give today (run npm run cartogram after changing them)', () => {
    expect(readFileSync(CARTOGRAM_FILE, 'utf8')).toBe(cartogramJson(computeCartogram(centroids)));
  });

  it("gives each of England's 153 current councils its own cell", () => {
    expect(centroids).toHaveLength(153);
    expect(Object.keys(committed.cells).sort()).toEqual(centroids.map((centroid) => centroid.code).sort());
    expect(new Set(Object.values(committed.cells).map(([column, row]) => `${column},${row}`)).size).toBe(153);
  });

  it('puts every council within three cells of its centroid, and half of them within one and a quarter', () => {
    const distances = centroids
      .map((centroid) => displacementKm(committed, committed.cells[centroid.code], centroid.longitude, centroid.latitude))
      .sort((a, b) => a - b);
    // London's 33 small boroughs spread over the cells around the capital: they move furthest.
    expect(distances[distances.length - 1]).toBeLessThanOrEqual(3 * CELL_WIDTH_KM);
    expect(distances[Math.floor(distances.length / 2)]).toBeLessThanOrEqual(1.25 * CELL_WIDTH_KM);
  });

  it('keeps north at the top: Northumberland above Cornwall, Cornwall west of Kent', () => {
    const [northumberland, cornwall, kent] = ['E06000057', 'E06000052', 'E10000016'].map((code) => committed.cells[code]);
    expect(northumberland[1]).toBeLessThan(cornwall[1]);
    expect(cornwall[0]).toBeLessThan(kent[0]);
  });

  it('draws equal hexagons that touch their neighbours without overlapping', () => {
    const corners = hexCorners(4, 3);
    const [cx, cy] = cellCentre(4, 3);
    for (const [x, y] of corners) expect(Math.hypot(x - cx, y - cy)).toBeCloseTo(1 / Math.sqrt(3), 9);
    // The neighbour on the right is one cell width away; the one below-right too.
    const [rx, ry] = cellCentre(5, 3);
    const [bx, by] = cellCentre(4, 4);
    expect(Math.hypot(rx - cx, ry - cy)).toBeCloseTo(1, 9);
    expect(Math.hypot(bx - cx, by - cy)).toBeCloseTo(1, 9);
  });
});
