/** Words and places the synthetic benchmark stores (bench/store.ts, bench/rss.ts) build headlines from. */
export const WORDS = (
  'harbour council election budget court storm flood vaccine school railway bridge strike tariff ' +
  'summit minister protest energy drought wildfire market bank inflation football museum festival hospital ' +
  'airport satellite treaty border refugee pipeline startup reactor glacier volcano earthquake ferry lighthouse'
).split(' ');

export const PLACES =
  'Lisbon Oslo Nairobi Lima Hanoi Quito Dakar Perth Tbilisi Riga Accra Bogota Sapporo Tunis Porto'.split(' ');
