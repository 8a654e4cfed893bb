package statelab.harness.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import statelab.core.LabException;
import statelab.harness.launch.ChildJvm;

/**
 * {@code lab submit [--master URL] LAB_COMMAND...}: runs a lab command (for example {@code run update-state
 * --port 9999}) through Spark's own launcher, {@code org.apache.spark.deploy.SparkSubmit}, from the lab's
 * application jar, exactly as {@code spark-submit} would; spark-submit itself is not needed (Spark's jars from
 * the build are). It prints the equivalent {@code spark-submit} command first.
 *
 * <p>The application jar ({@code harness/target/statelab-harness-VERSION-app.jar}, built with the lab) holds the
 * lab's classes and the few libraries Spark does not ship ({@link #APP_JAR_LIBRARIES}); Spark comes from the
 * launcher's classpath, as on any Spark installation.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Run a lab command from the application jar through Spark's launcher (SparkSubmit, client",
                "mode), as spark-submit does. Prints the equivalent spark-submit command, then runs it.",
                "Example: ./lab submit --master spark://127.0.0.1:7077 run update-state --port 9999"})
final class SubmitCommand implements Callable<Integer> {

    /** Paths of the libraries the application jar carries (the shade plugin's includes in harness/pom.xml). */
    static final List<String> APP_JAR_LIBRARIES = List.of("/info/picocli/", "/org/jfree/", "/org/hdrhistogram/",
            "/org/apache/commons/commons-rng");

    @Option(names = "--master", defaultValue = "local[*]",
            description = "Spark master: spark://127.0.0.1:7077 (./lab cluster start) or local[N] (default: "
                    + "${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--app-jar", paramLabel = "JAR",
            description = "The application jar (default: the one the lab built).")
    Path appJar;

    @Option(names = "--print", description = "Only print the command that would run.")
    boolean printOnly;

    @Parameters(arity = "1..*", paramLabel = "LAB_COMMAND",
            description = "The lab command and its options, e.g. run update-state --port 9999.")
    List<String> labArgs;

    @Override
    public Integer call() throws Exception {
        Path jar = appJar != null ? appJar : defaultAppJar();
        if (!Files.isRegularFile(jar)) {
            throw new LabException("application jar " + jar + " does not exist (build it: mvn -DskipTests package)");
        }
        List<String> command = launcher(master, jar, labArgs).command();
        System.out.println("submit: spark-submit --master " + master + " --class " + Lab.class.getName() + " " + jar
                + " " + String.join(" ", labArgs));
        System.out.flush();
        if (printOnly) {
            System.out.println(String.join(" ", command));
            return 0;
        }
        Process process = launcher(master, jar, labArgs).inheritIo().start();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            throw e;
        }
    }

    /** The application jar the build made, found next to the harness jar. */
    static Path defaultAppJar() {
        Path target = Path.of(System.getProperty("statelab.home", "."), "harness", "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("statelab-harness-.*-app\\.jar")).findFirst()
                    .orElse(target.resolve("statelab-harness-VERSION-app.jar"));
        } catch (java.io.IOException e) {
            return target.resolve("statelab-harness-VERSION-app.jar");
        }
    }

    /**
     * The launcher's JVM: Spark's flags and Spark's jars (this JVM's classpath without the lab's own jars and the
     * libraries the application jar carries), running SparkSubmit in client mode.
     */
    static ChildJvm launcher(String master, Path appJar, List<String> labArgs) {
        List<String> args = new ArrayList<>(List.of("--master", master, "--deploy-mode", "client", "--class",
                Lab.class.getName(), appJar.toAbsolutePath().toString()));
        args.addAll(labArgs);
        return ChildJvm.of("org.apache.spark.deploy.SparkSubmit").sharedScratch()
                .classpath(String.join(File.pathSeparator, sparkClasspath())).args(args);
    }

    /** Spark and its dependencies from this JVM's classpath: jars only, none of the lab's, none the app jar carries. */
    static List<String> sparkClasspath() {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            boolean lab = name.startsWith("statelab-") || APP_JAR_LIBRARIES.stream().anyMatch(entry::contains);
            if (name.endsWith(".jar") && !lab && Files.isRegularFile(Path.of(entry))) {
                jars.add(entry);
            }
        }
        return jars;
    }
}
