package statelab.exercises.lab6;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * What each streaming batch made Spark do, as the Spark UI's Jobs and Stages tabs show it: how many tasks, the
 * largest stage, and how many records its tasks read as input (from files, cached blocks and cached state; the
 * UI's "Input" column, shuffles not included). Figures that count work, not time, so they do not depend on the
 * machine's speed.
 *
 * <p>Spark creates it from {@code spark.extraListeners} when the job's SparkContext starts, so it sees the job
 * from its first batch; the grading finds it with {@link #latest()}. Spark Streaming tags every job of a batch
 * with the batch's time (the local property {@value #BATCH_TIME}).
 */
public final class BatchWork extends SparkListener {

    /** The local property Spark Streaming sets on the jobs of a batch: the batch's time in epoch ms. */
    static final String BATCH_TIME = "spark.streaming.internal.batchTime";

    private static final AtomicReference<BatchWork> LATEST = new AtomicReference<>();

    /**
     * One batch's work so far.
     *
     * @param jobsStarted  Spark jobs started for the batch
     * @param jobsEnded    of those, the ones that ended
     * @param tasks        tasks that ended
     * @param largestStage the most tasks of any one stage
     * @param inputRecords records read as input by its tasks
     */
    public record Work(int jobsStarted, int jobsEnded, int tasks, int largestStage, long inputRecords) {
    }

    private final Map<Integer, Long> batchOfStage = new HashMap<>();
    private final Map<Integer, Long> batchOfJob = new HashMap<>();
    private final Map<Integer, Integer> tasksOfStage = new HashMap<>();
    private final Map<Long, Work> work = new TreeMap<>();

    /** Called by Spark (through {@code spark.extraListeners}). */
    public BatchWork() {
        LATEST.set(this);
    }

    /** Forgets the listener of the previous job, so that {@link #latest()} is the next job's. */
    static void forget() {
        LATEST.set(null);
    }

    /** The listener of the job started last, or null if its SparkContext did not create one. */
    static BatchWork latest() {
        return LATEST.get();
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart jobStart) {
        String batchTime = jobStart.properties() == null ? null : jobStart.properties().getProperty(BATCH_TIME);
        if (batchTime == null) {
            return; // not a batch's job (the receiver's, for one)
        }
        long batch = Long.parseLong(batchTime);
        batchOfJob.put(jobStart.jobId(), batch);
        scala.collection.Iterator<StageInfo> stages = jobStart.stageInfos().iterator();
        while (stages.hasNext()) {
            batchOfStage.put(stages.next().stageId(), batch);
        }
        Work w = work.getOrDefault(batch, new Work(0, 0, 0, 0, 0));
        work.put(batch, new Work(w.jobsStarted() + 1, w.jobsEnded(), w.tasks(), w.largestStage(), w.inputRecords()));
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd jobEnd) {
        Long batch = batchOfJob.remove(jobEnd.jobId());
        if (batch != null) {
            Work w = work.get(batch);
            work.put(batch, new Work(w.jobsStarted(), w.jobsEnded() + 1, w.tasks(), w.largestStage(),
                    w.inputRecords()));
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        Long batch = batchOfStage.get(taskEnd.stageId());
        if (batch == null) {
            return;
        }
        int stageTasks = tasksOfStage.merge(taskEnd.stageId(), 1, Integer::sum);
        long input = taskEnd.taskMetrics() == null ? 0 : taskEnd.taskMetrics().inputMetrics().recordsRead();
        Work w = work.get(batch);
        work.put(batch, new Work(w.jobsStarted(), w.jobsEnded(), w.tasks() + 1,
                Math.max(w.largestStage(), stageTasks), w.inputRecords() + input));
    }

    /** Every batch's work so far, by batch time. */
    synchronized Map<Long, Work> snapshot() {
        return new TreeMap<>(work);
    }

    /**
     * Waits (at most {@code timeoutMs}) until Spark's events about the given batches have all arrived here:
     * they travel on a queue of their own, a little behind the batches' completion.
     */
    synchronized void awaitSettled(Collection<Long> batchTimes, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!batchTimes.stream().allMatch(this::settled)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(Math.min(left, 50));
        }
    }

    private boolean settled(long batchTime) {
        Work w = work.get(batchTime);
        return w != null && w.jobsStarted() > 0 && w.jobsEnded() == w.jobsStarted();
    }
}
