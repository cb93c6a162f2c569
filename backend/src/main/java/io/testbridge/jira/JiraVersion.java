package io.testbridge.jira;

import io.vertx.core.json.JsonArray;

/** A Jira Data Center version, compared numerically (8.22 < 9.12 < 10.3). */
public record JiraVersion(int major, int minor, int patch) implements Comparable<JiraVersion> {
    /** The first Jira Data Center that is an OAuth 2.0 provider. */
    public static final JiraVersion OAUTH2_PROVIDER_MINIMUM = new JiraVersion(8, 22, 0);

    public static JiraVersion of(JsonArray numbers, String text) {
        if (numbers != null && numbers.size() >= 2) {
            return new JiraVersion(numbers.getInteger(0), numbers.getInteger(1), numbers.size() > 2 ? numbers.getInteger(2) : 0);
        }
        String[] parts = text == null ? new String[0] : text.split("[^0-9]+");
        int[] values = new int[3];
        for (int i = 0; i < Math.min(3, parts.length); i++) {
            values[i] = parts[i].isEmpty() ? 0 : Integer.parseInt(parts[i]);
        }
        return new JiraVersion(values[0], values[1], values[2]);
    }

    public boolean supportsOAuth2Provider() {
        return compareTo(OAUTH2_PROVIDER_MINIMUM) >= 0;
    }

    @Override
    public int compareTo(JiraVersion other) {
        int byMajor = Integer.compare(major, other.major);
        if (byMajor != 0) {
            return byMajor;
        }
        int byMinor = Integer.compare(minor, other.minor);
        return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
    }

    public String shortText() {
        return major + "." + minor;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
