package io.testbridge.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Testbridge's own meters, beside Vert.x's HTTP, pool and event-bus metrics in the same registry.
 * Labels are bounded: ids and templates, never free text or secrets.
 */
public final class Metrics {
    private static final Pattern ISSUE_KEY = Pattern.compile("/[A-Za-z][A-Za-z0-9_]*-[0-9]+(?=/|$)");
    private static final Pattern NUMBER = Pattern.compile("/[0-9]+(?=/|$)");
    private static final Pattern CLOUD_PREFIX = Pattern.compile("^/ex/jira/[^/]+");

    private final MeterRegistry registry;

    private final java.util.concurrent.atomic.AtomicLong lastBackupBytes = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong lastBackupSucceededAt = new java.util.concurrent.atomic.AtomicLong();

    public Metrics(MeterRegistry registry) {
        this.registry = registry;
        // this node's last successful backup: 0 until there is one (an alert: older than a day and a bit)
        io.micrometer.core.instrument.Gauge.builder("testbridge.backup.last.success.timestamp", lastBackupSucceededAt, java.util.concurrent.atomic.AtomicLong::get)
                .baseUnit("seconds").register(registry);
        io.micrometer.core.instrument.Gauge.builder("testbridge.backup.last.size", lastBackupBytes, java.util.concurrent.atomic.AtomicLong::get)
                .baseUnit("bytes").register(registry);
    }

    /** For code paths that run without the application (unit tests of single classes). */
    public static Metrics discarding() {
        return new Metrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void flowStarted(String purpose, String deployment) {
        Counter.builder("testbridge.oauth.flows.started").tag("purpose", purpose).tag("deployment", deployment).register(registry).increment();
    }

    public void flowCompleted(String purpose) {
        Counter.builder("testbridge.oauth.flows.completed").tag("purpose", purpose).register(registry).increment();
    }

    /** @param reason a fixed word: denied, expired, exchange_failed, wrong_user, grant_mismatch, … */
    public void flowFailed(String purpose, String reason) {
        Counter.builder("testbridge.oauth.flows.failed").tag("purpose", purpose).tag("reason", reason).register(registry).increment();
    }

    public void verificationAttempt(String outcome) {
        Counter.builder("testbridge.oauth.verification.attempts").tag("outcome", outcome).register(registry).increment();
    }

    /** @param outcome ok, invalid_grant or transient */
    public void tokenRefresh(String outcome) {
        Counter.builder("testbridge.oauth.token.refreshes").tag("outcome", outcome).register(registry).increment();
    }

    public void refreshWait(Duration waited) {
        Timer.builder("testbridge.oauth.token.refresh.wait").register(registry).record(waited);
    }

    public void jiraCall(long instanceId, String method, String path, int status) {
        Counter.builder("testbridge.jira.calls").tag("instance", Long.toString(instanceId)).tag("method", method)
                .tag("route", route(path)).tag("status", Integer.toString(status)).register(registry).increment();
    }

    public void auditEvent(String type) {
        Counter.builder("testbridge.audit.events.written").tag("type", type).register(registry).increment();
    }

    /** One Argon2 password check (a login that got as far as the password). */
    public void passwordVerified() {
        Counter.builder("testbridge.identity.password.verifications").register(registry).increment();
    }

    /** A password hash or check refused because every Argon2 slot was busy for too long (503). */
    public void passwordWorkRefused() {
        Counter.builder("testbridge.identity.password.refused").register(registry).increment();
    }

    /** A backup ended: its kind (scheduled, manual, download), whether it succeeded, its size and how long it took. */
    public void backupTaken(String kind, boolean succeeded, long bytes, Duration took) {
        Counter.builder("testbridge.backups").tag("kind", kind).tag("outcome", succeeded ? "succeeded" : "failed").register(registry).increment();
        if (succeeded) {
            Timer.builder("testbridge.backup.duration").tag("kind", kind).register(registry).record(took);
            lastBackupBytes.set(bytes);
            lastBackupSucceededAt.set(System.currentTimeMillis() / 1000);
        }
    }

    public void jobRun(String job) {
        Counter.builder("testbridge.jobs.runs").tag("job", job).register(registry).increment();
    }

    /** A REST path as a template: issue keys and numbers become placeholders, so labels stay few. */
    static String route(String path) {
        String template = CLOUD_PREFIX.matcher(path).replaceFirst("");
        template = ISSUE_KEY.matcher(template).replaceAll("/{key}");
        return NUMBER.matcher(template).replaceAll("/{id}");
    }
}
