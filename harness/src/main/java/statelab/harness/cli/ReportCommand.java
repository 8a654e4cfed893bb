package statelab.harness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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
        if (markdown) {
            System.out.print(Report.markdown(dir));
            return 0;
        }
        Path html = Report.write(dir);
        System.out.println("report: " + html.toAbsolutePath());
        return 0;
    }
}
