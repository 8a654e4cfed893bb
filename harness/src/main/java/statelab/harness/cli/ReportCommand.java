package statelab.harness.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import statelab.core.LabException;
import statelab.harness.report.Report;

/** {@code lab report DIR}: charts, report.html and report.md for a results directory. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Draw the results in DIR (from ./lab sweep, bench, search, recovery or climb): the charts",
                "(delay-vs-keys.png with each point's spread, a timeline per point, ...), report.html, and",
                "report.md (the tables as Markdown). With --markdown, print the Markdown tables instead."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "A results directory.")
    Path dir;

    @Option(names = "--markdown", description = "Print the results' tables as Markdown (nothing is written).")
    boolean markdown;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new LabException(dir + (Files.exists(dir) ? " is a file, not" : " does not exist: it is not")
                    + " a results directory (./lab sweep, bench, search, climb or recovery writes one)");
        }
        if (markdown) {
            System.out.print(Report.markdown(dir));
            return 0;
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
