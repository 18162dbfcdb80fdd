package io.odoopulse.schema;

/**
 * One thing wrong with a file a partner edits, where an editor jumps to it: {@code file:line:column: message}.
 * Line and column are 1-based; 0 when the problem has no place in the file (it cannot be read at all).
 */
public record Problem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
