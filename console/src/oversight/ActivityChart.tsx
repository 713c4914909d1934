import { useId } from 'react';

export interface ActivityDay {
  readonly day: string;
  readonly allowed: number;
  readonly partlyDenied: number;
  readonly refused: number;
}

const outcomes = [
  { key: 'allowed', label: 'Allowed', className: 'allowed' },
  { key: 'partlyDenied', label: 'Partly denied', className: 'partly-denied' },
  { key: 'refused', label: 'Refused', className: 'refused' },
] as const;

const width = 720;
const height = 220;
const margin = { top: 10, right: 10, bottom: 28, left: 44 };

/** Consultations per day, stacked by outcome, with the figures in a table beneath for every reader. */
export function ActivityChart({ days }: { days: readonly ActivityDay[] }) {
  const titleId = useId();
  const total = (day: ActivityDay) => day.allowed + day.partlyDenied + day.refused;
  const highest = Math.max(1, ...days.map(total));
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const step = plotWidth / Math.max(1, days.length);
  const y = (count: number) => (count / highest) * plotHeight;
  const sum = (key: (typeof outcomes)[number]['key']) => days.reduce((all, day) => all + day[key], 0);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} data-testid="activity-chart">
        <title id={titleId}>
          {`Consultations per day by outcome, ${days[0]?.day ?? ''} to ${days.at(-1)?.day ?? ''}: ${outcomes
            .map((outcome) => `${sum(outcome.key)} ${outcome.label.toLowerCase()}`)
            .join(', ')}.`}
        </title>
        <line
          x1={margin.left}
          x2={width - margin.right}
          y1={height - margin.bottom}
          y2={height - margin.bottom}
          className="axis"
        />
        <text x={margin.left - 6} y={margin.top + 8} textAnchor="end" className="tick">
          {highest}
        </text>
        <text x={margin.left - 6} y={height - margin.bottom} textAnchor="end" className="tick">
          0
        </text>
        {days.map((day, index) => {
          let base = height - margin.bottom;
          return (
            <g key={day.day}>
              {outcomes.map((outcome) => {
                const size = y(day[outcome.key]);
                base -= size;
                return day[outcome.key] > 0 ? (
                  <rect
                    key={outcome.key}
                    x={margin.left + index * step + 1}
                    y={base}
                    width={Math.max(1, step - 2)}
                    height={size}
                    className={outcome.className}
                    data-outcome={outcome.className}
                    data-count={day[outcome.key]}
                  />
                ) : null;
              })}
              {index % 7 === 0 ? (
                <text x={margin.left + index * step} y={height - 8} className="tick">
                  {day.day.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend">
          {outcomes.map((outcome) => (
            <li key={outcome.key}>
              <span className={`swatch ${outcome.className}`} aria-hidden="true" /> {outcome.label}: {sum(outcome.key)}
            </li>
          ))}
        </ul>
        <details>
          <summary>Figures per day</summary>
          <table>
            <caption>Consultations per day by outcome</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                {outcomes.map((outcome) => (
                  <th scope="col" key={outcome.key}>
                    {outcome.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((day) => (
                <tr key={day.day}>
                  <th scope="row">{day.day}</th>
                  {outcomes.map((outcome) => (
                    <td key={outcome.key}>{day[outcome.key]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
