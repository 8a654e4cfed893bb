package statelab.loadgen;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import statelab.loadgen.Converters.CountConverter;
import statelab.loadgen.Converters.DistributionConverter;
import statelab.loadgen.Converters.DurationConverter;
import statelab.loadgen.Converters.NumberConverter;

/**
 * {@code loadgen}: the load generator on the command line. Serves the stream until SIGINT/SIGTERM, printing
 * one line at start and a status line every few seconds (stderr); at the end writes the ledger to
 * {@code --ledger-out} if given. Bad input (option values, a malformed or missing script, a busy port, an
 * unwritable ledger file) is a {@link ParameterException}: one line on stderr and exit code 2.
 *
 * <p>Runs alone through {@link #main} or as a subcommand of the lab's command line.
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Serve newline-terminated lines of words over TCP to any number of clients (Spark socket receivers,"
                    + " nc 127.0.0.1 PORT). Each client gets its own copy of the stream from line 0, on an open-loop"
                    + " schedule, and an exact ledger of what was sent is kept.",
            "Control endpoint: GET /status, GET /ledger[?counts=false], POST /rate?linesPerSec=N.",
            "Replay: a client that first sends the line " + ReplayProtocol.HANDSHAKE + " on the same port can fetch any"
                    + " range of numbered lines, again and again (the lab's Structured Streaming source does).",
            "Examples:",
            "  loadgen --port 9999 --script chapter",
            "  loadgen --port 9999 --rate 1000 --keys 100k --dist zipf:1.1 --duration 2m --ledger-out ledger.json"})
public final class LoadGenCommand implements Callable<Integer> {

    /** Exit code for bad input (picocli's usage-error code). */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code when the run failed after starting (the ledger could not be written). */
    public static final int EXIT_FAILED = 1;

    static final long STATUS_INTERVAL_MS = 5000;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", required = true, paramLabel = "P", description = "TCP port to serve the stream on.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}); the control endpoint binds it too.")
    String host;

    @Option(names = "--control-port", paramLabel = "P", defaultValue = "0",
            description = "HTTP control port (default: ${DEFAULT-VALUE} = any free port, printed at start).")
    int controlPort;

    @Option(names = "--rate", paramLabel = "LINES_PER_S", defaultValue = "10", converter = NumberConverter.class,
            description = "Lines per second sent to each client (default: ${DEFAULT-VALUE}).")
    double rateLinesPerSec;

    @Option(names = "--words-per-line", paramLabel = "W", defaultValue = "10",
            description = "Words in each line (default: ${DEFAULT-VALUE}).")
    int wordsPerLine;

    @Option(names = "--keys", paramLabel = "K", defaultValue = "1000", converter = CountConverter.class,
            description = "Distinct keys at the start, e.g. 1000, 10k, 1M (default: ${DEFAULT-VALUE}).")
    long keys;

    @Option(names = "--key-growth", paramLabel = "NEW_KEYS_PER_S", defaultValue = "0",
            converter = NumberConverter.class,
            description = "New keys per second of schedule time (default: ${DEFAULT-VALUE}).")
    double keyGrowthPerSec;

    @Option(names = "--dist", paramLabel = "uniform|zipf:S", defaultValue = "uniform",
            converter = DistributionConverter.class,
            description = "How keys are drawn: uniform, or zipf:S with exponent S > 0 (default: ${DEFAULT-VALUE}).")
    Distribution distribution;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed: same seed and options, same stream (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "End each client's stream after D of schedule time, e.g. 500ms, 30s, 2m (default: endless)."
                    + " The connection stays open.")
    Duration duration;

    @Option(names = "--key-steps", paramLabel = "K1,K2,...", split = ",", converter = CountConverter.class,
            description = "Grow the key space in steps, e.g. 10k,100k,1M: starts with the first (instead of --keys); "
                    + "every --step-every the next step's new keys are sent once each, then the words are drawn from "
                    + "the larger space. Each step starts at a recorded line, so the stream stays replayable.")
    java.util.List<Long> keySteps;

    @Option(names = "--step-every", paramLabel = "D", converter = DurationConverter.class,
            description = "With --key-steps: time between steps, counted from the first client's connection.")
    Duration stepEvery;

    @Option(names = "--fill", description = "First send every key 0..K-1 exactly once, then the random lines.")
    boolean fill;

    @Option(names = "--script", paramLabel = "FILE|chapter",
            description = "Send a scripted timeline instead of random lines; 'chapter' is the built-in one.")
    String script;

    @Option(names = "--align-to", paramLabel = "D", converter = DurationConverter.class,
            description = "With --script: start the script's clock mid-way through the next wall-clock interval of "
                    + "this length (use the Spark batch interval, e.g. 1s), so no line lands on a batch boundary.")
    Duration alignTo;

    @Option(names = "--ledger-out", paramLabel = "FILE", description = "Write the ledger (JSON) here at the end.")
    Path ledgerOut;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile LoadGenerator running;

    /** Runs the command alone: one line on stderr and exit code 2 for bad input. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** A command line for this command with one-line error reporting. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LoadGenCommand());
        cli.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("loadgen: " + ex.getMessage());
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, command, parseResult) -> {
            command.getErr().println("loadgen: " + ex.getMessage());
            return ex instanceof IllegalArgumentException ? EXIT_BAD_INPUT : EXIT_FAILED;
        });
        return cli;
    }

    @Override
    public Integer call() {
        LoadGenConfig config = buildConfig();
        if (ledgerOut != null) {
            checkWritable(ledgerOut);
        }
        LoadGenerator generator;
        try {
            generator = LoadGenerator.start(config);
        } catch (LoadGenException e) {
            throw bad(e.getMessage());
        }
        running = generator;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.println("loadgen: serving " + config.host() + ":" + generator.port() + ", control "
                + generator.controlUrl() + "/status, " + config.summary());
        out.flush();

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "loadgen-status");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> {
            err.println(generator.status().summaryLine());
            err.flush();
        }, STATUS_INTERVAL_MS, STATUS_INTERVAL_MS, TimeUnit.MILLISECONDS);
        if (keySteps != null) {
            Thread stepper = new Thread(() -> stepKeys(generator, err), "loadgen-key-steps");
            stepper.setDaemon(true);
            stepper.start();
        }

        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean ledgerWritten = new AtomicBoolean(true);
        Runnable finish = () -> {
            if (finished.compareAndSet(false, true)) {
                ticker.shutdownNow();
                generator.close(); // stop writing first, so the ledger is final
                ledgerWritten.set(writeLedger(generator, out, err));
            }
        };
        // SIGINT/SIGTERM end the JVM: the hook does the final work, the waiting thread may never resume.
        Thread hook = new Thread(finish, "loadgen-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs finish
            }
            finish.run();
        }
        return ledgerWritten.get() ? 0 : EXIT_FAILED;
    }

    /** Grows the keys every --step-every from the first client's connection, one step after another. */
    private void stepKeys(LoadGenerator generator, PrintWriter err) {
        try {
            generator.awaitClients(1, Duration.ofDays(365));
            long next = System.nanoTime();
            for (long keys : keySteps.subList(1, keySteps.size())) {
                next += stepEvery.toNanos();
                TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
                LoadGenerator.KeyStep step = generator.growKeys(keys, rateLinesPerSec);
                err.println("loadgen: key step to " + keys + " keys from line " + step.startLine() + " ("
                        + step.fillLines() + " lines of new keys first)");
                err.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            err.println("loadgen: key step failed: " + e.getMessage());
            err.flush();
        }
    }

    /** Ends a running {@link #call()} as a signal would (for tests and embedding). */
    void stop() {
        stopRequested.countDown();
    }

    /** The generator while {@link #call()} runs (for tests), else null. */
    LoadGenerator running() {
        return running;
    }

    private LoadGenConfig buildConfig() {
        if (!(rateLinesPerSec > 0) || Double.isInfinite(rateLinesPerSec)) {
            throw bad("--rate must be a positive number of lines per second, got " + LoadGenConfig
                    .formatNumber(rateLinesPerSec));
        }
        if (wordsPerLine < 1) {
            throw bad("--words-per-line must be at least 1, got " + wordsPerLine);
        }
        if (keys < 1) {
            throw bad("--keys must be at least 1, got " + keys);
        }
        if (!(keyGrowthPerSec >= 0) || Double.isInfinite(keyGrowthPerSec)) {
            throw bad("--key-growth must be zero or a positive number of new keys per second, got "
                    + LoadGenConfig.formatNumber(keyGrowthPerSec));
        }
        if (keySteps != null) {
            checkKeySteps(spec.commandLine().getParseResult().hasMatchedOption("--keys"));
            keys = keySteps.get(0);
        } else if (stepEvery != null) {
            throw bad("--step-every needs --key-steps");
        }
        if (duration != null && duration.isZero()) {
            throw bad("--duration must be positive (leave it out for an endless stream)");
        }
        Script timeline = script == null ? null : loadScript(script);
        try {
            return LoadGenConfig.builder().host(host).port(port).controlPort(controlPort)
                    .rateLinesPerSec(rateLinesPerSec).wordsPerLine(wordsPerLine).keys(keys)
                    .keyGrowthPerSec(keyGrowthPerSec).distribution(distribution).seed(seed).duration(duration)
                    .fill(fill).script(timeline).alignScriptTo(alignTo).build();
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    private void checkKeySteps(boolean keysGiven) {
        if (keysGiven) {
            throw bad("--key-steps names the starting keys itself: leave out --keys");
        }
        if (script != null) {
            throw bad("--key-steps does not apply to a script");
        }
        if (keySteps.size() < 2) {
            throw bad("--key-steps needs at least two key counts, got " + keySteps.size());
        }
        for (int i = 0; i < keySteps.size(); i++) {
            long k = keySteps.get(i);
            if (k < 1 || k > LoadGenConfig.MAX_KEYS) {
                throw bad("--key-steps: each key count must be between 1 and " + LoadGenConfig.MAX_KEYS + ", got " + k);
            }
            if (i > 0 && k <= keySteps.get(i - 1)) {
                throw bad("--key-steps must increase, got " + keySteps.get(i - 1) + " then " + k);
            }
        }
        if (stepEvery == null || stepEvery.isZero()) {
            throw bad("--key-steps needs --step-every (a positive duration, e.g. 60s)");
        }
    }

    private Script loadScript(String fileOrChapter) {
        try {
            return Script.load(fileOrChapter);
        } catch (ScriptException e) {
            throw bad(e.getMessage());
        } catch (NoSuchFileException e) {
            throw bad("script file " + fileOrChapter + " does not exist");
        } catch (IOException e) {
            throw bad("cannot read script file " + fileOrChapter + ": " + e);
        }
    }

    /** Fails now, before serving, if the ledger could not be written at the end. */
    private void checkWritable(Path file) {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        String problem = null;
        try {
            if (Files.isDirectory(absolute)) {
                problem = "it is a directory";
            } else if (Files.exists(absolute)) {
                if (!Files.isWritable(absolute)) {
                    problem = "it is not writable";
                }
            } else {
                Files.createDirectories(parent);
                Files.createFile(absolute); // the only sure test (permissions, read-only file systems)
                Files.delete(absolute);
            }
        } catch (FileAlreadyExistsException e) {
            problem = e.getFile() + " is not a directory";
        } catch (IOException e) {
            problem = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        if (problem != null) {
            throw bad("cannot write the ledger to " + file + ": " + problem);
        }
    }

    private boolean writeLedger(LoadGenerator generator, PrintWriter out, PrintWriter err) {
        if (ledgerOut == null) {
            return true;
        }
        LedgerSnapshot ledger = generator.ledger();
        try {
            ledger.writeJson(ledgerOut);
            out.println("loadgen: wrote the ledger to " + ledgerOut + " (" + ledger.totalLines() + " lines, "
                    + ledger.totalWords() + " words, " + ledger.distinctKeys() + " distinct words, "
                    + ledger.clients().size() + (ledger.clients().size() == 1 ? " client)" : " clients)"));
            out.flush();
            return true;
        } catch (IOException e) {
            err.println("loadgen: cannot write the ledger to " + ledgerOut + ": " + e.getMessage());
            err.flush();
            return false;
        }
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
