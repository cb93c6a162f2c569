import type { CaseContent } from '../api/types';
import { CONTENT_FIELD_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../caseFields';

/** The fields whose values differ between two contents, named as the editor names them. */
export function differingFields(a: CaseContent, b: CaseContent): string[] {
  return (Object.keys(CONTENT_FIELD_LABELS) as (keyof CaseContent)[])
    .filter((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]))
    .map((field) => CONTENT_FIELD_LABELS[field]);
}

/** A case as plain text, to copy somewhere before taking someone else's version. */
export function caseAsText(content: CaseContent): string {
  const lines = [
    `Title: ${content.title}`,
    `Status: ${STATUS_LABELS[content.status]}`,
    `Priority: ${PRIORITY_LABELS[content.priority]}`,
    ...(content.labels.length > 0 ? [`Labels: ${content.labels.join(', ')}`] : []),
    ...(content.components.length > 0 ? [`Components: ${content.components.join(', ')}`] : []),
    ...(content.estimateMinutes !== null ? [`Estimate: ${content.estimateMinutes} min`] : []),
    ...(content.precondition ? ['', 'Precondition:', content.precondition] : []),
  ];
  if (content.steps.length > 0) {
    lines.push('', 'Steps:');
    content.steps.forEach((step, index) => {
      lines.push(`${index + 1}. ${step.action}`);
      if (step.data) lines.push(`   Test data: ${step.data}`);
      if (step.expected) lines.push(`   Expected: ${step.expected}`);
    });
  }
  return lines.join('\n');
}
