-- Names learnt passively for addresses (DNS answers, TLS SNI, HTTP Host: the report's "names"), newest wins;
-- they label the top sources. last_ns is the newest packet of the file that taught the name (retention).

CREATE TABLE address_names (
  address  VARCHAR(45) PRIMARY KEY,
  name     VARCHAR(255) NOT NULL,
  source   VARCHAR(16) NOT NULL,
  last_ns  BIGINT NOT NULL
);
