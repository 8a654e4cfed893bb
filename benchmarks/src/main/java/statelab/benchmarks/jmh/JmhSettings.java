package statelab.benchmarks.jmh;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every benchmark of the lab shares, in one place (JMH reads them from the superclass): one fork,
 * two warm-up and three measured iterations of a second each. A benchmark overrides one where its question needs
 * it (a larger heap for millions of keys). On the command line JMH's own options override them all:
 * {@code java -jar benchmarks/target/benchmarks.jar StateMap -f 2 -wi 5 -i 5}.
 */
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public abstract class JmhSettings {
}
