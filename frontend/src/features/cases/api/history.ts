import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { CaseDiff, Step } from './types';

export function versionsKey(caseId: number) {
  return ['cases', caseId, 'versions'] as const;
}

/** The case's versions, newest first. */
export function versionsQuery(caseId: number) {
  return queryOptions({
    queryKey: versionsKey(caseId),
    queryFn: async () => (await unwrap(api.GET('/api/cases/{caseId}/versions', { params: { path: { caseId } } }))).items,
  });
}

export type FieldChange = CaseDiff['fields'][number];

/** A step of a comparison; the document types its before and after loosely, they are steps. */
export interface StepChange {
  change: CaseDiff['steps'][number]['change'];
  id: string;
  number: number | null;
  previousNumber: number | null;
  before: Step | null;
  after: Step | null;
}

export interface VersionComparison {
  version: number;
  against: number;
  fields: FieldChange[];
  steps: StepChange[];
}

/**
 * What changed from version `against` to `version`. A version changes only while its editing
 * session saves into it, and those saves invalidate the versions' queries, this one too.
 */
export function diffQuery(caseId: number, version: number, against: number) {
  return queryOptions({
    queryKey: [...versionsKey(caseId), version, 'against', against],
    queryFn: async (): Promise<VersionComparison> => {
      const diff = await unwrap(
        api.GET('/api/cases/{caseId}/versions/{version}/diff', { params: { path: { caseId, version }, query: { against } } }),
      );
      return {
        ...diff,
        steps: diff.steps.map((step) => ({
          change: step.change,
          id: step.id,
          number: step.number ?? null,
          previousNumber: step.previousNumber ?? null,
          before: step.before ?? null,
          after: step.after ?? null,
        })),
      };
    },
    staleTime: Infinity,
  });
}
