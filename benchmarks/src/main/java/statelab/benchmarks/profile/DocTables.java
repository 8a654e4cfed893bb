package statelab.benchmarks.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import statelab.harness.report.Report;
import statelab.harness.report.Tables;
import statelab.harness.results.IntervalSearchSummary;
import statelab.harness.results.Json;
import statelab.harness.results.RecoverySummary;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SearchSummary;
import statelab.harness.results.SweepSummary;

/**
 * Every table BENCHMARKS.md publishes, generated from a profile's results directory and never typed in: written
 * to {@code tables.md} there, and into each section of the document between {@code <!-- table:NAME -->} and
 * {@code <!-- /table:NAME -->} (the prose around them stays the author's). A table whose results are missing
 * says so. Regenerate the document from the committed results with
 * {@code mvn -Pbenchmark verify -Dbenchmark.out=docs/results/benchmark -Dbenchmark.steps=tables}.
 */
final class DocTables {

    private static final Pattern SECTION = Pattern.compile("(<!-- table:([a-z-]+) -->\\n)(.*?)(<!-- /table:\\2 -->)",
            Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    private DocTables() {
    }

    /** Writes {@code dir/tables.md} and rewrites the generated sections of {@code doc} (when not null). */
    static void write(Path dir, Path doc, PrintStream log) throws IOException {
        Map<String, String> tables = tables(dir);
        StringBuilder all = new StringBuilder();
        tables.forEach((name, table) -> all.append("## ").append(name).append("\n\n").append(table).append('\n'));
        Files.writeString(dir.resolve("tables.md"), all.toString(), StandardCharsets.UTF_8);
        log.println("tables: " + dir.resolve("tables.md"));
        if (doc != null && Files.isRegularFile(doc)) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            String updated = fill(text, tables);
            if (!updated.equals(text)) {
                Files.writeString(doc, updated, StandardCharsets.UTF_8);
            }
            log.println("tables: the generated sections of " + doc + " rewritten from " + dir);
        }
    }

    /** {@code text} with every generated section's body replaced by its table (unknown names are left alone). */
    static String fill(String text, Map<String, String> tables) {
        Matcher m = SECTION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String table = tables.get(m.group(2));
            String body = table == null ? m.group(3) : table;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + body + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every table, by the name a document's section refers to it by. */
    static Map<String, String> tables(Path dir) throws IOException {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("targets", Targets.markdown(Targets.compute(dir)));
        tables.put("jmh", jmh(dir.resolve("jmh").resolve("jmh.json")));
        tables.put("loadgen", loadgen(dir.resolve("loadgen").resolve("summary.json")));
        tables.put("baseline", baseline(dir));
        tables.put("sweep", points(dir));
        tables.put("ratios", Ratios.markdown(Ratios.compute(dir)));
        tables.put("latency", latency(dir));
        List<IntervalSearchSummary> intervals = intervalSearches(dir);
        tables.put("intervals", intervals.isEmpty() ? missing("latency") : Tables.intervals(intervals).markdown());
        tables.put("searches", Report.searchesBelow(dir).isEmpty() ? missing("search")
                : Tables.searches(Report.searchesBelow(dir)).markdown());
        tables.put("ceiling", ceiling(dir));
        tables.put("fresh", fresh(dir));
        for (ProfilePlan.Recovery recovery : ProfilePlan.RECOVERIES) {
            Path recoveryDir = dir.resolve(recovery.dir());
            tables.put(recovery.dir(), RecoverySummary.isRecovery(recoveryDir)
                    ? Tables.recovery(RecoverySummary.readIfPresent(recoveryDir)).markdown() : missing("recovery"));
        }
        tables.put("sources", points(dir.resolve("sources")));
        List<SearchSummary> sourceSearches = Report.searchesBelow(dir.resolve("sources"));
        tables.put("sources-searches", sourceSearches.isEmpty() ? missing("sources")
                : Tables.searches(sourceSearches).markdown());
        List<RunSummary> tenMillion = TenMillionKeys.runs(dir.resolve(TenMillionKeys.STEP));
        tables.put("ten-million", tenMillion.isEmpty() ? missing(TenMillionKeys.STEP)
                : Tables.points(tenMillion).markdown());
        tables.put("profile-time", profileTime(dir));
        return tables;
    }

    private static String missing(String step) {
        return "(not measured in these results: the profile's " + step + " step was not run)\n";
    }

    private static String points(Path dir) {
        if (!Files.isRegularFile(dir.resolve(Json.SUMMARY_FILE))) {
            return missing(dir.getFileName().toString());
        }
        return Tables.points(SweepSummary.read(dir).runs()).markdown();
    }

    /** The latency step's walks: every word's latency at 10 k and 1 M keys. */
    private static String latency(Path dir) {
        Path latencyDir = dir.resolve(ProfilePlan.LATENCY_DIR);
        if (!Files.isRegularFile(latencyDir.resolve(Json.SUMMARY_FILE))) {
            return missing("latency");
        }
        return Tables.latency(SweepSummary.read(latencyDir).runs()).markdown();
    }

    /** The interval searches of the profile's {@code intervals} step, in the plan's order. */
    static List<IntervalSearchSummary> intervalSearches(Path dir) {
        List<IntervalSearchSummary> searches = new ArrayList<>();
        for (String variant : ProfilePlan.INTERVAL_VARIANTS) {
            Path search = ProfilePlan.intervalDirectory(dir, ProfilePlan.intervalTemplate(variant).label());
            if (IntervalSearchSummary.isIntervalSearch(search)) {
                searches.add(IntervalSearchSummary.read(search));
            }
        }
        return searches;
    }

    private static String jmh(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return missing("jmh");
        }
        StringBuilder out = new StringBuilder("| benchmark | params | score | error (99.9%) | unit |\n"
                + "| --- | --- | ---: | ---: | --- |\n");
        for (JsonNode result : JSON.readTree(file.toFile())) {
            String name = result.path("benchmark").asText().replaceFirst("^statelab\\.benchmarks\\.jmh\\.", "");
            List<String> params = new ArrayList<>();
            result.path("params").fields().forEachRemaining(e -> params.add(e.getKey() + "=" + e.getValue().asText()));
            JsonNode metric = result.path("primaryMetric");
            out.append(String.format("| %s | %s | %s | %s | %s |%n", name, String.join(", ", params),
                    number(metric.path("score").asDouble()), number(metric.path("scoreError").asDouble()),
                    metric.path("scoreUnit").asText()));
        }
        return out.toString();
    }

