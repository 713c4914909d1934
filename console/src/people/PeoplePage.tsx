import { useState, type FormEvent } from 'react';
import type { Hub, HubAnswer } from '../hub.ts';
import { AnswerSection, Problems, Section, Table, TextField } from '../ui.tsx';
import { useAnswer } from '../useAnswer.ts';
import { HitCheck } from './HitCheck.tsx';
import { Picture } from './Picture.tsx';
import { pictureQuery } from './pictureQuery.ts';
import { WatchPerson } from './WatchPerson.tsx';

interface Found {
  nationalId: string;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
}

/** Officers and analysts: find a person, see what the agreements release of them, check hits, follow up, watch. */
export function PeoplePage({ hub }: { hub: Hub }) {
  const [chosen, setChosen] = useState<string>();
  return (
    <>
      <Search hub={hub} onChoose={setChosen} />
      {chosen ? (
        <>
          <PersonPicture hub={hub} nationalId={chosen} />
          <HitCheck hub={hub} nationalId={chosen} />
          <WatchPerson hub={hub} nationalId={chosen} />
        </>
      ) : null}
    </>
  );
}

const nationalIdPattern = /^[A-Z]{2}\d{7}$/;

function Search({ hub, onChoose }: { hub: Hub; onChoose: (nationalId: string) => void }) {
  const [text, setText] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [found, setFound] = useState<HubAnswer<{ searchPeople: Found[] | null }>>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = text.trim();
    if (nationalIdPattern.test(wanted.toUpperCase())) {
      onChoose(wanted.toUpperCase());
      return;
    }
    setFound(
      await hub.ask<{ searchPeople: Found[] | null }>(
        `query ConsoleSearch($name: String!, $dateOfBirth: String) { searchPeople(name: $name, dateOfBirth: $dateOfBirth) { nationalId givenName familyName dateOfBirth } }`,
        { name: wanted, dateOfBirth: dateOfBirth || null },
      ),
    );
  };
  return (
    <Section title="Find a person">
      <form className="search" onSubmit={(event) => void submit(event)} role="search">
        <TextField
          label="Name or national identifier"
          value={text}
          onChange={setText}
          required
          placeholder="Brown, or TS0000001"
        />
        <TextField label="Date of birth (optional)" value={dateOfBirth} onChange={setDateOfBirth} type="date" />
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      <Problems answer={found} />
      {found ? (
        <Table
          caption="People found in the national register"
          columns={[
            { title: 'National identifier', cell: (row) => row.nationalId },
            { title: 'Name', cell: (row) => `${row.givenName ?? ''} ${row.familyName ?? ''}` },
            { title: 'Born', cell: (row) => row.dateOfBirth ?? '–' },
            {
              title: 'Open',
              cell: (row) => (
                <button type="button" onClick={() => onChoose(row.nationalId)}>
                  Open {row.nationalId}
                </button>
              ),
            },
          ]}
          rows={found.data?.searchPeople}
          rowKey={(row) => row.nationalId}
          empty="Nobody of that name."
        />
      ) : null}
    </Section>
  );
}

function PersonPicture({ hub, nationalId }: { hub: Hub; nationalId: string }) {
  const { answer, reload } = useAnswer<{ person: unknown }>(hub, pictureQuery, { id: nationalId });
  return (
    <AnswerSection
      title={`The shared picture of ${nationalId}`}
      answer={answer}
      actions={
        <button type="button" onClick={reload}>
          Ask again
        </button>
      }
    >
      {answer?.data?.person ? (
        <div className="picture">
          <Picture
            value={answer.data.person}
            errors={answer.errors.map((error) => ({ ...error, path: error.path?.slice(1) }))}
          />
          {/* What an oversight officer finds this consultation by. */}
          <p className="recorded">Recorded as consultation {answer.requestId ?? '(no id)'}.</p>
        </div>
      ) : null}
    </AnswerSection>
  );
}
