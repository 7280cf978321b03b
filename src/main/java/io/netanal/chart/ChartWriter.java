package io.netanal.chart;

import io.netanal.report.AtomicFileOutput;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Paints a {@link TitledChart} into an image (title and subtitle in a band at the top, the XChart body below) and
 * saves it as PNG, atomically.
 *
 * <p>Stateless; any thread.
 */
public final class ChartWriter {
  private ChartWriter() {}

  /** The chart as an RGB image of exactly {@code width} x {@code height} pixels. */
  public static BufferedImage render(TitledChart chart, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(ChartStyle.BACKGROUND);
      g.fillRect(0, 0, width, height);
      drawCentred(g, chart.title(), ChartStyle.TITLE_FONT, ChartStyle.TEXT, width, 30);
      drawCentred(g, chart.subtitle(), ChartStyle.SUBTITLE_FONT, ChartStyle.MUTED_TEXT, width, 54);
      Graphics2D body = (Graphics2D) g.create(0, ChartStyle.HEADER_HEIGHT, width, ChartStyle.bodyHeight(height));
      try {
        chart.body().paint(body, width, ChartStyle.bodyHeight(height));
      } finally {
        body.dispose();
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Renders the chart and writes it to {@code target} as PNG; an existing file is replaced only on success. */
  public static void writePng(TitledChart chart, int width, int height, Path target) {
    BufferedImage image = render(chart, width, height);
    AtomicFileOutput.write(target, out -> ImageIO.write(image, "png", out));
  }

  private static void drawCentred(Graphics2D g, String text, java.awt.Font font, java.awt.Color color, int width,
      int baseline) {
    g.setFont(font);
    g.setColor(color);
    FontMetrics metrics = g.getFontMetrics();
    String shown = text;
    // Long file names: cut in the middle rather than run off the image.
    for (int keep = text.length() - 2; metrics.stringWidth(shown) > width - 20 && keep > 8; keep -= 2) {
      shown = text.substring(0, keep / 2) + "…" + text.substring(text.length() - keep / 2);
    }
    g.drawString(shown, Math.max(10, (width - metrics.stringWidth(shown)) / 2), baseline);
  }
}
