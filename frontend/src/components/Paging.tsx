import { Group, Loader, Pagination, Text } from '@mantine/core';

interface PagingProps {
  /** What is counted, singular: "instance", "event". */
  noun: string;
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
  /** Another page or filter is on its way (the rows shown are the previous ones). */
  busy?: boolean;
}

/** "21–40 of 53 instances" and the page buttons, with names a screen reader can announce. */
export function Paging({ noun, page, pageSize, total, onChange, busy = false }: PagingProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const nouns = `${noun}s`;
  return (
    <Group justify="space-between" wrap="wrap" gap="sm">
      <Group gap="xs">
        <Text size="sm" c="dimmed" aria-live="polite">
          {total === 0 ? `No ${nouns}` : total === 1 ? `1 ${noun}` : `${first}–${last} of ${total} ${nouns}`}
        </Text>
        {busy && <Loader size="xs" role="status" aria-label={`Loading ${nouns}`} />}
      </Group>
      {pages > 1 && (
        <nav aria-label={`Pages of ${nouns}`}>
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={onChange}
            size="sm"
            getItemProps={(item) => ({ 'aria-label': `Page ${item}`, 'aria-current': item === page ? 'page' : undefined })}
            getControlProps={(control) => ({ 'aria-label': `${control === 'previous' ? 'Previous' : 'Next'} page` })}
          />
        </nav>
      )}
    </Group>
  );
}
