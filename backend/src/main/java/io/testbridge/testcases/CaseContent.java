package io.testbridge.testcases;

import io.testbridge.errors.Failure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What a person edits in a case, and what each version keeps: the version snapshot is this, as JSON.
 * {@link #of} and {@link #fromJson} check what the API document cannot say.
 */
public record CaseContent(String title, String precondition, List<Step> steps, Priority priority, CaseStatus status,
                          List<String> labels, List<String> components, Long ownerId, Integer estimateMinutes, Long folderId) {
    static final int MAX_STEPS = 500;
    static final int MAX_TAGS = 30;
    static final int MAX_TAG_LENGTH = 50;

    /** The names of the fields, as versions list what changed. */
    public static final List<String> FIELDS = List.of("title", "precondition", "steps", "priority", "status", "labels", "components",
            "owner", "estimate", "folder");

    /** A checked content: title not blank, steps with distinct UUIDs, labels and components trimmed, distinct, without ; or ,. */
    public static CaseContent of(String title, String precondition, List<Step> steps, Priority priority, CaseStatus status,
                                 List<String> labels, List<String> components, Long ownerId, Integer estimateMinutes, Long folderId) {
        if (title == null || title.isBlank()) {
            throw Failure.invalid("title", "Give the case a title.");
        }
        if (steps.size() > MAX_STEPS) {
            throw Failure.invalid("steps", "A case has at most " + MAX_STEPS + " steps; split this one.");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            String id = steps.get(i).id();
            if (!isUuid(id) || !ids.add(id.toLowerCase(Locale.ROOT))) {
                throw Failure.invalid("steps." + i + ".id", "Step " + (i + 1) + " needs an id of its own (a UUID).");
            }
        }
        if (estimateMinutes != null && (estimateMinutes < 0 || estimateMinutes > 99_999)) {
            throw Failure.invalid("estimateMinutes", "The estimate is minutes, between 0 and 99999.");
        }
        return new CaseContent(title.strip(), precondition == null ? "" : precondition, List.copyOf(steps),
                priority == null ? Priority.MEDIUM : priority, status == null ? CaseStatus.DRAFT : status,
                tags("labels", labels), tags("components", components), ownerId, estimateMinutes, folderId);
    }

    /** From the API's JSON (or a version snapshot): absent fields take their defaults. */
    public static CaseContent fromJson(JsonObject json) {
        List<Step> steps = new ArrayList<>();
        json.getJsonArray("steps", new JsonArray()).forEach(step -> steps.add(Step.fromJson((JsonObject) step)));
        return of(json.getString("title"), json.getString("precondition", ""), steps,
                json.getString("priority") == null ? null : Priority.valueOf(json.getString("priority")),
                json.getString("status") == null ? null : CaseStatus.valueOf(json.getString("status")),
                strings(json.getJsonArray("labels")), strings(json.getJsonArray("components")),
                json.getLong("ownerId"), json.getInteger("estimateMinutes"), json.getLong("folderId"));
    }

    public JsonObject toJson() {
        JsonArray stepsJson = new JsonArray();
        steps.forEach(step -> stepsJson.add(step.toJson()));
        return new JsonObject().put("title", title).put("precondition", precondition).put("steps", stepsJson)
                .put("priority", priority.name()).put("status", status.name())
                .put("labels", new JsonArray(new ArrayList<>(labels))).put("components", new JsonArray(new ArrayList<>(components)))
                .put("ownerId", ownerId).put("estimateMinutes", estimateMinutes).put("folderId", folderId);
    }

    /** The fields (of {@link #FIELDS}) whose values differ from {@code before}, in that order. */
    public List<String> changesFrom(CaseContent before) {
        Map<String, Boolean> changed = new LinkedHashMap<>();
        changed.put("title", !title.equals(before.title));
        changed.put("precondition", !precondition.equals(before.precondition));
        changed.put("steps", !sameSteps(before.steps));
        changed.put("priority", priority != before.priority);
        changed.put("status", status != before.status);
        changed.put("labels", !labels.equals(before.labels));
        changed.put("components", !components.equals(before.components));
        changed.put("owner", !Objects.equals(ownerId, before.ownerId));
        changed.put("estimate", !Objects.equals(estimateMinutes, before.estimateMinutes));
        changed.put("folder", !Objects.equals(folderId, before.folderId));
        return changed.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }

    CaseContent withTitle(String newTitle) {
        return new CaseContent(newTitle, precondition, steps, priority, status, labels, components, ownerId, estimateMinutes, folderId);
    }

    CaseContent withFolder(Long newFolderId) {
        return new CaseContent(title, precondition, steps, priority, status, labels, components, ownerId, estimateMinutes, newFolderId);
    }

    CaseContent withStatus(CaseStatus newStatus) {
        return new CaseContent(title, precondition, steps, priority, newStatus, labels, components, ownerId, estimateMinutes, folderId);
    }

    CaseContent withOwner(Long newOwnerId) {
        return new CaseContent(title, precondition, steps, priority, status, labels, components, newOwnerId, estimateMinutes, folderId);
    }

    CaseContent withLabels(List<String> newLabels) {
        return new CaseContent(title, precondition, steps, priority, status, tags("labels", newLabels), components, ownerId, estimateMinutes, folderId);
    }

    /** The same content with new step ids (a clone's steps are its own). */
    CaseContent withFreshStepIds() {
        List<Step> fresh = steps.stream().map(step -> new Step(UUID.randomUUID().toString(), step.action(), step.data(), step.expected())).toList();
        return new CaseContent(title, precondition, fresh, priority, status, labels, components, ownerId, estimateMinutes, folderId);
    }

    private boolean sameSteps(List<Step> other) {
        if (steps.size() != other.size()) {
            return false;
        }
        for (int i = 0; i < steps.size(); i++) {
            if (!steps.get(i).id().equals(other.get(i).id()) || !steps.get(i).sameText(other.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> tags(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        Map<String, String> distinct = new LinkedHashMap<>();
        for (String value : values) {
            String tag = value == null ? "" : value.strip();
            if (tag.isEmpty()) {
                continue;
            }
            if (tag.length() > MAX_TAG_LENGTH || tag.contains(";") || tag.contains(",")) {
                throw Failure.invalid(field, "\"" + tag + "\": " + field + " are at most " + MAX_TAG_LENGTH
                        + " characters, without ; or , (they separate them in CSV files).");
            }
            distinct.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
        }
        if (distinct.size() > MAX_TAGS) {
            throw Failure.invalid(field, "A case has at most " + MAX_TAGS + " " + field + ".");
        }
        return List.copyOf(distinct.values());
    }

    private static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value == null ? null : String.valueOf(value)));
        }
        return values;
    }

    static boolean isUuid(String text) {
        return text != null && text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    }
}
