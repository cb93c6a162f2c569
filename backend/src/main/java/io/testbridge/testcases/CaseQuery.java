package io.testbridge.testcases;

import io.testbridge.errors.Failure;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which cases of a project a list, a bulk action or an export is about: text or key, folder (with
 * or without its subfolders, or the cases in no folder), label, status, priority, owner, archived or
 * not, or explicit ids; and the order and page.
 */
public record CaseQuery(long projectId, String text, Long folderId, boolean withSubfolders, boolean unfiled, String label,
                        CaseStatus status, Priority priority, Long ownerId, boolean archived, List<Long> ids, String sort,
                        int page, int pageSize) {
    /** A key as people type it: DEMO-TC-12, TC-12, or 12. */
    private static final Pattern KEY = Pattern.compile("(?i)^(?:[A-Z][A-Z0-9_]*-)?(?:TC-)?#?(\\d{1,9})$");
    private static final List<String> SORTS = List.of("key", "title", "priority", "status", "updated");

    public CaseQuery {
        String field = sort == null || sort.isBlank() ? "key" : sort.startsWith("-") ? sort.substring(1) : sort;
        if (!SORTS.contains(field)) {
            throw Failure.invalid("sort", "Sort by one of " + String.join(", ", SORTS) + " (a leading - reverses it).");
        }
        ids = ids == null ? List.of() : List.copyOf(ids);
    }

    /** Every case of the project that is not archived, in key order. */
    public static CaseQuery all(long projectId) {
        return new CaseQuery(projectId, null, null, true, false, null, null, null, null, false, List.of(), "key", 1, 50);
    }

    public static CaseQuery ofIds(long projectId, List<Long> ids) {
        return new CaseQuery(projectId, null, null, true, false, null, null, null, null, false, ids, "key", 1, ids.size());
    }

    /** The same filter, over another project's cases. */
    public CaseQuery inProject(long otherProjectId) {
        return new CaseQuery(otherProjectId, text, folderId, withSubfolders, unfiled, label, status, priority, ownerId, archived, ids, sort, page, pageSize);
    }

    /** The WHERE clause over test_cases aliased {@code c}, filling {@code params} from $1. */
    String where(Tuple params) {
        List<String> conditions = new ArrayList<>();
        params.addLong(projectId);
        conditions.add("c.project_id = $" + params.size());
        if (!ids.isEmpty()) {
            params.addArrayOfLong(ids.toArray(Long[]::new));
            conditions.add("c.id = ANY ($" + params.size() + ")");
        } else {
            conditions.add(archived ? "c.archived_at IS NOT NULL" : "c.archived_at IS NULL");
        }
        if (unfiled) {
            conditions.add("c.folder_id IS NULL");
        } else if (folderId != null) {
            params.addLong(folderId);
            conditions.add(withSubfolders
                    ? "c.folder_id IN (WITH RECURSIVE tree AS (SELECT id FROM case_folders WHERE id = $" + params.size()
                            + " UNION ALL SELECT f.id FROM case_folders f JOIN tree ON f.parent_id = tree.id) SELECT id FROM tree)"
                    : "c.folder_id = $" + params.size());
        }
        if (label != null && !label.isBlank()) {
            params.addString(label.strip());
            conditions.add("EXISTS (SELECT 1 FROM unnest(c.labels) l WHERE lower(l) = lower($" + params.size() + "))");
        }
        if (status != null) {
            params.addString(status.name());
            conditions.add("c.status = $" + params.size());
        }
        if (priority != null) {
            params.addString(priority.name());
            conditions.add("c.priority = $" + params.size());
        }
        if (ownerId != null) {
            params.addLong(ownerId);
            conditions.add("c.owner_id = $" + params.size());
        }
        if (text != null && !text.isBlank()) {
            conditions.add(textCondition(text.strip(), params));
        }
        return " WHERE " + String.join(" AND ", conditions);
    }

    /** A key finds its case; words find the cases whose title, precondition or steps hold words starting with them. */
    private static String textCondition(String text, Tuple params) {
        Matcher key = KEY.matcher(text);
        List<String> words = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                words.add(word + ":*");
            }
        }
        String byWords = null;
        if (!words.isEmpty()) {
            params.addString(String.join(" & ", words));
            byWords = "c.search @@ to_tsquery('simple', $" + params.size() + ")";
        }
        if (key.matches()) {
            params.addInteger(Integer.parseInt(key.group(1)));
            String byKey = "c.number = $" + params.size();
            return byWords == null ? byKey : "(" + byKey + " OR " + byWords + ")";
        }
        return byWords == null ? "false" : byWords;
    }

    String orderBy() {
        boolean descending = sort != null && sort.startsWith("-");
        String field = sort == null || sort.isBlank() ? "key" : descending ? sort.substring(1) : sort;
        String column = switch (field) {
            case "title" -> "lower(c.title)";
            case "priority" -> "CASE c.priority WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END";
            case "status" -> "CASE c.status WHEN 'DRAFT' THEN 0 WHEN 'READY' THEN 1 ELSE 2 END";
            case "updated" -> "c.updated_at";
            default -> "c.number";
        };
        String direction = descending ? " DESC" : "";
        return " ORDER BY " + column + direction + (column.equals("c.number") ? "" : ", c.number" + direction);
    }
}
