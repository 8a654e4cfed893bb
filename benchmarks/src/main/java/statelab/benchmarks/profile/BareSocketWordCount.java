package statelab.benchmarks.profile;

import java.util.Arrays;
import org.apache.spark.SparkConf;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import scala.Tuple2;
import statelab.core.CountsSink;
import statelab.core.DStreamMetricsListener;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.Source;
import statelab.core.Variant;

/**
 * The baseline the lab's {@code stateless} variant is held against: a plain Spark word count, as a Spark
 * example would write it: {@code socketTextStream(host, port).flatMap(split).mapToPair.reduceByKey}, each
 * batch's counts computed and dropped. None of the lab's machinery: not its tokenizer, settings, outputs or
 * sinks; only the metrics listener (so the harness can measure it like any variant), loopback binding, no web
 * UI, one in-memory copy of received blocks (like the lab's: the default second replica has nowhere to go on
 * one machine) and the same number of reduce partitions.
 *
 * <p>Registered as {@code bare-socket}; it exists only where the benchmarks module is on the classpath (the
 * benchmark profile). It ignores the sink: it has no output, so a measured run checks it by the lines it
 * processed, as for {@code stateless}.
 *
 * <p>Usage: see {@link #USAGE}.
 */
public final class BareSocketWordCount implements Variant {

    public static final String NAME = "bare-socket";
    public static final String USAGE = "Usage: the benchmark profile runs it (mvn -Pbenchmark verify); by hand,\n"
            + "  with the benchmarks module on the classpath: statelab.harness.cli.Lab bench bare-socket --keys 10k "
            + "--rate 1M";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "baseline: plain socketTextStream(...).reduceByKey, no lab machinery (benchmarks only)";
    }

    @Override
    public boolean runningTotals() {
        return false;
    }

    @Override
    public int sourceCores(Source source) {
        return 1; // the socket receiver (its only source)
    }

    @Override
    public RunningJob start(RunSpec spec, CountsSink sink) {
        SparkConf conf = new SparkConf().setAppName(NAME).setMaster(spec.master())
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false");
        JavaStreamingContext ssc = new JavaStreamingContext(conf, Durations.milliseconds(spec.batchMs()));
        int partitions = spec.partitions();
        ssc.socketTextStream(spec.host(), spec.port(), StorageLevel.MEMORY_AND_DISK_SER())
                .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
                .mapToPair(word -> new Tuple2<>(word, 1L))
                .reduceByKey(Long::sum, partitions)
                .foreachRDD(counts -> counts.foreachPartition(rows -> rows.forEachRemaining(row -> { })));
        ssc.addStreamingListener(new DStreamMetricsListener(spec));
        ssc.start();
        return new RunningJob() {
            private volatile Throwable failure;

            @Override
            public boolean awaitTermination(long timeoutMs) {
                try {
                    return ssc.awaitTerminationOrTimeout(timeoutMs);
                } catch (RuntimeException | InterruptedException e) {
                    failure = e;
                    return true;
                }
            }

            @Override
            public void stop(boolean gracefully) {
                ssc.stop(true, gracefully);
            }

            @Override
            public Throwable failure() {
                return failure;
            }
        };
    }
}
