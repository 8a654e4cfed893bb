package statelab.harness.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import statelab.core.LabException;
import statelab.harness.report.Report;

/** {@code lab report DIR}: charts and report.html for a sweep's or a bench run's results. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Draw the results in DIR (from ./lab sweep or ./lab bench): delay-vs-keys.png, a timeline",
                "per run, state-bytes-per-key.png where state memory is reported, and report.html."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "A results directory.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new LabException(dir + (Files.exists(dir) ? " is a file, not" : " does not exist: it is not")
                    + " a results directory (./lab sweep, bench, search or recovery writes one)");
        }
        try {
            Files.delete(Files.createTempFile(dir, ".report-", ".tmp")); // what counts is whether a file can be made
        } catch (java.io.IOException e) {
            throw new LabException("cannot write the report into " + dir + ": not writable");
        }
        Path html = Report.write(dir);
        System.out.println("report: " + html.toAbsolutePath());
        return 0;
    }
}
