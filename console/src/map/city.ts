/**
 * The demo city, drawn for the map without tiles: its boundary, its river and its districts' names
 * (where the demo's seeded incidents gather). Longitude, latitude (WGS 84).
 */
export const city = {
  name: 'The demo city',
  /** The area the map asks about: hexagons whose centre lies in it are counted. */
  area: { south: 51.4, west: -0.3, north: 51.62, east: 0.1 },
  boundary: [
    [-0.262, 51.505],
    [-0.245, 51.548],
    [-0.2, 51.578],
    [-0.135, 51.596],
    [-0.062, 51.589],
    [-0.01, 51.566],
    [0.045, 51.538],
    [0.072, 51.5],
    [0.05, 51.465],
    [-0.01, 51.44],
    [-0.085, 51.425],
    [-0.16, 51.432],
    [-0.222, 51.456],
    [-0.262, 51.505],
  ],
  river: [
    [-0.262, 51.476],
    [-0.21, 51.484],
    [-0.165, 51.481],
    [-0.13, 51.492],
    [-0.1, 51.507],
    [-0.07, 51.505],
    [-0.04, 51.499],
    [-0.005, 51.503],
    [0.03, 51.495],
    [0.072, 51.5],
  ],
  districts: [
    { name: 'Northgate', at: [-0.103, 51.556] },
    { name: 'Riverside', at: [-0.087, 51.503] },
    { name: 'Eastfield', at: [-0.012, 51.531] },
    { name: 'Westbury', at: [-0.205, 51.512] },
    { name: 'Southmere', at: [-0.115, 51.462] },
    { name: 'Old Town', at: [-0.092, 51.515] },
    { name: 'Harbourside', at: [0.021, 51.498] },
    { name: 'Kingsway', at: [-0.119, 51.517] },
  ],
} as const satisfies {
  name: string;
  area: { south: number; west: number; north: number; east: number };
  boundary: readonly (readonly [number, number])[];
  river: readonly (readonly [number, number])[];
  districts: readonly { name: string; at: readonly [number, number] }[];
};
