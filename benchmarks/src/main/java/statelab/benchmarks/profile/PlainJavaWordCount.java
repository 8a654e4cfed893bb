package statelab.benchmarks.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import scala.Tuple2;
import statelab.core.BatchListener;
import statelab.core.BatchMetrics;
import statelab.core.CountsSink;
import statelab.core.LabException;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.Source;
import statelab.core.Tokenizer;
import statelab.core.Variant;
import statelab.loadgen.ReplayClient;

/**
 * The ceiling the variants are held against: the same word count with no Spark at all. Every batch interval it
 * asks the load generator's replay protocol which lines are due (as the replay sources do), splits them into one
 * range per core, fetches and tokenizes each range on a thread of its own with the lab's {@link Tokenizer},
 * counts each range into a hash map, and adds those into the running totals (one {@code HashMap}). A batch that
 * is late starts late, so its scheduling delay shows like Spark's. It is what the machine can do with the same
 * input and cores; a variant's highest sustained rate as a fraction of this one's says how close Spark gets.
 *
 * <p>Registered as {@code plain-java}; it exists only where the benchmarks module is on the classpath (the
 * benchmark profile). It reads the replay source only; its running totals go to the sink like any variant's, so
 * a measured run verifies them against the ledger.
 *
 * <p>Usage: see {@link #USAGE}.
 */
public final class PlainJavaWordCount implements Variant {

    public static final String NAME = "plain-java";
    public static final String USAGE = "Usage: the benchmark profile runs it (mvn -Pbenchmark verify); by hand,\n"
            + "  with the benchmarks module on the classpath: statelab.harness.cli.Lab bench plain-java --keys 10k "
            + "--rate 1M";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "ceiling: the same count with no Spark, a hash map per core on the replay source (benchmarks only)";
    }

    @Override
    public boolean runningTotals() {
        return true;
    }

    @Override
    public List<Source> sources() {
        return List.of(Source.REPLAY);
    }

    /** A {@code HashMap<String, Long>} entry with its key and boxed total: about 100 bytes. */
    @Override
    public long heapBytesPerKey() {
        return 100;
    }

    @Override
    public RunningJob start(RunSpec spec, CountsSink sink) {
        source(spec);
        int cores = cores(spec.master());
        return new Job(spec, sink, cores);
    }

    /** The cores of a {@code local[N]} master ({@code local[*]}: this machine's). */
    static int cores(String master) {
        if (master.equals("local[*]")) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (master.matches("local\\[[0-9]+]")) {
            return Integer.parseInt(master.substring(6, master.length() - 1));
        }
        throw new LabException(NAME + " runs in this JVM only (local[N]), not on " + master);
    }

    /** The running job: a timer for the batches, a thread per core for the ranges. */
    private static final class Job implements RunningJob {
        private final RunSpec spec;
        private final CountsSink sink;
        private final int cores;
        private final ScheduledExecutorService timer;
        private final ExecutorService workers;
        private final ReplayClient driver;
        private final Map<String, Long> totals = new HashMap<>();
        private long nextBatchMs;
        private long fromLine;
        private volatile Throwable failure;
        private volatile boolean stopped;

        Job(RunSpec spec, CountsSink sink, int cores) {
            this.spec = spec;
            this.sink = sink;
            this.cores = cores;
            try {
                this.driver = ReplayClient.connect(spec.host(), spec.port(), 60_000);
            } catch (IOException e) {
                throw new LabException(e.getMessage(), e);
            }
            this.workers = Executors.newFixedThreadPool(cores, daemon("plain-java-worker"));
            this.timer = Executors.newSingleThreadScheduledExecutor(daemon("plain-java-batches"));
            long now = System.currentTimeMillis();
            this.nextBatchMs = now - now % spec.batchMs() + spec.batchMs();
            timer.schedule(this::batches, nextBatchMs - now, TimeUnit.MILLISECONDS);
        }

        private static java.util.concurrent.ThreadFactory daemon(String name) {
            return runnable -> {
                Thread thread = new Thread(runnable, name);
                thread.setDaemon(true);
                return thread;
            };
        }

        /** Runs batches back to back on the interval's schedule: a late batch starts as soon as it can. */
        private void batches() {
            while (!stopped && failure == null) {
                long batchMs = nextBatchMs;
                long wait = batchMs - System.currentTimeMillis();
                if (wait > 0) {
                    timer.schedule(this::batches, wait, TimeUnit.MILLISECONDS);
                    return;
                }
                try {
                    batch(batchMs);
                } catch (Throwable t) {
                    failure = t;
                    synchronized (this) {
                        notifyAll();
                    }
                    return;
                }
                nextBatchMs += spec.batchMs();
            }
        }

        private void batch(long batchMs) throws Exception {
            long startMs = System.currentTimeMillis();
            long to = driver.due().lines();
            long lines = to - fromLine;
            List<Future<Map<String, Long>>> parts = new ArrayList<>();
            int n = (int) Math.max(1, Math.min(cores, lines));
            for (int i = 0; i < n && lines > 0; i++) {
                long partFrom = fromLine + lines * i / n;
                long partTo = fromLine + lines * (i + 1) / n;
                parts.add(workers.submit(() -> countRange(partFrom, partTo)));
            }
            Map<String, Long> batch = new HashMap<>();
            for (Future<Map<String, Long>> part : parts) {
                part.get().forEach((word, count) -> batch.merge(word, count, Long::sum));
            }
            List<Tuple2<String, Long>> updated = new ArrayList<>();
            int wanted = sink.rowsWanted(batchMs);
            for (Map.Entry<String, Long> e : (wanted > 0 ? new TreeMap<>(batch) : batch).entrySet()) {
                long total = totals.merge(e.getKey(), e.getValue(), Long::sum);
                if (updated.size() < wanted) {
                    updated.add(new Tuple2<>(e.getKey(), total));
                }
            }
            sink.accept(batchMs, updated, updated.size() < batch.size());
            fromLine = to;
            long endMs = System.currentTimeMillis();
            BatchMetrics metrics = new BatchMetrics(batchMs, lines, -1, startMs - batchMs, endMs - startMs,
                    endMs - batchMs, totals.size(), -1, false);
            for (BatchListener listener : spec.listeners()) {
                listener.onBatch(metrics);
            }
        }

        /** Fetches lines [from, to) with a connection of its own and counts their words. */
        private Map<String, Long> countRange(long from, long to) throws IOException {
            Map<String, Long> counts = new HashMap<>();
            try (ReplayClient client = ReplayClient.connect(spec.host(), spec.port(), 60_000)) {
                ReplayClient.Lines range = client.fetch(from, to);
                while (range.next()) {
                    String line = new String(range.buffer(), range.start(), range.length(), StandardCharsets.UTF_8);
                    for (Iterator<String> words = Tokenizer.words(line); words.hasNext(); ) {
                        counts.merge(words.next(), 1L, Long::sum);
                    }
                }
            }
            return counts;
        }

        @Override
        public synchronized boolean awaitTermination(long timeoutMs) throws InterruptedException {
            if (failure == null && !stopped) {
                wait(timeoutMs);
            }
            return failure != null || stopped;
        }

        @Override
        public synchronized void stop(boolean gracefully) {
            if (stopped) {
                return;
            }
            stopped = true;
            timer.shutdownNow();
            workers.shutdownNow();
            try {
                driver.close();
            } catch (IOException e) {
                // closing anyway
            }
            notifyAll();
        }

        @Override
        public Throwable failure() {
            return failure;
        }
    }
}
