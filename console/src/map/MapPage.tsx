import { useMemo, useState } from 'react';
import type { Hub } from '../hub.ts';
import { lastMonths, monthAfter, monthBefore } from '../period.ts';
import { AnswerSection, Pending, Problems, Section, SelectField, Table, TextField } from '../ui.tsx';
import { useAnswer } from '../useAnswer.ts';
import { city } from './city.ts';
import { HexMap, type HotspotFeature } from './HexMap.tsx';

interface HotspotSource {
  owner: string;
  dataset: string;
  clause: string | null;
  legalBasis: string | null;
  k: number | null;
  resolution: number | null;
  withheld: string | null;
}

interface TrendCell {
  cell: string;
  owner: string;
  category: string;
  current: number | null;
  previous: number | null;
  yearAgo: number | null;
  baseline: number;
  pValue: number;
  flag: string;
}

const resolutions = ['7', '8', '9'] as const;

/** The hotspot map of the city, and the trends of the same period (the CompStat reading). */
export function MapPage({ hub }: { hub: Hub }) {
  const [months, setMonths] = useState(() => lastMonths(3));
  const [resolution, setResolution] = useState<string>('8');
  const variables = useMemo(
    () => ({ area: city.area, ...months, resolution: Number(resolution) }),
    [months, resolution],
  );
  const map = useAnswer<{ hotspots: { features: HotspotFeature[]; sources: HotspotSource[] } | null }>(
    hub,
    `query ConsoleHotspots($area: AreaInput!, $from: String!, $to: String!, $resolution: Int!) {
      hotspots(area: $area, from: $from, to: $to, resolution: $resolution) {
        features { geometry { coordinates } properties { cell owner dataset count suppressed } }
        sources { owner dataset clause legalBasis k resolution withheld } } }`,
    variables,
  );
  const trends = useAnswer<{ trends: { cells: TrendCell[] } | null }>(
    hub,
    `query ConsoleTrends($area: AreaInput!, $from: String!, $to: String!, $resolution: Int!) {
      trends(area: $area, from: $from, to: $to, resolution: $resolution) {
        cells { cell owner category current previous yearAgo baseline pValue flag } } }`,
    variables,
  );
  const notable = (trends.answer?.data?.trends?.cells ?? []).filter((cell) => cell.flag !== 'STABLE');
  const flags = new Map(notable.map((cell) => [cell.cell, cell.flag]));
  const hotspots = map.answer?.data?.hotspots;
  return (
    <>
      <Section title="Hotspots">
        <form className="map-controls" onSubmit={(event) => event.preventDefault()}>
          <TextField
            label="First month"
            type="month"
            value={months.from.slice(0, 7)}
            onChange={(value) => value && setMonths((current) => ({ ...current, from: `${value}-01` }))}
          />
          <TextField
            label="Last month"
            type="month"
            value={monthBefore(months.to)}
            onChange={(value) => value && setMonths((current) => ({ ...current, to: monthAfter(value) }))}
          />
          <SelectField
            label="Hexagon resolution (7 district, 9 neighbourhood)"
            value={resolution}
            options={resolutions}
            onChange={setResolution}
          />
        </form>
        <p>
          {variables.from} to {variables.to} (whole months). Counts of recorded events, never of people; a hatched
          hexagon is suppressed: its count was under the clause’s k and is left out of every figure; a dashed outline
          marks a hexagon where some category’s count was withheld.
        </p>
        <Pending answer={map.answer} />
        <Problems answer={map.answer} />
        {hotspots ? (
          <>
            <HexMap features={hotspots.features} flags={flags} />
            <ul className="legend" aria-label="Map legend">
              <li>
                <span className="swatch shade-1" aria-hidden="true" /> few
              </li>
              <li>
                <span className="swatch shade-5" aria-hidden="true" /> many
              </li>
              <li>
                <span className="swatch hatched" aria-hidden="true" /> suppressed (under k)
              </li>
              <li>
                <span className="swatch emerging" aria-hidden="true" /> emerging
              </li>
            </ul>
            <Table
              caption="What each owner released, under which clause"
              columns={[
                { title: 'Owner', cell: (row) => `${row.owner} ${row.dataset}` },
                { title: 'Clause', cell: (row) => (row.clause ? <code>{row.clause}</code> : 'none') },
                { title: 'k', cell: (row) => row.k ?? '–' },
                { title: 'Finest resolution', cell: (row) => row.resolution ?? '–' },
                { title: 'Legal basis, or why nothing', cell: (row) => row.withheld ?? row.legalBasis ?? '–' },
              ]}
              rows={hotspots.sources}
              rowKey={(row) => `${row.owner}:${row.dataset}`}
            />
            <p data-testid="suppressed-count">
              {hotspots.features.filter((feature) => feature.properties.suppressed).length} hexagons suppressed,{' '}
              {hotspots.features.filter((feature) => feature.properties.count !== null).length} with a released count.
            </p>
          </>
        ) : null}
      </Section>
      <AnswerSection title="Trends against the previous period and a year before" answer={trends.answer}>
        <Table
          caption="Hexagons whose count changed significantly, or stays high (Poisson test at 5%)"
          columns={[
            { title: 'Reading', cell: (row) => row.flag.toLowerCase() },
            { title: 'Hexagon', cell: (row) => <code>{row.cell}</code> },
            { title: 'Category', cell: (row) => `${row.owner}: ${row.category}` },
            { title: 'Now', cell: (row) => row.current ?? 'withheld' },
            { title: 'Before', cell: (row) => row.previous ?? 'withheld' },
            { title: 'A year ago', cell: (row) => row.yearAgo ?? 'withheld' },
            { title: 'Baseline', cell: (row) => row.baseline.toFixed(1) },
            { title: 'p', cell: (row) => row.pValue.toFixed(3) },
          ]}
          rows={notable}
          rowKey={(row) => `${row.owner}:${row.cell}:${row.category}`}
          empty="No hexagon stands out in this period."
        />
      </AnswerSection>
    </>
  );
}
