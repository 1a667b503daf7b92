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
import java.util.List;
import java.util.concurrent.Callable;

/** A command that drives a running node through its Jolokia agent ({@code hotrel --url URL COMMAND}). */
abstract class RemoteCommand implements Callable<Integer> {

    @ParentCommand
    HotrelCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        run(node(parent, spec), spec.commandLine().getOut());
        return 0;
    }

    abstract void run(RemoteNode node, PrintWriter out) throws Exception;

    static RemoteNode node(HotrelCli cli, CommandSpec spec) throws IOException {
        if (cli.url == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "'" + spec.name() + "' drives a running node: give --url http://HOST:8778/jolokia before the command");
        }
        String password = null;
        if (cli.passwordFile != null) {
            List<String> lines = Files.readAllLines(cli.passwordFile, StandardCharsets.UTF_8);
            password = lines.isEmpty() ? "" : lines.get(0).trim();
        }
        return new RemoteNode(cli.url, cli.user, password, cli.timeoutSeconds * 1000);
    }
}
