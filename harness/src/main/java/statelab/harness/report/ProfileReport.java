package statelab.harness.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import statelab.harness.results.ProfileSummary;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SweepSummary;

/** The report's "Where the time goes": each profiled run's CPU samples by method and by package. */
final class ProfileReport {

    static final int METHODS_SHOWN = 12;
    static final int PACKAGES_SHOWN = 6;

    private ProfileReport() {
    }

    /** The section for the profiled runs among {@code runs} (results in {@code dir}); empty when none was. */
    static String html(Path dir, List<RunSummary> runs) throws IOException {
        StringBuilder out = new StringBuilder();
        for (RunSummary run : runs) {
            ProfileSummary profile = ProfileSummary.readCsv(SweepSummary.runDirectory(dir, run));
            if (profile == null) {
                continue;
            }
            if (out.length() == 0) {
                out.append("<h2>Where the time goes</h2>\n<p>Java Flight Recorder's samples over the measured "
                        + "windows. CPU: threads running Java code, counted by the method that was running (its own "
                        + "time, not its callees') and by its package. Native: Spark's task threads in native code "
                        + "(a RocksDB call, a socket read; running or waiting), by the Java method that called it. "
                        + "The load generator's threads are left out.</p>\n");
            }
            out.append(String.format("<h3>%s at %,d keys: %,d CPU samples, %,d native</h3>%n",
                    HtmlPage.escape(run.label()), run.keys(), profile.samples(), profile.nativeSamples()));
            out.append(table("method", profile.methods(), METHODS_SHOWN).html());
            out.append(table("package", profile.packages(), PACKAGES_SHOWN).html());
            if (!profile.nativeMethods().isEmpty()) {
                out.append(table("native, called from", profile.nativeMethods(), PACKAGES_SHOWN).html());
            }
        }
        return out.toString();
    }

    static Table table(String what, List<ProfileSummary.Entry> entries, int shown) {
        Table table = new Table(List.of(what, "samples", "share"));
        for (ProfileSummary.Entry e : entries.subList(0, Math.min(shown, entries.size()))) {
            table.row(e.name(), String.format("%,d", e.samples()), String.format(Locale.ROOT, "%.1f%%",
                    100 * e.share()));
        }
        return table;
    }
}
