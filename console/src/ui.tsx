import { useId, type ReactNode } from 'react';
import type { HubAnswer, HubError } from './hub.ts';

/** A titled part of a page, named for assistive technology by its heading. */
export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="section">
      <header className="section-header">
        <h2 id={id}>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

/** Whether an error is a field withheld by a rule (shown in place), not a problem with the request. */
const isWithheld = (error: HubError) => error.extensions?.code === 'FORBIDDEN' && error.path !== undefined;

/** A field withheld from the user: its rule and legal basis in its place, never a silent blank. */
export function Withheld({ error }: { error: HubError }) {
  const { rule, legalBasis } = error.extensions ?? {};
  return (
    <span className="withheld" data-rule={rule}>
      <strong>Withheld</strong> under rule <code>{rule ?? 'unknown'}</code>
      {legalBasis ? <span className="legal-basis"> ({legalBasis})</span> : null}
    </span>
  );
}

/** What went wrong with a request as a whole (its fields withheld are shown in place instead). */
export function Problems({ answer }: { answer: HubAnswer<unknown> | undefined }) {
  const problems = answer?.errors.filter((error) => !isWithheld(error)) ?? [];
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="problems">
      {problems.map((error, index) => (
        <p key={index}>
          {error.extensions?.code ? <code>{error.extensions.code}</code> : null} {error.message}
        </p>
      ))}
    </div>
  );
}

/** The state of an answer while it is awaited, or nothing once it has come. */
export function Pending({ answer }: { answer: HubAnswer<unknown> | undefined }) {
  return answer ? null : <p aria-live="polite">Loading…</p>;
}

interface Column<Row> {
  readonly title: string;
  readonly cell: (row: Row) => ReactNode;
}

/** A table with a caption; says so when there is nothing to list. */
export function Table<Row>({
  caption,
  columns,
  rows,
  rowKey,
  empty = 'None.',
}: {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[] | null | undefined;
  rowKey: (row: Row, index: number) => string;
  empty?: string;
}) {
  if (!rows || rows.length === 0) return <p className="empty">{empty}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.title} scope="col">
                {column.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)}>
              {columns.map((column) => (
                <td key={column.title}>{column.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An ISO time as the user's locale reads it, or a dash. */
export function Time({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <>–</>;
  return <time dateTime={iso}>{new Date(iso).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC</time>;
}

/** A labelled text input. */
export function TextField({
  label,
  value,
  onChange,
  required = false,
  placeholder,
  type = 'text',
  maxLength,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  placeholder?: string;
  type?: string;
  maxLength?: number;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        required={required}
        placeholder={placeholder}
        maxLength={maxLength}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

/** A labelled choice among a few values. */
export function SelectField({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes for a list of values. */
export function CheckboxGroup({
  legend,
  options,
  chosen,
  onChange,
}: {
  legend: string;
  options: readonly string[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}) {
  return (
    <fieldset className="checkboxes">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option}>
          <input
            type="checkbox"
            checked={chosen.includes(option)}
            onChange={(event) =>
              onChange(event.target.checked ? [...chosen, option] : chosen.filter((item) => item !== option))
            }
          />
          {option}
        </label>
      ))}
    </fieldset>
  );
}

/** A section showing one answer of the hub: while it is awaited, what went wrong, then its content. */
export function AnswerSection({
  title,
  answer,
  actions,
  children,
}: {
  title: string;
  answer: HubAnswer<unknown> | undefined;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Section title={title} actions={actions}>
      <Pending answer={answer} />
      <Problems answer={answer} />
      {children}
    </Section>
  );
}
