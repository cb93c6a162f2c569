package io.testbridge.automation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.testbridge.cycles.TestOutcome;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Cucumber's JSON report, read as a stream (Jackson's parser, with limits on nesting, string and
 * number lengths): an array of features, each with elements (backgrounds and scenarios) whose steps
 * and hooks have results (passed, failed, skipped, pending, undefined) with durations in
 * nanoseconds. A scenario is identified as {@code feature / scenario}; it failed if a step or hook
 * of it (or of the background before it) failed, passed if every one passed, else was not run.
 * An outline's examples with one name are one test.
 */
final class CucumberJson {
    private static final int MAX_STRING = 4 * 1024 * 1024;

    private CucumberJson() {
    }

    private static JsonFactory factory(ReportLimits limits) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(limits.maxDepth()).maxStringLength(MAX_STRING)
                        .maxNumberLength(40).maxNameLength(1_000).build())
                .build();
    }

    static void read(InputStream in, String file, TestCollector tests, ReportLimits limits) {
        try (JsonParser json = factory(limits).createParser(in)) {
            try {
                if (json.nextToken() != JsonToken.START_ARRAY) {
                    throw new ReportProblem(file, line(json), "a Cucumber JSON report is an array of features");
                }
                while (json.nextToken() != JsonToken.END_ARRAY) {
                    expect(json, JsonToken.START_OBJECT, file, "a feature (an object)");
                    feature(json, file, tests);
                }
                if (json.nextToken() != null) {
                    throw new ReportProblem(file, line(json), "there is more after the array of features");
                }
            } catch (JsonProcessingException e) {
                String message = e.getOriginalMessage();
                throw new ReportProblem(file, e.getLocation() == null ? line(json) : e.getLocation().getLineNr(),
                        "not valid JSON: " + (message == null ? "" : message.split("\n")[0]));
            }
        } catch (IOException e) {
            if (e instanceof JsonProcessingException processing) {
                throw new ReportProblem(file, processing.getLocation() == null ? -1 : processing.getLocation().getLineNr(),
                        "not valid JSON: " + String.valueOf(processing.getOriginalMessage()).split("\n")[0]);
            }
            throw new UncheckedIOException(e);
        }
    }

    private static void feature(JsonParser json, String file, TestCollector tests) throws IOException {
        int line = line(json);
        String name = "";
        String uri = "";
        Scenario background = null;
        // the name may come after the elements: scenarios are kept until the feature's end
        java.util.List<Scenario> scenarios = new java.util.ArrayList<>();
        while (json.nextToken() != JsonToken.END_OBJECT) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "name" -> name = tests.name(text(json), "feature name", file, line(json));
                case "uri" -> uri = tests.name(text(json), "feature uri", file, line(json));
                case "elements" -> {
                    expect(json, JsonToken.START_ARRAY, file, "the feature's elements (an array)");
                    while (json.nextToken() != JsonToken.END_ARRAY) {
                        expect(json, JsonToken.START_OBJECT, file, "a scenario (an object)");
                        Scenario element = element(json, file, tests);
                        if (element.background) {
                            background = element;
                        } else {
                            // counted as read, not at the feature's end: a feature of millions of {} never fills the heap
                            if (element.name.isEmpty()) {
                                throw new ReportProblem(file, element.line, "a scenario has no name");
                            }
                            tests.expectMore(scenarios.size() + 1, file, element.line);
                            scenarios.add(background == null ? element : element.after(background));
                            background = null;
                        }
                    }
                }
                default -> json.skipChildren();
            }
        }
        String feature = name.isEmpty() ? uri : name;
        for (Scenario scenario : scenarios) {
            String identifier = feature.isEmpty() ? scenario.name : feature + " / " + scenario.name;
            tests.add(file, scenario.line, identifier, identifier, scenario.outcome(), scenario.nanos / 1_000_000, null,
                    scenario.failed ? scenario.message : null, scenario.failed ? scenario.stack : null, null, null);
        }
        if (scenarios.isEmpty() && feature.isEmpty()) {
            throw new ReportProblem(file, line, "a feature has neither a name nor scenarios");
        }
    }

    /** A scenario or background as read: its name, line, and what its steps and hooks added up to. */
    private static final class Scenario {
        String name = "";
        int line;
        boolean background;
        int steps;
        int passed;
        boolean failed;
        long nanos;
        BoundedText message;
        BoundedText stack;

        Scenario after(Scenario before) {
            steps += before.steps;
            passed += before.passed;
            nanos = Math.min(Long.MAX_VALUE / 2, nanos + before.nanos);
            if (before.failed && !failed) {
                failed = true;
                message = before.message;
                stack = before.stack;
            }
            return this;
        }

        TestOutcome outcome() {
            if (failed) {
                return TestOutcome.FAILED;
            }
            return steps > 0 && passed == steps ? TestOutcome.PASSED : TestOutcome.SKIPPED;
        }
    }

    private static Scenario element(JsonParser json, String file, TestCollector tests) throws IOException {
        Scenario scenario = new Scenario();
        scenario.line = line(json);
        while (json.nextToken() != JsonToken.END_OBJECT) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "name" -> scenario.name = tests.name(text(json), "scenario name", file, line(json));
                case "type" -> scenario.background = "background".equals(text(json));
                case "steps", "before", "after" -> {
                    expect(json, JsonToken.START_ARRAY, file, "the scenario's " + field + " (an array)");
                    while (json.nextToken() != JsonToken.END_ARRAY) {
                        expect(json, JsonToken.START_OBJECT, file, "a step (an object)");
                        step(json, file, tests, scenario, !field.equals("steps"));
                    }
                }
                default -> json.skipChildren();
            }
        }
        return scenario;
    }

    private static void step(JsonParser json, String file, TestCollector tests, Scenario scenario, boolean hook) throws IOException {
        while (json.nextToken() != JsonToken.END_OBJECT) {
            String field = json.currentName();
            json.nextToken();
            if (!field.equals("result")) {
                json.skipChildren();
                continue;
            }
            expect(json, JsonToken.START_OBJECT, file, "a step's result (an object)");
            String status = "";
            while (json.nextToken() != JsonToken.END_OBJECT) {
                String name = json.currentName();
                json.nextToken();
                switch (name) {
                    case "status" -> status = text(json);
                    case "duration" -> {
                        if (!json.currentToken().isNumeric() || json.getLongValue() < 0) {
                            throw new ReportProblem(file, line(json), "a step's duration is not a number of nanoseconds");
                        }
                        // added without overflowing: an absurd sum is refused by the collector's bound on durations
                        scenario.nanos = Math.min(Long.MAX_VALUE / 2, scenario.nanos + Math.min(json.getLongValue(), Long.MAX_VALUE / 4));
                    }
                    case "error_message" -> {
                        String error = text(json);
                        if (scenario.stack == null) {
                            scenario.stack = tests.text().append(error);
                            scenario.message = tests.text().append(scenario.stack.firstLine());
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            if (!hook) {
                scenario.steps++;
                if (status.equals("passed")) {
                    scenario.passed++;
                }
            }
            if (status.equals("failed")) {
                scenario.failed = true;
            }
        }
    }

    private static String text(JsonParser json) throws IOException {
        return json.currentToken() == JsonToken.VALUE_NULL ? "" : json.getValueAsString("");
    }

    private static void expect(JsonParser json, JsonToken token, String file, String what) {
        if (json.currentToken() != token) {
            throw new ReportProblem(file, line(json), "expected " + what + ", found " + json.currentToken());
        }
    }

    private static int line(JsonParser json) {
        return json.currentLocation() == null ? -1 : json.currentLocation().getLineNr();
    }
}
