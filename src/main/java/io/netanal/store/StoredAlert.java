package io.netanal.store;

/** A stored alert with the sensor whose upload raised it; the time is decimal epoch seconds. */
public record StoredAlert(String sensor, String time, String kind, String severity, String address,
    String message) {}
