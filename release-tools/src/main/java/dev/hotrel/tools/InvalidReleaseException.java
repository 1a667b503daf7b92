package dev.hotrel.tools;

import java.util.List;

/**
 * A release archive, or the inputs of {@code hotrel pack}, that Hotrel refuses: the sender's
 * fault. Carries every problem found (one line each), not only the first. Problems of the machine
 * doing the work (a full disk, a missing folder) are {@link java.io.IOException}s instead.
 */
public final class InvalidReleaseException extends Exception {

    private final String subject;
    private final List<Problem> problems;

    /**
     * @param subject what was refused, e.g. {@code demo-1.1.0.tar.gz}
     * @param problems at least one
     */
    public InvalidReleaseException(String subject, List<Problem> problems) {
        super(message(subject, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid release needs at least one problem");
        }
        this.subject = subject;
        this.problems = List.copyOf(problems);
    }

    public InvalidReleaseException(String subject, Problem problem) {
        this(subject, List.of(problem));
    }

    /** What was refused: an archive's file name or a release descriptor. */
    public String subject() {
        return subject;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Whether one of the problems has this code. */
    public boolean has(Problem.Code code) {
        return problems.stream().anyMatch(p -> p.code() == code);
    }

    private static String message(String subject, List<Problem> problems) {
        String first = problems.isEmpty() ? "?" : problems.get(0).message();
        return subject + ": " + first + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
    }
}
