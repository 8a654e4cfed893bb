package statelab.harness.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import statelab.core.LabException;
import statelab.core.Source;

/** {@code --source replay|socket}: where a variant reads its lines (a picocli mixin). */
final class SourceOption {

    @Option(names = "--source", paramLabel = "replay|socket",
            description = "Where the variant reads: the load generator's replay protocol (replay: exact recovery, "
                    + "keeps up) or a plain socket (socket: Spark's receiver or socket source, as in the chapter). "
                    + "Default: the variant's first (./lab variants); a sweep takes both as replay,socket.")
    String value;

    /** The one source given, or null for the variant's default. */
    Source single() {
        if (value == null) {
            return null;
        }
        return Source.parse(value.strip());
    }

    /** The sources given as a comma list (a sweep measures each), or an empty list for the variant's default. */
    List<Source> list() {
        List<Source> sources = new ArrayList<>();
        if (value != null) {
            for (String one : value.split(",")) {
                Source source = Source.parse(one.strip());
                if (sources.contains(source)) {
                    throw new LabException("--source names " + source.label() + " twice");
                }
                sources.add(source);
            }
        }
        return sources;
    }
}
