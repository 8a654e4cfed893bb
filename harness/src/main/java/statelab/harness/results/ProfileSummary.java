package statelab.harness.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a profiled run's time went, from its Flight Recorder file. <b>CPU</b>: the samples of threads running Java
 * code, counted by the method on top of the stack (the method that was running: its own time, not its callees')
 * and by that method's package. <b>Native</b>: Spark's task threads ({@value #TASK_THREADS}*) found in native code,
 * by the Java method that called it (a RocksDB call, a socket read): such a sample may be running or waiting, so
 * it is counted apart; other threads in native code are mostly waiting (selectors, accept) and are left out. The
 * load generator's own threads ({@value #LOAD_GENERATOR_THREADS}*) run in the same JVM and are left out too: they
 * are the input, not the variant.
 *
 * <p>Written beside the recording as {@value #FILE}: the totals, then one row per method and package, most samples
 * first.
 */
public record ProfileSummary(long samples, List<Entry> methods, List<Entry> packages, long nativeSamples,
                             List<Entry> nativeMethods) {

    public static final String FILE = "profile.csv";
    public static final String RECORDING = "profile.jfr";
    static final String LOAD_GENERATOR_THREADS = "loadgen-";
    static final String TASK_THREADS = "Executor task launch worker";
    static final int TOP_METHODS = 30;
    static final int TOP_PACKAGES = 15;

    /** A method ({@code Class.method}) or a package, its samples, and their share of the samples of their kind. */
    public record Entry(String name, long samples, double share) {
    }

    /** One stack sample: its thread's name and its top frame's class, method, and whether it was in native code. */
    public record Sample(String thread, String className, String method, boolean nativeCode) {
    }

    /** Counts {@code samples} (pure: the rules of this summary, apart from reading the file). */
    public static ProfileSummary of(List<Sample> samples) {
        Map<String, Long> byMethod = new HashMap<>();
        Map<String, Long> byPackage = new HashMap<>();
        Map<String, Long> nativeByMethod = new HashMap<>();
        long cpu = 0;
        long inNative = 0;
        for (Sample sample : samples) {
            String thread = sample.thread() == null ? "" : sample.thread();
            if (thread.startsWith(LOAD_GENERATOR_THREADS)) {
                continue;
            }
            String simple = sample.className().substring(sample.className().lastIndexOf('.') + 1);
            String method = simple + "." + sample.method();
            if (sample.nativeCode()) {
                if (thread.startsWith(TASK_THREADS)) {
                    inNative++;
                    nativeByMethod.merge(method, 1L, Long::sum);
                }
                continue;
            }
            cpu++;
            byMethod.merge(method, 1L, Long::sum);
            int dot = sample.className().lastIndexOf('.');
            byPackage.merge(dot < 0 ? "(default package)" : sample.className().substring(0, dot), 1L, Long::sum);
        }
        return new ProfileSummary(cpu, top(byMethod, cpu, TOP_METHODS), top(byPackage, cpu, TOP_PACKAGES), inNative,
                top(nativeByMethod, inNative, TOP_METHODS));
    }

    private static List<Entry> top(Map<String, Long> counts, long total, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(e -> new Entry(e.getKey(), e.getValue(), e.getValue() / (double) total)).toList();
    }

    /** The stack samples in a Flight Recorder file. */
    public static List<Sample> read(Path recording) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            String type = event.getEventType().getName();
            boolean nativeCode = type.equals("jdk.NativeMethodSample");
            if (!nativeCode && !type.equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            RecordedFrame top = stack.getFrames().get(0);
            RecordedThread thread = event.getThread("sampledThread");
            samples.add(new Sample(thread == null ? null : thread.getJavaName(),
                    top.getMethod().getType().getName(), top.getMethod().getName(), nativeCode));
        }
        return samples;
    }

    /** Reads {@code recording} and writes its summary beside it as {@value #FILE}. */
    public static ProfileSummary writeBeside(Path recording) throws IOException {
        ProfileSummary summary = of(read(recording));
        summary.write(recording.resolveSibling(FILE));
        return summary;
    }

    /** Writes this summary as CSV: the totals of each kind, then the methods, the packages, the native methods. */
    public void write(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("level,name,samples,sharePercent\n");
        csv.append(row("total", new Entry("cpu", samples, 1)));
        csv.append(row("total", new Entry("native", nativeSamples, 1)));
        for (Entry e : methods) {
            csv.append(row("method", e));
        }
        for (Entry e : packages) {
            csv.append(row("package", e));
        }
        for (Entry e : nativeMethods) {
            csv.append(row("native", e));
        }
        Files.writeString(file, csv);
    }

    private static String row(String level, Entry e) {
        return level + "," + e.name().replace(',', ';') + "," + e.samples() + ","
                + String.format(Locale.ROOT, "%.1f", 100 * e.share()) + "\n";
    }

    /** The summary in {@code dir} ({@link #write}), or null when the run was not profiled. */
    public static ProfileSummary readCsv(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        List<Entry> methods = new ArrayList<>();
        List<Entry> packages = new ArrayList<>();
        List<Entry> natives = new ArrayList<>();
        long cpu = 0;
        long inNative = 0;
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            Entry entry = new Entry(cells[1], Long.parseLong(cells[2]), Double.parseDouble(cells[3]) / 100);
            switch (cells[0]) {
                case "total" -> {
                    if (entry.name().equals("cpu")) {
                        cpu = entry.samples();
                    } else {
                        inNative = entry.samples();
                    }
                }
                case "method" -> methods.add(entry);
                case "package" -> packages.add(entry);
                default -> natives.add(entry);
            }
        }
        return new ProfileSummary(cpu, methods, packages, inNative, natives);
    }
}
