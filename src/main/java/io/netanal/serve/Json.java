package io.netanal.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The collector's JSON: one Jackson mapper for responses and dashboard pushes (records by component name).
 *
 * <p>Thread-safe (Jackson's mapper is, once configured).
 */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** {@code {error, message}}, the body of every refusal. */
  static Map<String, String> error(String error, String message) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("error", error);
    m.put("message", message);
    return m;
  }
}
