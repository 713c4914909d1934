import { useId } from 'react';
import { city } from './city.ts';

export interface HotspotFeature {
  geometry: { coordinates: number[][][] };
  properties: { cell: string; owner: string; dataset: string; count: number | null; suppressed: boolean };
}

const width = 760;
const { south, west, north, east } = city.area;
// Degrees of longitude are shorter than degrees of latitude this far north.
const aspect = Math.cos((((south + north) / 2) * Math.PI) / 180);
const scale = width / ((east - west) * aspect);
const height = Math.round((north - south) * scale);
const x = (longitude: number) => ((longitude - west) * aspect * scale).toFixed(1);
const y = (latitude: number) => ((north - latitude) * scale).toFixed(1);
const path = (ring: readonly (readonly number[])[]) =>
  ring.map(([longitude, latitude], index) => `${index === 0 ? 'M' : 'L'}${x(longitude!)},${y(latitude!)}`).join('');

/** Five shades for counts, light to dark, each readable against the map's background. */
const shades = ['shade-1', 'shade-2', 'shade-3', 'shade-4', 'shade-5'] as const;

/**
 * The released counts per H3 hexagon over the city's outline (no tiles): the darker, the more; a
 * hatched hexagon had a count under the clause's k, withheld and left out of every figure.
 */
export function HexMap({
  features,
  flags,
}: {
  features: readonly HotspotFeature[];
  flags: ReadonlyMap<string, string>;
}) {
  const titleId = useId();
  const highest = Math.max(1, ...features.map((feature) => feature.properties.count ?? 0));
  const shadeOf = (count: number) =>
    shades[Math.min(shades.length - 1, Math.floor((count / highest) * shades.length))]!;
  const suppressed = features.filter((feature) => feature.properties.suppressed).length;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={titleId}
      className="hex-map"
      data-testid="hotspot-map"
    >
      <title id={titleId}>
        {`${city.name}: ${features.length} hexagons with released counts or withheld ones, ${suppressed} of them suppressed (a count under k withheld).`}
      </title>
      <defs>
        <pattern id="suppressed-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" className="hatch-ground" />
          <line x1="0" y1="0" x2="0" y2="6" className="hatch-line" />
        </pattern>
      </defs>
      <path d={`${path(city.boundary)}Z`} className="boundary" />
      <path d={path(city.river)} className="river" />
      {features.map((feature) => {
        const { cell, owner, count, suppressed: withheld } = feature.properties;
        const flag = flags.get(cell);
        return (
          <path
            key={`${owner}:${cell}`}
            d={`${path(feature.geometry.coordinates[0] ?? [])}Z`}
            className={[
              'hexagon',
              count === null ? 'no-count' : shadeOf(count),
              withheld && count !== null ? 'partly-suppressed' : '',
              flag ? `flag-${flag.toLowerCase()}` : '',
            ]
              .filter(Boolean)
              .join(' ')}
            fill={withheld && count === null ? 'url(#suppressed-hatch)' : undefined}
            data-cell={cell}
            data-count={count ?? undefined}
            data-suppressed={withheld ? 'true' : undefined}
          >
            <title>
              {`${owner} ${cell}: ${count === null ? 'no count released' : `${count} released`}${
                withheld ? '; suppressed: a count under k withheld' : ''
              }${flag ? `; ${flag.toLowerCase()}` : ''}`}
            </title>
          </path>
        );
      })}
      {city.districts.map((district) => (
        <text key={district.name} x={x(district.at[0])} y={y(district.at[1])} className="district" textAnchor="middle">
          {district.name}
        </text>
      ))}
    </svg>
  );
}
