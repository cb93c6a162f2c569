package io.testbridge.testcases;

/**
 * A test a CI tool reported, as the repository knows it: its identifier (class or suite and name,
 * e.g. {@code io.testbridge.FooTest#bar}, unique per project) and the title its case gets when new.
 */
public record AutomatedTest(String identifier, String title) {
}
