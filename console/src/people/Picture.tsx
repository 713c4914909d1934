import type { ReactNode } from 'react';
import type { HubError } from '../hub.ts';
import { Withheld } from '../ui.tsx';

/** "warningMarkers" as a reader would write it: "Warning markers". */
const labelOf = (key: string) => {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * An answer as the user may read it: every field released, and every field withheld in its place with
 * the rule and legal basis that withheld it (the hub answers null and a FORBIDDEN error at its path).
 */
export function Picture({ value, errors }: { value: unknown; errors: readonly HubError[] }) {
  const withheld = new Map(
    errors
      .filter((error) => error.extensions?.code === 'FORBIDDEN' && error.path)
      .map((error) => [error.path!.join('/'), error] as const),
  );
  return <Value value={value} path={[]} withheld={withheld} />;
}

function Value({
  value,
  path,
  withheld,
}: {
  value: unknown;
  path: readonly (string | number)[];
  withheld: ReadonlyMap<string, HubError>;
}): ReactNode {
  const denial = withheld.get(path.join('/'));
  if (denial) return <Withheld error={denial} />;
  if (value === null || value === undefined) return <span className="none">none</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="none">none</span>;
    return (
      <ol className="records">
        {value.map((item, index) => (
          <li key={index}>
            <Value value={item} path={[...path, index]} withheld={withheld} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object') {
    return (
      <dl className="fields">
        {Object.entries(value as Record<string, unknown>).map(([key, item]) => (
          <div key={key} className="field-row" data-field={key}>
            <dt>{labelOf(key)}</dt>
            <dd>
              <Value value={item} path={[...path, key]} withheld={withheld} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <>{String(value)}</>;
}
