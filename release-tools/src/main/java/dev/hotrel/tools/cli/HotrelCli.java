package dev.hotrel.tools.cli;

import dev.hotrel.tools.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The {@code hotrel} command line: offline commands on archives and release roots. A thin adapter:
 * every command calls one Java API ({@code Packer}, {@code ArchiveVerifier}, {@code ReleaseUnpacker})
 * that the node uses too, and {@link Failures} turns whatever they throw into one line and an exit
 * code: 0 ok, 1 failed, 2 wrong usage.
 *
 * <p>With {@code --url http://HOST:8778/jolokia} the remote commands ({@code status | upload |
 * unpack | check | install | permanent | rollback | remove | leaks | deploy | start | stop |
 * restart}) drive a running node
 * through its Jolokia agent ({@link RemoteCommand}), sharing {@code --verbose}, the failure mapping
 * and the progress bar.
 */
@Command(name = "hotrel",
        mixinStandardHelpOptions = true,
        versionProvider = HotrelCli.Version.class,
        subcommands = {PackCommand.class, KeygenCommand.class, VerifyCommand.class, InspectCommand.class, UnpackCommand.class,
                InitCommand.class, StatusCommand.class, UploadCommand.class, CheckCommand.class, InstallCommand.class,
                PermanentCommand.class, RollbackCommand.class, RemoveCommand.class, LeaksCommand.class,
                DeployCommand.class, ApplicationCommand.Start.class, ApplicationCommand.Stop.class,
                ApplicationCommand.Restart.class, CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        description = {
                "Packs, checks and unpacks Hotrel release archives (NAME-VERSION.tar.gz), the unit of a hot, "
                        + "in-place upgrade of a Hotrel node; with --url, drives a running node over Jolokia HTTP.",
                ""},
        commandListHeading = "%nCommands:%n",
        footerHeading = "%n",
        footer = {"Run 'hotrel COMMAND --help' for a command's options.",
                "",
                "Exit codes: 0 done; 1 failed (stderr says why, one line per problem); 2 wrong usage."})
public final class HotrelCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace after the message.")
    boolean verbose;

    @Option(names = "--url", paramLabel = "URL",
            description = "The node's Jolokia agent, e.g. http://127.0.0.1:8778/jolokia (for the remote commands).")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "Management user (default hotrel with --root).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the user's password.")
    java.nio.file.Path passwordFile;

    @Option(names = "--root", paramLabel = "DIR", description = {"The node's release root, for the password it generated "
            + "(DIR/conf/jolokia.password, user hotrel); else HOTREL_USER and HOTREL_PASSWORD_FILE are used if set."})
    java.nio.file.Path root;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long one remote operation may take (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private boolean terminal;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err, System.console() != null));
    }

    /**
     * Runs one command line, writing to {@code out} and {@code err}.
     *
     * @param terminal whether err is a terminal, where a progress bar may be drawn
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
        HotrelCli cli = new HotrelCli();
        cli.terminal = terminal;
        CommandLine line = new CommandLine(cli)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Failures::onFailure)
                .setParameterExceptionHandler(Failures::onUsageError);
        try {
            return line.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command (one of: pack, verify, inspect, unpack, init; with --url: status, upload, unpack, check, "
                        + "install, permanent, rollback, remove, leaks, deploy, start, stop, restart)");
    }

    /** A progress bar on stderr if it is a terminal, else nothing. */
    Progress progress(CommandSpec command, String label) {
        return terminal ? new ProgressBar(command.commandLine().getErr(), label) : Progress.NONE;
    }

    /** The version from the jar's manifest (the shaded CLI jar has one). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = HotrelCli.class.getPackage().getImplementationVersion();
            return new String[]{"hotrel " + (v == null ? "(development build)" : v)};
        }
    }
}
