package statelab.harness.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;
import statelab.core.ConsoleRun;
import statelab.core.LabException;
import statelab.harness.measure.RunFailedException;
import statelab.loadgen.LoadGenCommand;

/**
 * The {@code lab} command line: every way to use the lab from a terminal. {@code ./lab --help} lists the
 * commands, {@code ./lab COMMAND --help} describes one.
 *
 * <p>Exit codes: 0 success, 1 a run failed (counts that differ from the ledger, a run's JVM that died or hung, a
 * sweep with failed runs), 2 bad input (unknown variant, bad number, busy port, foreign checkpoint directory),
 * found before anything starts and printed as one line on stderr.
 */
@Command(name = "lab", mixinStandardHelpOptions = true, version = "statelab 0.1.0",
        description = "A lab for learning and measuring stateful stream processing on Apache Spark.",
        subcommands = {DemoCommand.class, LoadGenCommand.class, RunCommand.class, BenchCommand.class,
                ClimbCommand.class,
                SweepCommand.class, SearchCommand.class, IntervalCommand.class, ReportCommand.class,
                RecoveryCommand.class,
                ClusterCommand.class, SubmitCommand.class, VariantsCommand.class, RecoveryChildCommand.class,
                CommandLine.HelpCommand.class})
public final class Lab implements Runnable {

    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with the lab's error handling: one clear line per problem, then a hint. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Lab());
        // Everything after the lab command given to submit (run VARIANT --port P ...) is that command's.
        cli.getSubcommands().get("submit").setStopAtPositional(true);
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more.");
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, command, parseResult) -> {
            PrintWriter err = command.getErr();
            if (ex instanceof RunFailedException) {
                err.println("error: " + ex.getMessage());
                return EXIT_FAILED;
            }
            if (ex instanceof LabException || ex instanceof IllegalArgumentException) {
                err.println("error: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            err.println("error: " + ConsoleRun.rootMessage(ex));
            return EXIT_FAILED;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
