package lux.agent.commands;

import java.util.ArrayList;
import java.util.List;

/** Splits a command on spaces, keeping "quoted names" together. */
final class Tokens {

    private Tokens() {
    }

    static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : (text == null ? "" : text.strip()).toCharArray()) {
            if (c == '"' || c == '“' || c == '”') {
                quoted = !quoted;
            }
            else if (Character.isWhitespace(c) && !quoted) {
                if (current.length() > 0) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            }
            else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }

}
