package dev.gangway.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A name from the account cannot split a row or drive the user's terminal; any other text is kept as it is. */
class PrintableTest {

    @Test
    void controlCharactersAreShownAsEscapes() {
        assertThat(Printable.of("two\nlines\tand\r")).isEqualTo("two\\nlines\\tand\\r");
        assertThat(Printable.of("evil\u001b]0;owned\u0007-name")).isEqualTo("evil\\x1b]0;owned\\x07-name");
        assertThat(Printable.of("c1\u009b31m\u007f")).isEqualTo("c1\\x9b31m\\x7f");
    }

    @Test
    void everythingElseIsKept() {
        assertThat(Printable.of("Ünïcødé-名前 web_1 (prod) 🚀")).isEqualTo("Ünïcødé-名前 web_1 (prod) 🚀");
        assertThat(Printable.of("")).isEmpty();
        assertThat(Printable.of(null)).isNull();
    }
}
