package dev.hotrel.tools.cli;

import dev.hotrel.tools.remote.RemoteNode;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** A command that drives a running node through its Jolokia agent ({@code hotrel --url URL COMMAND}). */
abstract class RemoteCommand implements Callable<Integer> {

    @ParentCommand
    HotrelCli parent;

    /** The user a node generates at its first start. */
    static final String GENERATED_USER = "hotrel";

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        run(node(parent, spec), spec.commandLine().getOut());
        return 0;
    }

    abstract void run(RemoteNode node, PrintWriter out) throws Exception;

    /**
     * The node at {@code --url}, with credentials found in this order: {@code --user} and
     * {@code --password-file}; {@code --root ROOT} (user {@code hotrel}, {@code ROOT/conf/jolokia.password},
     * what a node generates at its first start); the settings {@code hotrel.user} and
     * {@code hotrel.passwordFile} (system properties, or environment {@code HOTREL_USER} and
     * {@code HOTREL_PASSWORD_FILE}); else none.
     */
    static RemoteNode node(HotrelCli cli, CommandSpec spec) throws IOException {
        if (cli.url == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "'" + spec.name() + "' drives a running node: give --url http://HOST:8778/jolokia before the command");
        }
        Path passwordFile = cli.passwordFile;
        String user = cli.user;
        if (passwordFile == null && cli.root != null) {
            passwordFile = cli.root.resolve("conf").resolve("jolokia.password");
            if (!Files.isReadable(passwordFile)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no readable " + passwordFile + " (a node writes it "
                        + "at its first start, readable by its OS user only): run as that user, or give --user and --password-file");
            }
            user = user == null ? GENERATED_USER : user;
        }
        if (passwordFile == null) {
            passwordFile = setting("hotrel.passwordFile", "HOTREL_PASSWORD_FILE").map(Path::of).orElse(null);
        }
        if (user == null) {
            user = setting("hotrel.user", "HOTREL_USER").orElse(passwordFile == null ? null : GENERATED_USER);
        }
        if (user != null && passwordFile == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--user " + user + " needs --password-file FILE "
                    + "(or --root ROOT, for the password a node generated)");
        }
        String password = null;
        if (passwordFile != null) {
            List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
            password = lines.isEmpty() ? "" : lines.get(0).trim();
        }
        return new RemoteNode(cli.url, user, password, cli.timeoutSeconds * 1000);
    }

    private static Optional<String> setting(String property, String environment) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(environment);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }
}