    private static String number(double value) {
        return Math.abs(value) >= 100 ? String.format("%,.0f", value) : String.format("%,.2f", value);
    }

    private static String loadgen(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return missing("loadgen");
        }
        JsonNode limits = JSON.readTree(file.toFile());
        return String.format("| words/s to one reader | p99 lag at 1 M words/s | max lag at 1 M words/s |%n"
                        + "| ---: | ---: | ---: |%n| %,d | %.2f ms | %.2f ms |%n", limits.path("maxWordsPerS").asLong(),
                limits.path("lagP99MsAt1MWordsPerS").asDouble(), limits.path("lagMaxMsAt1MWordsPerS").asDouble());
    }

    private static String baseline(Path dir) {
        List<RunSummary> runs = new ArrayList<>();
        for (int round = 1; Files.isRegularFile(ProfilePlan.baselineRound(dir, round).resolve(Json.SUMMARY_FILE));
                round++) {
            runs.addAll(SweepSummary.read(ProfilePlan.baselineRound(dir, round)).runs());
        }
        return runs.isEmpty() ? missing("baseline") : Tables.points(runs).markdown();
    }

    private static String ceiling(Path dir) throws IOException {
        List<Ceiling.Fraction> fractions = Ceiling.fractions(dir);
        if (fractions.isEmpty()) {
            return missing("ceiling");
        }
        StringBuilder out = new StringBuilder("| variant | keys | highest sustained words/s | plain Java (no Spark) "
                + "words/s | fraction of it |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (Ceiling.Fraction f : fractions) {
            out.append(String.format("| %s | %,d | %,d | %,d | %.3f |%n", f.variant(), f.keys(), f.rateWordsPerS(),
                    f.ceilingWordsPerS(), f.fraction()));
        }
        return out.toString();
    }

    /** The same points measured in a walk and in a JVM each, side by side. */
    private static String fresh(Path dir) {
        Path freshDir = dir.resolve("fresh");
        if (!Files.isRegularFile(freshDir.resolve(Json.SUMMARY_FILE))
                || !Files.isRegularFile(dir.resolve(Json.SUMMARY_FILE))) {
            return missing("fresh");
        }
        List<RunSummary> walks = SweepSummary.read(dir).runs();
        StringBuilder out = new StringBuilder("| variant | keys | walk: median processing ms (windows) | own JVM: "
                + "median processing ms (windows) | own JVM / walk |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (RunSummary fresh : SweepSummary.read(freshDir).runs()) {
            Optional<RunSummary> walk = walks.stream().filter(w -> w.label().equals(fresh.label())
                    && w.keys() == fresh.keys()).findFirst();
            if (walk.isEmpty()) {
                continue;
            }
            RunSummary w = walk.get();
            out.append(String.format("| %s | %,d | %s | %s | %s |%n", fresh.label(), fresh.keys(), Ratios.spread(w),
                    Ratios.spread(fresh), Ratios.ratio(fresh, w)));
        }
        return out.toString();
    }

    private static String profileTime(Path dir) throws IOException {
        List<BenchmarkProfile.Invocation> invocations = BenchmarkProfile.Invocations.read(dir.resolve("profile.json"))
                .invocations();
        if (invocations.isEmpty()) {
            return missing("targets");
        }
        StringBuilder out = new StringBuilder("| invocation | steps | step times | total |\n| --- | --- | --- | ---: "
                + "|\n");
        for (BenchmarkProfile.Invocation i : invocations) {
            StringBuilder steps = new StringBuilder();
            i.stepSeconds().forEach((step, s) -> steps.append(steps.length() == 0 ? "" : ", ")
                    .append(String.format("%s %.1f min", step, s / 60)));
            out.append(String.format("| %s | %s | %s | %s |%n", i.buildStarted(), String.join(",", i.steps()), steps,
                    i.totalSeconds() < 0 ? "-" : String.format("%.1f min", i.totalSeconds() / 60)));
        }
        return out.toString();
    }
}
