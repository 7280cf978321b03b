package io.netanal.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The look all netanal charts share: white background, fonts sized to read at 1200x700, a colour-blind-friendly
 * palette, and the layout constants {@link ChartWriter} uses to place the title above the XChart body.
 *
 * <p>Stateless; any thread. Loading it sets {@code java.awt.headless=true} unless the caller chose otherwise:
 * netanal runs on servers without a display, and every chart class passes through here before AWT starts.
 */
final class ChartStyle {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Height of the band above the chart body holding the title and the subtitle. */
  static final int HEADER_HEIGHT = 64;
  static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 22);
  static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  static final Color TEXT = new Color(0x22, 0x22, 0x22);
  static final Color MUTED_TEXT = new Color(0x55, 0x55, 0x55);
  static final Color BACKGROUND = Color.WHITE;

  /** Okabe-Ito colours, distinguishable with the common colour-vision deficiencies. */
  static final Color BLUE = new Color(0x00, 0x72, 0xB2);
  static final Color ORANGE = new Color(0xE6, 0x9F, 0x00);
  static final Color GREEN = new Color(0x00, 0x9E, 0x73);
  static final Color VERMILLION = new Color(0xD5, 0x5E, 0x00);
  static final Color SKY = new Color(0x56, 0xB4, 0xE9);
  static final Color PURPLE = new Color(0xCC, 0x79, 0xA7);

  private ChartStyle() {}

  /** Body height for an image of {@code height} pixels. */
  static int bodyHeight(int height) {
    return Math.max(1, height - HEADER_HEIGHT);
  }

  /** Font metrics for measuring text before a chart is painted (no screen needed). */
  static FontMetrics metrics(Font font) {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      return g.getFontMetrics(font);
    } finally {
      g.dispose();
    }
  }

  static void apply(Styler styler) {
    styler.setChartTitleVisible(false);
    styler.setChartBackgroundColor(BACKGROUND);
    styler.setPlotBackgroundColor(BACKGROUND);
    styler.setPlotBorderVisible(false);
    styler.setChartFontColor(TEXT);
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    styler.setLegendBorderColor(new Color(0xcc, 0xcc, 0xcc));
    styler.setLegendPosition(Styler.LegendPosition.InsideNE);
    styler.setChartPadding(12);
    styler.setAntiAlias(true);
    styler.setSeriesColors(new Color[] {BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE});
  }

  static void applyAxes(AxesChartStyler styler) {
    apply(styler);
    styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
    styler.setAxisTickLabelsFont(TICK_FONT);
    styler.setPlotGridLinesColor(new Color(0xdd, 0xdd, 0xdd));
    styler.setPlotGridVerticalLinesVisible(false);
    styler.setAxisTickMarksColor(MUTED_TEXT);
    styler.setAxisTickLabelsColor(TEXT);
  }
}
