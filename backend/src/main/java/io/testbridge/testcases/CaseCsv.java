package io.testbridge.testcases;

import io.testbridge.errors.Failure;
import io.testbridge.shared.Csv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CSV form of cases, as peers lay it out: one row per step; a case's first row holds its key
 * (empty for a new case), title and other fields; the rows below it with no key and no title are
 * its further steps. Labels and components are separated by {@code ;}, a folder is a path
 * ({@code Auth/Login}), an owner a username, an estimate {@code 90}, {@code 45m} or {@code 1h 30m}.
 * Column names are matched whatever their case, with the usual other names (Summary, Expected
 * Result, Test Data…). Reading checks everything it can without the database and names every
 * problem by row (the header is row 1, as in a spreadsheet) and column.
 */
final class CaseCsv {
    static final int MAX_ROWS = 50_000;
    static final int MAX_CASES = 5_000;
    static final int MAX_CELL = 20_000;

    /** The columns, in the order export writes them. */
    enum Column {
        KEY("Key", "case key", "test case key"),
        TITLE("Title", "summary", "name", "case title"),
        FOLDER("Folder", "path", "section"),
        PRIORITY("Priority"),
        STATUS("Status"),
        LABELS("Labels", "label", "tags"),
        COMPONENTS("Components", "component"),
        OWNER("Owner", "assignee"),
        ESTIMATE("Estimate", "estimated time", "estimate (minutes)"),
        PRECONDITION("Precondition", "preconditions", "pre-condition"),
        STEP("Step", "step #", "step no", "step number", "#"),
        ACTION("Action", "step action", "steps"),
        DATA("Data", "test data", "step data"),
        EXPECTED("Expected", "expected result", "expected results", "expected outcome");

        final String header;
        final List<String> names;

        Column(String header, String... aliases) {
            this.header = header;
            List<String> all = new ArrayList<>(List.of(header.toLowerCase(Locale.ROOT)));
            all.addAll(List.of(aliases));
            this.names = all;
        }

        /** Columns that belong to the case (its first row), not to a step. */
        boolean ofCase() {
            return ordinal() <= PRECONDITION.ordinal();
        }
    }

    static final String TEMPLATE = Csv.BYTE_ORDER_MARK + Csv.line(headers())
            + Csv.line(List.of("", "Log in with a valid password", "Auth/Login", "HIGH", "READY", "smoke;auth", "Web", "", "5m",
                    "User alice exists\nand is active", "1", "Open /login", "", "The login form is shown"))
            + Csv.line(List.of("", "", "", "", "", "", "", "", "", "", "2", "Enter the user name and password", "alice / S3cret!", "Both fields accept input"))
            + Csv.line(List.of("", "", "", "", "", "", "", "", "", "", "3", "Click Sign in", "", "The dashboard opens\nand the header shows \"alice\""))
            + Csv.line(List.of("", "Log out", "Auth/Login", "MEDIUM", "DRAFT", "auth", "Web", "", "2m", "", "1", "Open the user menu and click Log out", "",
                    "The login page is shown"));

    private static final Pattern ESTIMATE = Pattern.compile("(?i)^\\s*(?:(\\d{1,5})\\s*h)?\\s*(?:(\\d{1,5})\\s*m(?:in)?)?\\s*$");

    private CaseCsv() {
    }

    static List<String> headers() {
        return java.util.Arrays.stream(Column.values()).map(column -> column.header).toList();
    }

    /** A case as the file has it: folder and owner still by name, key by number (null: a new case). */
    record ImportedCase(int row, Integer number, String folderPath, String ownerName, CaseContent content) {
    }

    /** What a file holds, and what is wrong in it. */
    record Parsed(int rows, List<ImportedCase> cases, List<ImportReport.Problem> problems) {
        int steps() {
            return cases.stream().mapToInt(imported -> imported.content().steps().size()).sum();
        }
    }

