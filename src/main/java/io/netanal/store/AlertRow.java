package io.netanal.store;

/**
 * One alert episode to store (DESIGN.md section 6): when it started, what kind, how bad, about whom, and the
 * sensors whose traffic raised it ({@code sensor} null: the sensor of the upload it is stored with).
 */
public record AlertRow(long timeNanos, String kind, String severity, String address, String message,
    String sensor) {
  public AlertRow(long timeNanos, String kind, String severity, String address, String message) {
    this(timeNanos, kind, severity, address, message, null);
  }
}
