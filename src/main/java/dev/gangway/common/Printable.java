package dev.gangway.common;

/**
 * Text from the account (a Name tag, a managed node's name) made safe to print on a terminal: EC2
 * allows any character in a tag, so a name could hold a line break that splits a table's row, or an
 * escape sequence that recolours, retitles or rewrites the user's terminal. Control characters are
 * shown as escapes instead ({@code \n}, {@code \t}, {@code \x1b}); everything else is kept.
 */
public final class Printable {

    private Printable() {
    }

    public static String of(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F);
            if (control && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (!control) {
                    out.append(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else if (c == '\t') {
                    out.append("\\t");
                } else {
                    out.append(String.format("\\x%02x", (int) c));
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
