package statelab.harness.cli;

import picocli.CommandLine.Command;
import statelab.core.Variant;
import statelab.core.Variants;

/** Lists the registered variants. */
@Command(name = "variants", mixinStandardHelpOptions = true, description = "List the word-count variants.")
final class VariantsCommand implements Runnable {

    @Override
    public void run() {
        for (Variant v : Variants.all()) {
            System.out.printf("%-22s %s%n", v.name(), v.description());
        }
    }
}
