package io.testbridge.jirasim;

import java.util.List;

/** A project of one simulated Jira; every project offers the issue types of {@link FieldCatalog}. */
record JiraProject(String id, String key, String name, List<Component> components) {

    record Component(String id, String name) {
    }
}