    /** Reads a file of cases for the project whose key is {@code projectKey}. */
    static Parsed read(String text, String projectKey) {
        List<ImportReport.Problem> problems = new ArrayList<>();
        List<Csv.Record> records;
        try {
            records = Csv.parse(text);
        } catch (Csv.MalformedCsv malformed) {
            problems.add(new ImportReport.Problem(malformed.line(), null, "Line " + malformed.line() + ": " + malformed.getMessage() + "."));
            return new Parsed(0, List.of(), problems);
        }
        if (records.isEmpty()) {
            problems.add(new ImportReport.Problem(1, null, "The file is empty; its first row names the columns (download the template)."));
            return new Parsed(0, List.of(), problems);
        }
        if (records.size() - 1 > MAX_ROWS) {
            problems.add(new ImportReport.Problem(1, null, "The file has " + (records.size() - 1) + " rows; import at most " + MAX_ROWS + " at a time."));
            return new Parsed(records.size() - 1, List.of(), problems);
        }
        Map<Column, Integer> columns = columns(records.get(0), problems);
        if (!problems.isEmpty()) {
            return new Parsed(records.size() - 1, List.of(), problems);
        }
        List<ImportedCase> cases = new ArrayList<>();
        Draft draft = null;
        Map<Integer, Integer> keyRows = new HashMap<>();
        Pattern ownKey = Pattern.compile("(?i)^" + Pattern.quote(projectKey) + "-TC-(\\d{1,9})$");
        for (int r = 1; r < records.size(); r++) {
            Csv.Record record = records.get(r);
            int row = r + 1;
            if (record.isBlank()) {
                continue;
            }
            Map<Column, String> cells = cells(record, columns);
            for (Map.Entry<Column, String> cell : cells.entrySet()) {
                if (cell.getValue().length() > MAX_CELL) {
                    problems.add(new ImportReport.Problem(row, cell.getKey().header, "The cell holds " + cell.getValue().length()
                            + " characters; at most " + MAX_CELL + "."));
                }
            }
            boolean continues = cells.get(Column.KEY).isBlank() && cells.get(Column.TITLE).isBlank();
            if (continues) {
                if (draft == null) {
                    problems.add(new ImportReport.Problem(row, Column.TITLE.header, "A row without a key or title continues the case above it, "
                            + "but there is none: give this case a title."));
                    continue;
                }
                for (Map.Entry<Column, String> cell : cells.entrySet()) {
                    if (cell.getKey().ofCase() && !cell.getValue().isBlank()) {
                        problems.add(new ImportReport.Problem(row, cell.getKey().header, cell.getKey().header + " belongs on the first row of "
                                + "its case (row " + draft.row + "); leave it empty on the rows of further steps, or give this row a title to start a new case."));
                    }
                }
            } else {
                if (draft != null) {
                    cases.add(draft.finish(problems));
                }
                if (cases.size() >= MAX_CASES) {
                    problems.add(new ImportReport.Problem(row, null, "Import at most " + MAX_CASES + " cases at a time."));
                    draft = null;
                    break;
                }
                draft = new Draft(row, cells);
                String key = cells.get(Column.KEY).strip();
                if (!key.isEmpty()) {
                    Matcher matcher = ownKey.matcher(key);
                    if (!matcher.matches()) {
                        problems.add(new ImportReport.Problem(row, Column.KEY.header, "\"" + key + "\" is not a key of this project ("
                                + projectKey + "-TC-<number>); leave Key empty to create a new case."));
                    } else {
                        draft.number = Integer.parseInt(matcher.group(1));
                        Integer earlier = keyRows.putIfAbsent(draft.number, row);
                        if (earlier != null) {
                            problems.add(new ImportReport.Problem(row, Column.KEY.header, key + " is in the file twice (rows " + earlier + " and " + row
                                    + "); its steps go on the rows right below its first row."));
                        }
                    }
                }
                draft.readCaseFields(problems);
            }
            draft.addStep(row, cells, problems);
        }
        if (draft != null) {
            cases.add(draft.finish(problems));
        }
        return new Parsed(records.size() - 1, cases, problems);
    }

