package statelab.core;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import statelab.loadgen.ReplayClient;

/**
 * Runs a DStream word count against the load generator: what the DStream variants share. The lines come from the
 * replay protocol through the direct {@link ReplayInputDStream} (no receiver; a restart on the checkpoint reads
 * its unfinished batches again, exactly) or from Spark's socket receiver (the chapter's; with a checkpoint
 * directory of the run's, its write-ahead log is on, and a crash loses the words in flight).
 *
 * <p>The graph is built inside {@link JavaStreamingContext#getOrCreate}'s factory, so a checkpointed job
 * resumes from its checkpoint directory; listeners are added afterwards because they are not checkpointed.
 */
public final class DStreamJob implements RunningJob {

    /** Builds the variant's DStream graph on the lines and attaches its output to the sink id. */
    @FunctionalInterface
    public interface Graph extends Serializable {
        void build(JavaStreamingContext ssc, JavaDStream<String> lines, String sinkId);
    }

    private final JavaStreamingContext ssc;
    private final String sinkId;
    private final Path temporaryCheckpoint;
    private volatile Throwable failure;
    private volatile boolean stopped;

    static {
        // Stopping a context interrupts the receiver's restart timer and, when not graceful, the batch running
        // then; Spark lets both escape as an uncaught InterruptedException on its own threads. They mean nothing;
        // everything else still goes to the old handler.
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (error instanceof InterruptedException && (thread.getName().startsWith("receiver-supervisor-future")
                    || thread.getName().startsWith("streaming-job-executor"))) {
                return;
            }
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                error.printStackTrace();
            }
        });
    }

    /** One line on stderr when the socket receiver fails (for example: no load generator at host:port). */
    private static final class ReceiverErrorReporter implements
            org.apache.spark.streaming.scheduler.StreamingListener {
        private final String where;
        private String lastMessage;

        ReceiverErrorReporter(RunSpec spec) {
            this.where = spec.host() + ":" + spec.port();
        }

        @Override
        public void onReceiverError(org.apache.spark.streaming.scheduler.StreamingListenerReceiverError error) {
            String message = error.receiverInfo().lastErrorMessage();
            if (message != null && !message.equals(lastMessage) && !message.contains("Socket closed")) {
                System.err.println("receiver: " + message + " (load generator at " + where
                        + "; Spark retries every 2 s)");
            }
            lastMessage = message;
        }
    }

    private DStreamJob(JavaStreamingContext ssc, String sinkId, Path temporaryCheckpoint) {
        this.ssc = ssc;
        this.sinkId = sinkId;
        this.temporaryCheckpoint = temporaryCheckpoint;
    }

    /**
     * Starts a DStream job.
     *
     * @param source    where the lines come from, as the variant resolved it ({@link Variant#source}): Spark's
     *                  socket receiver, or the replay protocol through the direct {@link ReplayInputDStream}
     * @param keepsState whether the graph keeps state and so needs a checkpoint directory (a temporary one when
     *                  the run gives none); a graph without state is checkpointed only into a directory the run
     *                  gives, so that a restart resumes at its offsets
     */
    public static DStreamJob start(RunSpec spec, Source source, CountsSink sink, boolean keepsState, Graph graph) {
        Path checkpoint = null;
        Path temporary = null;
        CheckpointDirs.Start start = CheckpointDirs.Start.FRESH;
        if (keepsState || spec.checkpointDir() != null) {
            checkpoint = spec.checkpointDir();
            if (checkpoint == null) {
                temporary = createTemporaryCheckpoint(spec.variant());
                checkpoint = temporary;
            }
            start = CheckpointDirs.prepare(checkpoint, spec.variant(), spec.stateShapingSettings(source),
                    spec.fresh());
        }
        if (source == Source.REPLAY && start == CheckpointDirs.Start.RESUME) {
            // Before Spark touches the directory: a checkpoint of another replay stream (a restarted load
            // generator) is refused with nothing read or written.
            checkReplayStream(spec, checkpoint.toAbsolutePath().toString(), new Configuration());
        }
        // A recovered graph looks its sink up by the id it was built with, so the id must not change.
        String sinkId = spec.variant() + "@" + (checkpoint == null ? System.nanoTime() : checkpoint.toAbsolutePath());
        CountsSinks.register(sinkId, sink);

        String checkpointPath = checkpoint == null ? null : checkpoint.toAbsolutePath().toString();
        JavaStreamingContext ssc;
        try {
            if (checkpointPath == null) {
                ssc = createContext(spec, source, null, sinkId, graph);
            } else {
                ssc = JavaStreamingContext.getOrCreate(checkpointPath,
                        () -> createContext(spec, source, checkpointPath, sinkId, graph));
            }
        } catch (RuntimeException e) {
            CountsSinks.unregister(sinkId);
            deleteTemporary(temporary);
            throw e;
        }
        try {
            if (source == Source.REPLAY) {
                // After Spark has started (a new stream's clock then starts about when the first batch is due, so
                // the chapter's seconds stay apart), before the first batch: fails in one line when no load
                // generator answers, and records which stream the checkpoint reads.
                checkReplayStream(spec, checkpointPath, ssc.sparkContext().hadoopConfiguration());
            }
            ssc.addStreamingListener(new DStreamMetricsListener(spec, ReplayInputDStream.of(ssc),
                    keepsState ? ssc.sparkContext().sc() : null));
            if (source == Source.SOCKET) {
                ssc.addStreamingListener(new ReceiverErrorReporter(spec));
            }
            ssc.start();
        } catch (RuntimeException e) {
            ssc.stop(true, false);
            CountsSinks.unregister(sinkId);
            deleteTemporary(temporary);
            throw e;
        }
        return new DStreamJob(ssc, sinkId, temporary);
    }

    private static void checkReplayStream(RunSpec spec, String checkpointPath,
                                          Configuration hadoopConf) {
        String streamId;
        try (ReplayClient client = ReplayClient.connect(spec.host(), spec.port(), ReplaySource.TIMEOUT_MS)) {
            streamId = client.streamId();
        } catch (IOException e) {
            throw new LabException(e.getMessage(), e);
        }
        if (checkpointPath != null) {
            ReplaySource.checkStream(checkpointPath, streamId, hadoopConf);
        }
    }

    private static JavaStreamingContext createContext(RunSpec spec, Source source, String checkpointPath,
                                                      String sinkId, Graph graph) {
        org.apache.spark.SparkConf conf = SparkSettings.conf(spec);
        if (source == Source.SOCKET && checkpointPath != null && spec.checkpointDir() != null) {
            // Recovery was asked for (a checkpoint directory of the user's): log every received block before
            // acknowledging it, so a driver killed mid-stream loses nothing it had received. Without the log
            // the counts roll back to the last state checkpoint. (The replay source needs no log: its batches
            // are line ranges, recorded in the checkpoint and read again.)
            conf.set("spark.streaming.receiver.writeAheadLog.enable", "true");
        }
        JavaStreamingContext ssc = new JavaStreamingContext(conf, Durations.milliseconds(spec.batchMs()));
        if (checkpointPath != null) {
            ssc.checkpoint(checkpointPath);
        }
        JavaDStream<String> lines = source == Source.REPLAY
                ? ReplayInputDStream.create(ssc, spec.host(), spec.port(), spec.partitions())
                // One copy in memory is enough on one machine; the default (_2) warns about missing replicas.
                : ssc.socketTextStream(spec.host(), spec.port(), StorageLevel.MEMORY_AND_DISK_SER());
        graph.build(ssc, lines, sinkId);
        return ssc;
    }

    private static void deleteTemporary(Path temporaryCheckpoint) {
        if (temporaryCheckpoint != null) {
            try {
                CheckpointDirs.deleteRecursively(temporaryCheckpoint);
            } catch (LabException e) {
                // A leftover temporary directory is harmless; ./lab cleans its scratch space.
            }
        }
    }

    private static Path createTemporaryCheckpoint(String variant) {
        try {
            Path scratch = SparkSettings.scratchDir();
            Files.createDirectories(scratch);
            return Files.createTempDirectory(scratch, "checkpoint-" + variant + "-");
        } catch (IOException e) {
            throw new LabException("cannot create a temporary checkpoint directory: " + e.getMessage(), e);
        }
    }

    public JavaStreamingContext context() {
        return ssc;
    }

    @Override
    public boolean awaitTermination(long timeoutMs) throws InterruptedException {
        try {
            return ssc.awaitTerminationOrTimeout(timeoutMs);
        } catch (RuntimeException e) {
            failure = e;
            return true;
        }
    }

    @Override
    public synchronized void stop(boolean gracefully) {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            ssc.stop(true, gracefully);
        } finally {
            CountsSinks.unregister(sinkId);
            deleteTemporary(temporaryCheckpoint);
        }
    }

    @Override
    public String uiUrl() {
        return ssc.sparkContext().sc().uiWebUrl().getOrElse(() -> null);
    }

    @Override
    public Throwable failure() {
        return failure;
    }
}
