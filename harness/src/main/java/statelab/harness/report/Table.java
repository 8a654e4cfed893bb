package statelab.harness.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of results, defined once and written as HTML (report.html) or Markdown (report.md and the docs'
 * generated sections). A cell marked bad is bold red in HTML and bold in Markdown.
 */
public final class Table {

    /** One cell: its text, and whether it flags a problem (falling behind, counts not verified). */
    record Cell(String text, boolean bad) {
    }

    private final List<String> header;
    private final List<List<Cell>> rows = new ArrayList<>();

    Table(List<String> header) {
        this.header = List.copyOf(header);
    }

    /** Adds a row; each value a {@link Cell} or anything whose text is the cell's. */
    Table row(Object... cells) {
        List<Cell> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell instanceof Cell c ? c : new Cell(String.valueOf(cell), false));
        }
        rows.add(row);
        return this;
    }

    static Cell bad(String text, boolean bad) {
        return new Cell(text, bad);
    }

    public int size() {
        return rows.size();
    }

    public String html() {
        StringBuilder out = new StringBuilder("<table><tr>");
        header.forEach(h -> out.append("<th>").append(HtmlPage.escape(h)).append("</th>"));
        out.append("</tr>\n");
        for (List<Cell> row : rows) {
            out.append("<tr>");
            for (Cell cell : row) {
                out.append(cell.bad() ? "<td class=\"bad\">" : "<td>").append(HtmlPage.escape(cell.text()))
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</table>\n").toString();
    }

    /** GitHub-flavoured Markdown; the first column left-aligned, the others right-aligned where numeric. */
    public String markdown() {
        StringBuilder out = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++) {
            out.append(i > 0 && numeric(i) ? " ---: |" : " --- |");
        }
        out.append('\n');
        for (List<Cell> row : rows) {
            out.append('|');
            for (Cell cell : row) {
                String text = cell.text().replace("|", "\\|");
                out.append(' ').append(cell.bad() ? "**" + text + "**" : text).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private boolean numeric(int column) {
        return !rows.isEmpty() && rows.stream().allMatch(r -> r.get(column).text()
                .matches("-?[0-9][0-9,.]*( \\([0-9,]+\\.\\.[0-9,]+\\))?"));
    }
}
