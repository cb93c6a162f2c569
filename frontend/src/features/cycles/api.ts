import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap, type JsonBody, type Schemas } from '../../api/client';

export type Cycle = Schemas['Cycle'];
/** A new cycle (the OpenAPI file adds `required: [name]` in an allOf, which the generated type reads as an empty object). */
export type CycleDraft = Schemas['CycleInput'] & { name: string };
export type CycleChanges = JsonBody<'updateCycle'>;
export type CycleCopy = JsonBody<'copyCycle'>;
export type CasesToAdd = JsonBody<'addCycleCases'>;
export type CaseFilter = NonNullable<CasesToAdd['filter']>;
export type CycleCase = Schemas['CycleCase'];
export type Progress = Schemas['Progress'];
export type RunStatus = Schemas['RunStatus'];
export type StepStatus = Schemas['StepStatus'];
export type Attempt = Schemas['Attempt'];
export type AttemptStep = Attempt['steps'][number];
export type AttemptStatus = Schemas['AttemptStatus'];
export type AttachmentInfo = Schemas['AttachmentInfo'];
export type Defect = Schemas['Defect'];
export type CaseStatus = Schemas['CaseStatus'];
export type Priority = Schemas['Priority'];

/** What a tester records for a step; every save sends all three (the server replaces them together). */
export interface StepResult {
  status: StepStatus;
  actual: string;
  comment: string;
}

// Jira statuses of defects are read again by the server when older than a minute.
const DEFECT_REFRESH_MS = 60_000;

export const cyclesKey = (projectId: number) => ['projects', projectId, 'cycles'] as const;
export const cycleKey = (cycleId: number) => ['cycles', cycleId] as const;

export function cyclesQuery(projectId: number) {
  return queryOptions({
    queryKey: cyclesKey(projectId),
    queryFn: async () => (await unwrap(api.GET('/api/projects/{projectId}/cycles', { params: { path: { projectId } } }))).items,
  });
}

export function cycleQuery(cycleId: number) {
  return queryOptions({
    queryKey: cycleKey(cycleId),
    queryFn: () => unwrap(api.GET('/api/cycles/{cycleId}', { params: { path: { cycleId } } })),
  });
}

export interface CycleCaseFilter {
  status?: RunStatus;
  /** 0 for the cases nobody has. */
  assigneeId?: number;
}

/** The cycle's cases in order, with its progress; all of them, or those a filter keeps. */
export function cycleCasesQuery(cycleId: number, filter: CycleCaseFilter = {}) {
  return queryOptions({
    queryKey: [...cycleKey(cycleId), 'cases', filter],
    queryFn: () => unwrap(api.GET('/api/cycles/{cycleId}/cases', { params: { path: { cycleId }, query: filter } })),
    placeholderData: keepPreviousData,
  });
}

export function cycleDefectsQuery(cycleId: number) {
  return queryOptions({
    queryKey: [...cycleKey(cycleId), 'defects'],
    queryFn: async () => (await unwrap(api.GET('/api/cycles/{cycleId}/defects', { params: { path: { cycleId } } }))).items,
    refetchInterval: DEFECT_REFRESH_MS,
  });
}

/** The latest attempt at a case of the cycle, in full; its defects' Jira statuses stay live. */
export function latestAttemptQuery(cycleId: number, cycleCaseId: number) {
  return queryOptions({
    queryKey: [...cycleKey(cycleId), 'run', cycleCaseId],
    queryFn: () =>
      unwrap(api.GET('/api/cycles/{cycleId}/cases/{cycleCaseId}/execution', { params: { path: { cycleId, cycleCaseId } } })),
    refetchInterval: DEFECT_REFRESH_MS,
  });
}

/** An earlier attempt, read only. */
export function attemptQuery(cycleId: number, executionId: number) {
  return queryOptions({
    queryKey: [...cycleKey(cycleId), 'attempt', executionId],
    queryFn: () => unwrap(api.GET('/api/cycles/{cycleId}/executions/{executionId}', { params: { path: { cycleId, executionId } } })),
  });
}

export function createCycle(projectId: number, draft: CycleDraft): Promise<Cycle> {
  return unwrap(api.POST('/api/projects/{projectId}/cycles', { params: { path: { projectId } }, body: draft }));
}

export function updateCycle(cycleId: number, changes: CycleChanges): Promise<Cycle> {
  return unwrap(api.PATCH('/api/cycles/{cycleId}', { params: { path: { cycleId } }, body: changes }));
}

export function copyCycle(cycleId: number, copy: CycleCopy): Promise<Cycle> {
  return unwrap(api.POST('/api/cycles/{cycleId}/copy', { params: { path: { cycleId } }, body: copy }));
}

/** How many cases were added, and how many of those asked for were in the cycle already (and stay as they are). */
export interface CasesAdded {
  added: number;
  alreadyInCycle: number;
}

export function addCycleCases(cycleId: number, cases: CasesToAdd): Promise<CasesAdded> {
  return unwrap(api.POST('/api/cycles/{cycleId}/cases', { params: { path: { cycleId } }, body: cases }));
}

export async function assignCycleCases(cycleId: number, cycleCaseIds: number[], assigneeId: number | null): Promise<number> {
  return (await unwrap(api.PATCH('/api/cycles/{cycleId}/cases', { params: { path: { cycleId } }, body: { cycleCaseIds, assigneeId } })))
    .updated;
}

export function removeCycleCase(cycleId: number, cycleCaseId: number): Promise<void> {
  return unwrap(api.DELETE('/api/cycles/{cycleId}/cases/{cycleCaseId}', { params: { path: { cycleId, cycleCaseId } } }));
}

