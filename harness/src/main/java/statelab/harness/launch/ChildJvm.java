package statelab.harness.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import statelab.core.CheckpointDirs;
import statelab.core.JvmFlags;
import statelab.core.LabException;
import statelab.core.SparkSettings;

/**
 * The one way the lab starts another JVM: this JDK's {@code java}, the JVM flags Spark needs on Java 17 (core's
 * one list), this JVM's classpath unless told otherwise, {@code SPARK_LOCAL_IP=127.0.0.1}, and a scratch
 * directory of its own as {@code java.io.tmpdir} (Spark leaves files there; it is removed when the JVM exits).
 * Used by sweeps, searches and recovery (through the command line's lab JVMs), {@code submit}, the standalone
 * cluster, the notebook kernel's spec and the tests.
 *
 * <pre>
 * Process p = ChildJvm.of("statelab.harness.cli.Lab").args(List.of("bench", ...)).log(file).start();
 * </pre>
 */
public final class ChildJvm {

    private final String mainClass;
    private boolean sparkFlags = true;
    private String classpath = System.getProperty("java.class.path");
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>(Map.of("SPARK_LOCAL_IP", "127.0.0.1"));
    /** Where its java.io.tmpdir points: a directory of its own, this JVM's, or the JVM's default. */
    private enum Scratch { OWN, SHARED, DEFAULT }

    private Scratch scratch = Scratch.OWN;
    private Path log;
    private boolean inheritIo;

    private ChildJvm(String mainClass) {
        this.mainClass = mainClass;
    }

    /** A JVM that runs {@code mainClass}. */
    public static ChildJvm of(String mainClass) {
        return new ChildJvm(mainClass);
    }

    /** Without Spark's JVM flags (a Spark master or worker adds them to its executors itself). */
    public ChildJvm withoutSparkFlags() {
        sparkFlags = false;
        return this;
    }

    public ChildJvm classpath(String value) {
        classpath = value;
        return this;
    }

    public ChildJvm jvmOptions(List<String> values) {
        jvmOptions.addAll(values);
        return this;
    }

    public ChildJvm args(List<String> values) {
        args.addAll(values);
        return this;
    }

    public ChildJvm env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Uses this JVM's {@code java.io.tmpdir} instead of a scratch directory of its own. */
    public ChildJvm sharedScratch() {
        scratch = Scratch.SHARED;
        return this;
    }

    /** Leaves {@code java.io.tmpdir} at the JVM's default: for a JVM that outlives the one starting it. */
    public ChildJvm defaultScratch() {
        scratch = Scratch.DEFAULT;
        return this;
    }

    /** Standard output and error go to {@code file}. */
    public ChildJvm log(Path file) {
        log = file;
        return this;
    }

    /** Standard input, output and error are this JVM's. */
    public ChildJvm inheritIo() {
        inheritIo = true;
        return this;
    }

    /** The command line, without a scratch directory of its own (for a kernelspec or to show what would run). */
    public List<String> command() {
        return command(scratch == Scratch.SHARED ? SparkSettings.scratchDir() : null);
    }

    private List<String> command(Path tmpdir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (sparkFlags) {
            command.addAll(JvmFlags.sparkFlags());
        }
        command.addAll(jvmOptions);
        if (tmpdir != null) {
            command.add("-Djava.io.tmpdir=" + tmpdir);
        }
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** Starts the JVM; its own scratch directory is removed once it has exited. */
    public Process start() throws IOException {
        Path own = scratch == Scratch.OWN ? Files.createTempDirectory(scratchRoot(), "jvm-") : null;
        ProcessBuilder builder = new ProcessBuilder(own != null ? command(own) : command());
        builder.environment().putAll(env);
        if (inheritIo) {
            builder.inheritIO();
        } else if (log != null) {
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            delete(own);
            throw e;
        }
        if (own != null) {
            process.onExit().thenRun(() -> delete(own));
        }
        return process;
    }

    private static Path scratchRoot() throws IOException {
        Path root = SparkSettings.scratchDir();
        Files.createDirectories(root);
        return root;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            CheckpointDirs.deleteRecursively(dir);
        } catch (LabException e) {
            // a leftover in the lab's scratch space is harmless; ./lab cleans it
        }
    }
}
