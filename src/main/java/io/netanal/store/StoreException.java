package io.netanal.store;

import io.netanal.NetanalException;

/** A database operation failed after the store was opened: a lost connection, a full disk, a timeout. */
public final class StoreException extends NetanalException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
