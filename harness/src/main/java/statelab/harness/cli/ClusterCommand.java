package statelab.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import statelab.harness.launch.StandaloneCluster;

/** {@code lab cluster start|status|stop}: a Spark standalone cluster from the build's own jars, on 127.0.0.1. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"A real Spark standalone cluster on this machine (master and workers in their own JVMs,",
                "from the lab's jars). Then: ./lab run VARIANT --master spark://127.0.0.1:7077 --port P"},
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Status.class, ClusterCommand.Stop.class})
final class ClusterCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Path directory() {
        return Path.of(System.getProperty("statelab.home", "."), ".statelab", "cluster");
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a master and workers.")
    static final class Start implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--workers", defaultValue = "1", description = "Workers (default: ${DEFAULT-VALUE}).")
        int workers;

        @Option(names = "--cores", defaultValue = "2", description = "Cores per worker (default: ${DEFAULT-VALUE}).")
        int cores;

        @Option(names = "--memory", defaultValue = "2g", description = "Memory per worker (default: ${DEFAULT-VALUE}).")
        String memory;

        @Option(names = "--port", defaultValue = "7077", description = "Master port (default: ${DEFAULT-VALUE}).")
        int port;

        @Override
        public Integer call() throws Exception {
            StandaloneCluster.State state = StandaloneCluster.start(directory(), port, workers, cores, memory);
            spec.commandLine().getOut().println("cluster: master " + state.masterUrl() + " (web UI "
                    + state.masterWebUrl() + "), "
                    + workers + " worker(s) x " + cores + " cores; logs in " + directory());
            spec.commandLine().getOut().println("use it:  ./lab run VARIANT --master " + state.masterUrl()
                    + " --port P");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show whether the cluster runs (exit code 0 when it does, 1 when it does not).")
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            StandaloneCluster.State state = StandaloneCluster.read(directory());
            if (state == null || !StandaloneCluster.alive(state.masterPid())) {
                spec.commandLine().getOut().println("cluster: not running");
                return 1;
            }
            JsonNode json = StandaloneCluster.masterJson(state);
            spec.commandLine().getOut().println("cluster: master " + state.masterUrl() + " "
                    + json.path("status").asText()
                    + ", " + json.path("aliveworkers").asInt() + " worker(s) alive, " + json.path("cores").asInt()
                    + " cores, " + json.path("activeapps").size() + " running application(s)");
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the workers and the master (exit code 0 also when none runs).")
    static final class Stop implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().println(StandaloneCluster.stop(directory()) ? "cluster: stopped"
                    : "cluster: not running");
            return 0;
        }
    }
}
