package io.testbridge;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.testbridge.audit.AuditLog;
import io.testbridge.bus.Door;
import io.testbridge.bus.Doors;
import io.testbridge.testing.RunningApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules that keep the house standing (docs/architecture.md draws it): floors that point one way,
 * modules that meet only through their doors, one owner per table, and every door served.
 */
class HouseRulesTest {
    static final String[] MODULES = {"io.testbridge.identity..", "io.testbridge.integrations..", "io.testbridge.oauth..",
            "io.testbridge.audit..", "io.testbridge.testmgmt..", "io.testbridge.testcases..",
            "io.testbridge.cycles..", "io.testbridge.automation..", "io.testbridge.backup.."};
    static final String[] GROUND = {"io.testbridge.errors..", "io.testbridge.shared..", "io.testbridge.config..",
            "io.testbridge.observability..", "io.testbridge.crypto..", "io.testbridge.db..", "io.testbridge.bus.."};

    /** Which module owns each table: only its package may run SQL on it (others read a view the owner defines). */
    static final Map<String, String> TABLE_OWNERS = Map.ofEntries(
            entry("users", "identity"), entry("roles", "identity"), entry("user_roles", "identity"),
            entry("sessions", "identity"), entry("login_throttle", "identity"), entry("api_tokens", "identity"),
            entry("jira_instances", "integrations"),
            entry("oauth_connections", "oauth"), entry("oauth_clients", "oauth"), entry("oauth_flows", "oauth"), entry("oauth_tokens", "oauth"),
            entry("oauth_history", "audit"),
            entry("projects", "testmgmt"), entry("issues", "testmgmt"),
            entry("case_folders", "testcases"), entry("case_counters", "testcases"), entry("test_cases", "testcases"),
            entry("test_case_versions", "testcases"), entry("suites", "testcases"), entry("suite_cases", "testcases"),
            entry("suite_links", "testcases"),
            entry("test_cycles", "cycles"), entry("cycle_cases", "cycles"), entry("executions", "cycles"), entry("step_results", "cycles"),
            entry("execution_defects", "cycles"), entry("step_attachments", "cycles"), entry("defect_evidence", "cycles"),
            entry("result_imports", "cycles"),
            entry("backup_runs", "backup"), entry("job_runs", "db"));

    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final Path MIGRATIONS = Path.of("../db/migration");
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                // in a reactor build the simulator's classes are a folder on the classpath, not a jar
                .withImportOption(location -> !location.contains("/io/testbridge/jirasim/")).importPackages("io.testbridge");
    }

    @Test
    void no_module_imports_http() {
        noClasses().that().resideInAnyPackage(MODULES).should().dependOnClassesThat().resideInAPackage("io.testbridge.http..")
                .because("http sits on top: it calls modules, never the other way round").check(production);
    }

    @Test
    void the_jira_client_depends_on_no_module() {
        noClasses().that().resideInAPackage("io.testbridge.jira..").should().dependOnClassesThat()
                .resideInAnyPackage(concat(MODULES, "io.testbridge.http..", "io.testbridge"))
                .because("jira is a client shared by all modules: it gets the site and a token source through small interfaces")
                .check(production);
    }

    @Test
    void floors_point_one_way() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Application").definedBy("io.testbridge")
                .layer("Http").definedBy("io.testbridge.http..")
                .layer("Health").definedBy("io.testbridge.health..")
                .layer("Modules").definedBy(MODULES)
                .layer("Jira").definedBy("io.testbridge.jira..")
                .layer("Ground").definedBy(GROUND)
                .whereLayer("Application").mayNotBeAccessedByAnyLayer()
                .whereLayer("Http").mayOnlyBeAccessedByLayers("Application")
                .whereLayer("Health").mayOnlyBeAccessedByLayers("Http", "Application")
                .whereLayer("Modules").mayOnlyBeAccessedByLayers("Modules", "Http", "Application")
                .whereLayer("Jira").mayOnlyBeAccessedByLayers("Modules", "Http", "Application")
                .check(production);
    }

    @Test
    void no_package_cycles() {
        slices().matching("io.testbridge.(**)").should().beFreeOfCycles().check(production);
    }

    @Test
    void modules_meet_only_through_doors_and_value_types() {
        classes().that().resideInAnyPackage(concat(MODULES, "io.testbridge.http.."))
                .should(new ArchCondition<JavaClass>("reach other modules only through their doors, records, enums and failures "
                        + "(and AuditLog, the one direct call: an audit row shares its action's transaction)") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        String own = moduleOf(item);
                        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                            JavaClass target = dependency.getTargetClass().getBaseComponentType();
                            String other = moduleOf(target);
                            if (other == null || other.equals(own) || isDoorOrValue(target)) {
                                continue;
                            }
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }).check(production);
    }

    @Test
    void production_never_imports_the_simulator() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.testbridge.jirasim..")
                .because("the Jira simulator is test tooling").check(production);
    }

    @Test
    void every_table_has_one_owner() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.toList()) {
                Matcher created = Pattern.compile("(?i)CREATE TABLE (\\w+)").matcher(Files.readString(file));
                while (created.find()) {
                    tables.add(created.group(1).toLowerCase());
                }
            }
        }
        assertThat(tables).as("tables created by the migrations, each to be given an owner here").isEqualTo(TABLE_OWNERS.keySet());
    }

    @Test
    void sql_on_a_table_lives_only_in_its_owner() throws IOException {
        Pattern sqlTable = Pattern.compile("(?i)\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+(\\w+)");
        List<String> trespasses = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String module = MAIN_SOURCES.relativize(file).getName(2).toString(); // io/testbridge/<module>/…
                for (String literal : stringLiterals(Files.readString(file))) {
                    Matcher table = sqlTable.matcher(literal);
                    while (table.find()) {
                        String owner = TABLE_OWNERS.get(table.group(1).toLowerCase());
                        if (owner != null && !owner.equals(module)) {
                            trespasses.add(file + ": " + table.group() + " (owned by " + owner + ")");
                        }
                    }
                }
            }
        }
        assertThat(trespasses).as("SQL on another module's table; go through its door or a read view it defines").isEmpty();
    }

    @Test
    void every_door_is_served_once_the_application_runs() throws ClassNotFoundException {
        Set<String> addresses = new HashSet<>();
        for (JavaClass door : production.that(new com.tngtech.archunit.base.DescribedPredicate<JavaClass>("doors") {
            @Override
            public boolean test(JavaClass javaClass) {
                return javaClass.isAnnotatedWith(Door.class);
            }
        })) {
            addresses.addAll(Doors.addresses(Class.forName(door.getName())));
        }
        assertThat(addresses).as("door addresses").hasSizeGreaterThan(40);
        try (RunningApp app = RunningApp.start()) {
            assertThat(Doors.served(app.application().vertx())).containsAll(addresses);
        }
    }

    private static boolean isDoorOrValue(JavaClass target) {
        return target.isAnnotatedWith(Door.class) || target.isRecord() || target.isEnum()
                || target.isAssignableTo(Throwable.class) || target.isEquivalentTo(AuditLog.class);
    }

    private static String moduleOf(JavaClass javaClass) {
        for (String module : MODULES) {
            String name = module.substring(0, module.length() - 2);
            if (javaClass.getPackageName().equals(name) || javaClass.getPackageName().startsWith(name + ".")) {
                return name;
            }
        }
        return null;
    }

    /** The contents of the string literals and text blocks of a Java source. */
    static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        Matcher matcher = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:\\\\.|[^\"\\\\\\n])*)\"", Pattern.DOTALL).matcher(source);
        while (matcher.find()) {
            literals.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return literals;
    }

    private static String[] concat(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }
}
