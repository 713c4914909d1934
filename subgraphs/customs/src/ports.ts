/** The ports of entry customs work at, and where each is (WGS 84): what seizures are mapped by. */
export const portLocations: Readonly<Record<string, { readonly latitude: number; readonly longitude: number }>> = {
  Dover: { latitude: 51.1279, longitude: 1.3134 },
  'Heathrow T5': { latitude: 51.4723, longitude: -0.4887 },
  'Gatwick North': { latitude: 51.1626, longitude: -0.1773 },
  Felixstowe: { latitude: 51.9543, longitude: 1.3515 },
  Harwich: { latitude: 51.9468, longitude: 1.2552 },
  'St Pancras': { latitude: 51.5317, longitude: -0.1263 },
  'Manchester T2': { latitude: 53.3653, longitude: -2.2728 },
  Holyhead: { latitude: 53.3097, longitude: -4.6337 },
};

/** The ports, in the order the demo seeds them. */
export const ports = Object.keys(portLocations);
