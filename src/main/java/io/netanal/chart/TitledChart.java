package io.netanal.chart;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A chart ready to paint: the title and the subtitle (source file and time range) that {@link ChartWriter} draws
 * above it, and the XChart body sized to fill the rest of the image.
 */
public record TitledChart(String title, String subtitle, Chart<?, ?> body) {}
