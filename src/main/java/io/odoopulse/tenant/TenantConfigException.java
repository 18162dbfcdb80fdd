package io.odoopulse.tenant;

import java.util.List;
import java.util.stream.Collectors;

import io.odoopulse.schema.Problem;

/**
 * A tenant bundle that cannot be used; the message names the file (and line, column and key where known), one
 * problem a line ({@code file:line:column: message}).
 */
public class TenantConfigException extends RuntimeException {

    private final List<Problem> problems;

    public TenantConfigException(String message) {
        super(message);
        this.problems = List.of();
    }

    public TenantConfigException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    public TenantConfigException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, each with its place; empty when the message is all there is. */
    public List<Problem> problems() {
        return problems;
    }
}
