package statelab.harness.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.XYDataset;

/** What every chart of the lab shares: size, fonts, colours, axes, the batch-interval line, saving as PNG. */
final class Charts {

    static final int WIDTH = 900;
    static final int HEIGHT = 500;
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    /** Decades up to which a log axis is labelled at 1, 2 and 5 times each power of ten. */
    static final double MAX_DECADES_FOR_125 = 3.5;
    private static final BasicStroke INTERVAL_STROKE = new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER, 1f, new float[] {3f, 3f}, 0f);

    private Charts() {
    }

    /** Saves {@code chart} as a PNG of the charts' size; returns the file's name, for the page. */
    static String save(JFreeChart chart, Path file) throws IOException {
        return save(chart, file, HEIGHT);
    }

    /** Saves {@code chart} as a PNG of the charts' width and {@code height} pixels; returns the file's name. */
    static String save(JFreeChart chart, Path file, int height) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, height);
        return file.getFileName().toString();
    }

    /**
     * An XY plot. A log axis over a single value (a sweep of one key count, a search of one probe) would have an
     * empty range, which JFreeChart refuses: it spans a decade either side of the value instead.
     */
    static XYPlot xyPlot(XYDataset data, ValueAxis x, ValueAxis y, XYItemRenderer renderer) {
        fitSingleValue(x, DatasetUtils.findMinimumDomainValue(data).doubleValue(),
                DatasetUtils.findMaximumDomainValue(data).doubleValue());
        fitSingleValue(y, DatasetUtils.findMinimumRangeValue(data).doubleValue(),
                DatasetUtils.findMaximumRangeValue(data).doubleValue());
        return new XYPlot(data, x, y, renderer);
    }

    private static void fitSingleValue(ValueAxis axis, double lower, double upper) {
        if (axis instanceof LogAxis && axis.isAutoRange() && lower == upper && lower > 0) {
            axis.setAutoRange(false);
            axis.setRange(lower / 10, upper * 10);
        }
    }

    /**
     * A base-10 log axis labelled at 1, 2 and 5 times each power of ten (at each power of ten alone when the range
     * spans more than {@value #MAX_DECADES_FOR_125} decades), with plain numbers (1,000 rather than 10^3).
     */
    static LogAxis logAxis(String label) {
        LogAxis axis = new Log125Axis(label);
        axis.setBase(10);
        axis.setSmallestValue(1);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.##"));
        return axis;
    }

    /**
     * An axis for milliseconds per batch that always shows the batch interval: linear from 0 when the values and
     * the interval lie within one decade (every tick labelled), else a log axis labelled 1-2-5
     * ({@link #logAxis}); its range covers {@code values} (positive ones) and {@code batchMs}. The label gets the
     * unit: "Median per batch" becomes "Median per batch (ms)" or "Median per batch (ms, log scale)".
     */
    static ValueAxis msAxis(String label, long batchMs, List<Double> values) {
        double low = batchMs;
        double high = batchMs;
        for (double v : values) {
            if (v > 0) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        if (high / low < 10) {
            NumberAxis axis = new NumberAxis(label + " (ms)");
            axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
            axis.setRange(0, high * 1.12);
            return axis;
        }
        LogAxis axis = logAxis(label + " (ms, log scale)");
        axis.setRange(low / 1.4, high * 1.4);
        return axis;
    }

    /** The tick values of a 1-2-5 log axis over {@code [lower, upper]}: labelled (major) ones. */
    static List<Double> logTicks(double lower, double upper) {
        List<Double> ticks = new ArrayList<>();
        if (!(lower > 0) || !(upper > lower)) {
            return ticks;
        }
        boolean with25 = Math.log10(upper / lower) <= MAX_DECADES_FOR_125;
        for (int exp = (int) Math.floor(Math.log10(lower)); exp <= (int) Math.ceil(Math.log10(upper)); exp++) {
            double decade = Math.pow(10, exp);
            for (double m : with25 ? new double[] {1, 2, 5} : new double[] {1}) {
                double v = m * decade;
                if (v >= lower * (1 - 1e-9) && v <= upper * (1 + 1e-9)) {
                    ticks.add(v);
                }
            }
        }
        return ticks;
    }

    /** A log axis with 1-2-5 labels ({@link #logTicks}) and unlabelled minor ticks between them. */
    private static final class Log125Axis extends LogAxis {

        private static final long serialVersionUID = 1L;

        Log125Axis(String label) {
            super(label);
            setMinorTickMarksVisible(true);
        }

        @Override
        protected List refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            return ticks(edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER);
        }

        @Override
        protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            return ticks(edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT);
        }

        private List<NumberTick> ticks(TextAnchor anchor) {
            double lower = getLowerBound();
            double upper = getUpperBound();
            List<Double> major = logTicks(lower, upper);
            List<NumberTick> ticks = new ArrayList<>();
            for (double v : major) {
                ticks.add(new NumberTick(TickType.MAJOR, v, getNumberFormatOverride().format(v), anchor,
                        TextAnchor.CENTER, 0));
            }
            for (int exp = (int) Math.floor(Math.log10(Math.max(lower, 1e-9))); exp <= (int) Math.ceil(
                    Math.log10(Math.max(upper, 1e-9))); exp++) {
                for (int m = 1; m <= 9; m++) {
                    double v = m * Math.pow(10, exp);
                    if (v >= lower && v <= upper && !major.contains(v)) {
                        ticks.add(new NumberTick(TickType.MINOR, v, "", anchor, TextAnchor.CENTER, 0));
                    }
                }
            }
            return ticks;
        }
    }

    /** The batch interval as a red dashed line; it carries no label (the legend names it: {@link #legend}). */
    static ValueMarker intervalMarker(long batchMs) {
        return new ValueMarker(batchMs, Color.RED, INTERVAL_STROKE);
    }

    /** The legend's name for the batch interval line. */
    static String intervalLabel(long batchMs) {
        return String.format("batch interval %,d ms", batchMs);
    }

    /** A legend entry for the batch-interval line (markers draw no labels, so nothing is drawn over the data). */
    static LegendItem intervalLegend(long batchMs) {
        return new LegendItem(intervalLabel(batchMs), null, null, null, new Line2D.Double(-8, 0, 8, 0),
                INTERVAL_STROKE, Color.RED);
    }

    /** A legend entry for a shaded stretch of the x axis (a domain {@link IntervalMarker}). */
    static LegendItem shadedLegend(String label, Color fill) {
        return new LegendItem(label, null, null, null, new Rectangle2D.Double(-7, -6, 14, 12),
                new Color(fill.getRed(), fill.getGreen(), fill.getBlue(), Math.min(255, fill.getAlpha() * 4)));
    }

    /** A legend entry for a vertical line drawn across the plot. */
    static LegendItem lineLegend(String label, Color color, BasicStroke stroke) {
        return new LegendItem(label, null, null, null, new Line2D.Double(-8, 0, 8, 0), stroke, color);
    }

    /** The plot's legend: its series, then {@code extra} (the markers' names). */
    static void legend(XYPlot plot, LegendItem... extra) {
        LegendItemCollection items = new LegendItemCollection();
        items.addAll(plot.getLegendItems());
        for (LegendItem item : extra) {
            item.setLabelFont(TICK_FONT);
            items.add(item);
        }
        plot.setFixedLegendItems(items);
    }

    static JFreeChart styled(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        plot.getDomainAxis().setLabelFont(AXIS_FONT);
        plot.getRangeAxis().setLabelFont(AXIS_FONT);
        plot.getDomainAxis().setTickLabelFont(TICK_FONT);
        plot.getRangeAxis().setTickLabelFont(TICK_FONT);
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(TICK_FONT);
        }
        return chart;
    }

    /** The i-th colour of the lab's palette (it repeats). */
    /**
     * Two series per variant, variant {@code i} at {@code i} and {@code i + variants}: the first solid, the second
     * dashed, both in the variant's colour.
     */
    static void solidAndDashed(org.jfree.chart.renderer.xy.XYLineAndShapeRenderer renderer, int variants) {
        for (int i = 0; i < variants; i++) {
            renderer.setSeriesPaint(i, palette(i));
            renderer.setSeriesLinesVisible(i, true);
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
            renderer.setSeriesPaint(i + variants, palette(i));
            renderer.setSeriesLinesVisible(i + variants, true);
            renderer.setSeriesStroke(i + variants, new BasicStroke(2.0f, BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 6f}, 0f));
        }
    }

    static Color palette(int i) {
        Color[] colors = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(127, 127, 127), new Color(188, 189, 34)};
        return colors[i % colors.length];
    }
}
