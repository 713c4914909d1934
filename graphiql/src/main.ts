import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { contractFetcher } from './contractFetcher.ts';
import { utf8Fetch } from './utf8Fetch.ts';

// The hub's GraphQL IDE, served by the gateway at /graphiql and bundled whole: nothing is fetched
// from anywhere but the hub. The user pastes a token and states a purpose in the headers pane; they
// are sent with every request and never stored.
const hub = new URL('/', window.location.href).toString();
const fetcher: Fetcher = contractFetcher(
  createGraphiQLFetcher({ url: hub, fetch: utf8Fetch }),
  new URL('/contract', hub).toString(),
);

const defaultHeaders = JSON.stringify(
  {
    authorization: 'Bearer <paste your token>',
    'x-purpose': 'criminal-investigation',
    'x-justification': '<case reference>',
  },
  null,
  2,
);

createRoot(document.getElementById('graphiql')!).render(
  createElement(GraphiQL, { fetcher, defaultHeaders, shouldPersistHeaders: false }),
);
