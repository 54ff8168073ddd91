/** The candidates by name, imported on demand so a cold-load child pays only for its own library. */
import type { Candidate } from './types.ts';

export const CANDIDATES = ['minisearch', 'minisearch-lean', 'flexsearch', 'orama', 'fuse'] as const;
export type CandidateName = (typeof CANDIDATES)[number];

export async function loadCandidate(name: CandidateName): Promise<Candidate> {
  const module = (await import(`./${name}.ts`)) as { candidate: Candidate };
  return module.candidate;
}
