package io.netanal.store;

import io.netanal.window.WindowRecord;

/**
 * The {@code netanal.window/1} features of one address in one closed window, as one sensor's traffic showed them;
 * stored in {@code window_features}.
 */
public record FeatureRow(String sensor, WindowSize window, long startSeconds, WindowRecord features) {}
