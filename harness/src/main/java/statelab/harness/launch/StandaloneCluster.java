package statelab.harness.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import statelab.core.LabException;

/**
 * A real Spark standalone cluster on this machine, from the build's own jars: one master and N workers, each
 * its own JVM, all on 127.0.0.1. Executors started by a worker take their classpath from
 * {@code SPARK_HOME/jars}, so the cluster directory holds a {@code spark-home/jars/} of links to the jars the lab
 * runs with; the lab's own classes reach executors as {@code spark.jars} (see {@code SparkSettings}).
 * The cluster's pids, URLs and logs live in its directory ({@code .statelab/cluster} for ./lab).
 */
public final class StandaloneCluster {

    /** What {@code cluster.properties} records. */
    public record State(String masterUrl, String masterWebUrl, long masterPid, List<Long> workerPids) {
    }

    private static final String STATE_FILE = "cluster.properties";
    /** What an executor JVM runs. */
    private static final String EXECUTOR_BACKEND = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

    private StandaloneCluster() {
    }

    public static State start(Path dir, int masterPort, int workers, int coresPerWorker, String workerMemory)
            throws Exception {
        if (workers < 1 || coresPerWorker < 1) {
            throw new LabException("workers and cores per worker must be at least 1");
        }
        State running = read(dir);
        if (running != null && alive(running.masterPid())) {
            throw new LabException("a cluster is already running (" + running.masterUrl() + "); ./lab cluster stop");
        }
        Files.createDirectories(dir);
        checkPortFree(masterPort);
        Path sparkHome = linkSparkHome(dir.resolve("spark-home"));
        int webPort = freePort();
        String masterUrl = "spark://127.0.0.1:" + masterPort;
        Process master = launch(dir.resolve("master.log"), sparkHome, "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", Integer
                        .toString(webPort));
        String webUrl = "http://127.0.0.1:" + webPort;
        List<Long> workerPids = new ArrayList<>();
        State state = new State(masterUrl, webUrl, master.pid(), workerPids);
        write(dir, state);
        awaitMaster(webUrl, 0, master, dir.resolve("master.log"));
        for (int i = 0; i < workers; i++) {
            Process worker = launch(dir.resolve("worker-" + (i + 1) + ".log"), sparkHome,
                    "org.apache.spark.deploy.worker.Worker", masterUrl, "--host", "127.0.0.1",
                    "--cores", Integer.toString(coresPerWorker), "--memory", workerMemory,
                    "--webui-port", Integer.toString(freePort()), "--work-dir", dir.resolve("work").toString());
            workerPids.add(worker.pid());
            write(dir, state);
        }
        awaitMaster(webUrl, workers, master, dir.resolve("master.log"));
        return state;
    }

