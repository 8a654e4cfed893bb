package statelab.harness.cli;

import picocli.CommandLine.Option;
import statelab.harness.measure.HeapEstimate;
import statelab.harness.measure.Runner;

/** Where the commands that run many measured runs (sweep, search, interval) run each: a child JVM, or this one. */
final class RunnerOptions {

    @Option(names = "--in-process", description = "Run every run in this JVM instead of one JVM each.")
    boolean inProcess;

    @Option(names = "--heap", paramLabel = "SIZE",
            description = "Heap of each run's JVM, e.g. 8g (default: the JVM's).")
    String heap;

    /** The runner the options ask for; a bad {@code --heap} is refused here, before anything starts. */
    Runner runner() {
        return inProcess ? Runner.inProcess() : Runner.inChild(new LabJvms(), Inputs.heapOptions(heap));
    }

    /** The heap each run gets, in bytes. */
    long heapBytes() {
        return heap == null ? Runtime.getRuntime().maxMemory() : HeapEstimate.parseHeap(heap);
    }

    /** How the heap is named in messages. */
    String heapName() {
        return heap == null ? "this JVM" : "--heap";
    }
}