    /** The rows of one case, ready for {@link Csv#line}: its fields on the first, one step per row. */
    static List<List<String>> rows(String key, CaseContent content, String folderPath, String ownerName) {
        List<List<String>> rows = new ArrayList<>();
        List<String> caseCells = List.of(key, content.title(), folderPath == null ? "" : folderPath, content.priority().name(),
                content.status().name(), String.join(";", content.labels()), String.join(";", content.components()),
                ownerName == null ? "" : ownerName, content.estimateMinutes() == null ? "" : content.estimateMinutes().toString(),
                content.precondition());
        List<String> blank = java.util.Collections.nCopies(caseCells.size(), "");
        if (content.steps().isEmpty()) {
            List<String> row = new ArrayList<>(caseCells);
            row.addAll(List.of("", "", "", ""));
            rows.add(row);
        }
        for (int i = 0; i < content.steps().size(); i++) {
            Step step = content.steps().get(i);
            List<String> row = new ArrayList<>(i == 0 ? caseCells : blank);
            row.addAll(List.of(Integer.toString(i + 1), step.action(), step.data(), step.expected()));
            rows.add(row);
        }
        return rows;
    }

    private static Map<Column, Integer> columns(Csv.Record header, List<ImportReport.Problem> problems) {
        Map<Column, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.cells().size(); i++) {
            String name = header.cells().get(i).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            Column column = null;
            for (Column candidate : Column.values()) {
                if (candidate.names.contains(name)) {
                    column = candidate;
                    break;
                }
            }
            if (column == null) {
                problems.add(new ImportReport.Problem(1, header.cells().get(i).strip(), "Testbridge has no column \"" + header.cells().get(i).strip()
                        + "\"; the columns are " + String.join(", ", headers()) + "."));
            } else if (columns.putIfAbsent(column, i) != null) {
                problems.add(new ImportReport.Problem(1, header.cells().get(i).strip(), "Two columns are " + column.header + "; keep one."));
            }
        }
        if (!columns.containsKey(Column.TITLE)) {
            problems.add(new ImportReport.Problem(1, Column.TITLE.header, "The first row names the columns, and one of them must be Title."));
        }
        if (columns.containsKey(Column.STEP) && !columns.containsKey(Column.ACTION) && !columns.containsKey(Column.EXPECTED)) {
            // a lone "Step" column holds the actions
            columns.put(Column.ACTION, columns.remove(Column.STEP));
        }
        return columns;
    }

    private static Map<Column, String> cells(Csv.Record record, Map<Column, Integer> columns) {
        Map<Column, String> cells = new LinkedHashMap<>();
        for (Column column : Column.values()) {
            Integer index = columns.get(column);
            cells.put(column, index == null || index >= record.cells().size() ? "" : record.cells().get(index));
        }
        return cells;
    }

    /** A case being read from its rows. */
    private static final class Draft {
        final int row;
        final Map<Column, String> cells;
        final List<Step> steps = new ArrayList<>();
        Integer number;
        Priority priority;
        CaseStatus status;
        Integer estimate;

        Draft(int row, Map<Column, String> cells) {
            this.row = row;
            this.cells = cells;
        }

        void readCaseFields(List<ImportReport.Problem> problems) {
            String priorityText = cells.get(Column.PRIORITY).strip();
            if (!priorityText.isEmpty()) {
                priority = named(Priority.class, priorityText, Column.PRIORITY, problems);
            }
            String statusText = cells.get(Column.STATUS).strip();
            if (!statusText.isEmpty()) {
                status = named(CaseStatus.class, statusText, Column.STATUS, problems);
            }
            String estimateText = cells.get(Column.ESTIMATE).strip();
            if (!estimateText.isEmpty()) {
                Matcher matcher = ESTIMATE.matcher(estimateText);
                if (estimateText.matches("\\d{1,5}")) {
                    estimate = Integer.parseInt(estimateText);
                } else if (matcher.matches() && (matcher.group(1) != null || matcher.group(2) != null)) {
                    estimate = (matcher.group(1) == null ? 0 : Integer.parseInt(matcher.group(1)) * 60)
                            + (matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2)));
                } else {
                    problems.add(new ImportReport.Problem(row, Column.ESTIMATE.header, "\"" + estimateText
                            + "\" is not an estimate; write minutes (90), 45m, 2h or 1h 30m."));
                }
            }
        }

        private <E extends Enum<E>> E named(Class<E> type, String text, Column column, List<ImportReport.Problem> problems) {
            for (E value : type.getEnumConstants()) {
                if (value.name().equalsIgnoreCase(text)) {
                    return value;
                }
            }
            problems.add(new ImportReport.Problem(row, column.header, "\"" + text + "\" is not a " + column.header.toLowerCase(Locale.ROOT) + "; use one of "
                    + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()) + "."));
            return null;
        }

        void addStep(int stepRow, Map<Column, String> stepCells, List<ImportReport.Problem> problems) {
            String number = stepCells.get(Column.STEP).strip();
            if (!number.isEmpty() && !number.matches("\\d{1,4}")) {
                problems.add(new ImportReport.Problem(stepRow, Column.STEP.header, "\"" + number + "\" is not a step number; leave it empty or write 1, 2, 3…"));
            }
            String action = stepCells.get(Column.ACTION);
            String data = stepCells.get(Column.DATA);
            String expected = stepCells.get(Column.EXPECTED);
            if (!action.isBlank() || !data.isBlank() || !expected.isBlank()) {
                steps.add(new Step(UUID.randomUUID().toString(), action, data, expected));
            }
        }

        ImportedCase finish(List<ImportReport.Problem> problems) {
            CaseContent content;
            try {
                content = CaseContent.of(cells.get(Column.TITLE).strip(), cells.get(Column.PRECONDITION), steps, priority, status,
                        List.of(cells.get(Column.LABELS).split(";")), List.of(cells.get(Column.COMPONENTS).split(";")), null, estimate, null);
                if (content.title().length() > CaseService.MAX_TITLE) {
                    problems.add(new ImportReport.Problem(row, Column.TITLE.header, "A title has at most " + CaseService.MAX_TITLE + " characters."));
                }
            } catch (Failure invalid) {
                problems.add(new ImportReport.Problem(row, columnOf(invalid.field()), invalid.getMessage()));
                content = new CaseContent("?", "", List.of(), Priority.MEDIUM, CaseStatus.DRAFT, List.of(), List.of(), null, null, null);
            }
            String owner = cells.get(Column.OWNER).strip();
            String folder = cells.get(Column.FOLDER).strip();
            if (folder.contains("//") || java.util.Arrays.stream(folder.split("/")).anyMatch(name -> name.strip().length() > FolderService.MAX_NAME)) {
                problems.add(new ImportReport.Problem(row, Column.FOLDER.header, "A folder path is names separated by /, each at most "
                        + FolderService.MAX_NAME + " characters."));
            }
            return new ImportedCase(row, number, folder.isEmpty() ? null : folder, owner.isEmpty() ? null : owner, content);
        }

        private static String columnOf(String field) {
            if (field == null) {
                return null;
            }
            return switch (field.replaceAll("\\..*", "")) {
                case "title" -> Column.TITLE.header;
                case "labels" -> Column.LABELS.header;
                case "components" -> Column.COMPONENTS.header;
                case "estimateMinutes" -> Column.ESTIMATE.header;
                case "steps" -> Column.ACTION.header;
                default -> field;
            };
        }
    }
}
