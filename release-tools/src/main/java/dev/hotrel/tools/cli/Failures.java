package dev.hotrel.tools.cli;

import dev.hotrel.tools.remote.RemoteException;
import dev.hotrel.release.ManifestException;
import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Problem;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/**
 * Turns failures into what a person at a terminal reads: one line per problem on stderr, prefixed
 * {@code hotrel COMMAND:}, without a stack trace unless {@code --verbose}; and the exit code. The
 * one place where the CLI formats errors. It tells apart
 * <ul>
 *   <li>the input's fault: an invalid archive or pack input ({@link InvalidReleaseException}, one
 *       line per problem), a bad manifest ({@link ManifestException});</li>
 *   <li>a refusal because of the root's state: busy, already there ({@link IllegalStateException},
 *       {@link IllegalArgumentException});</li>
 *   <li>this machine's fault: a missing or unreadable file, a full disk ({@link IOException});</li>
 *   <li>a bug in hotrel: anything else, said as such.</li>
 * </ul>
 */
final class Failures {

    static final int FAILED = 1;
    static final int USAGE = 2;

    private Failures() {
    }

    static int onFailure(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        String prefix = command.getCommandSpec().qualifiedName() + ": ";
        for (String line : lines(e)) {
            err.println(prefix + line);
        }
        if (verbose(parsed)) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }

    static int onUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage());
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return USAGE;
    }

    /** The lines that explain a failure. */
    static java.util.List<String> lines(Throwable e) {
        if (e instanceof InvalidReleaseException invalid) {
            return invalid.problems().stream().map(Problem::message).map(m -> invalid.subject() + ": " + m).toList();
        }
        if (e instanceof ManifestException) {
            return java.util.List.of(e.getMessage());
        }
        if (e instanceof NoSuchFileException n) {
            return java.util.List.of(n.getReason() != null ? n.getReason() : "no such file: " + n.getFile());
        }
        if (e instanceof FileAlreadyExistsException f) {
            return java.util.List.of("already exists: " + f.getFile());
        }
        if (e instanceof AccessDeniedException a) {
            return java.util.List.of("permission denied: " + a.getFile());
        }
        if (e instanceof IOException) {
            return java.util.List.of("I/O error: " + e.getMessage());
        }
        if (e instanceof RemoteException || e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
            return java.util.List.of(e.getMessage());
        }
        return java.util.List.of("internal error (a bug in hotrel, please report it): " + e
                + " (run with --verbose for the stack trace)");
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