    /** The cluster's state, or null when none was started from {@code dir}. */
    public static State read(Path dir) throws IOException {
        Path file = dir.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        }
        List<Long> workers = new ArrayList<>();
        for (String pid : props.getProperty("workerPids", "").split(",")) {
            if (!pid.isBlank()) {
                workers.add(Long.parseLong(pid));
            }
        }
        return new State(props.getProperty("masterUrl"), props.getProperty("masterWebUrl"),
                Long.parseLong(props.getProperty("masterPid")), workers);
    }

    /** The master's own JSON view ({@code /json/}): status and workers. */
    public static JsonNode masterJson(State state) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(state.masterWebUrl() + "/json/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    /** The executor JVMs running now: the workers' child processes that run Spark's executor backend. */
    public static List<ProcessHandle> executors(State state) {
        List<ProcessHandle> executors = new ArrayList<>();
        for (long worker : state.workerPids()) {
            ProcessHandle.of(worker).ifPresent(handle -> handle.descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains(EXECUTOR_BACKEND))
                    .forEach(executors::add));
        }
        return executors;
    }

    /** SIGKILLs one executor JVM and waits until it is gone; returns what was killed. */
    public static String killExecutor(State state) throws Exception {
        List<ProcessHandle> executors = executors(state);
        if (executors.isEmpty()) {
            throw new LabException("no executor is running on the cluster " + state.masterUrl());
        }
        ProcessHandle executor = executors.get(0);
        killAndWait(executor);
        return "executor JVM pid " + executor.pid();
    }

    /** SIGKILLs the first worker JVM that runs an executor (its executors exit with it); returns what was killed. */
    public static String killWorker(State state) throws Exception {
        for (int i = 0; i < state.workerPids().size(); i++) {
            ProcessHandle worker = ProcessHandle.of(state.workerPids().get(i)).orElse(null);
            if (worker != null && worker.isAlive() && worker.descendants().anyMatch(p -> p.info().commandLine()
                    .orElse("").contains(EXECUTOR_BACKEND))) {
                List<ProcessHandle> itsExecutors = worker.descendants().toList();
                killAndWait(worker);
                for (ProcessHandle executor : itsExecutors) {
                    // Executors notice their worker is gone and exit by themselves; do not leave one behind.
                    try {
                        executor.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        killAndWait(executor);
                    }
                }
                return "worker " + (i + 1) + " JVM pid " + worker.pid() + " (with " + itsExecutors.size()
                        + " executor(s))";
            }
        }
        throw new LabException("no worker of the cluster " + state.masterUrl() + " runs an executor");
    }

    private static void killAndWait(ProcessHandle process) throws Exception {
        process.destroyForcibly();
        process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Stops the workers, then the master; true if anything was running. */
    public static boolean stop(Path dir) throws IOException {
        State state = read(dir);
        if (state == null) {
            return false;
        }
        boolean any = false;
        List<Long> pids = new ArrayList<>(state.workerPids());
        pids.add(state.masterPid());
        for (long pid : pids) {
            ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
            if (handle != null && handle.isAlive()) {
                any = true;
                handle.destroy();
                try {
                    handle.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    handle.destroyForcibly();
                }
            }
        }
        Files.deleteIfExists(dir.resolve(STATE_FILE));
        return any;
    }

    private static void write(Path dir, State state) throws IOException {
        Properties props = new Properties();
        props.setProperty("masterUrl", state.masterUrl());
        props.setProperty("masterWebUrl", state.masterWebUrl());
        props.setProperty("masterPid", Long.toString(state.masterPid()));
        props.setProperty("workerPids", String.join(",", state.workerPids().stream().map(String::valueOf).toList()));
        try (Writer out = Files.newBufferedWriter(dir.resolve(STATE_FILE), StandardCharsets.UTF_8)) {
            props.store(out, "a Spark standalone cluster started by ./lab cluster start");
        }
    }

    /** SPARK_HOME/jars: links to every third-party jar the lab runs with (the lab's own go as spark.jars). */
    private static Path linkSparkHome(Path sparkHome) throws IOException {
        Path jars = sparkHome.resolve("jars");
        if (Files.exists(jars)) {
            statelab.core.CheckpointDirs.deleteRecursively(jars);
        }
        Files.createDirectories(jars);
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            if (name.endsWith(".jar") && !name.startsWith("statelab-") && Files.isRegularFile(jar)) {
                Path link = jars.resolve(name);
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, jar.toAbsolutePath());
                }
            }
        }
        return sparkHome;
    }

    /** A master or worker JVM: Spark's jars only; it adds Spark's JVM flags to the executors it starts. */
    private static Process launch(Path log, Path sparkHome, String mainClass, String... args) throws IOException {
        return ChildJvm.of(mainClass).withoutSparkFlags().defaultScratch().jvmOptions(List.of("-Xmx1g"))
                .classpath(sparkHome.resolve("jars") + "/*").args(List.of(args))
                .env("SPARK_HOME", sparkHome.toString()).env("SPARK_SCALA_VERSION", "2.12").log(log).start();
    }

    private static void awaitMaster(String webUrl, int workers, Process master, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!master.isAlive()) {
                throw new LabException("the Spark master exited; see " + log);
            }
            try {
                JsonNode json = masterJson(new State(null, webUrl, 0, List.of()));
                int alive = 0;
                for (JsonNode worker : json.path("workers")) {
                    alive += worker.path("state").asText().equals("ALIVE") ? 1 : 0;
                }
                if (json.path("status").asText().equals("ALIVE") && alive >= workers) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new LabException("the cluster did not come up within 60 s; see the logs in " + log.getParent());
    }

    private static void checkPortFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.getLocalPort();
        } catch (IOException e) {
            throw new LabException("port " + port + " on 127.0.0.1 is already in use");
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
