/** The police's own vocabularies (the shared ones come from @tessera/policies). */
export const warningMarkerTypes = [
  'violence',
  'weapons',
  'drugs',
  'self-harm',
  'mental-health',
  'escape-risk',
] as const;
