package io.testbridge.automation;

import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Soon;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile and broken uploads of results: each gets a clear 4xx naming what is wrong, nothing is
 * stored, and a 200 MB upload is refused while it streams, the heap staying flat.
 */
class HostileResultsTest {
    private static RunningApp app;
    private static ApiClient tester;
    private static long projectId;
    private static String results;

    @BeforeAll
    static void start() {
        app = RunningApp.start();
        ApiClient admin = Fixtures.adminClient(app);
        Fixtures.createUser(admin, "hugo", "hugo password 12", "Tester");
        tester = app.client();
        tester.login("hugo", "hugo password 12");
        projectId = admin.post("/api/projects", new JsonObject().put("key", "HOST").put("name", "Hostile")).json().getLong("id");
        results = "/api/projects/" + projectId + "/results?cycleName=Hostile&filename=";
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static ApiClient.Response send(String filename, String body, String contentType) {
        return tester.postStream(results + filename, HttpRequest.BodyPublishers.ofString(body), contentType, Map.of());
    }

    private static void nothingStored() {
        assertThat(tester.get("/api/projects/" + projectId + "/cycles").json().getJsonArray("items")).as("no cycle").isEmpty();
        assertThat(tester.get("/api/projects/" + projectId + "/cases").json().getLong("total")).as("no case").isZero();
    }

    @Test
    void an_external_entity_is_refused_with_a_400_naming_the_doctype_and_nothing_is_read_or_stored() {
        String xxe = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE testsuite [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <testsuite name="x"><testcase classname="a" name="&secret;"/></testsuite>
                """;
        ApiClient.Response refused = send("xxe.xml", xxe, "application/xml");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorField()).isEqualTo("xxe.xml");
        assertThat(refused.json().getJsonObject("error").getString("message")).startsWith("xxe.xml, line 2:").contains("DOCTYPE");
        assertThat(refused.body()).doesNotContain("root:");
        nothingStored();
    }

    @Test
    void a_billion_laughs_file_is_refused_with_a_400() {
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            laughs.append(" <!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">\n");
        }
        laughs.append("]>\n<testsuite name=\"&lol9;\"><testcase classname=\"a\" name=\"b\"/></testsuite>\n");
        ApiClient.Response refused = send("lolz.xml", laughs.toString(), "text/xml");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getJsonObject("error").getString("message")).contains("lolz.xml", "DOCTYPE");
        nothingStored();
    }

    @Test
    void malformed_xml_json_and_reports_get_a_400_naming_the_file_and_line() {
        ApiClient.Response broken = send("broken.xml", "<testsuite name=\"s\">\n  <testcase classname=\"a\" name=\"b\">\n</testsuite>\n", "application/xml");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().getJsonObject("error").getString("message")).startsWith("broken.xml, line 3: not well-formed XML");

        ApiClient.Response json = send("cucumber.json", "[\n  {\"name\": \"Checkout\",\n   \"elements\": [ {\"name\": }\n]", "application/json");
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.json().getJsonObject("error").getString("message")).startsWith("cucumber.json, line 3: not valid JSON");

        ApiClient.Response other = send("pom.xml", "<project><modelVersion>4.0.0</modelVersion></project>", "application/xml");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().getJsonObject("error").getString("message")).contains("pom.xml, line 1", "<project>", "not a JUnit");

        ApiClient.Response time = send("time.xml", "<testsuite>\n<testcase classname=\"a\" name=\"b\" time=\"soon\"/></testsuite>", "application/xml");
        assertThat(time.json().getJsonObject("error").getString("message")).isEqualTo("time.xml, line 2: time=\"soon\" is not a number of seconds");

        ApiClient.Response deep = send("deep.xml", "<testsuites>" + "<testsuite>".repeat(100) + "</testsuite>".repeat(100) + "</testsuites>", "application/xml");
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.json().getJsonObject("error").getString("message")).contains("nested more than 64 deep");

        ApiClient.Response deepJson = send("deep.json", "[" + "[".repeat(200) + "]".repeat(200) + "]", "application/json");
        assertThat(deepJson.status()).isEqualTo(400);
        assertThat(deepJson.json().getJsonObject("error").getString("message")).startsWith("deep.json, line 1: ");

        ApiClient.Response text = send("notes.txt", "hello", "text/plain");
        assertThat(text.status()).isEqualTo(415);

        ApiClient.Response noCycle = tester.postStream("/api/projects/" + projectId + "/results", HttpRequest.BodyPublishers.ofString("<testsuite/>"),
                "application/xml", Map.of());
        assertThat(noCycle.status()).isEqualTo(400);
        assertThat(noCycle.errorField()).isEqualTo("cycleId");
        ApiClient.Response unknownCycle = tester.postStream("/api/projects/" + projectId + "/results?cycleId=424242",
                HttpRequest.BodyPublishers.ofString("<testsuite><testcase classname=\"a\" name=\"b\"/></testsuite>"), "application/xml", Map.of());
        assertThat(unknownCycle.status()).isEqualTo(400);
        assertThat(unknownCycle.errorField()).isEqualTo("cycleId");
        nothingStored();
    }

    @Test
    void a_name_longer_than_the_limit_refuses_the_whole_upload_naming_the_file_and_line() {
        String good = ResultImportTest.junit("com.example.Good", Map.of("fine", "pass"));
        String tooLong = "<testsuite name=\"s\">\n<testcase classname=\"a\" name=\"ok\"/>\n<testcase classname=\"a\" name=\"" + "x".repeat(1_001) + "\"/>\n</testsuite>";
        Path folder = RunningApp.newWorkDir("long-names");
        try {
            Files.writeString(folder.resolve("good.xml"), good);
            Files.writeString(folder.resolve("long.xml"), tooLong);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ApiClient.Response refused = ResultFiles.multipart(List.of(folder.resolve("good.xml"), folder.resolve("long.xml")), Map.of("cycleName", "Long"))
                .send(tester, "/api/projects/" + projectId + "/results", Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorField()).isEqualTo("long.xml");
        assertThat(refused.json().getJsonObject("error").getString("message"))
                .isEqualTo("long.xml, line 3: the test's name is 1001 characters long; at most 1000 are accepted");
        nothingStored();
    }

    @Test
    void an_identifier_too_long_in_utf_8_bytes_for_the_index_is_a_400_naming_the_file_and_line_not_a_500() {
        // 1,000 characters (the limit) of three bytes each, all different (PostgreSQL would compress a repeated one below the bound):
        // 3,000 bytes, over PostgreSQL's 2,704-byte index row
        String cucumber = "[{\"name\": \"F\",\n \"elements\": [{\"type\": \"scenario\", \"name\": \"" + cjk(1_000)
                + "\", \"steps\": [{\"result\": {\"status\": \"passed\", \"duration\": 1}}]}]}]";
        ApiClient.Response refused = send("cjk.json", cucumber, "application/json");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.errorField()).isEqualTo("cjk.json");
        assertThat(refused.json().getJsonObject("error").getString("message")).startsWith("cjk.json, line 2: the test's identifier is 3004 bytes long in UTF-8; at most 2000");
        nothingStored();
    }

    /** {@code count} different CJK ideographs (three bytes each in UTF-8), in an order that does not compress. */
    private static String cjk(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append((char) (0x4E00 + (i * 7919L) % 20_000));
        }
        return text.toString();
    }

    @Test
    void more_tests_than_the_limit_refuse_the_upload() {
        InputStream tests = new GeneratedReport(100_001, Long.MAX_VALUE);
        ApiClient.Response refused = tester.postStream(results + "many.xml", HttpRequest.BodyPublishers.ofInputStream(() -> tests), "application/xml", Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getJsonObject("error").getString("message")).contains("many.xml", "more than 100000 tests");
        nothingStored();
    }

    @Test
    void a_200_mb_upload_is_refused_with_413_while_it_streams_and_the_heap_stays_flat() {
        long size = 200L * 1024 * 1024;
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        List<MemoryPoolMXBean> old = heap.stream().filter(pool -> pool.getName().contains("Old") || pool.getName().contains("Tenured")).toList();
        assertThat(old).as("the JVM names its old generation").isNotEmpty();
        System.gc();
        long before = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
        long oldBefore = old.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);

        // generated as it is sent (never in memory here either), without a length: the server counts what arrives
        ApiClient.Response refused = tester.postStream(results + "huge.xml",
                HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedReport(Integer.MAX_VALUE, size)), "application/xml", Map.of());
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.errorCode()).isEqualTo("payload_too_large");
        assertThat(refused.json().getJsonObject("error").getString("message")).contains("larger than 50 MB", "TESTBRIDGE_RESULTS_MAX_MB");

        // what was kept alive: the old generation's peak (a buffered body would be promoted there, or allocated there whole)
        long oldPeak = old.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.gc();
        long after = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
        assertThat(oldPeak - oldBefore).as("old generation peak growth, bytes").isLessThan(48L * 1024 * 1024);
        assertThat(after - before).as("heap after, bytes").isLessThan(16L * 1024 * 1024);

        // the same with a declared length: refused before a byte is read
        ApiClient.Response declared = tester.postStream(results + "huge.xml",
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedReport(Integer.MAX_VALUE, size)), size),
                "application/xml", Map.of());
        assertThat(declared.status()).isEqualTo(413);
        nothingStored();
        assertThat(spooled()).as("no file left in the upload folder").isEmpty();
    }

    @Test
    void a_45_mb_attribute_is_refused_with_a_400_naming_the_file_and_the_heap_stays_flat() {
        HeapWatch heap = HeapWatch.start();
        ApiClient.Response refused = tester.postStream(results + "attribute.xml", HttpRequest.BodyPublishers.ofInputStream(() -> new Repeated(
                "<testsuite name=\"s\">\n<testcase classname=\"a\" name=\"b\">\n<failure message=\"", "x".repeat(1024), 45L * 1024,
                "\"/>\n</testcase>\n</testsuite>\n")), "application/xml", Map.of());
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.errorField()).isEqualTo("attribute.xml");
        assertThat(refused.json().getJsonObject("error").getString("message"))
                .isEqualTo("attribute.xml, line 3: an attribute is too long (more than 4194304 characters)");
        heap.assertFlat();
        nothingStored();
    }

    @Test
    void a_45_mb_cdata_section_is_imported_its_output_kept_to_the_bound_and_the_heap_stays_flat() {
        ApiClient admin = Fixtures.adminClient(app);
        long other = admin.post("/api/projects", new JsonObject().put("key", "CDATA").put("name", "Cdata")).json().getLong("id");
        HeapWatch heap = HeapWatch.start();
        ApiClient.Response stored = tester.postStream("/api/projects/" + other + "/results?cycleName=Cdata&filename=cdata.xml",
                HttpRequest.BodyPublishers.ofInputStream(() -> new Repeated("<testsuite name=\"s\">\n<testcase classname=\"a\" name=\"b\">\n"
                        + "<failure message=\"boom\"/>\n<system-out><![CDATA[", "y".repeat(1024), 45L * 1024, "]]></system-out>\n</testcase>\n</testsuite>\n")),
                "application/xml", Map.of());
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        heap.assertFlat();
        Map<String, JsonObject> cycle = ResultFiles.cycleResults(tester, stored.json().getJsonObject("cycle").getLong("id"));
        assertThat(cycle).containsOnlyKeys("a#b");
    }

    @Test
    void a_cucumber_feature_of_millions_of_scenarios_is_refused_as_it_is_read_and_the_heap_stays_flat() {
        HeapWatch heap = HeapWatch.start();
        // 45 MB: about 3.5 million scenarios in one feature, the feature's name after them
        ApiClient.Response refused = tester.postStream(results + "many.json", HttpRequest.BodyPublishers.ofInputStream(() -> new Repeated(
                "[{\"elements\":[{\"name\":\"s\"}", ",{\"name\":\"s\"}", 45L * 1024 * 1024 / 12, "],\"name\":\"f\"}]")),
                "application/json", Map.of());
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().getJsonObject("error").getString("message"))
                .isEqualTo("many.json, line 1: the upload has more than 100000 tests; split it into several uploads");
        heap.assertFlat();

        ApiClient.Response unnamed = tester.postStream(results + "unnamed.json", HttpRequest.BodyPublishers.ofInputStream(() -> new Repeated(
                "[{\"name\":\"f\",\"elements\":[{}", ",{}", 45L * 1024 * 1024 / 3, "]}]")), "application/json", Map.of());
        assertThat(unnamed.status()).as(unnamed.body()).isEqualTo(400);
        assertThat(unnamed.json().getJsonObject("error").getString("message")).isEqualTo("unnamed.json, line 1: a scenario has no name");
        heap.assertFlat();
        nothingStored();
    }

    /** A body written as it is read: a prefix, {@code count} copies of a unit, a suffix. */
    static final class Repeated extends InputStream {
        private final byte[] prefix;
        private final byte[] unit;
        private final long count;
        private final byte[] suffix;
        private byte[] chunk;
        private int position;
        private long sent;

        Repeated(String prefix, String unit, long count, String suffix) {
            this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
            this.unit = unit.getBytes(StandardCharsets.UTF_8);
            this.count = count;
            this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
            this.chunk = this.prefix;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = 0;
            while (n < length) {
                if (position == chunk.length) {
                    if (chunk == suffix) {
                        break;
                    }
                    chunk = sent < count ? unit : suffix;
                    if (chunk == unit) {
                        sent++;
                    }
                    position = 0;
                }
                int part = Math.min(length - n, chunk.length - position);
                System.arraycopy(chunk, position, buffer, offset + n, part);
                position += part;
                n += part;
            }
            return n == 0 && length > 0 ? -1 : n;
        }
    }

    @Test
    void refused_and_abandoned_uploads_leave_no_file_and_no_open_descriptor_in_the_upload_folder() {
        for (int i = 0; i < 3; i++) {
            // over the limit, chunked: refused with 413 while it streams
            ApiClient.Response refused = tester.postStream(results + "huge.xml",
                    HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedReport(Integer.MAX_VALUE, 60L * 1024 * 1024)), "application/xml", Map.of());
            assertThat(refused.status()).isEqualTo(413);
            // the client goes away in the middle of a raw body, and of a multipart file
            assertThatThrownBy(() -> tester.postStream(results + "cut.xml", HttpRequest.BodyPublishers.ofInputStream(
                    () -> new CutShort(new GeneratedReport(Integer.MAX_VALUE, Long.MAX_VALUE), 2L * 1024 * 1024)), "application/xml", Map.of()))
                    .isInstanceOf(java.io.UncheckedIOException.class);
            String boundary = "----cut" + i;
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"cycleName\"\r\n\r\nCut\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"cut.xml\"\r\nContent-Type: application/xml\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> tester.postStream("/api/projects/" + projectId + "/results", HttpRequest.BodyPublishers.ofInputStream(
                    () -> new CutShort(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head),
                            new GeneratedReport(Integer.MAX_VALUE, Long.MAX_VALUE)), 2L * 1024 * 1024)),
                    "multipart/form-data; boundary=" + boundary, Map.of()))
                    .isInstanceOf(java.io.UncheckedIOException.class);
        }
        // the server cleans up when it learns the response ended or the connection closed: read again until it has
        assertThat(Soon.value(HostileResultsTest::uploadTraces, List.of())).as("files in, and descriptors open to, the upload folder").isEmpty();
        assertThat(tester.get("/api/projects/" + projectId + "/cycles").status()).as("the server answers on").isEqualTo(200);
        nothingStored();
    }

    /** The files in the upload folder, and the descriptors this process (the app runs in it) holds open to it, deleted or not. */
    private static List<String> uploadTraces() {
        Path folder = app.dataDir().resolve("uploads").toAbsolutePath().normalize();
        List<String> traces = new java.util.ArrayList<>(spooled().stream().map(Path::toString).toList());
        Path fds = Path.of("/proc/self/fd");
        assertThat(fds).as("Linux's /proc (the descriptor check needs it)").isDirectory();
        try (var links = Files.list(fds)) {
            for (Path link : links.toList()) {
                try {
                    String target = Files.readSymbolicLink(link).toString();
                    if (target.startsWith(folder.toString()) || target.startsWith(realPath(folder))) {
                        traces.add(link + " -> " + target);
                    }
                } catch (java.io.IOException | UnsupportedOperationException gone) {
                    // closed while listing
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return traces;
    }

    private static String realPath(Path folder) {
        try {
            return folder.toRealPath().toString();
        } catch (java.io.IOException e) {
            return folder.toString();
        }
    }

    /** A body that fails after {@code bytes}: the client gives up in the middle of the upload. */
    static final class CutShort extends InputStream {
        private final InputStream body;
        private long left;

        CutShort(InputStream body, long bytes) {
            this.body = body;
            this.left = bytes;
        }

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            if (left <= 0) {
                throw new java.io.IOException("the client gives up");
            }
            int n = body.read(buffer, offset, (int) Math.min(length, left));
            left -= Math.max(n, 0);
            return n;
        }
    }

    /** The heap's use before something, and the assertion that it stayed flat (old generation peak, and what is left after). */
    record HeapWatch(List<MemoryPoolMXBean> heap, List<MemoryPoolMXBean> old, long before, long oldBefore) {
        static HeapWatch start() {
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP).toList();
            List<MemoryPoolMXBean> old = heap.stream().filter(pool -> pool.getName().contains("Old") || pool.getName().contains("Tenured")).toList();
            assertThat(old).as("the JVM names its old generation").isNotEmpty();
            System.gc();
            long before = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
            long oldBefore = old.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            return new HeapWatch(heap, old, before, oldBefore);
        }

        void assertFlat() {
            long oldPeak = old.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            System.gc();
            long after = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
            assertThat(oldPeak - oldBefore).as("old generation peak growth, bytes").isLessThan(48L * 1024 * 1024);
            assertThat(after - before).as("heap after, bytes").isLessThan(16L * 1024 * 1024);
        }
    }

    @Test
    void an_upload_refused_before_its_body_is_read_gets_its_answer_and_the_connection_is_not_left_hanging() {
        ApiClient anonymous = app.client();
        ApiClient.Response refused = anonymous.postStream(results + "huge.xml",
                HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedReport(Integer.MAX_VALUE, 100L * 1024 * 1024)), "application/xml", Map.of());
        assertThat(refused.status()).isEqualTo(401);
        ApiClient.Response badKey = tester.postStream(results + "big.xml",
                HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedReport(Integer.MAX_VALUE, 20L * 1024 * 1024)), "application/xml",
                Map.of("Idempotency-Key", "with spaces"));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.errorField()).isEqualTo("Idempotency-Key");
        assertThat(tester.get("/api/projects/" + projectId + "/cycles").status()).as("the server answers on").isEqualTo(200);
        nothingStored();
    }

    @Test
    void a_nul_in_a_json_name_is_stored_as_a_replacement_character_and_an_absurd_duration_is_refused() {
        ApiClient admin = Fixtures.adminClient(app);
        long other = admin.post("/api/projects", new JsonObject().put("key", "ODD").put("name", "Odd")).json().getLong("id");
        String cucumber = "[{\"name\": \"Odd\", \"elements\": [{\"type\": \"scenario\", \"name\": \"nul\\u0000here\", "
                + "\"steps\": [{\"result\": {\"status\": \"failed\", \"duration\": 5000000, \"error_message\": \"boom\\u0000\"}}]}]}]";
        ApiClient.Response stored = ResultFiles.upload(tester, other, "cycleName=Odd", cucumber, "application/json");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertThat(ResultFiles.cycleResults(tester, stored.json().getJsonObject("cycle").getLong("id"))).containsKey("Odd / nul\uFFFDhere");

        String testng = "<testng-results><suite><test><class name=\"a.B\">\n<test-method name=\"c\" status=\"PASS\" duration-ms=\"9000000000000000\"/>"
                + "</class></test></suite></testng-results>";
        ApiClient.Response absurd = ResultFiles.upload(tester, other, "cycleName=Absurd&filename=testng-results.xml", testng, "application/xml");
        assertThat(absurd.status()).isEqualTo(400);
        assertThat(absurd.json().getJsonObject("error").getString("message"))
                .isEqualTo("testng-results.xml, line 2: the test's duration (9000000000000000 ms) is more than 100 days");
    }

    @Test
    void the_files_of_uploads_cut_short_by_a_stop_are_deleted_at_the_next_start() throws Exception {
        Path folder = RunningApp.newWorkDir("uploads");
        Files.writeString(folder.resolve("upload-123.part"), "<testsuite>");
        Files.writeString(folder.resolve("keep.txt"), "not ours");
        io.testbridge.http.UploadSpool.deleteLeftovers(folder);
        try (var left = Files.list(folder)) {
            assertThat(left.map(path -> path.getFileName().toString()).toList()).containsExactly("keep.txt");
        }
    }

    private static List<Path> spooled() {
        Path folder = app.dataDir().resolve("uploads");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A JUnit report written as it is read: {@code tests} test cases, or {@code size} bytes, whichever comes first. */
    static final class GeneratedReport extends InputStream {
        private final int tests;
        private final long size;
        private byte[] chunk = "<?xml version=\"1.0\"?>\n<testsuite name=\"generated\">\n".getBytes(StandardCharsets.UTF_8);
        private int position;
        private int written;
        private long sent;
        private boolean closed;

        GeneratedReport(int tests, long size) {
            this.tests = tests;
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (sent >= size) {
                return -1;
            }
            if (position == chunk.length) {
                if (closed) {
                    return -1;
                }
                if (written < tests) {
                    chunk = ("  <testcase classname=\"io.example.Generated" + (written / 1000) + "\" name=\"test" + written + "\" time=\"0.001\"/>\n")
                            .getBytes(StandardCharsets.UTF_8);
                    written++;
                } else {
                    chunk = "</testsuite>\n".getBytes(StandardCharsets.UTF_8);
                    closed = true;
                }
                position = 0;
            }
            int n = (int) Math.min(Math.min(length, chunk.length - position), size - sent);
            System.arraycopy(chunk, position, buffer, offset, n);
            position += n;
            sent += n;
            return n;
        }
    }
}
