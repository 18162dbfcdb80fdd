package io.odoopulse.schema;

import java.util.List;
import java.util.stream.Collectors;

/** A file that cannot be used, with every problem found in it, one {@code file:line:column: message} a line. */
public class ProblemException extends RuntimeException {

    private final List<Problem> problems;

    public ProblemException(Problem problem) {
        this(List.of(problem));
    }

    public ProblemException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
