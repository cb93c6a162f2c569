package io.testbridge.jirasim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Projects, issues, remote links and attachments of one simulated Jira (one Cloud site or one DC instance). */
final class JiraData {

    private final List<JiraProject> projects = new ArrayList<>();
    private final Map<String, JiraIssue> issuesByKey = new LinkedHashMap<>();
    private final Map<String, Integer> lastNumberByProject = new HashMap<>();
    private final Map<String, List<RemoteLink>> remoteLinks = new HashMap<>();
    private long nextIssueId = 10000;
    private final Map<String, List<IssueAttachment>> attachments = new HashMap<>();
    private long nextLinkId = 10000;
    private long nextAttachmentId = 10000;

    synchronized void addProject(JiraProject project) {
        if (project(project.key()).isPresent() || project(project.id()).isPresent()) {
            throw new IllegalArgumentException("project already exists: " + project.key());
        }
        projects.add(project);
    }

    /** A project without components, with the next free id. */
    synchronized JiraProject newProject(String key, String name, JiraProject.BrowseOnly browseOnly) {
        long id = 10000 + projects.size();
        while (project(String.valueOf(id)).isPresent()) {
            id++;
        }
        JiraProject project = new JiraProject(String.valueOf(id), key, name, List.of(), browseOnly);
        addProject(project);
        return project;
    }

    synchronized List<JiraProject> projects() {
        return List.copyOf(projects);
    }

    synchronized Optional<JiraProject> project(String idOrKey) {
        if (idOrKey == null) {
            return Optional.empty();
        }
        return projects.stream()
                .filter(p -> p.id().equals(idOrKey) || p.key().equalsIgnoreCase(idOrKey)).findFirst();
    }

    synchronized JiraIssue newIssue(JiraProject project, FieldCatalog.IssueType type, Instant created) {
        int number = lastNumberByProject.merge(project.key(), 1, Integer::sum);
        JiraIssue issue = new JiraIssue(String.valueOf(nextIssueId++), project.key() + "-" + number, project, type,
                created);
        issuesByKey.put(issue.key, issue);
        return issue;
    }

    /** Finds a live issue by key (case-insensitive, as Jira) or by id. */
    synchronized Optional<JiraIssue> issue(String keyOrId) {
        if (keyOrId == null) {
            return Optional.empty();
        }
        return issuesByKey.values().stream().filter(i -> !i.deleted)
                .filter(i -> i.key.equalsIgnoreCase(keyOrId) || i.id.equals(keyOrId)).findFirst();
    }

    synchronized List<JiraIssue> liveIssues() {
        return issuesByKey.values().stream().filter(i -> !i.deleted).toList();
    }

    /** What a person does to an issue in Jira: moves it to a status, assigns it (null: unassigned). */
    synchronized boolean workOn(String key, FieldCatalog.Status status, String assigneeAccountId, boolean changeAssignee) {
        Optional<JiraIssue> issue = issue(key);
        issue.ifPresent(i -> {
            if (status != null) {
                i.status = status;
            }
            if (changeAssignee) {
                i.assigneeAccountId = assigneeAccountId;
            }
        });
        return issue.isPresent();
    }

    synchronized boolean deleteIssue(String key) {
        Optional<JiraIssue> issue = issue(key);
        issue.ifPresent(i -> i.deleted = true);
        return issue.isPresent();
    }

    /** Adds a link, or replaces the one with the same globalId as Jira does; returns the stored link. */
    synchronized RemoteLink putRemoteLink(String issueKey, String globalId, String url, String title,
            String relationship) {
        List<RemoteLink> links = remoteLinks.computeIfAbsent(issueKey, k -> new ArrayList<>());
        for (int i = 0; i < links.size(); i++) {
            RemoteLink existing = links.get(i);
            if (globalId != null && globalId.equals(existing.globalId())) {
                RemoteLink replaced = new RemoteLink(existing.id(), globalId, url, title, relationship);
                links.set(i, replaced);
                return replaced;
            }
        }
        RemoteLink link = new RemoteLink(nextLinkId++, globalId, url, title, relationship);
        links.add(link);
        return link;
    }

    synchronized boolean hasRemoteLinkWithGlobalId(String issueKey, String globalId) {
        return globalId != null && remoteLinks.getOrDefault(issueKey, List.of()).stream()
                .anyMatch(link -> globalId.equals(link.globalId()));
    }

    synchronized List<RemoteLink> remoteLinks(String issueKey) {
        return List.copyOf(remoteLinks.getOrDefault(issueKey, List.of()));
    }

    synchronized IssueAttachment addAttachment(String issueKey, String filename, String mimeType, byte[] content,
            String authorAccountId, Instant created) {
        IssueAttachment attachment = new IssueAttachment(nextAttachmentId++, filename, mimeType, content, authorAccountId,
                created);
        attachments.computeIfAbsent(issueKey, k -> new ArrayList<>()).add(attachment);
        return attachment;
    }

    synchronized List<IssueAttachment> attachments(String issueKey) {
        return List.copyOf(attachments.getOrDefault(issueKey, List.of()));
    }
}
