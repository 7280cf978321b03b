-- netanal serve's schema (DESIGN.md section 8). Written once for SQLite and PostgreSQL: natural keys instead of
-- auto-increment columns, BIGINT/INTEGER/VARCHAR/DOUBLE PRECISION only. Times: window starts in epoch seconds
-- (aligned to the window size), packet times in epoch nanoseconds, server clock times in epoch milliseconds.

CREATE TABLE sensors (
  name          VARCHAR(64) PRIMARY KEY,
  first_seen_ms BIGINT NOT NULL,
  last_seen_ms  BIGINT NOT NULL,
  files         BIGINT NOT NULL,
  packets       BIGINT NOT NULL,
  bytes         BIGINT NOT NULL,
  last_packet_ns BIGINT
);

-- One row per stored upload; the key makes a sensor's retry a no-op.
CREATE TABLE ingested_files (
  idempotency_key VARCHAR(128) PRIMARY KEY,
  sensor          VARCHAR(64) NOT NULL,
  received_ms     BIGINT NOT NULL,
  size_bytes      BIGINT NOT NULL,
  format          VARCHAR(32) NOT NULL,
  packets         BIGINT NOT NULL,
  bytes           BIGINT NOT NULL,
  first_ns        BIGINT,
  last_ns         BIGINT
);
CREATE INDEX ingested_files_first ON ingested_files (first_ns);

-- Packets and wire bytes sent per source address per window (5, 30, 180 s).
CREATE TABLE source_windows (
  window_seconds INTEGER NOT NULL,
  address        VARCHAR(45) NOT NULL,
  start_s        BIGINT NOT NULL,
  packets        BIGINT NOT NULL,
  bytes          BIGINT NOT NULL,
  PRIMARY KEY (window_seconds, address, start_s)
);
CREATE INDEX source_windows_start ON source_windows (window_seconds, start_s);

-- Every frame per window, IP or not.
CREATE TABLE traffic_windows (
  window_seconds INTEGER NOT NULL,
  start_s        BIGINT NOT NULL,
  packets        BIGINT NOT NULL,
  bytes          BIGINT NOT NULL,
  PRIMARY KEY (window_seconds, start_s)
);

-- Frames containing each protocol per window (a frame counts once per protocol it contains, as in the report).
CREATE TABLE protocol_windows (
  window_seconds INTEGER NOT NULL,
  start_s        BIGINT NOT NULL,
  protocol       VARCHAR(32) NOT NULL,
  layer          VARCHAR(16) NOT NULL,
  packets        BIGINT NOT NULL,
  bytes          BIGINT NOT NULL,
  PRIMARY KEY (window_seconds, start_s, protocol)
);

CREATE TABLE flows (
  file_key            VARCHAR(128) NOT NULL,
  seq                 INTEGER NOT NULL,
  sensor              VARCHAR(64) NOT NULL,
  start_ns            BIGINT NOT NULL,
  end_ns              BIGINT NOT NULL,
  protocol            VARCHAR(16) NOT NULL,
  source_address      VARCHAR(45) NOT NULL,
  source_port         INTEGER NOT NULL,
  destination_address VARCHAR(45) NOT NULL,
  destination_port    INTEGER NOT NULL,
  packets             BIGINT NOT NULL,
  bytes               BIGINT NOT NULL,
  state               VARCHAR(16) NOT NULL,
  PRIMARY KEY (file_key, seq)
);
CREATE INDEX flows_start ON flows (start_ns);

CREATE TABLE alerts (
  file_key  VARCHAR(128) NOT NULL,
  seq       INTEGER NOT NULL,
  sensor    VARCHAR(64) NOT NULL,
  time_ns   BIGINT NOT NULL,
  kind      VARCHAR(64) NOT NULL,
  severity  VARCHAR(16) NOT NULL,
  address   VARCHAR(45) NOT NULL,
  message   VARCHAR(500) NOT NULL,
  PRIMARY KEY (file_key, seq)
);
CREATE INDEX alerts_time ON alerts (time_ns);