export function rerunCycleCase(cycleId: number, cycleCaseId: number): Promise<Attempt> {
  return unwrap(api.POST('/api/cycles/{cycleId}/cases/{cycleCaseId}/attempts', { params: { path: { cycleId, cycleCaseId } } }));
}

export function pullLatestCaseVersion(cycleId: number, cycleCaseId: number): Promise<Attempt> {
  return unwrap(api.POST('/api/cycles/{cycleId}/cases/{cycleCaseId}/latest-version', { params: { path: { cycleId, cycleCaseId } } }));
}

/** null goes back to the status the steps say. */
export function setAttemptStatus(cycleId: number, executionId: number, status: RunStatus | null): Promise<AttemptStatus> {
  return unwrap(
    api.PUT('/api/cycles/{cycleId}/executions/{executionId}/status', { params: { path: { cycleId, executionId } }, body: { status } }),
  );
}

export function recordStepResult(cycleId: number, executionId: number, stepId: string, result: StepResult): Promise<AttemptStatus> {
  return unwrap(
    api.PUT('/api/cycles/{cycleId}/executions/{executionId}/steps/{stepId}', {
      params: { path: { cycleId, executionId, stepId } },
      body: result,
    }),
  );
}

/** Uploads a file of evidence: the body is the file itself. */
export async function addAttachment(cycleId: number, executionId: number, stepId: string, file: File): Promise<AttachmentInfo> {
  // The file's bytes as they are, not JSON (read first: a Blob of another realm, as in tests, would not be sent as bytes).
  const bytes = await file.arrayBuffer();
  return unwrap(
    api.POST('/api/cycles/{cycleId}/executions/{executionId}/steps/{stepId}/attachments', {
      params: { path: { cycleId, executionId, stepId }, query: { filename: file.name || 'pasted-file' } },
      body: bytes as unknown as string,
      bodySerializer: (body: unknown) => body as BodyInit,
      headers: { 'Content-Type': 'application/octet-stream' },
    }),
  );
}

export function deleteAttachment(attachmentId: number): Promise<void> {
  return unwrap(api.DELETE('/api/attachments/{attachmentId}', { params: { path: { attachmentId } } }));
}

export type DefectDraft = { summary: string; description: string; stepsToReproduce: string; knownDefects: Defect[] };

/** What a defect from a failed step says; without a step, from a failed automated result (its failure and stack trace). */
export function getDefectDraft(cycleId: number, executionId: number, stepId: string | null): Promise<DefectDraft> {
  return unwrap(
    api.GET('/api/cycles/{cycleId}/executions/{executionId}/defect-draft', {
      params: { path: { cycleId, executionId }, query: stepId ? { stepId } : {} },
    }),
  );
}

export type ResultImport = Schemas['ResultImport'];

export interface ResultsTarget {
  /** An existing cycle of the project, or the name of a new one. */
  cycle: { id: number } | { name: string };
  build: string;
  environment: string;
}

/** Uploads report files (JUnit or TestNG XML, Cucumber JSON) into a cycle, as CI does with a token. */
export async function importResults(projectId: number, files: readonly File[], target: ResultsTarget): Promise<ResultImport> {
  const { body, contentType } = await multipartOf(files);
  const query = {
    ...('id' in target.cycle ? { cycleId: target.cycle.id } : { cycleName: target.cycle.name }),
    ...(target.build ? { build: target.build } : {}),
    ...(target.environment ? { environment: target.environment } : {}),
  };
  return unwrap(
    api.POST('/api/projects/{projectId}/results', {
      params: { path: { projectId }, query },
      body: body as unknown as never,
      bodySerializer: (bytes: unknown) => bytes as BodyInit,
      headers: { 'Content-Type': contentType },
    }),
  );
}

/**
 * The files as one multipart/form-data body (a part "files" each), built from their bytes: a
 * FormData holding a File of another realm (jsdom's in tests) is never sent by the fetch of Node.
 */
async function multipartOf(files: readonly File[]): Promise<{ body: Uint8Array; contentType: string }> {
  const boundary = `testbridge-${Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
  const text = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (const file of files) {
    const filename = file.name.replace(/["\\\r\n]/g, '_');
    parts.push(text.encode(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${filename}"\r\nContent-Type: ${file.type || 'application/octet-stream'}\r\n\r\n`));
    parts.push(new Uint8Array(await file.arrayBuffer()));
    parts.push(text.encode('\r\n'));
  }
  parts.push(text.encode(`--${boundary}--\r\n`));
  const body = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.length;
  }
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Links a Jira issue to the attempt (and a step); the server reads it from Jira as the user. */
export function linkDefect(cycleId: number, executionId: number, link: { instanceId: number; key: string; stepId?: string }): Promise<Defect> {
  return unwrap(
    api.POST('/api/cycles/{cycleId}/executions/{executionId}/defects', { params: { path: { cycleId, executionId } }, body: link }),
  );
}

export function unlinkDefect(cycleId: number, defectId: number): Promise<void> {
  return unwrap(api.DELETE('/api/cycles/{cycleId}/defects/{defectId}', { params: { path: { cycleId, defectId } } }));
}

export function sendEvidenceToDefect(cycleId: number, defectId: number): Promise<{ sent: string[]; evidenceInJira: number }> {
  return unwrap(api.POST('/api/cycles/{cycleId}/defects/{defectId}/evidence', { params: { path: { cycleId, defectId } } }));
}
