/**
 * The hex cartogram's geometry, shared by the script that places the councils
 * (scripts/hexCartogram.ts), its test and the map. No DOM here: Node and the browser both use it.
 *
 * Councils are placed on a grid of equal pointy-top hexagons in "odd-r" offset coordinates: each
 * odd row is shifted right by half a cell. Row 0 is the northernmost; rows go south.
 */

export type HexGrid = {
  /** Distance between the centres of two neighbouring cells of a row, in km. */
  cellWidthKm: number;
  /** Easting and northing (km, from projectLonLat) of the centre of cell (0, 0). */
  originKm: [number, number];
};

export type Cartogram = HexGrid & {
  /** Council ONS code -> [column, row]. */
  cells: Record<string, [number, number]>;
};

/** The latitude at which longitude degrees are scaled (the middle of England). */
const REFERENCE_LATITUDE = 53;
const KM_PER_DEGREE_LATITUDE = 111.2;

/** An equirectangular projection, good enough across England to place equal cells: [east km, north km]. */
export function projectLonLat(longitude: number, latitude: number): [number, number] {
  return [longitude * KM_PER_DEGREE_LATITUDE * Math.cos((REFERENCE_LATITUDE * Math.PI) / 180), latitude * KM_PER_DEGREE_LATITUDE];
}

/** The rows' spacing as a fraction of the cell width (pointy-top hexagons: 3/4 of their height). */
export const ROW_SPACING = Math.sqrt(3) / 2;

/** The centre of a cell in grid units: a cell is 1 wide, rows are ROW_SPACING apart, y grows southwards. */
export function cellCentre(column: number, row: number): [number, number] {
  return [column + (row & 1 ? 0.5 : 0), row * ROW_SPACING];
}

/** The centre of a cell in km (east, north). */
export function cellCentreKm(grid: HexGrid, column: number, row: number): [number, number] {
  const [x, y] = cellCentre(column, row);
  return [grid.originKm[0] + x * grid.cellWidthKm, grid.originKm[1] - y * grid.cellWidthKm];
}

/** The six corners of a cell in grid units, for an SVG path. */
export function hexCorners(column: number, row: number): [number, number][] {
  const [cx, cy] = cellCentre(column, row);
  const radius = 1 / Math.sqrt(3); // centre to corner of a hexagon 1 wide
  return [0, 1, 2, 3, 4, 5].map((corner) => {
    const angle = (Math.PI / 180) * (60 * corner - 90);
    return [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)];
  });
}

/** Distance in km between a council's centroid and the centre of its cell. */
export function displacementKm(grid: HexGrid, cell: [number, number], longitude: number, latitude: number): number {
  const [east, north] = projectLonLat(longitude, latitude);
  const [cellEast, cellNorth] = cellCentreKm(grid, cell[0], cell[1]);
  return Math.hypot(east - cellEast, north - cellNorth);
}
