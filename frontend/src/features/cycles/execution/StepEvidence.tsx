import { ActionIcon, Alert, Anchor, Button, FileButton, Group, Loader, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Modal } from '../../../components/dialogs';
import { DownloadIcon, TrashIcon } from '../../../components/icons';
import { formatDateTime, formatSize } from '../../../lib/format';
import { describeError, showApiError } from '../../../lib/forms/showApiError';
import { addAttachment, cycleKey, deleteAttachment, type AttachmentInfo, type Attempt, type AttemptStep } from '../api';
import classes from './Execution.module.css';

export interface EvidenceUpload {
  upload: (files: readonly File[]) => void;
  uploading: string[];
  failures: { filename: string; message: string }[];
  dismiss: () => void;
}

/**
 * Uploads files of evidence to a step result, one after the other; a refused file (too large:
 * the server's 413 names the limit) is listed with the server's message, the others go on.
 */
export function useEvidenceUpload(attempt: Attempt, step: AttemptStep): EvidenceUpload {
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState<string[]>([]);
  const [failures, setFailures] = useState<{ filename: string; message: string }[]>([]);
  const upload = async (files: readonly File[]) => {
    for (const file of files) {
      const filename = file.name || 'pasted-file';
      setUploading((current) => [...current, filename]);
      try {
        await addAttachment(attempt.cycleId, attempt.id, step.id, file);
      } catch (error) {
        setFailures((current) => [...current, { filename, message: describeError(error) }]);
      } finally {
        setUploading((current) => current.filter((name) => name !== filename));
      }
    }
    void queryClient.invalidateQueries({ queryKey: cycleKey(attempt.cycleId) });
  };
  return {
    upload: (files) => {
      if (files.length === 0) return;
      setFailures([]);
      void upload(files);
    },
    uploading,
    failures,
    dismiss: () => setFailures([]),
  };
}

interface StepEvidenceProps {
  attempt: Attempt;
  step: AttemptStep;
  editable: boolean;
  evidence: EvidenceUpload;
  /** Whether its controls are in the Tab order (those of the focused step only). */
  tabbable: boolean;
}

/**
 * A step's files: thumbnails of images, which open a preview (with a download), and the others by
 * name and size, each a download (the server serves every file as an attachment; an `<img>` shows it
 * all the same). With the right to execute: attach (a button here; paste or drop anywhere on the
 * step) and delete.
 */
export function StepEvidence({ attempt, step, editable, evidence, tabbable }: StepEvidenceProps) {
  const tabIndex = tabbable ? 0 : -1;
  const queryClient = useQueryClient();
  const [previewing, setPreviewing] = useState<AttachmentInfo | null>(null);
  const remove = useMutation({
    mutationFn: (file: AttachmentInfo) => deleteAttachment(file.id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: cycleKey(attempt.cycleId) }),
    onError: (error, file) => showApiError(error, `Could not delete ${file.filename}`),
  });

  return (
    <Stack gap={6}>
      {step.attachments.length > 0 && (
        <Group gap="xs" align="flex-start" aria-label={`Files of step ${step.number}`} role="list">
          {step.attachments.map((file) => (
            <Group key={file.id} gap={4} wrap="nowrap" align="flex-start" role="listitem">
              {file.image ? (
                <UnstyledButton
                  className={classes.thumbnailButton}
                  onClick={() => setPreviewing(file)}
                  aria-label={`Preview ${file.filename}, ${formatSize(file.size)}`}
                  aria-haspopup="dialog"
                  title={`${file.filename}, ${formatSize(file.size)}`}
                  tabIndex={tabIndex}
                >
                  <img src={file.url} alt={file.filename} className={classes.thumbnail} loading="lazy" />
                </UnstyledButton>
              ) : (
                <Text size="xs" className={classes.fileName}>
                  <Anchor href={file.url} download={file.filename} size="xs" tabIndex={tabIndex}>
                    {file.filename}
                  </Anchor>{' '}
                  <Text span size="xs" c="dimmed">
                    ({formatSize(file.size)})
                  </Text>
                </Text>
              )}
              {editable && (
                <Tooltip label={`Delete ${file.filename}`}>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="red"
                    aria-label={`Delete ${file.filename}`}
                    tabIndex={tabIndex}
                    loading={remove.isPending && remove.variables === file}
                    onClick={() => remove.mutate(file)}
                  >
                    <TrashIcon size={14} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          ))}
        </Group>
      )}
      {editable && (
        <Group gap="xs">
          <FileButton onChange={(files) => evidence.upload(files)} multiple>
            {(props) => (
              <Button {...props} size="compact-xs" variant="default" aria-label={`Attach files to step ${step.number}`} tabIndex={tabIndex}>
                Attach files
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            or paste or drop them here
          </Text>
        </Group>
      )}
      {evidence.uploading.length > 0 && (
        <Group gap={6}>
          <Loader size="xs" role="status" aria-label={`Uploading ${evidence.uploading.join(', ')}`} />
          <Text size="xs">Uploading {evidence.uploading.join(', ')}…</Text>
        </Group>
      )}
      {previewing && <ImagePreview file={previewing} onClose={() => setPreviewing(null)} />}
      {evidence.failures.length > 0 && (
        <Alert color="red" role="alert" p="xs" title="Not attached" withCloseButton closeButtonLabel="Dismiss" onClose={evidence.dismiss}>
          {evidence.failures.map((failure) => (
            <Text key={failure.filename} size="xs">
              {failure.filename}: {failure.message}
            </Text>
          ))}
        </Alert>
      )}
    </Stack>
  );
}

/** An image of a step, large: its name, size and a download. */
function ImagePreview({ file, onClose }: { file: AttachmentInfo; onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} title={file.filename} size="xl">
      <Stack>
        <img src={file.url} alt={file.filename} className={classes.preview} />
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {formatSize(file.size)}
            {file.uploadedAt ? `, attached ${formatDateTime(file.uploadedAt)}` : ''}
          </Text>
          <Button component="a" href={file.url} download={file.filename} leftSection={<DownloadIcon size={16} />} variant="default">
            Download
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
