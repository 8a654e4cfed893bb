package statelab.harness.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import statelab.core.LabException;
import statelab.harness.results.SearchSummary;

/**
 * Searches for the highest sustained rate ({@code ./lab search}): for one search directory its probes chart
 * ({@code search-probes.png}) and table; for the searches below a sweep ({@code search/*}) the highest sustained
 * rate of each ({@code search-rates.png}) and their table.
 */
final class SearchReport {

    private SearchReport() {
    }

    /** A search directory on its own: its probes chart and a table. */
    static Path write(Path dir) throws IOException {
        SearchSummary search = SearchSummary.read(dir);
        if (search.probes().isEmpty()) {
            throw new LabException(dir + " holds no finished probes yet");
        }
        String image = Charts.save(searchProbes(search), dir.resolve("search-probes.png"));
        StringBuilder out = new StringBuilder(HtmlPage.head());
        out.append("<h1>statelab report</h1>\n<h2>Highest sustained rate</h2>\n")
                .append(Tables.searches(List.of(search)).html()).append(HtmlPage.image(image))
                .append("</body></html>\n");
        Path html = dir.resolve("report.html");
        Files.writeString(html, out.toString(), StandardCharsets.UTF_8);
        return html;
    }

    /** The searches in {@code dir/search/*}, by variant and keys. */
    static List<SearchSummary> searchesBelow(Path dir) throws IOException {
        Path root = dir.resolve("search");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(SearchSummary::isSearch).map(SearchSummary::read)
                    .sorted(Comparator.comparing(SearchSummary::variant)
                            .thenComparingLong(SearchSummary::keys))
                    .toList();
        }
    }

    /** The highest sustained rate per variant, one bar per searched key count (log scale). */
    static JFreeChart searchRates(List<SearchSummary> searches) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (SearchSummary search : searches) {
            if (search.highestSustainedRateWordsPerS() > 0) {
                data.addValue(search.highestSustainedRateWordsPerS(), String.format("%,d keys", search.keys()),
                        search.variant());
            }
        }
        LogAxis rateAxis = Charts.logAxis("Highest sustained rate (words/s, log scale)");
        rateAxis.setSmallestValue(1_000); // a search's lowest rate by default
        BarRenderer renderer = new BarRenderer();
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new StandardBarPainter());
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, Charts.palette(i));
        }
        CategoryAxis variants = new CategoryAxis("Variant");
        variants.setMaximumCategoryLabelLines(2); // long names wrap instead of being cut
        variants.setMaximumCategoryLabelWidthRatio(1.5f);
        CategoryPlot plot = new CategoryPlot(data, variants, rateAxis,
                renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        plot.getDomainAxis().setLabelFont(Charts.AXIS_FONT);
        plot.getDomainAxis().setTickLabelFont(Charts.TICK_FONT);
        plot.getRangeAxis().setLabelFont(Charts.AXIS_FONT);
        plot.getRangeAxis().setTickLabelFont(Charts.TICK_FONT);
        JFreeChart chart = new JFreeChart("Highest sustained update rate", Charts.TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(Charts.TICK_FONT);
        chart.addSubtitle(new TextTitle(String.format("%d ms batches; a missing bar: no probed rate was sustained",
                searches.get(0).batchMs())));
        return chart;
    }

    /** One search's probes: median processing time against the rate, sustained and failed apart. */
    static JFreeChart searchProbes(SearchSummary search) {
        XYSeries sustained = new XYSeries("sustained", true, false);
        XYSeries failed = new XYSeries("not sustained", true, false);
        for (SearchSummary.Probe probe : search.probes()) {
            (probe.sustained() ? sustained : failed).add(probe.rateWordsPerS(),
                    Math.max(1, probe.run().medianProcessingMs()));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(sustained);
        data.addSeries(failed);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, Charts.palette(2));
        renderer.setSeriesPaint(1, Charts.palette(3));
        List<Double> values = search.probes().stream().map(p -> (double) Math.max(1, p.run().medianProcessingMs()))
                .toList();
        XYPlot plot = Charts.xyPlot(data, Charts.logAxis("Rate (words/s, log scale)"),
                Charts.msAxis("Median processing", search.batchMs(), values), renderer);
        plot.addRangeMarker(Charts.intervalMarker(search.batchMs()));
        Charts.legend(plot, Charts.intervalLegend(search.batchMs()));
        JFreeChart chart = Charts.styled(new JFreeChart(String.format("%s at %,d keys: probes", search.variant(),
                search.keys()), Charts.TITLE_FONT, plot, true));
        chart.addSubtitle(new TextTitle(search.conclusion()));
        return chart;
    }

}
