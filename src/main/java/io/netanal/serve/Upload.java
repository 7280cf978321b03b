package io.netanal.serve;

import java.io.InputStream;

/**
 * One {@code POST /api/ingest} as the HTTP layer hands it over: the raw body stream, whether it is gzip, the
 * declared length (-1 when unknown), and the {@code X-Netanal-Sensor} and {@code Idempotency-Key} headers
 * (null when absent).
 */
record Upload(InputStream body, boolean gzip, long contentLength, String sensor, String key) {}
