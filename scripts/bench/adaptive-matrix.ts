/**
 * The matrix `bench:adaptive` and `bench:adaptive-sim` share: synthetic CMSs of W workers at several round
 * trips, the CMS's costs, and the site size for each W (it grows with W, within bounds, so every sync
 * lasts some seconds at its best setting: a sync over before any setting matters measures only start-up).
 */
export const matrixOptions = {
  workers: { type: 'string', default: '1,2,4,16' },
  rtt: { type: 'string', default: '1,30,100' },
  'pages-per-worker': { type: 'string', default: '1500' },
  'min-pages': { type: 'string', default: '4000' },
  'max-pages': { type: 'string', default: '20000' },
  'page-time': { type: 'string', default: '2' },
  'request-time': { type: 'string', default: '10' },
  contention: { type: 'string', default: '0.03' },
} as const;

type MatrixValues = { [K in keyof typeof matrixOptions]: string };

export const numberList = (s: string): number[] => s.split(',').map(Number);

/** Pages of the synthetic site for a CMS of `workers`. */
export function sitePages(values: MatrixValues, workers: number): number {
  return Math.min(Number(values['max-pages']), Math.max(Number(values['min-pages']), workers * Number(values['pages-per-worker'])));
}

/** The targets: auto reaches 90% of the best fixed setting's throughput, and a one-worker CMS sheds nothing. */
export function meetsTarget(share: number, workers: number, shed: number): boolean {
  return share >= 0.9 && (workers !== 1 || shed === 0);
}

/** Prints the matrix as a Markdown table under `caption`, with the verdict; the exit code says it too. */
export function printMatrix(caption: string, header: string, alignment: string, rows: string[], failures: number): void {
  const verdict = failures === 0 ? 'Every cell PASSES, cold and warm.' : `${failures} judgement(s) FAIL (cold and warm are judged apart).`;
  process.stdout.write(['', caption, '', header, alignment, ...rows, '', verdict, ''].join('\n'));
  process.exitCode = failures === 0 ? 0 : 1;
}
