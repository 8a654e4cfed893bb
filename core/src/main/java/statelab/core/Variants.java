package statelab.core;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the variants on the classpath by their registered names. */
public final class Variants {

    private Variants() {
    }

    /** All variants, in a stable order (by name). */
    public static List<Variant> all() {
        return ServiceLoader.load(Variant.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(java.util.Comparator.comparing(Variant::name))
                .collect(Collectors.toList());
    }

    public static List<String> names() {
        return all().stream().map(Variant::name).collect(Collectors.toList());
    }

    /** The variant called {@code name}; a clear message listing the known names otherwise. */
    public static Variant byName(String name) {
        return all().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown variant '" + name + "' (known: " + String.join(", ", names()) + ")"));
    }
}
