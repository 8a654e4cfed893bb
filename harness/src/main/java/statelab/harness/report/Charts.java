package statelab.harness.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.ui.RectangleAnchor;
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

    private Charts() {
    }

    /** Saves {@code chart} as a PNG of the charts' size; returns the file's name, for the page. */
    static String save(JFreeChart chart, Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
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
        if (axis instanceof LogAxis && lower == upper && lower > 0) {
            axis.setAutoRange(false);
            axis.setRange(lower / 10, upper * 10);
        }
    }

    /** A base-10 log axis with a tick per decade, labelled with plain numbers (1,000 rather than 10^3). */
    static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setSmallestValue(1);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setMinorTickCount(9);
        axis.setMinorTickMarksVisible(true);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        return axis;
    }

    static ValueMarker intervalMarker(long batchMs) {
        ValueMarker marker = new ValueMarker(batchMs, Color.RED, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {3f, 3f}, 0f));
        marker.setLabel("batch interval " + batchMs + " ms");
        marker.setLabelFont(TICK_FONT);
        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        return marker;
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
    static Color palette(int i) {
        Color[] colors = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(127, 127, 127), new Color(188, 189, 34)};
        return colors[i % colors.length];
    }
}
