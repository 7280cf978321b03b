package io.netanal.chart;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

/** Measures of a rendered image, for telling a drawn chart from a blank or one-colour picture. */
final class ChartPictures {
  private ChartPictures() {}

  static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colours.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    return colours.size();
  }

  /** Share of pixels in {@code rgb}'s colour, within a small tolerance per channel. */
  static double share(BufferedImage image, int rgb) {
    long hits = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        if (close(p >> 16, rgb >> 16) && close(p >> 8, rgb >> 8) && close(p, rgb)) {
          hits++;
        }
      }
    }
    return (double) hits / ((long) image.getWidth() * image.getHeight());
  }

  private static boolean close(int a, int b) {
    return Math.abs((a & 0xff) - (b & 0xff)) <= 8;
  }
}
