package io.netanal.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OneBlockSha1Test {
  private final OneBlockSha1 sha1 = new OneBlockSha1();

  @Test
  void shouldGiveTheFipsExampleDigestOfAbc() {
    byte[] digest = new byte[20];
    sha1.digest("abc".getBytes(StandardCharsets.US_ASCII), 3, digest);
    assertThat(HexFormat.of().formatHex(digest)).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
  }

  @Test
  void shouldGiveTheDigestOfTheEmptyMessage() {
    byte[] digest = new byte[20];
    sha1.digest(new byte[0], 0, digest);
    assertThat(HexFormat.of().formatHex(digest)).isEqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709");
  }

  @Test
  void shouldAgreeWithTheJdkDigestForEveryLengthOfOneBlock() throws NoSuchAlgorithmException {
    MessageDigest jdk = MessageDigest.getInstance("SHA-1");
    Random random = new Random(20261202);
    byte[] digest = new byte[20];
    for (int round = 0; round < 200; round++) {
      for (int length = 0; length <= OneBlockSha1.MAX_LENGTH; length++) {
        byte[] message = new byte[length + 3]; // a longer array: only the given length counts
        random.nextBytes(message);
        sha1.digest(message, length, digest);
        assertThat(digest).as("length %d", length).isEqualTo(jdk.digest(Arrays.copyOf(message, length)));
      }
    }
  }

  @Test
  void shouldRefuseAMessageLongerThanOneBlock() {
    assertThatThrownBy(() -> sha1.digest(new byte[56], 56, new byte[20]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("one-block SHA-1 message: 56 bytes (expected: 0 to 55)");
  }
}
