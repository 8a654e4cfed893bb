package statelab.notebooks;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * Rich output for notebook cells: a PNG file (the harness's charts), HTML, a table. Each call shows its output
 * under the running cell, as Jupyter {@code display_data}, with a plain-text form for readers without images.
 *
 * <pre>
 *   Show.png(Path.of("runs/sweep/delay-vs-keys.png"));
 *   Show.table(List.of("variant", "median ms"), List.of(List.of("update-state", 515)));
 * </pre>
 */
public final class Show {

    private static volatile Consumer<DisplayData> display;

    private Show() {
    }

    /** Set by the kernel: where displayed data goes. */
    static void displayTo(Consumer<DisplayData> target) {
        display = target;
    }

    /** Shows a PNG image file. */
    public static void png(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image " + file + ": " + e.getMessage(), e);
        }
        DisplayData data = new DisplayData("[image: " + file.getFileName() + "]");
        data.putData("image/png", Base64.getEncoder().encodeToString(bytes));
        show(data);
    }

    /** Shows a piece of HTML. */
    public static void html(String html) {
        DisplayData data = new DisplayData(html.replaceAll("<[^>]*>", ""));
        data.putHTML(html);
        show(data);
    }

    /** Shows rows under a header, as an HTML table (and aligned text for plain readers). */
    public static void table(List<String> header, List<? extends List<?>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
            for (List<?> row : rows) {
                widths[i] = Math.max(widths[i], cell(row, i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<table>\n<tr>");
        for (int i = 0; i < header.size(); i++) {
            text.append(String.format("%-" + (widths[i] + 2) + "s", header.get(i)));
            html.append("<th>").append(escape(header.get(i))).append("</th>");
        }
        html.append("</tr>\n");
        for (List<?> row : rows) {
            text.append('\n');
            html.append("<tr>");
            for (int i = 0; i < header.size(); i++) {
                text.append(String.format("%-" + (widths[i] + 2) + "s", cell(row, i)));
                html.append("<td>").append(escape(cell(row, i))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>");
        DisplayData data = new DisplayData(text.toString().stripTrailing());
        data.putHTML(html.toString());
        show(data);
    }

    private static String cell(List<?> row, int i) {
        if (i >= row.size() || row.get(i) == null) {
            return "";
        }
        Object value = row.get(i);
        return value instanceof Long || value instanceof Integer ? String.format("%,d", value) : value.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void show(DisplayData data) {
        Consumer<DisplayData> target = display;
        if (target == null) {
            throw new IllegalStateException("Show displays output only inside the lab's Java kernel");
        }
        target.accept(data);
    }
}
