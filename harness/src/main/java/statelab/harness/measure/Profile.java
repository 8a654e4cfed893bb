package statelab.harness.measure;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

/**
 * A Java Flight Recorder recording of a point's measured windows: the JDK's own sampling profiler, nothing to
 * install. It samples every thread's Java stack every {@value #SAMPLE_MS} ms and every thread in native code (a
 * RocksDB call, for one) every {@value #NATIVE_SAMPLE_MS} ms, and records the collector's pauses; Spark's tasks
 * run in this JVM ({@code local[N]}), so their stacks are in it.
 */
final class Profile implements AutoCloseable {

    static final long SAMPLE_MS = 10;
    static final long NATIVE_SAMPLE_MS = 20;

    private final Recording recording;

    private Profile(Recording recording) {
        this.recording = recording;
    }

    /** Whether this JVM can record (a JDK without Flight Recorder, or one started with it disabled, cannot). */
    static boolean available() {
        try {
            return FlightRecorder.isAvailable();
        } catch (LinkageError e) {
            return false;
        }
    }

    static Profile start(String name) {
        Recording recording = new Recording();
        recording.setName(name);
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(SAMPLE_MS));
        recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(NATIVE_SAMPLE_MS));
        recording.enable("jdk.GarbageCollection");
        recording.enable("jdk.CPULoad").withPeriod(Duration.ofSeconds(1));
        recording.start();
        return new Profile(recording);
    }

    /** Stops recording and writes what was recorded to {@code file}. */
    void stopInto(Path file) throws IOException {
        recording.stop();
        recording.dump(file);
    }

    @Override
    public void close() {
        recording.close();
    }
}
